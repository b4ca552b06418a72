import { ShareAltOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Form, Input, Popconfirm, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerView } from '../../../../shared/contract/exchange';
import type { ApiError } from '../../../../shared/domain/errors';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { formatDate } from '../../i18n/dates';

/**
 * A leader shares a case with a neighbouring province (issue 12): choose a peer whose policy takes case extracts,
 * see what travels (the joint-investigation extract), choose the case, state the purpose; the cases shared with
 * that peer are listed with a withdrawal. The host checks the case is in the leader's scope and audits each step.
 */
export function SharePanel() {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const peers = useProcedure('peers.list', {});
  const cases = useProcedure('cases.list', { limit: 500 });
  const [peerId, setPeerId] = useState<string | undefined>(undefined);
  const [caseId, setCaseId] = useState<string | undefined>(undefined);
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<PeerView | null>(null);
  const [tried, setTried] = useState(false);

  const neighbours = (peers.data ?? []).filter((p) => p.policy.send.scope.kind === 'cases');
  const peer = saved?.id === peerId ? saved : (neighbours.find((p) => p.id === peerId) ?? null);
  const sharedIds = peer && peer.policy.send.scope.kind === 'cases' ? peer.policy.send.scope.ids : [];
  const caseList = useMemo(() => cases.data?.items ?? [], [cases.data]);
  const caseOf = (id: string) => caseList.find((c) => c.id === id) ?? null;

  const share = async (id: string, shared: boolean) => {
    if (!peer) return;
    setTried(true);
    if (shared && !purpose.trim()) return;
    setBusy(true);
    setError(null);
    const r = await api.invoke('peers.shareCase', {
      peerId: peer.id,
      caseId: id,
      shared,
      ...(shared ? { purpose: purpose.trim() } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setSaved(r.value);
    if (shared) {
      setCaseId(undefined);
      setPurpose('');
      setTried(false);
    }
  };

  if (peers.data && !neighbours.length)
    return (
      <Card>
        <Empty description={<span className="exchange-muted">{t('exchange.share.noNeighbour')}</span>} />
      </Card>
    );

  const purposeMissing = tried && !purpose.trim();
  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('exchange.share.intro')}</Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} role="alert" />
      ) : null}
      {cases.error ? <Alert type="error" showIcon title={errorText(cases.error)} style={{ marginBottom: 16 }} /> : null}
      <Form layout="vertical" style={{ maxWidth: 720 }} onFinish={() => caseId && void share(caseId, true)}>
        <Form.Item htmlFor="share-peer" label={t('exchange.share.peer')} required>
          <Select
            id="share-peer"
            value={peerId}
            onChange={(v) => {
              setPeerId(v);
              setSaved(null);
              setError(null);
            }}
            placeholder={t('exchange.share.peerPlaceholder')}
            loading={peers.loading}
            options={neighbours.map((p) => ({ value: p.id, label: `${p.name} (${p.unitCode})` }))}
          />
        </Form.Item>
        {peer ? (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('exchange.share.travelsTitle', { name: peer.name })}
              description={t('exchange.share.travels')}
              data-testid="share-travels"
            />
            <Form.Item htmlFor="share-case" label={t('exchange.share.case')} required>
              <Select
                id="share-case"
                showSearch
                optionFilterProp="label"
                value={caseId}
                onChange={setCaseId}
                placeholder={t('exchange.share.casePlaceholder')}
                loading={cases.loading}
                options={caseList
                  .filter((c) => !sharedIds.includes(c.id))
                  .map((c) => ({
                    value: c.id,
                    label: t('exchange.share.caseLabel', {
                      number: c.number,
                      on: formatDate(c.prosecutedOn),
                      count: c.suspectCount,
                    }),
                  }))}
              />
            </Form.Item>
            <Form.Item
              htmlFor="share-purpose"
              label={t('exchange.share.purpose')}
              required
              validateStatus={purposeMissing ? 'error' : undefined}
              help={purposeMissing ? t('exchange.share.purposeRequired') : t('exchange.share.purposeHint')}
            >
              <Input
                id="share-purpose"
                value={purpose}
                maxLength={200}
                onChange={(e) => setPurpose(e.target.value)}
                autoComplete="off"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<ShareAltOutlined />} loading={busy} disabled={!caseId}>
              {t('exchange.share.submit')}
            </Button>
          </>
        ) : null}
      </Form>
      {peer ? (
        <>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
            {t('exchange.share.sharedTitle', { name: peer.name })}
          </Typography.Title>
          <Table<{ id: string }>
            rowKey="id"
            size="small"
            pagination={false}
            style={{ maxWidth: 720 }}
            aria-label={t('exchange.share.sharedTitle', { name: peer.name })}
            dataSource={sharedIds.map((id) => ({ id }))}
            locale={{ emptyText: <span className="exchange-muted">{t('exchange.share.noneShared')}</span> }}
            columns={[
              {
                key: 'case',
                title: t('exchange.share.case'),
                render: (_, r) => {
                  const c = caseOf(r.id);
                  return c ? (
                    t('exchange.share.caseLabel', {
                      number: c.number,
                      on: formatDate(c.prosecutedOn),
                      count: c.suspectCount,
                    })
                  ) : (
                    <Typography.Text className="exchange-mono">{r.id}</Typography.Text>
                  );
                },
              },
              {
                key: 'withdraw',
                title: '',
                align: 'right',
                render: (_, r) => (
                  <Flex justify="end">
                    <Popconfirm
                      title={t('exchange.share.withdrawConfirm')}
                      okText={t('exchange.share.withdraw')}
                      cancelText={t('exchange.import.cancel')}
                      onConfirm={() => void share(r.id, false)}
                    >
                      <Button size="small" danger disabled={busy}>
                        {t('exchange.share.withdraw')}
                      </Button>
                    </Popconfirm>
                  </Flex>
                ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('exchange.share.withdrawNote')}
          </Typography.Paragraph>
        </>
      ) : null}
    </Card>
  );
}
