import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitView } from '../../../../shared/contract';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/dates';
import { UnitCreateModal } from './UnitCreateModal';

/** The units (departments, commune police, rehab centres) that accounts and records belong to. */
export function UnitsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const units = useProcedure('units.list', {});
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<UnitView> = [
    {
      key: 'code',
      title: t('units.columns.code'),
      render: (_, u) => <Typography.Text code>{u.code}</Typography.Text>,
    },
    {
      key: 'name',
      title: t('units.columns.name'),
      render: (_, u) => <Typography.Text strong>{u.name}</Typography.Text>,
    },
    { key: 'kind', title: t('units.columns.kind'), render: (_, u) => <Tag>{t(`unitKinds.${u.kind}`)}</Tag> },
    { key: 'province', title: t('units.columns.province'), render: (_, u) => u.provinceCode ?? '—' },
    { key: 'commune', title: t('units.columns.commune'), render: (_, u) => u.communeCode ?? '—' },
    { key: 'created', title: t('units.columns.created'), render: (_, u) => formatDate(u.createdAt) },
  ];

  return (
    <>
      <PageHeader
        title={t('units.title')}
        description={t('units.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('units.create.open')}
          </Button>
        }
      />
      {units.error ? <Alert type="error" showIcon title={errorText(units.error)} style={{ marginBottom: 16 }} /> : null}
      <Card>
        <Table<UnitView>
          rowKey="id"
          columns={columns}
          dataSource={units.data ?? []}
          loading={units.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('units.empty') }}
        />
      </Card>
      <UnitCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setCreating(false);
          void message.success(t('units.create.done', { name: u.name }));
          units.reload();
        }}
      />
    </>
  );
}
