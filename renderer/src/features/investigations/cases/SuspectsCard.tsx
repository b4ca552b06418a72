import { DeleteOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, SuspectView } from '../../../../../shared/contract';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';
import { formatDate } from '../../../i18n/dates';
import { formatPartialDate } from '../../persons/format';
import { useInvestigationLabels } from '../labels';
import { SuspectModal } from './SuspectModal';

/** The suspects of a case: who (as the persons scope shows them), role, arrest and custody, measure, outcome. */
export function SuspectsCard(props: { caseFile: CaseView; canWrite: boolean; onChanged: (c: CaseView) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useInvestigationLabels();
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState<SuspectView | 'new' | null>(null);
  const name = (s: SuspectView) => s.person?.fullName ?? t('investigations.suspect.outOfScope');

  const remove = (s: SuspectView) =>
    void modal.confirm({
      title: t('investigations.suspect.removeTitle'),
      content: t('investigations.suspect.removeBody', { name: name(s) }),
      okText: t('investigations.suspect.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        const r = await api.invoke('cases.removeSuspect', { suspectId: s.id });
        if (!r.ok) void message.error(errorText(r.error));
        else props.onChanged(r.value);
      },
    });

  return (
    <Card
      title={t('investigations.suspect.title', { count: props.caseFile.suspects.length })}
      extra={
        props.canWrite ? (
          <Button icon={<UserAddOutlined />} onClick={() => setEditing('new')}>
            {t('investigations.suspect.add')}
          </Button>
        ) : null
      }
    >
      {props.caseFile.suspects.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('investigations.suspect.none')} />
      ) : (
        <Table<SuspectView>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 760 }}
          aria-label={t('investigations.suspect.tableLabel')}
          dataSource={props.caseFile.suspects}
          columns={[
            {
              title: t('investigations.suspect.fullName'),
              key: 'name',
              render: (_, s) => (
                <Flex vertical>
                  <strong>{name(s)}</strong>
                  {s.person ? (
                    <span className="inv-muted">
                      {[formatPartialDate(s.person.birthDate), s.person.citizenId].filter(Boolean).join(' · ')}
                    </span>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('investigations.suspect.role'),
              dataIndex: 'role',
              render: (r: SuspectView['role']) => labels.suspectRole[r],
            },
            {
              title: t('investigations.suspect.arrest'),
              key: 'arrest',
              render: (_, s) =>
                s.arrestedOn
                  ? `${formatDate(s.arrestedOn)}${s.custodyUntil ? ` → ${formatDate(s.custodyUntil)}` : ''}`
                  : '—',
            },
            {
              title: t('investigations.suspect.measure'),
              key: 'measure',
              render: (_, s) =>
                s.measure === 'none'
                  ? labels.suspectMeasure.none
                  : `${labels.suspectMeasure[s.measure]}${s.measureFrom ? ` (${formatDate(s.measureFrom)})` : ''}`,
            },
            {
              title: t('investigations.suspect.outcome'),
              dataIndex: 'outcome',
              render: (o: SuspectView['outcome']) => labels.suspectOutcome[o],
            },
            ...(props.canWrite
              ? [
                  {
                    title: <span className="inv-sr-only">{t('common.actions')}</span>,
                    key: 'actions',
                    width: 96,
                    render: (_: unknown, s: SuspectView) => (
                      <Flex gap={4}>
                        <Button
                          type="text"
                          icon={<EditOutlined />}
                          aria-label={t('investigations.suspect.editOne', { name: name(s) })}
                          onClick={() => setEditing(s)}
                        />
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('investigations.suspect.removeOne', { name: name(s) })}
                          onClick={() => remove(s)}
                        />
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing ? (
        <SuspectModal
          caseFile={props.caseFile}
          suspect={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setEditing(null);
            props.onChanged(c);
          }}
        />
      ) : null}
    </Card>
  );
}
