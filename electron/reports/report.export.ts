import ExcelJS from 'exceljs';
import type { CommuneRow, DrillDown, KpiReport, ReportArea, StatTable } from '../../shared/contract/reports';
import { DRILL_RECORD_LABELS, drillCodes, measureLabel } from '../../shared/i18n/report-labels';

/**
 * The report as files: XLSX (real numbers and dates, Vietnamese headers, frozen header row, column widths; the
 * indicator sheet, the commune sheet and one sheet per statistical table) and CSV (UTF-8 with a BOM, so Excel
 * reads Vietnamese correctly). Aggregates only: no names, no record ids.
 */
const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const UNIT_VI: Record<string, string> = {
  count: 'số',
  percent: '%',
  growth: '% so với cùng kỳ',
  breakdown: 'chi tiết',
};
const STATUS_VI: Record<string, string> = {
  ok: '',
  no_source: 'Chưa có nguồn dữ liệu',
  not_visible: 'Ngoài quyền xem của tài khoản',
};

export function reportFileName(kpi: KpiReport, ext: string): string {
  const place = kpi.area.communeCode ?? kpi.area.provinceCode;
  return `bao-cao-${place}-${kpi.period.from}_${kpi.period.to}.${ext}`;
}

function indicatorRows(kpi: KpiReport): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const i of kpi.indicators) {
    rows.push([
      i.id,
      i.label.vi,
      UNIT_VI[i.unit] ?? i.unit,
      i.value,
      i.numerator,
      i.denominator,
      i.target,
      i.delta,
      STATUS_VI[i.status] ?? i.status,
    ]);
    for (const b of i.breakdown ?? [])
      rows.push([
        `${i.id}.${b.key}${b.measure ? `.${b.measure}` : ''}`,
        `  ${b.key}${b.measure ? ` (${b.measure})` : ''}`,
        b.measure ?? '',
        b.value,
        b.numerator ?? null,
        b.denominator ?? null,
        null,
        null,
        '',
      ]);
  }
  return rows;
}

const INDICATOR_HEADERS = [
  'Mã chỉ tiêu',
  'Chỉ tiêu',
  'Đơn vị tính',
  'Kết quả',
  'Tử số',
  'Mẫu số',
  'Chỉ tiêu kế hoạch',
  'Chênh lệch (điểm)',
  'Ghi chú',
];

function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  headers: string[],
  rows: (string | number | null | Date)[][],
  widths: number[],
) {
  const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((h, i) => ({ header: h, width: widths[i] ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  for (const r of rows) ws.addRow(r);
  return ws;
}

export async function toXlsx(kpi: KpiReport, communes: CommuneRow[], tables: StatTable[], now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'HoSo';
  wb.created = now;
  const info = addSheet(
    wb,
    'Thông tin',
    ['Mục', 'Nội dung'],
    [
      ['Địa bàn', kpi.area.name],
      ['Từ ngày', new Date(`${kpi.period.from}T00:00:00Z`)],
      ['Đến ngày', new Date(`${kpi.period.to}T00:00:00Z`)],
      ['Kế hoạch', kpi.plan ? `${kpi.plan.title} (${kpi.plan.decisionNumber})` : 'Chưa chọn kế hoạch'],
      ['Lập lúc', now],
    ],
    [20, 80],
  );
  for (const r of [3, 4]) info.getCell(r, 2).numFmt = 'dd/mm/yyyy';
  info.getCell(6, 2).numFmt = 'dd/mm/yyyy hh:mm';

  const ind = addSheet(wb, 'Chỉ tiêu', INDICATOR_HEADERS, indicatorRows(kpi), [26, 60, 16, 12, 10, 10, 16, 16, 28]);
  for (const c of [4, 7, 8]) ind.getColumn(c).numFmt = '#,##0.0##';

  addSheet(
    wb,
    'Xã, phường',
    [
      'Mã xã',
      'Xã, phường',
      'Dân số',
      'Không ma túy',
      'Số quyết định công nhận',
      'Ngày quyết định',
      'Loại địa bàn trọng điểm',
      'Người có hồ sơ',
      'Được tiếp cận',
      'Tỷ lệ trên dân số (%)',
      'Điểm, tụ điểm sử dụng, chứa chấp',
      'Số người bị bắt',
      'Số bị bắt trên dân số (%)',
      'Vụ trồng cây chứa chất ma túy (Điều 247)',
    ],
    communes.map((c) => [
      c.communeCode,
      c.communeName,
      c.population,
      c.drugFree ? 'Có' : '',
      c.drugFreeDecision,
      c.drugFreeDate ? new Date(`${c.drugFreeDate}T00:00:00Z`) : null,
      c.keyAreaType,
      c.onRecord,
      c.reached,
      c.onRecordShare,
      c.criteria.hotSpots,
      c.criteria.arrests,
      c.criteria.arrestShare,
      c.criteria.cultivationCases,
    ]),
    [10, 32, 12, 12, 24, 14, 14, 14, 14, 16, 18, 14, 16, 20],
  ).getColumn(6).numFmt = 'dd/mm/yyyy';

  tables.forEach((t, i) =>
    addSheet(
      wb,
      `Bảng ${i + 1}`,
      [t.rowHead.vi, ...t.columns.map((c) => c.label.vi)],
      t.rows.map((r) => [r.label.vi, ...r.values]),
      [28, ...t.columns.map(() => 14)],
    ),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The indicators with their breakdowns, then the period and area in the first lines. */
export function toCsv(kpi: KpiReport): Buffer {
  const lines = [
    ['Địa bàn', kpi.area.name],
    ['Kỳ báo cáo', `${viDate(kpi.period.from)} - ${viDate(kpi.period.to)}`],
    ['Kế hoạch', kpi.plan ? `${kpi.plan.title} (${kpi.plan.decisionNumber})` : ''],
    [],
    INDICATOR_HEADERS,
    ...indicatorRows(kpi),
  ];
  const text = lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

// ---------------------------------------------------------------------------------------------------------------
// A drill-down's records (names included: the caller gave a purpose, written in the audit entry and the file).

/** No personal data in the name: the indicator, the part, the area and the period. */
export function drillFileName(d: DrillDown, a: ReportArea, p: { from: string; to: string }, ext: string): string {
  const place = a.communeCode ?? a.provinceCode;
  const key = d.key ? `-${d.key}` : '';
  return `ho-so-sau-so-lieu-${d.indicatorId}${key}-${d.part === 'numerator' ? 'tu-so' : 'mau-so'}-${place}-${p.from}_${p.to}.${ext}`;
}

const DRILL_HEADERS = [
  'STT',
  'Loại hồ sơ',
  'Tên, số hiệu',
  'Trạng thái, diện',
  'Phân loại',
  'Ngày',
  'Xã, phường',
  'Số lượng',
  'Đơn vị tính',
  'Mã hồ sơ',
];

function drillRows(d: DrillDown, dates: 'text' | 'date'): (string | number | Date | null)[][] {
  return d.rows.map((r, i) => {
    const codes = drillCodes('vi', r.recordType, r.detail, r.kind);
    const date = r.date ? (dates === 'date' ? new Date(`${r.date}T00:00:00Z`) : viDate(r.date)) : null;
    return [
      i + 1,
      DRILL_RECORD_LABELS.vi[r.recordType],
      r.title,
      codes.detail,
      codes.kind,
      date,
      r.communeName,
      r.quantity,
      r.recordType === 'seizure' ? measureLabel('vi', r.measure) : r.measure,
      r.id,
    ];
  });
}

function drillHead(d: DrillDown, label: string, p: { from: string; to: string }, purpose: string): string[][] {
  return [
    ['Chỉ tiêu', label],
    ['Phần', d.part === 'numerator' ? 'Tử số' : 'Mẫu số'],
    ['Kỳ báo cáo', `${viDate(p.from)} - ${viDate(p.to)}`],
    ['Mục đích xuất', purpose],
    ['Số hồ sơ', String(d.total)],
  ];
}

export function drillCsv(d: DrillDown, label: string, p: { from: string; to: string }, purpose: string): Buffer {
  const lines: (string | number | null)[][] = [
    ...drillHead(d, label, p, purpose),
    [],
    DRILL_HEADERS,
    ...(drillRows(d, 'text') as (string | number | null)[][]),
  ];
  const text = lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function drillXlsx(
  d: DrillDown,
  label: string,
  p: { from: string; to: string },
  purpose: string,
  now: Date,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'HoSo';
  wb.created = now;
  addSheet(wb, 'Thông tin', ['Mục', 'Nội dung'], drillHead(d, label, p, purpose), [20, 80]);
  addSheet(wb, 'Hồ sơ', DRILL_HEADERS, drillRows(d, 'date'), [6, 16, 36, 22, 22, 12, 24, 10, 12, 38]).getColumn(
    6,
  ).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
