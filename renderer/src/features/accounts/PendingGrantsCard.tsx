import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoleGrantView } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { formatDateTime } from '../../i18n/dates';

/**
 * For leaders: the roles that read records which an administrator gave and which wait for a leader (separation of
 * duties), with approve and reject, and the latest decisions. The host refuses approval until the account holder
 * has replaced the administrator's password; the card says so beside each such request.
 */
export function PendingGrantsCard() {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const grants = useProcedure('accounts.pendingGrants', { recent: 5 });
  const [busy, setBusy] = useState<string | null>(null);

  const decide = async (g: RoleGrantView, approve: boolean) => {
    setBusy(g.id);
    const r = await api.invoke(approve ? 'accounts.approveGrant' : 'accounts.rejectGrant', { grantId: g.id });
    setBusy(null);
    if (!r.ok) {
      void message.error(errorText(r.error));
      return;
    }
    void message.success(
      approve
        ? t('grants.approved', { name: g.displayName, role: t(`roles.${g.role}`) })
        : t('grants.rejected', { name: g.displayName }),
    );
    grants.reload();
  };

  const pending = grants.data?.pending ?? [];
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <SafetyCertificateOutlined /> {t('grants.title')}
          {pending.length ? <Tag color="orange">{pending.length}</Tag> : null}
        </Flex>
      }
      loading={grants.loading && !grants.data}
      aria-label={t('grants.title')}
    >
      <Typography.Paragraph type="secondary">{t('grants.intro')}</Typography.Paragraph>
      {grants.error ? <Alert type="error" showIcon title={errorText(grants.error)} /> : null}
      {pending.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grants.empty')} />
      ) : (
        <List
          dataSource={pending}
          rowKey="id"
          renderItem={(g) => (
            <List.Item
              aria-label={g.username}
              actions={[
                <Button
                  key="approve"
                  type="primary"
                  size="small"
                  loading={busy === g.id}
                  disabled={!g.ownPasswordSet}
                  onClick={() => void decide(g, true)}
                >
                  {t('grants.approve')}
                </Button>,
                <Popconfirm
                  key="reject"
                  title={t('grants.rejectTitle', { name: g.displayName })}
                  description={
                    g.kind === 'role_change' && g.previousRole
                      ? t('grants.rejectKeeps', { role: t(`roles.${g.previousRole}`) })
                      : t('grants.rejectDisables')
                  }
                  okText={t('grants.reject')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => void decide(g, false)}
                >
                  <Button size="small" danger disabled={busy === g.id}>
                    {t('grants.reject')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    <Typography.Text strong>{g.displayName}</Typography.Text>
                    <Typography.Text type="secondary">{g.username}</Typography.Text>
                    <Tag color="blue">{t(`roles.${g.role}`)}</Tag>
                  </Space>
                }
                description={
                  <Flex vertical gap={2}>
                    <span>
                      {t(`grants.kind.${g.kind}`)}
                      {g.previousRole && g.kind === 'role_change'
                        ? ` · ${t('grants.fromRole', { role: t(`roles.${g.previousRole}`) })}`
                        : ''}
                      {g.unitName ? ` · ${g.unitName}` : ''}
                    </span>
                    <span>
                      {t('grants.requested', { by: g.requestedBy ?? '—', at: formatDateTime(g.requestedAt) })}
                    </span>
                    {g.ownPasswordSet ? null : (
                      <Typography.Text type="warning">{t('grants.awaitingPassword')}</Typography.Text>
                    )}
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      )}
      {grants.data?.recent.length ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>
            {t('grants.recent')}
          </Typography.Title>
          <List
            size="small"
            dataSource={grants.data.recent}
            rowKey="id"
            renderItem={(g) => (
              <List.Item>
                <Typography.Text>
                  {t(`grants.status.${g.status}`)}: {g.displayName} ({g.username}) — {t(`roles.${g.role}`)}
                  {g.decidedAt ? ` · ${formatDateTime(g.decidedAt)}` : ''}
                  {g.decidedBy ? ` · ${g.decidedBy}` : ''}
                </Typography.Text>
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Card>
  );
}
