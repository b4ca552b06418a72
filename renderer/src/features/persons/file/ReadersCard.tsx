import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FileReader } from '../../../../../shared/contract';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { formatDateTime } from '../../../i18n/dates';
import { useReloadOn } from '../useReloadOn';

/** For leaders: who opened, printed or changed this file, from the audit log (newest first). */
export function ReadersCard({ personId, version }: { personId: string; version: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const readers = useProcedure('persons.readers', { personId });
  useReloadOn(version, readers.reload);
  const columns: TableColumnsType<FileReader> = [
    { key: 'at', title: t('persons.readers.at'), width: 170, render: (_, r) => formatDateTime(r.at) },
    {
      key: 'who',
      title: t('persons.readers.who'),
      render: (_, r) => (
        <span>
          {r.username ?? t('audit.unknownAccount')}
          {r.role ? (
            <Typography.Text type="secondary"> · {t(`roles.${r.role}`, { defaultValue: r.role })}</Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      key: 'action',
      title: t('persons.readers.action'),
      render: (_, r) => t(`persons.readers.actions.${r.action.replace(/\./g, '_')}`, { defaultValue: r.action }),
    },
  ];
  return (
    <Card title={t('persons.readers.title')} role="region" aria-label={t('persons.readers.title')}>
      {readers.error ? (
        <Typography.Text type="danger">{errorText(readers.error)}</Typography.Text>
      ) : (
        <Table<FileReader>
          rowKey={(r) => `${r.at}-${r.action}-${r.username ?? ''}`}
          size="small"
          columns={columns}
          dataSource={readers.data ?? []}
          loading={readers.loading}
          pagination={(readers.data?.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          aria-label={t('persons.readers.title')}
        />
      )}
    </Card>
  );
}
