import { Badge, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../shared/contract';
import { formatDateTime } from '../../i18n/dates';
import { actionKey, describeDetail } from './audit-vocabulary';

const OUTCOME_STATUS = { ok: 'success', denied: 'warning', failed: 'error' } as const;

/** The log itself, newest first, virtualised: a workstation's log grows by thousands of entries a month. */
export function AuditTable({ entries, loading }: { entries: readonly AuditEntryView[]; loading: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<AuditEntryView> = [
    { key: 'seq', title: '#', width: 60, render: (_, e) => e.seq },
    { key: 'at', title: t('audit.columns.at'), width: 165, render: (_, e) => formatDateTime(e.at, true) },
    {
      key: 'who',
      title: t('audit.columns.account'),
      width: 185,
      render: (_, e) => (
        <Flex vertical>
          <span>{e.username ?? t('audit.unknownAccount')}</span>
          {e.role ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`roles.${e.role}`, { defaultValue: e.role })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'action',
      title: t('audit.columns.action'),
      width: 330,
      render: (_, e) => (
        <Flex vertical>
          <span>{t(actionKey(e.action), { defaultValue: e.action })}</span>
          {e.detail ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {describeDetail(e.detail, t)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'record',
      title: t('audit.columns.record'),
      width: 150,
      render: (_, e) =>
        e.recordType ? (
          <span>
            {t(`audit.recordTypes.${e.recordType}`, { defaultValue: e.recordType })}
            {e.recordId ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                {e.recordId.slice(0, 8)}
              </Typography.Text>
            ) : null}
          </span>
        ) : (
          '—'
        ),
    },
    {
      key: 'outcome',
      title: t('audit.columns.outcome'),
      width: 120,
      render: (_, e) => <Badge status={OUTCOME_STATUS[e.outcome]} text={t(`outcome.${e.outcome}`)} />,
    },
  ];
  return (
    <Table<AuditEntryView>
      // Virtual scrolling only with rows to scroll: an empty virtual body is a scroll box with nothing to reach.
      virtual={entries.length > 0}
      rowKey="seq"
      size="small"
      columns={columns}
      dataSource={[...entries]}
      loading={loading}
      scroll={entries.length > 0 ? { x: 1010, y: 520 } : undefined}
      pagination={false}
      locale={{ emptyText: <Typography.Text type="secondary">{t('audit.empty')}</Typography.Text> }}
    />
  );
}
