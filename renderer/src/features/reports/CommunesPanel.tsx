import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommuneRow } from '../../../../shared/contract/reports';
import type { ApiError } from '../../../../shared/domain/errors';
import { KEY_AREA_TYPE_LIST } from '../../../../shared/domain/indicators';
import { compareVietnamese, foldVietnamese } from '../../../../shared/text/fold';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { DATE_FORMAT } from '../../i18n/dates';
import { formatNumber, viDate } from './report-format';

type Filter = 'all' | 'drugFree' | 'key';

/**
 * Every commune of the area with its status and key figures for the year: sortable in Vietnamese order,
 * searchable, filterable. A leader selects many and marks them drug-free from one decision of the province.
 */
export function CommunesPanel({
  year,
  communeCode,
  canManage,
  onChanged,
}: {
  year: number;
  communeCode: string | undefined;
  canManage: boolean;
  /** Called after a write, so the indicators read the new statuses. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const rows = useProcedure('reports.communes', { year, ...(communeCode ? { communeCode } : {}) });
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<string[]>([]);
  const [marking, setMarking] = useState(false);
  const [importing, setImporting] = useState(false);
  const [decision, setDecision] = useState('');
  const [decisionDate, setDecisionDate] = useState<string | null>(null);
  const [csv, setCsv] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  const shown = useMemo(() => {
    const q = foldVietnamese(search.trim());
    return (rows.data ?? []).filter(
      (r) =>
        (!q || foldVietnamese(r.communeName).includes(q) || r.communeCode.includes(q)) &&
        (filter === 'all' || (filter === 'drugFree' ? r.drugFree : r.keyAreaType !== null)),
    );
  }, [rows.data, search, filter]);

  const markMany = async (drugFree: boolean) => {
    const r = await api.invoke('communeStatus.setMany', {
      year,
      communeCodes: selected,
      drugFree,
      drugFreeDecision: drugFree ? decision.trim() || null : null,
      drugFreeDate: drugFree ? decisionDate : null,
    });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    void message.success(t('reports.communes.marked', { count: r.value.updated }));
    setMarking(false);
    setSelected([]);
    setDecision('');
    setError(null);
    rows.reload();
    onChanged();
  };

  const setKeyArea = async (code: string, keyAreaType: string | null) => {
    const r = await api.invoke('communeStatus.set', { communeCode: code, year, keyAreaType });
    if (!r.ok) void message.error(errorText(r.error));
    else {
      rows.reload();
      onChanged();
    }
  };

  const importPopulation = async () => {
    const r = await api.invoke('communeStatus.importPopulation', { year, csv });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    void message.success(t('reports.communes.imported', { count: r.value.updated }));
    setImporting(false);
    setCsv('');
    setError(null);
    rows.reload();
    onChanged();
  };

  const fieldError = (path: string) => {
    const i = error?.issues?.find((x) => x.path === path || x.path.startsWith(`${path}.`));
    return i ? t(`validation.${i.code}`) : undefined;
  };

  const columns: TableColumnsType<CommuneRow> = [
    {
      key: 'name',
      title: t('reports.communes.name'),
      sorter: (a, b) => compareVietnamese(a.communeName, b.communeName),
      defaultSortOrder: 'ascend',
      // The code on its own line. (Not a fixed column: antd's measure row for it fails the accessibility check.)
      render: (_, r) => (
        <div className="report-commune-name">
          <Typography.Text strong>{r.communeName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {r.communeCode}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'population',
      width: 80,
      title: t('reports.communes.population'),
      align: 'right',
      sorter: (a, b) => (a.population ?? -1) - (b.population ?? -1),
      render: (_, r) => formatNumber(r.population, 0),
    },
    {
      key: 'drugFree',
      width: 112,
      title: t('reports.communes.drugFree'),
      sorter: (a, b) => Number(a.drugFree) - Number(b.drugFree),
      render: (_, r) =>
        r.drugFree ? (
          <Tooltip title={r.drugFreeDate ? viDate(r.drugFreeDate) : undefined}>
            <Tag color="#237804">{r.drugFreeDecision ?? t('reports.communes.drugFree')}</Tag>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      key: 'keyArea',
      width: 104,
      title: t('reports.communes.keyArea'),
      sorter: (a, b) => (a.keyAreaType ?? '').localeCompare(b.keyAreaType ?? ''),
      render: (_, r) =>
        canManage ? (
          <Select
            size="small"
            aria-label={`${t('reports.communes.setKeyArea')}: ${r.communeName}`}
            value={r.keyAreaType ?? ''}
            style={{ width: 88 }}
            onChange={(v) => void setKeyArea(r.communeCode, v || null)}
            options={[
              { value: '', label: t('reports.communes.none') },
              ...KEY_AREA_TYPE_LIST.map((k) => ({ value: k, label: t('reports.communes.keyType', { type: k }) })),
            ]}
          />
        ) : r.keyAreaType ? (
          <Tag color="#ad4e00">{t('reports.communes.keyType', { type: r.keyAreaType })}</Tag>
        ) : (
          '—'
        ),
    },
    {
      key: 'onRecord',
      width: 100,
      // The count, and under it its share of the residents (the Decision 28/2025 criterion), in one column.
      title: <Tooltip title={t('reports.communes.shareHint')}>{t('reports.communes.onRecord')}</Tooltip>,
      align: 'right',
      sorter: (a, b) => a.onRecord - b.onRecord,
      render: (_, r) => (
        <>
          {formatNumber(r.onRecord, 0)}
          {r.onRecordShare === null ? null : (
            <Typography.Text
              type={r.onRecordShare >= 0.5 ? 'danger' : 'secondary'}
              style={{ fontSize: 12, display: 'block' }}
              title={t('reports.communes.share')}
            >
              {formatNumber(r.onRecordShare, 3)} %
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      key: 'reached',
      width: 92,
      title: t('reports.communes.reached'),
      align: 'right',
      sorter: (a, b) => a.reached - b.reached,
      render: (_, r) => formatNumber(r.reached, 0),
    },
  ];

  return (
    <>
      {rows.error ? <Alert type="error" showIcon title={errorText(rows.error)} style={{ marginBottom: 12 }} /> : null}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} className="no-print">
        <Input.Search
          allowClear
          placeholder={t('reports.communes.search')}
          aria-label={t('reports.communes.search')}
          style={{ width: 240 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('reports.communes.all') },
            { value: 'drugFree', label: t('reports.communes.drugFreeOnly') },
            { value: 'key', label: t('reports.communes.keyOnly') },
          ]}
        />
        {canManage ? (
          <>
            <Button type="primary" disabled={!selected.length} onClick={() => setMarking(true)}>
              {t('reports.communes.markSelected', { count: selected.length })}
            </Button>
            <Button disabled={!selected.length} onClick={() => void markMany(false)}>
              {t('reports.communes.unmarkSelected')}
            </Button>
            <Button onClick={() => setImporting(true)}>{t('reports.communes.importPopulation')}</Button>
          </>
        ) : null}
      </Flex>
      <div className="report-table-scroll report-communes">
        <Table<CommuneRow>
          rowKey="communeCode"
          size="small"
          // Fixed widths for the figures (the name takes the rest): every column fits 1024 px, headers wrapping.
          tableLayout="fixed"
          loading={rows.loading}
          columns={columns}
          dataSource={shown}
          pagination={{ pageSize: 25, showSizeChanger: false }}
          expandable={{
            expandedRowRender: (r) => <KeyAreaCriteriaView row={r} />,
          }}
          rowSelection={
            canManage
              ? {
                  selectedRowKeys: selected,
                  preserveSelectedRowKeys: true,
                  onChange: (keys) => setSelected(keys as string[]),
                }
              : undefined
          }
        />
      </div>
      <Modal
        open={marking}
        title={t('reports.communes.markTitle', { year })}
        onCancel={() => {
          setMarking(false);
          setError(null);
        }}
        onOk={() => void markMany(true)}
        okText={t('reports.communes.markSelected', { count: selected.length })}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('reports.communes.markDescription', { count: selected.length })}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item
            htmlFor="mark-decision"
            label={t('reports.communes.decisionNumber')}
            required
            validateStatus={fieldError('drugFreeDecision') ? 'error' : undefined}
            help={fieldError('drugFreeDecision')}
          >
            <Input
              id="mark-decision"
              value={decision}
              onChange={(e) => setDecision(e.target.value)}
              placeholder="123/QĐ-UBND"
            />
          </Form.Item>
          <Form.Item htmlFor="mark-date" label={t('reports.communes.decisionDate')}>
            <DatePicker
              id="mark-date"
              format={DATE_FORMAT}
              onChange={(d) => setDecisionDate(d ? d.format('YYYY-MM-DD') : null)}
              style={{ width: 180 }}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={importing}
        title={t('reports.communes.importTitle', { year })}
        onCancel={() => {
          setImporting(false);
          setError(null);
        }}
        onOk={() => void importPopulation()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('reports.communes.importHint')}</Typography.Paragraph>
        {error && importing ? (
          <Alert type="error" showIcon style={{ marginBottom: 8 }} title={fieldError('csv') ?? errorText(error)} />
        ) : null}
        <Input.TextArea
          rows={8}
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          aria-label={t('reports.communes.importPopulation')}
          placeholder={'ma_xa,dan_so\n02263,12000'}
        />
      </Modal>
    </>
  );
}

/**
 * The Decision 28/2025/QĐ-TTg criteria of a commune beside the records that support them. The type itself is
 * set from the province's decision; the thresholds of each type are not computed here.
 */
function KeyAreaCriteriaView({ row: r }: { row: CommuneRow }) {
  const { t } = useTranslation();
  const c = r.criteria;
  const noRecords = t('reports.communes.criteria.notVisible');
  const share = (n: number | null) =>
    n === null ? '' : ` (${t('reports.communes.criteria.ofPopulation', { share: formatNumber(n, 3) })})`;
  return (
    <div className="report-criteria" data-testid={`criteria-${r.communeCode}`}>
      <Typography.Text strong>{t('reports.communes.criteria.title')}</Typography.Text>
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginTop: 8 }}
        styles={{ label: { width: '62%' } }}
        items={[
          {
            key: 'onRecord',
            label: t('reports.communes.criteria.onRecord'),
            children: `${formatNumber(r.onRecord, 0)}${share(r.onRecordShare)}`,
          },
          {
            key: 'hotSpots',
            label: t('reports.communes.criteria.hotSpots'),
            children: c.hotSpots === null ? noRecords : formatNumber(c.hotSpots, 0),
          },
          {
            key: 'arrests',
            label: t('reports.communes.criteria.arrests'),
            children: c.arrests === null ? noRecords : `${formatNumber(c.arrests, 0)}${share(c.arrestShare)}`,
          },
          {
            key: 'cultivation',
            label: t('reports.communes.criteria.cultivation'),
            children: c.cultivationCases === null ? noRecords : formatNumber(c.cultivationCases, 0),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6, marginBottom: 0 }}>
        {r.population === null ? `${t('reports.communes.criteria.noPopulation')} ` : ''}
        {t('reports.communes.criteria.hint')}
      </Typography.Paragraph>
    </div>
  );
}
