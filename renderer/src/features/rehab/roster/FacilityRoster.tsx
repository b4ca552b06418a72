import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Segmented,
  Statistic,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardItem, RosterRow } from '../../../../../shared/contract/rehab-types';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { formatDate } from '../../../i18n/dates';
import { placeName } from '../../persons/labels';
import { ToneTag } from '../../persons/ToneTag';
import { useReloadOn } from '../../persons/useReloadOn';
import { useRehabAbilities } from '../abilities';
import { DaysLeftTag } from '../DaysLeftTag';
import { useRehabLabels } from '../labels';
import { useRehabNavigation, useRehabScreenActive } from '../rehab-navigation';
import { AdmitModal } from './AdmitModal';

type View = 'residents' | 'dischargesDue' | 'absconded' | 'incoming';
const PAGE = 50;

/**
 * A facility's roster for its staff: the residents and their stages, the discharges due this month, those who
 * absconded, and the people referred here awaiting admission (admitted from here).
 */
export function FacilityRoster() {
  const { t } = useTranslation();
  const labels = useRehabLabels();
  const errorText = useErrorText();
  const nav = useRehabNavigation();
  const can = useRehabAbilities();
  const { message } = App.useApp();
  const [view, setView] = useState<View>('residents');
  // The host sends one page of each list (PAGE rows, by planned discharge) and their counts; a page asked is read.
  const [page, setPage] = useState(1);
  const roster = useProcedure('stays.roster', { view, offset: (page - 1) * PAGE, limit: PAGE });
  useReloadOn(nav.version, roster.reload, useRehabScreenActive());
  const [admitting, setAdmitting] = useState<BoardItem | null>(null);
  const data = roster.data;

  const rows = useMemo(() => (data && view !== 'incoming' ? data[view] : []), [data, view]);
  const columns: TableColumnsType<RosterRow> = [
    {
      key: 'name',
      title: t('rehab.board.person'),
      render: (_, r) => (
        <Button
          type="link"
          className="persons-link-button"
          onClick={() => nav.open({ kind: 'stay', stayId: r.stayId })}
        >
          {r.fullName}
        </Button>
      ),
    },
    { key: 'birth', title: t('rehab.roster.birth'), width: 110, render: (_, r) => formatDate(r.birthDate) },
    { key: 'admitted', title: t('rehab.roster.admitted'), width: 120, render: (_, r) => formatDate(r.admittedOn) },
    {
      key: 'stage',
      title: t('rehab.roster.stage'),
      width: 200,
      render: (_, r) =>
        r.status === 'absconded' ? (
          <ToneTag tone="red">{labels.stayStatus.absconded}</ToneTag>
        ) : (
          labels.stayStage[r.stage]
        ),
    },
    {
      key: 'planned',
      title: t('rehab.roster.planned'),
      width: 230,
      render: (_, r) =>
        r.plannedDischargeOn ? <DaysLeftTag deadline={r.plannedDischargeOn} daysLeft={r.daysLeft} withDate /> : '—',
    },
    {
      key: 'commune',
      title: t('rehab.board.commune'),
      responsive: ['xl'],
      render: (_, r) => placeName(r.communeCode, null),
    },
  ];
  const incomingColumns: TableColumnsType<BoardItem> = [
    {
      key: 'name',
      title: t('rehab.board.person'),
      render: (_, i) => (
        <Button
          type="link"
          className="persons-link-button"
          onClick={() => nav.open({ kind: 'referral', referralId: i.id })}
        >
          {i.fullName}
        </Button>
      ),
    },
    { key: 'birth', title: t('rehab.roster.birth'), width: 110, render: (_, i) => formatDate(i.birthDate) },
    { key: 'state', title: t('rehab.board.state'), render: (_, i) => labels.referralState[i.state] },
    {
      key: 'days',
      title: t('rehab.board.daysLeft'),
      width: 170,
      render: (_, i) => <DaysLeftTag deadline={i.deadline} daysLeft={i.daysLeft} />,
    },
    {
      key: 'admit',
      title: t('rehab.roster.action'),
      width: 140,
      render: (_, i) =>
        can.write && (i.state === 'complaint_window' || i.state === 'deferred' || i.state === 'suspended') ? (
          <Button size="small" type="primary" onClick={() => setAdmitting(i)}>
            {t('rehab.roster.admit')}
          </Button>
        ) : null,
    },
  ];

  const pagination =
    data && data.counts[view] > PAGE
      ? { current: page, pageSize: PAGE, total: data.counts[view], showSizeChanger: false, onChange: setPage }
      : false;

  if (roster.error) return <Alert type="error" showIcon title={errorText(roster.error)} />;
  return (
    <Flex vertical gap={16}>
      {data ? (
        <Card size="small">
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
                {data.facility.name}
              </Typography.Title>
              <Typography.Text type="secondary">{labels.facilityKind[data.facility.kind]}</Typography.Text>
            </Col>
            <Col xs={12} md={4}>
              <Statistic
                title={t('rehab.roster.occupancy')}
                value={`${data.facility.occupancy.toLocaleString('vi-VN')} / ${data.facility.capacity.toLocaleString('vi-VN')}`}
              />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('rehab.roster.dueThisMonth')} value={data.counts.dischargesDue} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('rehab.roster.abscondedCount')} value={data.counts.absconded} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('rehab.roster.incomingCount')} value={data.counts.incoming} />
            </Col>
          </Row>
        </Card>
      ) : null}
      <Segmented<View>
        value={view}
        onChange={(v) => {
          setView(v);
          setPage(1);
        }}
        options={(['residents', 'dischargesDue', 'absconded', 'incoming'] as const).map((v) => ({
          value: v,
          label: `${t(`rehab.roster.views.${v}`, { month: data ? data.month.split('-').reverse().join('/') : '' })} (${
            data ? data.counts[v] : 0
          })`,
        }))}
      />
      {view === 'incoming' ? (
        <Table<BoardItem>
          rowKey="id"
          size="small"
          aria-label={t('rehab.roster.views.incoming')}
          columns={incomingColumns}
          dataSource={data?.incoming ?? []}
          loading={roster.loading}
          pagination={pagination}
          locale={{ emptyText: <Typography.Text type="secondary">{t('rehab.roster.emptyIncoming')}</Typography.Text> }}
        />
      ) : (
        <Table<RosterRow>
          rowKey="stayId"
          size="small"
          aria-label={t('rehab.roster.tableLabel')}
          columns={columns}
          dataSource={rows}
          loading={roster.loading}
          pagination={pagination}
          locale={{ emptyText: <Typography.Text type="secondary">{t('rehab.roster.empty')}</Typography.Text> }}
        />
      )}
      {admitting ? (
        <AdmitModal
          referralId={admitting.id}
          name={admitting.fullName}
          facilityId={admitting.facilityId ?? data?.facility.id ?? null}
          notBefore={admitting.stateOn}
          onClose={() => setAdmitting(null)}
          onDone={() => {
            setAdmitting(null);
            void message.success(t('rehab.admit.done'));
            nav.changed();
          }}
        />
      ) : null}
    </Flex>
  );
}
