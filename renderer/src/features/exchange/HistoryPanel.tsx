import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PeerStatus } from '../../../../shared/contract/exchange';
import type { BundleHistoryItem } from '../../../../shared/contract/exchange-screens';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { formatDateTime } from '../../i18n/dates';
import { formatCount } from './exchange-labels';

/** Per peer: last sent, acknowledged, outstanding, last received; then every bundle, newest first. */
export function HistoryPanel() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const status = useProcedure('bundles.status', {});
  const history = useProcedure('bundles.history', { limit: 200 });
  const gaps = useProcedure('bundles.gaps', {});
  const gapOf = (peerId: string) => gaps.data?.find((g) => g.peerId === peerId) ?? null;
  const seq = (n: number) => (n > 0 ? String(n) : t('exchange.history.none'));

  return (
    <>
      <Card title={t('exchange.history.statusTitle')} style={{ marginBottom: 16 }}>
        {status.error ? <Alert type="error" showIcon title={errorText(status.error)} /> : null}
        <Table<PeerStatus>
          rowKey="peerId"
          size="small"
          pagination={false}
          loading={status.loading}

          aria-label={t('exchange.history.statusTitle')}
          dataSource={status.data ?? []}
          locale={{ emptyText: <span className="exchange-muted">{t('exchange.peers.empty')}</span> }}
          columns={[
            {
              key: 'name',
              title: t('exchange.history.peer'),
              render: (_, s) => (
                <>
                  {s.name}{' '}
                  {s.status === 'suspended' ? (
                    <Tag color="#ad4e00" variant="solid">
                      {t('exchange.peers.suspended')}
                    </Tag>
                  ) : null}
                </>
              ),
            },
            { key: 'sent', title: t('exchange.history.lastSent'), align: 'right', render: (_, s) => seq(s.lastSent) },
            {
              key: 'acked',
              title: t('exchange.history.lastAcknowledged'),
              align: 'right',
              render: (_, s) => seq(s.lastAcknowledged),
            },
            {
              key: 'outstanding',
              title: t('exchange.history.outstanding'),
              align: 'right',
              render: (_, s) =>
                s.outstanding ? (
                  <Tag color="#874d00" variant="solid">
                    {s.outstanding}
                  </Tag>
                ) : (
                  '0'
                ),
            },
            {
              key: 'received',
              title: t('exchange.history.lastReceived'),
              align: 'right',
              render: (_, s) => seq(s.lastReceived),
            },
            {
              key: 'gaps',
              title: t('exchange.history.gaps'),
              render: (_, s) => {
                const g = gapOf(s.peerId);
                return g ? (
                  <Typography.Text style={{ color: '#a8071a' }}>
                    {t('exchange.history.gapText', { count: g.missing.length, missing: g.missing.join(', ') })}
                  </Typography.Text>
                ) : (
                  <span className="exchange-muted">{t('exchange.history.noGap')}</span>
                );
              },
            },
            {
              key: 'superseded',
              title: t('exchange.history.superseded'),
              render: (_, s) =>
                s.superseded.length ? (
                  t('exchange.history.supersededText', { count: s.superseded.length, list: s.superseded.join(', ') })
                ) : (
                  <span className="exchange-muted">{t('exchange.history.none')}</span>
                ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('exchange.history.outstandingNote')}
        </Typography.Paragraph>
      </Card>
      <Card title={t('exchange.history.listTitle')}>
        {history.error ? <Alert type="error" showIcon title={errorText(history.error)} /> : null}
        <Table<BundleHistoryItem>
          rowKey="id"
          size="small"
          loading={history.loading}
          scroll={{ x: 'max-content' }}
          aria-label={t('exchange.history.listTitle')}
          dataSource={history.data ?? []}
          pagination={(history.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: <span className="exchange-muted">{t('exchange.history.empty')}</span> }}
          columns={[
            { key: 'at', title: t('exchange.history.at'), render: (_, h) => formatDateTime(h.at) },
            {
              key: 'direction',
              title: t('exchange.history.direction'),
              render: (_, h) =>
                h.direction === 'out' ? (
                  <Tag color="#0050b3" variant="solid">
                    {t('exchange.history.out')}
                  </Tag>
                ) : (
                  <Tag color="#531dab" variant="solid">
                    {t('exchange.history.in')}
                  </Tag>
                ),
            },
            { key: 'peer', title: t('exchange.history.peer'), render: (_, h) => h.peerName ?? h.peerId.slice(0, 8) },
            { key: 'seq', title: t('exchange.history.seq'), align: 'right', dataIndex: 'seq' },
            {
              key: 'changes',
              title: t('exchange.history.changes'),
              align: 'right',
              render: (_, h) => formatCount(h.changes, i18n.language),
            },
            {
              key: 'acked',
              title: t('exchange.history.acked'),
              render: (_, h) =>
                h.direction === 'out' ? (
                  h.ackedAt ? (
                    t('exchange.history.ackedAt', { at: formatDateTime(h.ackedAt) })
                  ) : (
                    <Typography.Text type="secondary">{t('exchange.history.notAcked')}</Typography.Text>
                  )
                ) : h.refused ? (
                  <Tag color="#a8071a" variant="solid">
                    {t('exchange.history.refused', { count: h.refused })}
                  </Tag>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
