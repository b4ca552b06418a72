import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileReader } from '../../../../../shared/contract';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { formatDateTime } from '../../../i18n/dates';
import { useReloadOn } from '../useReloadOn';

interface ReaderRow {
  key: string;
  first: string;
  last: string;
  username: string | null;
  role: string | null;
  action: string;
  count: number;
}

/**
 * Runs of the same account doing the same thing become one row ("Xem hồ sơ ×4, 09:02–09:15"): every
 * change on the file is followed by a fresh (and audited) read, which would otherwise drown the list.
 */
function collapse(readers: readonly FileReader[]): ReaderRow[] {
  const rows: ReaderRow[] = [];
  for (const r of readers) {
    const prev = rows[rows.length - 1];
    if (prev && prev.username === r.username && prev.action === r.action) {
      prev.first = r.at;
      prev.count += 1;
    } else {
      rows.push({ key: `${r.at}-${r.action}`, first: r.at, last: r.at, ...r, count: 1 });
    }
  }
  return rows;
}

/** For leaders: who opened, printed or changed this file, from the audit log (newest first). */
export function ReadersCard({ personId, version }: { personId: string; version: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const readers = useProcedure('persons.readers', { personId });
  useReloadOn(version, readers.reload);
  const rows = useMemo(() => collapse(readers.data ?? []), [readers.data]);
  const columns: TableColumnsType<ReaderRow> = [
    {
      key: 'at',
      title: t('persons.readers.at'),
      width: 150,
      render: (_, r) =>
        r.count > 1 && formatDateTime(r.first) !== formatDateTime(r.last) ? (
          <span>
            {formatDateTime(r.last)}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('persons.readers.since', { at: formatDateTime(r.first) })}
            </Typography.Text>
          </span>
        ) : (
          formatDateTime(r.last)
        ),
    },
    {
      key: 'who',
      title: t('persons.readers.who'),
      render: (_, r) => (
        <span>
          {r.username ?? t('audit.unknownAccount')}
          {r.role ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t(`roles.${r.role}`, { defaultValue: r.role })}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      key: 'action',
      title: t('persons.readers.action'),
      render: (_, r) =>
        `${t(`persons.readers.actions.${r.action.replace(/\./g, '_')}`, { defaultValue: r.action })}${
          r.count > 1 ? ` ×${r.count}` : ''
        }`,
    },
  ];
  return (
    <Card title={t('persons.readers.title')} role="region" aria-label={t('persons.readers.title')}>
      {readers.error ? (
        <Typography.Text type="danger">{errorText(readers.error)}</Typography.Text>
      ) : (
        <Table<ReaderRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={readers.loading}
          pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        />
      )}
    </Card>
  );
}
