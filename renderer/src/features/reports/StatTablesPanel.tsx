import { Alert, Card, Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatTable } from '../../../../shared/contract/reports';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { formatNumber } from './report-format';

/**
 * The ministry's report-form tables: persons on record (Circular 13/2022/TT-BCA), seizures by substance and unit,
 * cases by offence article, referrals by state and escapes; each only for a role that reads those records.
 */
export function StatTablesPanel({ query }: { query: { from: string; to: string; communeCode?: string } }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const errorText = useErrorText();
  const tables = useProcedure('reports.tables', query);
  if (tables.error) return <Alert type="error" showIcon title={errorText(tables.error)} />;
  if (tables.data && !tables.data.length) return <Alert type="info" showIcon title={t('reports.tables.noRights')} />;
  return (
    <>
      {(tables.data ?? []).map((table: StatTable) => (
        <Card
          key={table.id}
          size="small"
          title={table.title[lang]}
          style={{ marginBottom: 16 }}
          className="report-table-card"
        >
          {table.rows.length ? (
            <div className="report-table-scroll">
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={table.rows}
                columns={[
                  {
                    key: 'label',
                    title: table.rowHead[lang],
                    render: (_, r) => <Typography.Text strong={r.key === 'total'}>{r.label[lang]}</Typography.Text>,
                  },
                  ...table.columns.map((c, i) => ({
                    key: c.key,
                    title: c.label[lang],
                    align: 'right' as const,
                    render: (_: unknown, r: StatTable['rows'][number]) =>
                      formatNumber(r.values[i] ?? 0, table.decimals ?? 0),
                  })),
                ]}
              />
            </div>
          ) : (
            <Empty description={t('reports.tables.empty')} />
          )}
        </Card>
      ))}
    </>
  );
}
