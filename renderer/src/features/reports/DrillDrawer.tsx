import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Form, Input, Modal, Radio, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillRow, IndicatorResult } from '../../../../shared/contract/reports';
import type { ApiError } from '../../../../shared/domain/errors';
import { breakdownLabel, DRILL_RECORD_LABELS, drillCodes, measureLabel } from '../../../../shared/i18n/report-labels';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import type { DraftScreen } from '../drafts/draft-screen';
import { useOpenScreen } from '../home/open-screen';
import { formatNumber, viDate } from './report-format';
import type { ReportQueryBase } from './ReportsPage';

/** What the user clicked on a card: an indicator's numerator or denominator, or one line of its breakdown. */
export interface DrillTarget {
  indicator: IndicatorResult;
  part: 'numerator' | 'denominator';
  key?: string;
  measure?: string;
}

const PAGE = 20;

/**
 * The screen that shows a drill-down row's record: a case, tip or hot spot in the investigations page, a
 * referral or stay in the rehab page (each page opens on it: useRestoredView), a person's file otherwise.
 */
function screenOf(r: DrillRow): DraftScreen | null {
  switch (r.recordType) {
    case 'case':
    case 'seizure':
      return r.caseId ? { page: 'investigations', view: { kind: 'case', caseId: r.caseId } } : null;
    case 'tip':
      return { page: 'investigations', view: { kind: 'tip', tipId: r.id } };
    case 'hotspot':
      return { page: 'investigations', view: { kind: 'hotspot', hotspotId: r.id } };
    case 'referral':
      return { page: 'rehab', view: { kind: 'referral', referralId: r.id } };
    case 'stay':
      return { page: 'rehab', view: { kind: 'stay', stayId: r.id } };
    default:
      return r.personId ? { page: 'persons', view: { kind: 'file', personId: r.personId } } : null;
  }
}

/**
 * The records behind a number, a page at a time, within the caller's scope (the host audits each page). A row's
 * name opens its file. The list can be exported with names for a purpose the user states (audited with it).
 */
export function DrillDrawer({
  target,
  query,
  onClose,
}: {
  target: DrillTarget | null;
  query: Pick<ReportQueryBase, 'from' | 'to' | 'communeCode'>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const title = target
    ? [
        target.indicator.label[lang],
        t(`reports.drill.${target.part}`),
        target.key ? breakdownLabel(lang, target.indicator.id, target.key) : null,
        target.measure ? measureLabel(lang, target.measure) : null,
      ]
        .filter(Boolean)
        .join(' · ')
    : '';
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      title={title}
      size="large"
      destroyOnHidden
      className="report-drill"
      data-testid="report-drill"
    >
      {target ? <DrillList target={target} query={query} onOpened={onClose} /> : null}
    </Drawer>
  );
}

function DrillList({
  target,
  query,
  onOpened,
}: {
  target: DrillTarget;
  query: Pick<ReportQueryBase, 'from' | 'to' | 'communeCode'>;
  onOpened: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const errorText = useErrorText();
  const openScreen = useOpenScreen();
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const base = {
    from: query.from,
    to: query.to,
    ...(query.communeCode ? { communeCode: query.communeCode } : {}),
    indicatorId: target.indicator.id,
    part: target.part,
    ...(target.key ? { key: target.key } : {}),
    ...(target.measure ? { measure: target.measure } : {}),
  };
  const list = useProcedure('reports.drilldown', { ...base, offset: (page - 1) * PAGE, limit: PAGE });
  const d = list.data;
  const recordType = d?.recordType ?? 'person';

  const columns = [
    {
      key: 'title',
      title: t(`reports.drill.titleOf.${recordType}`),
      render: (_: unknown, r: DrillRow) => {
        const screen = screenOf(r);
        const text = r.title ?? t('reports.drill.hidden');
        return screen && r.recordType !== 'commune' ? (
          <Button
            type="link"
            className="report-drill-link"
            onClick={() => {
              onOpened();
              openScreen(screen);
            }}
          >
            {text}
          </Button>
        ) : (
          text
        );
      },
    },
    {
      key: 'detail',
      title: t('reports.drill.detail'),
      render: (_: unknown, r: DrillRow) => {
        const c = drillCodes(lang, r.recordType, r.detail, r.kind);
        return [c.detail, c.kind].filter(Boolean).join(' · ') || '—';
      },
    },
    ...(recordType === 'seizure'
      ? [
          {
            key: 'quantity',
            title: t('reports.drill.quantity'),
            align: 'right' as const,
            render: (_: unknown, r: DrillRow) => `${formatNumber(r.quantity, 3)} ${measureLabel(lang, r.measure)}`,
          },
        ]
      : []),
    // Persons on record have no date that put them in the set: no column of dashes then.
    ...(d?.rows.some((r) => r.date)
      ? [
          {
            key: 'date',
            title: t('reports.drill.date'),
            width: 110,
            render: (_: unknown, r: DrillRow) => (r.date ? viDate(r.date) : '—'),
          },
        ]
      : []),
    ...(recordType === 'commune'
      ? [
          {
            key: 'decision',
            title: t('reports.communes.decision'),
            render: (_: unknown, r: DrillRow) => r.measure ?? '—',
          },
        ]
      : [
          {
            key: 'commune',
            title: t('reports.communes.name'),
            render: (_: unknown, r: DrillRow) => r.communeName ?? '—',
          },
        ]),
  ];

  return (
    <>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} /> : null}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text data-testid="report-drill-total">
          {d
            ? t('reports.drill.total', {
                count: d.total,
                n: formatNumber(d.total, 0),
                kind: DRILL_RECORD_LABELS[lang][d.recordType].toLowerCase(),
              })
            : '\u00a0'}
        </Typography.Text>
        <Button icon={<DownloadOutlined />} disabled={!d?.total} onClick={() => setExporting(true)}>
          {t('reports.drill.export')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('reports.drill.audited')}
      </Typography.Paragraph>
      <Table<DrillRow>
        size="small"
        rowKey={(r) => `${r.id}-${r.date ?? ''}`}
        loading={list.loading}
        dataSource={d?.rows ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: d?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t('reports.drill.pageTotal', { n: formatNumber(n, 0) }),
        }}
        locale={{ emptyText: t('reports.drill.empty') }}
      />
      <DrillExportModal open={exporting} input={base} onClose={() => setExporting(false)} />
    </>
  );
}

/** Asks the purpose (audited with the export), the format and where to write the file. */
function DrillExportModal({
  open,
  input,
  onClose,
}: {
  open: boolean;
  input: { from: string; to: string; indicatorId: string; part: 'numerator' | 'denominator'; communeCode?: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [purpose, setPurpose] = useState('');
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [path, setPath] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = (field: string) => error?.issues?.find((i) => i.path === field);
  const fieldHelp = (field: string, hint?: string) => {
    const i = issue(field);
    return i ? t(`validation.${i.code}`) : hint;
  };
  const general = error && !issue('purpose') && !issue('path') ? error : null;

  const submit = async () => {
    setBusy(true);
    const r = await api.invoke('reports.drilldownExport', { ...input, format, purpose, path });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    void message.success(
      t('reports.export.done', { path: r.value.path ?? r.value.fileName, bytes: formatNumber(r.value.bytes, 0) }),
    );
    setError(null);
    setPurpose('');
    setPath('');
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('reports.drill.exportTitle')}
      okText={t('reports.export.submit')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {general ? <Alert type="error" showIcon title={errorText(general)} style={{ marginBottom: 12 }} /> : null}
      <Alert type="warning" showIcon title={t('reports.drill.namesWarning')} style={{ marginBottom: 12 }} />
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          htmlFor="drill-export-purpose"
          label={t('reports.drill.purpose')}
          required
          validateStatus={issue('purpose') ? 'error' : undefined}
          help={fieldHelp('purpose', t('reports.drill.purposeHint'))}
        >
          <Input
            id="drill-export-purpose"
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
            autoComplete="off"
            maxLength={200}
          />
        </Form.Item>
        <Form.Item label={t('reports.drill.format')}>
          <Radio.Group
            value={format}
            onChange={(e) => setFormat(e.target.value as 'xlsx' | 'csv')}
            options={[
              { value: 'xlsx', label: 'Excel (.xlsx)' },
              { value: 'csv', label: 'CSV' },
            ]}
          />
        </Form.Item>
        <Form.Item
          htmlFor="drill-export-path"
          label={t('reports.export.path')}
          required
          validateStatus={issue('path') ? 'error' : undefined}
          help={fieldHelp('path', t('reports.drill.pathHint'))}
        >
          <Input
            id="drill-export-path"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder={format === 'csv' ? '/media/usb/danh-sach.csv' : '/media/usb/danh-sach.xlsx'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
