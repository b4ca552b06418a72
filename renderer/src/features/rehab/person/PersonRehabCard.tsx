import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProcedure } from '../../../api/useProcedure';
import { formatDate } from '../../../i18n/dates';
import { ToneTag } from '../../persons/ToneTag';
import { useRehabAbilities } from '../abilities';
import { DaysLeftTag } from '../DaysLeftTag';
import { useRehabLabels } from '../labels';
import { StartReferralModal } from './StartReferralModal';

/**
 * On a person's file: their compulsory-rehab referrals with state and time limit, stays, voluntary rehab and
 * methadone; a commune officer starts a referral from here. The dossiers themselves open under "Cai nghiện".
 */
export function PersonRehabCard(props: { personId: string; name: string; canWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const labels = useRehabLabels();
  const can = useRehabAbilities();
  const { message } = App.useApp();
  const rehab = useProcedure('rehab.person', { personId: props.personId });
  const [starting, setStarting] = useState(false);
  const referrals = rehab.data?.referrals ?? [];
  const open = referrals.some((r) => !['completed', 'closed', 'exempted', 'died'].includes(r.state));
  return (
    <Card
      title={t('rehab.person.title')}
      extra={
        props.canWrite && can.prepare && !open ? (
          <Button icon={<PlusOutlined />} onClick={() => setStarting(true)}>
            {t('rehab.person.start')}
          </Button>
        ) : null
      }
    >
      {referrals.length === 0 &&
      !rehab.data?.stays.length &&
      !rehab.data?.methadone.length &&
      !rehab.data?.voluntary.length ? (
        <Typography.Text type="secondary">{rehab.loading ? '' : t('rehab.person.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={referrals}
          rowKey="id"
          renderItem={(r) => (
            <List.Item data-testid="person-referral">
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={8} wrap align="center">
                  <Typography.Text strong>{labels.referralKind.compulsory}</Typography.Text>
                  <ToneTag tone="blue">{labels.referralState[r.state]}</ToneTag>
                </Flex>
                <Typography.Text type="secondary" className="rehab-small">
                  {t('rehab.person.discovered', { date: formatDate(r.discoveredOn) })}
                </Typography.Text>
                {r.deadline ? (
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text>{t('rehab.person.deadline', { date: formatDate(r.deadline) })}</Typography.Text>
                    <DaysLeftTag deadline={r.deadline} daysLeft={r.daysLeft} />
                  </Flex>
                ) : null}
              </Flex>
            </List.Item>
          )}
          footer={
            rehab.data && (rehab.data.methadone.length || rehab.data.voluntary.length) ? (
              <Flex vertical gap={4}>
                {rehab.data.voluntary.map((v) => (
                  <Typography.Text key={v.id}>
                    {labels.referralKind.voluntary}: {labels.voluntaryStatus[v.status]} ({formatDate(v.registeredOn)})
                  </Typography.Text>
                ))}
                {rehab.data.methadone.map((m) => (
                  <Typography.Text key={m.id}>
                    {t('rehab.person.methadone')}: {labels.methadoneStatus[m.status]} ({formatDate(m.startedOn)})
                  </Typography.Text>
                ))}
              </Flex>
            ) : null
          }
        />
      )}
      {starting ? (
        <StartReferralModal
          personId={props.personId}
          name={props.name}
          onClose={() => setStarting(false)}
          onDone={(d) => {
            setStarting(false);
            void message.success(
              d.referral.deadline
                ? t('rehab.start.done', { date: formatDate(d.referral.deadline) })
                : t('rehab.start.doneNoDeadline'),
            );
            rehab.reload();
            props.onChanged();
          }}
        />
      ) : null}
    </Card>
  );
}
