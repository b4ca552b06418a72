import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Determination, PersonFile } from '../../../../../shared/contract';
import { formatDate } from '../../../i18n/dates';
import { todayIso } from '../format';
import { usePersonLabels } from '../labels';
import { ToneTag } from '../ToneTag';
import { AddDeterminationModal } from './AddDeterminationModal';
import { DeterminationResultModal } from './DeterminationResultModal';
import { useReopenedDialog } from './dialog-draft';

/** Where the 5-working-day registration clock stands for a positive determination. */
function RegistrationState({ d }: { d: Determination }) {
  const { t } = useTranslation();
  if (d.result !== 'addicted' || !d.registrationDeadline) return null;
  const deadline = formatDate(d.registrationDeadline);
  if (d.registeredAt) {
    const late = d.registeredAt > d.registrationDeadline;
    return (
      <ToneTag tone={late ? 'orange' : 'green'}>
        {t(late ? 'persons.determination.registeredLate' : 'persons.determination.registered', {
          date: formatDate(d.registeredAt),
          deadline,
        })}
      </ToneTag>
    );
  }
  const overdue = todayIso() > d.registrationDeadline;
  return (
    <ToneTag tone={overdue ? 'red' : 'gold'} testId="registration-deadline">
      {t(overdue ? 'persons.determination.overdue' : 'persons.determination.deadline', { deadline })}
    </ToneTag>
  );
}

/** Addiction determinations: requests, results, and the registration deadline a positive result sets. */
export function DeterminationsCard(props: {
  personId: string;
  determinations: readonly Determination[];
  canWrite: boolean;
  onChanged: (file: PersonFile) => void;
}) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  const { message } = App.useApp();
  // After an unlock, the request dialog whose draft was left open opens again.
  const reopened = useReopenedDialog('determination', props.personId);
  const [adding, setAdding] = useState(() => reopened !== null);
  const [editing, setEditing] = useState<Determination | null>(null);
  const done = (text: string, file: PersonFile) => {
    setAdding(false);
    setEditing(null);
    void message.success(text);
    props.onChanged(file);
  };
  return (
    <Card
      title={t('persons.determination.title')}
      extra={
        props.canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('persons.determination.add')}
          </Button>
        ) : null
      }
    >
      {props.determinations.length ? (
        <List
          dataSource={[...props.determinations]}
          rowKey="id"
          renderItem={(d) => (
            <List.Item data-testid="determination-item">
              <Flex vertical gap={8} style={{ width: '100%' }}>
                <Flex justify="space-between" align="center" wrap gap={8}>
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong>
                      {t('persons.determination.requestedOn', { date: formatDate(d.requestedDate) })}
                    </Typography.Text>
                    <ToneTag tone={d.result === 'addicted' ? 'red' : d.result === 'not_addicted' ? 'green' : 'neutral'}>
                      {labels.determinationResult[d.result]}
                    </ToneTag>
                    <RegistrationState d={d} />
                  </Flex>
                  {props.canWrite ? (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(d)}>
                      {d.result === 'pending'
                        ? t('persons.determination.recordResult')
                        : t('persons.determination.recordRegistration')}
                    </Button>
                  ) : null}
                </Flex>
                <Descriptions
                  size="small"
                  layout="vertical"
                  column={{ xs: 1, sm: 3 }}
                  items={[
                    { key: 'facility', label: t('persons.determination.facility'), children: d.facility },
                    {
                      key: 'resultDate',
                      label: t('persons.determination.resultDate'),
                      children: d.resultDate ? formatDate(d.resultDate) : '—',
                    },
                    { key: 'formRef', label: t('persons.determination.formRef'), children: d.formRef ?? '—' },
                  ]}
                />
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('persons.determination.none')}</Typography.Text>
      )}
      {adding ? (
        <AddDeterminationModal
          personId={props.personId}
          onClose={() => setAdding(false)}
          onAdded={({ file }) => done(t('persons.determination.added'), file)}
        />
      ) : null}
      {editing ? (
        <DeterminationResultModal
          determination={editing}
          onClose={() => setEditing(null)}
          onSaved={({ record: d, file }) =>
            done(
              d.registrationDeadline && !d.registeredAt
                ? t('persons.determination.savedDeadline', { deadline: formatDate(d.registrationDeadline) })
                : t('persons.determination.saved'),
              file,
            )
          }
        />
      ) : null}
    </Card>
  );
}
