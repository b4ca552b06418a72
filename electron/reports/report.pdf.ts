import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IndicatorResult, KpiReport, StatTable } from '../../shared/contract/reports';
import { breakdownLabel, measureLabel } from '../../shared/i18n/report-labels';

/**
 * The report as an A4 PDF, written in Node (the CLI's `report export --format pdf`; the screen prints through
 * Chromium instead): the plan's name, the period, the indicator table and the statistical tables. Aggregates
 * only, no names.
 *
 * pdfkit lays the pages out; the text is Noto Sans (the screens' face), embedded as a subset from the TrueType
 * files of @expo-google-fonts/noto-sans (SIL Open Font License), since Vietnamese needs its own glyphs and a
 * workstation's fonts cannot be counted on. The files are found beside the installed package.
 */
/**
 * pdfkit's CommonJS build, loaded when a PDF is made, on purpose: its ES module build finds its data files
 * through `import.meta.url`, which the bundled CLI (CommonJS) does not have. `require` is there in the bundles
 * and under Vitest; a host loaded as an ES module (the e2e server) resolves from the project folder instead.
 */
function load(): Loaded {
  if (loaded) return loaded;
  const req: NodeJS.Require =
    typeof require === 'function' ? require : createRequire(path.join(process.cwd(), 'package.json'));
  // The same fontkit pdfkit itself uses (resolved from pdfkit's folder), so its fonts are the kind pdfkit takes.
  const fontkit = createRequire(req.resolve('pdfkit'))('fontkit') as { create(data: Buffer): FontkitFont };
  const font = (weight: '400Regular' | '700Bold') =>
    fontkit.create(fs.readFileSync(req.resolve(`@expo-google-fonts/noto-sans/${weight}/NotoSans_${weight}.ttf`)));
  loaded = {
    PDFDocument: req('pdfkit') as typeof import('pdfkit'),
    regular: font('400Regular'),
    bold: font('700Bold'),
  };
  return loaded;
}

/** A parsed TrueType font (fontkit's): pdfkit takes it in place of the file's bytes. */
interface FontkitFont {
  layout(...args: unknown[]): unknown;
}
interface Loaded {
  PDFDocument: typeof import('pdfkit');
  regular: FontkitFont;
  bold: FontkitFont;
}
/**
 * pdfkit and the two fonts, parsed once per process: parsing the TrueType files took most of a PDF's 2.5 s.
 * Each document still makes its own subset of the glyphs it uses.
 */
let loaded: Loaded | null = null;

const A4 = { margin: 42 };
/**
 * Every text run without the font's glyph composition (ccmp): with it, fontkit splits a letter such as "ị" into
 * "i" and a mark, and pdfkit then maps the plain "i" glyph back to "ị" for search and copy, so a PDF reader
 * would find "tịêu" where the page shows "tiêu". The precomposed Vietnamese glyphs draw the same.
 */
const TEXT = { features: { ccmp: false } } as unknown as PDFKit.Mixins.TextOptions;
const GREY = '#595959';
const LINE = '#bfbfbf';

const nf = (digits: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits });
const num = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '—' : nf(digits).format(n));
const signed = (n: number, digits = 1) => (n > 0 ? `+${num(n, digits)}` : n < 0 ? `−${num(-n, digits)}` : num(0));
const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
/** The calendar day in Vietnam (UTC+7, no daylight saving) of a moment. */
const vietnamDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const isShare = (i: IndicatorResult) => i.unit === 'percent' || i.unit === 'growth';

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** A bordered table with a grey header row repeated on every page it runs onto. */
function drawTable(
  doc: PDFKit.PDFDocument,
  columns: Column[],
  rows: { cells: string[]; bold?: boolean }[],
  size = 8.5,
) {
  const left = doc.page.margins.left;
  const pad = 3;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const heightOf = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(size);
    return (
      Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { ...TEXT, width: columns[i]!.width - 2 * pad }))) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], bold: boolean, fill: string | null) => {
    const h = heightOf(cells, bold);
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (!fill)
        drawRow(
          columns.map((c) => c.header),
          true,
          '#f0f0f0',
        );
    }
    const y = doc.y;
    let x = left;
    if (fill)
      doc
        .rect(
          left,
          y,
          columns.reduce((s, c) => s + c.width, 0),
          h,
        )
        .fill(fill);
    doc
      .fillColor('black')
      .font(bold ? 'bold' : 'regular')
      .fontSize(size);
    cells.forEach((c, i) => {
      const col = columns[i]!;
      doc.text(c, x + pad, y + pad, {
        ...TEXT,
        width: col.width - 2 * pad,
        align: fill ? 'left' : (col.align ?? 'left'),
      });
      doc.rect(x, y, col.width, h).lineWidth(0.5).strokeColor(LINE).stroke();
      x += col.width;
    });
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(
    columns.map((c) => c.header),
    true,
    '#f0f0f0',
  );
  for (const r of rows) drawRow(r.cells, r.bold ?? false, null);
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.8).font('bold').fontSize(11).fillColor('black').text(text, doc.page.margins.left, undefined, TEXT);
  doc.moveDown(0.3);
}

function indicatorRows(kpi: KpiReport): { cells: string[]; bold?: boolean }[] {
  const rows: { cells: string[]; bold?: boolean }[] = [];
  for (const i of kpi.indicators) {
    const unit = isShare(i) ? ' %' : '';
    const note =
      i.status === 'no_source' ? 'Chưa có nguồn dữ liệu' : i.status === 'not_visible' ? 'Ngoài quyền xem' : '';
    const value = i.unit === 'breakdown' ? '' : i.value === null ? '—' : `${num(i.value)}${unit}`;
    const fraction =
      i.numerator !== null && i.denominator !== null && i.unit !== 'breakdown'
        ? `${num(i.numerator, 0)} / ${num(i.denominator, 0)}`
        : '';
    const delta = i.delta === null ? '' : isShare(i) ? `${signed(i.delta)} điểm` : signed(i.delta, 0);
    rows.push({
      cells: [i.label.vi, value || note, fraction, i.target === null ? '' : `${num(i.target)}${unit}`, delta],
    });
    for (const b of i.breakdown ?? []) {
      const label = `   • ${breakdownLabel('vi', i.id, b.key)}${b.measure ? ` (${measureLabel('vi', b.measure)})` : ''}`;
      const bValue =
        i.unit === 'percent' ? (b.denominator ? `${num(b.value)} %` : '—') : num(b.value, b.measure ? 3 : 0);
      const bFraction =
        b.numerator !== undefined && b.denominator !== undefined
          ? `${num(b.numerator, 0)} / ${num(b.denominator, 0)}`
          : '';
      rows.push({ cells: [label, bValue, bFraction, '', ''] });
    }
  }
  return rows;
}

function statTable(doc: PDFKit.PDFDocument, t: StatTable, width: number) {
  heading(doc, t.title.vi);
  if (!t.rows.length) {
    doc.font('regular').fontSize(9).fillColor(GREY).text('Không có số liệu trong kỳ.', TEXT).fillColor('black');
    return;
  }
  const n = t.columns.length;
  const labelWidth = n > 6 ? 100 : Math.min(220, width - n * 70);
  const colWidth = (width - labelWidth) / Math.max(n, 1);
  drawTable(
    doc,
    [
      { header: t.rowHead.vi, width: labelWidth },
      ...t.columns.map((c) => ({ header: c.label.vi, width: colWidth, align: 'right' as const })),
    ],
    t.rows.map((r) => ({
      cells: [r.label.vi, ...r.values.map((v) => num(v, t.decimals ?? 0))],
      bold: r.key === 'total',
    })),
    n > 6 ? 7 : 8.5,
  );
}

export async function toPdf(kpi: KpiReport, tables: StatTable[], now: Date): Promise<Buffer> {
  const { PDFDocument, regular, bold } = load();
  const doc = new PDFDocument({
    size: 'A4',
    margin: A4.margin,
    font: regular as unknown as string,
    info: {
      Title: `Báo cáo chỉ tiêu ${kpi.area.name} ${viDate(kpi.period.from)} - ${viDate(kpi.period.to)}`,
      Creator: 'HoSo',
      CreationDate: now,
    },
    bufferPages: true,
  });
  doc.registerFont('regular', regular as unknown as string);
  doc.registerFont('bold', bold as unknown as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc
    .font('bold')
    .fontSize(14)
    .text('BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU PHÒNG, CHỐNG MA TÚY', { ...TEXT, align: 'center' });
  doc.moveDown(0.3).font('regular').fontSize(10.5);
  doc.text(`Địa bàn: ${kpi.area.name}`, { ...TEXT, align: 'center' });
  doc.text(`Kỳ báo cáo: từ ngày ${viDate(kpi.period.from)} đến ngày ${viDate(kpi.period.to)}`, {
    ...TEXT,
    align: 'center',
  });
  doc.text(
    kpi.plan ? `Kế hoạch: ${kpi.plan.title} (${kpi.plan.decisionNumber})` : 'Kế hoạch: chưa có kế hoạch cho năm này',
    { ...TEXT, align: 'center' },
  );

  heading(doc, 'I. Các chỉ tiêu');
  drawTable(
    doc,
    [
      { header: 'Chỉ tiêu', width: width - 280 },
      { header: 'Kết quả', width: 70, align: 'right' },
      { header: 'Tử số / mẫu số', width: 80, align: 'right' },
      { header: 'Kế hoạch', width: 60, align: 'right' },
      { header: 'Chênh lệch', width: 70, align: 'right' },
    ],
    indicatorRows(kpi),
  );

  if (tables.length) {
    heading(doc, 'II. Các bảng thống kê');
    tables.forEach((t) => statTable(doc, t, width));
  }

  // Page numbers and the moment of printing at the foot of every page.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // Below the bottom margin: lifted for the footer, or pdfkit would start a new page for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - bottom + 12;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(GREY)
      .text(`HoSo · lập ngày ${viDate(vietnamDay(now))} · trang ${p + 1}/${range.count}`, doc.page.margins.left, y, {
        width,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
