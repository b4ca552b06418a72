import { PlusOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Segmented, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotspotList, HotspotView } from '../../../../../shared/contract';
import { HOTSPOT_STATUS_LIST, type HotspotStatus } from '../../../../../shared/domain/investigations';
import { Permissions } from '../../../../../shared/domain/roles';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { useSignedInSession } from '../../../app/session-context';
import { PageHeader } from '../../../components/PageHeader';
import { formatDate } from '../../../i18n/dates';
import { useReloadOn } from '../../persons/useReloadOn';
import { useUnits } from '../../persons/useUnits';
import { CommuneSelect } from '../CommuneSelect';
import { useInvestigationScreenActive, useInvestigationsNavigation } from '../investigations-navigation';
import { communeName, useInvestigationLabels } from '../labels';
import { HotspotModal } from './HotspotModal';
import { HotspotStatusTag } from './HotspotStatusTag';

type CommuneRow = HotspotList['byCommune'][number];

/** Per commune: how many hot spots in each status; re-formed ones in red. */
function ByCommune(props: { rows: readonly CommuneRow[]; onPick: (communeCode: string) => void }) {
  const { t } = useTranslation();
  const labels = useInvestigationLabels();
  return (
    <Table<CommuneRow>
      rowKey="communeCode"
      size="middle"
      aria-label={t('investigations.hotspots.byCommune')}
      dataSource={[...props.rows]}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 760 }}
      locale={{ emptyText: <span className="inv-muted">{t('investigations.hotspots.empty')}</span> }}
      columns={[
        {
          title: t('investigations.hotspot.commune'),
          key: 'commune',
          render: (_, r) => (
            <Button type="link" className="inv-link" onClick={() => props.onPick(r.communeCode)}>
              {communeName(r.communeCode)}
            </Button>
          ),
        },
        ...HOTSPOT_STATUS_LIST.map((s) => ({
          title: labels.hotspotStatus[s],
          key: s,
          width: 150,
          align: 'right' as const,
          render: (_: unknown, r: CommuneRow) =>
            s === 'reformed' && r.counts.reformed ? (
              <Typography.Text type="danger" strong>
                <WarningFilled aria-hidden /> {r.counts.reformed}
              </Typography.Text>
            ) : (
              r.counts[s]
            ),
        })),
        {
          title: t('investigations.hotspots.eliminatedShare'),
          key: 'share',
          width: 140,
          align: 'right' as const,
          render: (_: unknown, r: CommuneRow) => {
            const total = HOTSPOT_STATUS_LIST.reduce((n, s) => n + r.counts[s], 0);
            return total ? `${Math.round((r.counts.eliminated / total) * 100)} %` : '—';
          },
        },
      ]}
    />
  );
}

/**
 * Hot spots (điểm, tụ điểm phức tạp về ma túy): the list with status filters, and a per-commune view of how
 * many are active, under treatment, eliminated, re-formed. Re-formed spots — which the plans forbid — are
 * counted in a red banner above everything else.
 */
export function HotspotsPage() {
  const { t } = useTranslation();
  const nav = useInvestigationsNavigation();
  const session = useSignedInSession();
  const labels = useInvestigationLabels();
  const units = useUnits();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [view, setView] = useState<'list' | 'communes'>('list');
  const [status, setStatus] = useState<HotspotStatus | undefined>();
  const [communeCode, setCommuneCode] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const input = useMemo(() => ({ status, communeCode, offset: 0, limit: 1000 }), [status, communeCode]);
  const list = useProcedure('hotspots.list', input);
  // The banner counts every re-formed spot of the scope, whatever the filters.
  const reformed = useProcedure('hotspots.list', { status: 'reformed', offset: 0, limit: 1 });
  const reload = () => {
    list.reload();
    reformed.reload();
  };
  useReloadOn(nav.version, reload, useInvestigationScreenActive());
  const reformedCount = reformed.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={t('investigations.hotspots.title')}
        description={t('investigations.hotspots.description')}
        extra={
          session.permissions.includes(Permissions.tipsWrite) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('investigations.hotspot.create')}
            </Button>
          ) : null
        }
      />
      {reformedCount ? (
        <Alert
          type="error"
          showIcon
          icon={<WarningFilled />}
          style={{ marginBottom: 16 }}
          data-testid="reformed-banner"
          title={t('investigations.hotspots.reformedBanner', { count: reformedCount })}
          description={t('investigations.hotspots.reformedHint')}
          action={
            <Button danger onClick={() => (setView('list'), setStatus('reformed'))}>
              {t('investigations.hotspots.showReformed')}
            </Button>
          }
        />
      ) : null}
      <Flex gap={12} wrap align="center" className="inv-filters">
        <Segmented
          aria-label={t('investigations.hotspots.view')}
          value={view}
          onChange={(v) => setView(v as 'list' | 'communes')}
          options={[
            { value: 'list', label: t('investigations.hotspots.list') },
            { value: 'communes', label: t('investigations.hotspots.byCommune') },
          ]}
        />
        <Select
          allowClear
          aria-label={t('investigations.hotspot.status')}
          placeholder={t('investigations.hotspot.status')}
          style={{ width: 220 }}
          value={status}
          onChange={(v?: HotspotStatus) => setStatus(v)}
          options={HOTSPOT_STATUS_LIST.map((s) => ({ value: s, label: labels.hotspotStatus[s] }))}
        />
        <CommuneSelect
          aria-label={t('investigations.hotspot.commune')}
          allowClear
          style={{ width: 240 }}
          provinceCode={units.provinceCode}
          value={communeCode ?? ''}
          onChange={(c) => setCommuneCode(c || undefined)}
        />
      </Flex>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} /> : null}
      {view === 'communes' ? (
        <Card>
          <ByCommune
            rows={list.data?.byCommune ?? []}
            onPick={(c) => {
              setCommuneCode(c);
              setView('list');
            }}
          />
        </Card>
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="hotspots-count">
            {t('investigations.common.count', { count: list.data?.total ?? 0 })}
          </Typography.Paragraph>
          <Table<HotspotView>
            rowKey="id"
            size="middle"
            aria-label={t('investigations.hotspots.title')}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 960 }}
            rowClassName={(h) => (h.status === 'reformed' ? 'inv-row-reformed' : '')}
            locale={{ emptyText: <span className="inv-muted">{t('investigations.hotspots.empty')}</span> }}
            columns={[
              {
                title: t('investigations.hotspot.address'),
                key: 'address',
                ellipsis: true,
                render: (_, h) => (
                  <Button
                    type="link"
                    className="inv-link"
                    onClick={() => nav.open({ kind: 'hotspot', hotspotId: h.id })}
                  >
                    {h.address}
                  </Button>
                ),
              },
              {
                title: t('investigations.hotspot.commune'),
                key: 'commune',
                width: 180,
                ellipsis: true,
                render: (_, h) => communeName(h.communeCode),
              },
              {
                title: t('investigations.hotspot.kind'),
                key: 'kind',
                width: 90,
                render: (_, h) => labels.hotspotKind[h.kind],
              },
              {
                title: t('investigations.hotspot.activities'),
                key: 'activities',
                width: 180,
                render: (_, h) => h.activities.map((a) => labels.hotspotActivity[a]).join(', '),
              },
              {
                title: t('investigations.hotspot.discoveredOn'),
                key: 'discovered',
                width: 120,
                render: (_, h) => formatDate(h.discoveredOn),
              },
              {
                title: t('investigations.hotspot.status'),
                key: 'status',
                width: 220,
                render: (_, h) => (
                  <Flex gap={4} wrap align="center">
                    <HotspotStatusTag status={h.status} />
                    <span className="inv-muted">{formatDate(h.statusOn)}</span>
                  </Flex>
                ),
              },
            ]}
          />
        </>
      )}
      {creating ? (
        <HotspotModal
          hotspot={null}
          onClose={() => setCreating(false)}
          onSaved={(h) => {
            setCreating(false);
            void message.success(t('investigations.hotspot.created'));
            nav.changed();
            nav.open({ kind: 'hotspot', hotspotId: h.id });
          }}
        />
      ) : null}
    </>
  );
}
