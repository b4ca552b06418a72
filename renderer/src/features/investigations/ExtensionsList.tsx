import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExtensionView } from '../../../../shared/contract';
import { formatDate } from '../../i18n/dates';

/** The extensions of a time limit, each with its decision and the last day it set. */
export function ExtensionsList({ extensions }: { extensions: readonly ExtensionView[] }) {
  const { t } = useTranslation();
  if (!extensions.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('investigations.extension.noneYet')} />;
  return (
    <Table<ExtensionView>
      rowKey="id"
      size="small"
      pagination={false}
      aria-label={t('investigations.extension.list')}
      dataSource={[...extensions]}
      columns={[
        { title: '#', key: 'n', width: 40, render: (_, __, i) => i + 1 },
        { title: t('investigations.extension.decisionNumber'), dataIndex: 'decisionNumber' },
        { title: t('investigations.extension.decidedOn'), dataIndex: 'decidedOn', render: formatDate },
        {
          title: t('investigations.extension.months'),
          dataIndex: 'months',
          render: (m: number) => t('investigations.extension.monthsValue', { count: m }),
        },
        { title: t('investigations.extension.until'), dataIndex: 'until', render: formatDate },
      ]}
    />
  );
}
