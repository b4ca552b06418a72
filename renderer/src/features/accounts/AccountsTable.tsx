import { Badge, Button, Flex, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/contract';
import { compareVietnamese } from '../../../../shared/text/fold';
import { formatDateTime } from '../../i18n/dates';
import './accounts.css';

export type AccountAction = 'edit' | 'reset' | 'enable' | 'disable';

/** Every account of the workstation with what an administrator can do to each. */
export function AccountsTable(props: {
  accounts: readonly AccountView[];
  loading: boolean;
  selfId: string;
  onAction: (action: AccountAction, account: AccountView) => void;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<AccountView> = [
    {
      key: 'name',
      title: t('accounts.columns.account'),
      width: 240,
      sorter: (a, b) => compareVietnamese(a.displayName, b.displayName),
      render: (_, a) => (
        <Flex vertical>
          <Typography.Text strong>{a.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {a.username}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'role',
      title: t('accounts.columns.roleAndUnit'),
      render: (_, a) => (
        <Flex vertical gap={4} align="flex-start">
          <Tag style={{ marginInlineEnd: 0 }}>{t(`roles.${a.role}`)}</Tag>
          {a.pendingGrant ? (
            <Tag className="tag-pending" style={{ marginInlineEnd: 0 }}>
              {t('grants.pendingTag', { role: t(`roles.${a.pendingGrant.role}`) })}
            </Tag>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {a.unitName ?? t('accounts.noUnit')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('accounts.columns.status'),
      width: 180,
      render: (_, a) => (
        <Space orientation="vertical" size={2}>
          <Badge status={a.status === 'active' ? 'success' : 'default'} text={t(`accountStatus.${a.status}`)} />
          {a.status === 'active' && a.mustChangePassword ? (
            <Tag className="tag-pending">{t('accounts.mustChange')}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'lastSignIn',
      title: t('accounts.columns.lastSignIn'),
      width: 160,
      render: (_, a) => (a.lastSignInAt ? formatDateTime(a.lastSignInAt) : t('accounts.never')),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 270,
      render: (_, a) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => props.onAction('edit', a)}>
            {t('accounts.actions.edit')}
          </Button>
          {a.status === 'active' ? (
            <>
              <Button type="link" size="small" onClick={() => props.onAction('reset', a)}>
                {t('accounts.actions.reset')}
              </Button>
              {a.id === props.selfId ? null : (
                <Popconfirm
                  title={t('accounts.disable.title', { name: a.displayName })}
                  description={t('accounts.disable.body')}
                  okText={t('accounts.disable.submit')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => props.onAction('disable', a)}
                >
                  <Button type="link" size="small" danger>
                    {t('accounts.actions.disable')}
                  </Button>
                </Popconfirm>
              )}
            </>
          ) : (
            <Button type="link" size="small" onClick={() => props.onAction('enable', a)}>
              {t('accounts.actions.enable')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table<AccountView>
      rowKey="id"
      columns={columns}
      dataSource={[...props.accounts]}
      loading={props.loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 1000 }}
      locale={{ emptyText: t('accounts.empty') }}
    />
  );
}
