import { KeyOutlined, PauseCircleOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerView } from '../../../../shared/contract/exchange';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { policySide } from './exchange-labels';
import { PeerCardModal } from './PeerCardModal';
import { Fingerprint } from './StationPanel';

/** The peers: kind, what travels each way in words, status and fingerprint; administrators add and suspend. */
export function PeersPanel({ canManage, onChanged }: { canManage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const peers = useProcedure('peers.list', {});
  const facilities = useProcedure('facilities.list', {});
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'replace'; peer: PeerView } | null>(null);
  const facilityName = (id: string) => facilities.data?.find((f) => f.id === id)?.name ?? null;

  const setStatus = async (peer: PeerView, to: 'suspend' | 'resume') => {
    const r = await api.invoke(to === 'suspend' ? 'peers.suspend' : 'peers.resume', { peerId: peer.id });
    if (!r.ok) {
      void message.error(errorText(r.error));
      return;
    }
    void message.success(
      t(to === 'suspend' ? 'exchange.peers.suspended_done' : 'exchange.peers.resumed_done', { name: peer.name }),
    );
    peers.reload();
    onChanged();
  };

  return (
    <Card>
      {canManage ? (
        <Flex justify="flex-end" style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })}>
            {t('exchange.peers.add')}
          </Button>
        </Flex>
      ) : null}
      {peers.error ? <Alert type="error" showIcon title={errorText(peers.error)} /> : null}
      <Table<PeerView>
        rowKey="id"
        size="middle"
        loading={peers.loading}
        dataSource={peers.data ?? []}
        pagination={false}
        locale={{ emptyText: <span className="exchange-muted">{t('exchange.peers.empty')}</span> }}
        aria-label={t('exchange.tabs.peers')}
        columns={[
          {
            key: 'name',
            title: t('exchange.peers.name'),
            width: 250,
            render: (_, p) => (
              <Flex vertical gap={4} align="flex-start">
                <Typography.Text strong>{p.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {p.unitCode} · {t(`exchange.kinds.${p.kind}`)}
                </Typography.Text>
                <Typography.Text type="secondary">{t('exchange.peers.fingerprint')}:</Typography.Text>
                <Fingerprint value={p.fingerprint} size="small" />
                {p.status === 'active' ? (
                  <Tag color="#237804" variant="solid">
                    {t('exchange.peers.active')}
                  </Tag>
                ) : (
                  <Tag color="#ad4e00" variant="solid">
                    {t('exchange.peers.suspended')}
                  </Tag>
                )}
              </Flex>
            ),
          },
          {
            key: 'policy',
            title: t('exchange.peers.policy'),
            width: 270,
            render: (_, p) => (
              <ul className="exchange-policy">
                <li>
                  <Typography.Text type="secondary">{t('exchange.policy.sends')}: </Typography.Text>
                  {policySide(t, p.policy.send, facilityName)}
                </li>
                <li>
                  <Typography.Text type="secondary">{t('exchange.policy.accepts')}: </Typography.Text>
                  {policySide(t, p.policy.accept, facilityName)}
                </li>
              </ul>
            ),
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('exchange.peers.actions'),
                  render: (_: unknown, p: PeerView) => (
                    <Flex gap={6} vertical align="flex-start">
                      {p.status === 'active' ? (
                        <Popconfirm
                          title={t('exchange.peers.suspendConfirm', { name: p.name })}
                          onConfirm={() => void setStatus(p, 'suspend')}
                        >
                          <Button size="small" icon={<PauseCircleOutlined />}>
                            {t('exchange.peers.suspend')}
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Button size="small" icon={<PlayCircleOutlined />} onClick={() => void setStatus(p, 'resume')}>
                          {t('exchange.peers.resume')}
                        </Button>
                      )}
                      <Button
                        size="small"
                        icon={<KeyOutlined />}
                        onClick={() => setDialog({ kind: 'replace', peer: p })}
                      >
                        {t('exchange.peers.replaceKeys')}
                      </Button>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog ? (
        <PeerCardModal
          replacing={dialog.kind === 'replace' ? dialog.peer : undefined}
          onClose={() => setDialog(null)}
          onDone={(p) => {
            void message.success(
              dialog.kind === 'replace'
                ? t('exchange.peers.keysReplaced', { name: p.name, fingerprint: p.fingerprint })
                : t('exchange.add.added', { name: p.name }),
            );
            setDialog(null);
            peers.reload();
            onChanged();
          }}
        />
      ) : null}
    </Card>
  );
}
