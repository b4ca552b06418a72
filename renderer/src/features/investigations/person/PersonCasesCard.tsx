import { Alert, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { formatDate } from '../../../i18n/dates';
import { DeadlineTag } from '../DeadlineTag';
import { useInvestigationLabels } from '../labels';
import { CaseStateTag } from '../tips/TipStateTag';

/**
 * On a person's file, for roles that may read cases only: the cases the person is a suspect in, with their
 * role, state, severity and time limit. Reading them is audited by the host (cases.ofPerson). Being a
 * suspect does not put anyone "under management"; this card only shows the links.
 */
export function PersonCasesCard({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const labels = useInvestigationLabels();
  const errorText = useErrorText();
  const cases = useProcedure('cases.ofPerson', { personId });
  return (
    <Card title={t('investigations.personCases.title')} data-testid="person-cases">
      {cases.error ? (
        <Alert type="error" showIcon title={errorText(cases.error)} />
      ) : cases.data && cases.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('investigations.personCases.none')} />
      ) : (
        <List
          loading={cases.loading}
          dataSource={cases.data ?? []}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Text strong>{t('investigations.case.titleOf', { number: c.number })}</Typography.Text>
                  <CaseStateTag state={c.state} />
                </Flex>
                <Typography.Text type="secondary">
                  {labels.suspectRole[c.suspectRole]} ·{' '}
                  {c.offences.map((o) => labels.offence(o.article, o.clause)).join('; ')} ·{' '}
                  {t('investigations.personCases.prosecutedOn', { date: formatDate(c.prosecutedOn) })}
                </Typography.Text>
                <Flex gap={8} wrap align="center">
                  <Tag>{labels.severity[c.severity]}</Tag>
                  {c.daysLeft !== null ? <DeadlineTag deadline={c.deadline} daysLeft={c.daysLeft} /> : null}
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
