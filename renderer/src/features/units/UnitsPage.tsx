import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitView } from '../../../../shared/contract';
import { commune, province } from '../../../../shared/places';
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
  const [editing, setEditing] = useState<UnitView | null>(null);

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
    // Places by name (the official list); a code only if the list does not know it.
    {
      key: 'province',
      title: t('places.province'),
      render: (_, u) => (u.provinceCode ? (province(u.provinceCode)?.name ?? u.provinceCode) : '—'),
    },
    {
      key: 'commune',
      title: t('places.commune'),
      render: (_, u) => (u.communeCode ? (commune(u.communeCode)?.name ?? u.communeCode) : '—'),
    },
    {
      key: 'created',
      title: t('units.columns.created'),
      className: 'nowrap-cell',
      render: (_, u) => formatDate(u.createdAt),
    },
    {
      key: 'actions',
      title: '',
      width: 90,
      render: (_, u) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          aria-label={t('unitsEdit.editLabel', { name: u.name })}
          onClick={() => setEditing(u)}
        >
          {t('unitsEdit.edit')}
        </Button>
      ),
    },
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
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={units.data ?? []}
          loading={units.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('units.empty') }}
        />
      </Card>
      <UnitCreateModal
        open={editing !== null}
        unit={editing}
        onClose={() => setEditing(null)}
        onCreated={(u) => {
          setEditing(null);
          void message.success(t('unitsEdit.done', { name: u.name }));
          units.reload();
        }}
      />
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
