import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf, TipRow } from '../../../../../shared/contract';
import {
  TIP_CHANNEL_LIST,
  TIP_SOURCE_LIST,
  TIP_STATE_LIST,
  type TipChannel,
  type TipSource,
  type TipState,
} from '../../../../../shared/domain/investigations';
import { Permissions } from '../../../../../shared/domain/roles';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { useSignedInSession } from '../../../app/session-context';
import { PageHeader } from '../../../components/PageHeader';
import { DATE_FORMAT, formatDate } from '../../../i18n/dates';
import { useReloadOn } from '../../persons/useReloadOn';
import { useUnits } from '../../persons/useUnits';
import { CommuneSelect } from '../CommuneSelect';
import { DeadlineTag } from '../DeadlineTag';
import { useInvestigationScreenActive, useInvestigationsNavigation } from '../investigations-navigation';
import { communeName, useInvestigationLabels } from '../labels';
import { useTableHeight } from '../useTableHeight';
import { TipStateTag } from './TipStateTag';

interface TipFilters {
  state?: TipState;
  channel?: TipChannel;
  source?: TipSource;
  communeCode?: string;
  from?: string;
  to?: string;
  open?: boolean;
  overdue?: boolean;
}

const PAGE = 200;

/**
 * The tip register (sổ tiếp nhận tin báo): newest first, with the Art. 147 deadline of each tip still being
 * verified — days left, overdue in red. Filters by state, channel, source, commune and receipt dates; the
 * table draws only the rows in view, and loads more as asked.
 */
export function TipsRegisterPage() {
  const { t } = useTranslation();
  const labels = useInvestigationLabels();
  const nav = useInvestigationsNavigation();
  const session = useSignedInSession();
  const units = useUnits();
  const errorText = useErrorText();
  const [filters, setFilters] = useState<TipFilters>({});
  const [limit, setLimit] = useState(PAGE);
  const tableHeight = useTableHeight(430);
  const input = useMemo<InputOf<'tips.list'>>(() => ({ ...filters, offset: 0, limit }), [filters, limit]);
  const list = useProcedure('tips.list', input);
  useReloadOn(nav.version, list.reload, useInvestigationScreenActive());
  const set = (patch: Partial<TipFilters>) => {
    setLimit(PAGE);
    setFilters((f) => ({ ...f, ...patch }));
  };

  const columns: ColumnsType<TipRow> = [
    {
      title: t('investigations.tip.receivedOn'),
      dataIndex: 'receivedOn',
      width: 112,
      render: (v: string) => <span className="inv-mono">{formatDate(v)}</span>,
    },
    {
      title: t('investigations.tip.summary'),
      dataIndex: 'summary',
      ellipsis: true,
      render: (v: string, row) => (
        <Button type="link" className="inv-link" onClick={() => nav.open({ kind: 'tip', tipId: row.id })}>
          {v}
        </Button>
      ),
    },
    {
      title: t('investigations.tip.source'),
      dataIndex: 'source',
      width: 150,
      render: (v: TipSource) => labels.tipSource[v],
    },
    {
      title: t('investigations.tip.channel'),
      dataIndex: 'channel',
      width: 130,
      render: (v: TipChannel) => labels.tipChannel[v],
    },
    {
      title: t('investigations.tip.commune'),
      dataIndex: 'communeCode',
      width: 150,
      ellipsis: true,
      render: (v: string | null) => communeName(v) || '—',
    },
    {
      title: t('investigations.tip.state'),
      dataIndex: 'state',
      width: 150,
      render: (v: TipState, row) => (
        <Flex gap={4} wrap>
          <TipStateTag state={v} />
          {row.extensionCount ? <Tag>{t('investigations.extension.count', { count: row.extensionCount })}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('investigations.deadline.column'),
      key: 'deadline',
      width: 190,
      render: (_: unknown, row) => <DeadlineTag deadline={row.deadline} daysLeft={row.daysLeft} />,
    },
  ];

  const total = list.data?.total ?? 0;
  const items = list.data?.items ?? [];
  const canWrite = session.permissions.includes(Permissions.tipsWrite);
  return (
    <>
      <PageHeader
        title={t('investigations.tips.title')}
        description={t('investigations.tips.description')}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => nav.open({ kind: 'tipCreate' })}>
              {t('investigations.tips.create')}
            </Button>
          ) : null
        }
      />
      <Flex gap={12} wrap align="center" className="inv-filters">
        <Select
          allowClear
          aria-label={t('investigations.tip.state')}
          placeholder={t('investigations.tip.state')}
          style={{ width: 170 }}
          value={filters.state}
          onChange={(v?: TipState) => set({ state: v })}
          options={TIP_STATE_LIST.map((s) => ({ value: s, label: labels.tipState[s] }))}
        />
        <Select
          allowClear
          aria-label={t('investigations.tip.channel')}
          placeholder={t('investigations.tip.channel')}
          style={{ width: 190 }}
          value={filters.channel}
          onChange={(v?: TipChannel) => set({ channel: v })}
          options={TIP_CHANNEL_LIST.map((s) => ({ value: s, label: labels.tipChannel[s] }))}
        />
        <Select
          allowClear
          aria-label={t('investigations.tip.source')}
          placeholder={t('investigations.tip.source')}
          style={{ width: 200 }}
          value={filters.source}
          onChange={(v?: TipSource) => set({ source: v })}
          options={TIP_SOURCE_LIST.map((s) => ({ value: s, label: labels.tipSource[s] }))}
        />
        <CommuneSelect
          aria-label={t('investigations.tip.commune')}
          allowClear
          style={{ width: 210 }}
          provinceCode={units.provinceCode}
          value={filters.communeCode ?? ''}
          onChange={(c) => set({ communeCode: c || undefined })}
        />
        <DatePicker.RangePicker
          aria-label={t('investigations.tips.received')}
          format={DATE_FORMAT}
          placeholder={[t('investigations.tips.from'), t('investigations.tips.to')]}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(r) =>
            set({
              from: r?.[0] ? (r[0] as Dayjs).format('YYYY-MM-DD') : undefined,
              to: r?.[1] ? (r[1] as Dayjs).format('YYYY-MM-DD') : undefined,
            })
          }
          allowEmpty={[true, true]}
        />
        <Checkbox checked={filters.open ?? false} onChange={(e) => set({ open: e.target.checked || undefined })}>
          {t('investigations.tips.openOnly')}
        </Checkbox>
        <Checkbox checked={filters.overdue ?? false} onChange={(e) => set({ overdue: e.target.checked || undefined })}>
          {t('investigations.tips.overdueOnly')}
        </Checkbox>
      </Flex>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph type="secondary" data-testid="tips-count">
        {t('investigations.common.count', { count: total })}
      </Typography.Paragraph>
      <Table<TipRow>
        rowKey="id"
        size="middle"
        virtual
        aria-label={t('investigations.tips.title')}
        columns={columns}
        dataSource={items}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 1060, y: tableHeight }}
        rowClassName={(r) => (r.daysLeft !== null && r.daysLeft < 0 ? 'inv-row-overdue' : '')}
        onRow={(r) => ({ onDoubleClick: () => nav.open({ kind: 'tip', tipId: r.id }) })}
        locale={{ emptyText: <span className="inv-muted">{t('investigations.tips.empty')}</span> }}
      />
      {items.length < total ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => setLimit((l) => Math.min(1000, l + PAGE))} disabled={limit >= 1000}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </>
  );
}
