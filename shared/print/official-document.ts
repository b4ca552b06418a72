/**
 * The frame of a printed administrative document in the format of Decree 30/2020/NĐ-CP (công tác văn thư),
 * Appendix I: A4 portrait, margins 20–25 mm top and bottom, 30–35 mm left, 15–20 mm right; Times New Roman
 * 13–14 pt. Its parts, where the decree puts them:
 *
 * - top left: the parent agency (upright capitals) over the issuing unit (bold capitals) with a short rule
 *   under it, and under them "Số: …" (ô số 2 and 3);
 * - just under "Số: …" the confidentiality mark (ô số 10a: dấu chỉ độ mật), a framed "MẬT";
 * - top right: the national motto (Quốc hiệu và Tiêu ngữ, ô số 1) with a rule under "Độc lập - Tự do - Hạnh phúc",
 *   and under it the place-and-date line in italics (ô số 4: "Tuyên Quang, ngày 03 tháng 12 năm 2026", with a
 *   leading zero on days below 10 and on months 1 and 2);
 * - the title in bold capitals and its summary (ô số 5), then the body (ô số 6);
 * - the signature block: each signer's capacity in bold capitals, room to sign, the name in bold (ô số 7);
 * - "Nơi nhận:" at the bottom left (ô số 9a, 9b).
 *
 * Page numbers: the decree numbers pages at the top centre from page 2; officers asked for "Trang 1/2" so a
 * loose sheet shows it belongs to a set, so every page carries "Trang n/N" in its bottom margin (CSS paged-media
 * margin boxes, which Chromium draws in print and in PDF since version 131).
 *
 * Everything is escaped: callers pass text, or `Html` built with the helpers here (`html`, `labelRows`,
 * `dataTable`, `section`), which escape every value they are given. A plain string is never taken as markup.
 */

declare const htmlBrand: unique symbol;
/** Markup built by the helpers below: every value in it was escaped on the way in. */
export type Html = { readonly [htmlBrand]: true; readonly markup: string };

function mark(markup: string): Html {
  return { markup } as Html;
}

export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function isHtml(v: unknown): v is Html {
  return typeof v === 'object' && v !== null && 'markup' in v && typeof (v as Html).markup === 'string';
}

type Part = Html | string | number | null | undefined | readonly Part[];

function render(v: Part): string {
  if (Array.isArray(v)) return (v as readonly Part[]).map(render).join('');
  if (isHtml(v)) return v.markup;
  return esc(v as string | number | null | undefined);
}

/** A template of trusted markup: the literal parts are kept, every interpolated value is escaped unless it is `Html`. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return mark(out);
}

/** A two-column table of label and value, as on the screen's file: `[label, value]` pairs, values escaped. */
export function labelRows(rows: readonly (readonly [label: string, value: Part])[]): Html {
  return html`<table class="kv">
    ${rows.map(
      ([k, v]) =>
        html`<tr>
          <th>${k}</th>
          <td>${v}</td>
        </tr>`,
    )}
  </table>`;
}

/** A table with a header row; `empty` is shown across the columns when there are no rows. */
export function dataTable(opts: {
  columns: readonly string[];
  rows: readonly (readonly Part[])[];
  empty?: string;
}): Html {
  const head = html`<thead>
    <tr>
      ${opts.columns.map((c) => html`<th>${c}</th>`)}
    </tr>
  </thead>`;
  const body = opts.rows.length
    ? opts.rows.map(
        (r) =>
          html`<tr>
            ${r.map((c) => html`<td>${c}</td>`)}
          </tr>`,
      )
    : html`<tr>
        <td colspan="${opts.columns.length}" class="none">${opts.empty ?? 'Không có'}</td>
      </tr>`;
  return html`<table class="grid">
    ${head}
    <tbody>
      ${body}
    </tbody>
  </table>`;
}

/** A numbered heading ("I. Nhân thân") and its content. */
export function section(heading: string, content: Part): Html {
  return html`<section>
    <h2>${heading}</h2>
    ${content}
  </section>`;
}

/** Degrees of the confidentiality mark (Law on Protection of State Secrets 2018, art. 8). */
export type Confidentiality = 'mat' | 'toi_mat' | 'tuyet_mat';
const CONFIDENTIAL_MARK: Record<Confidentiality, string> = { mat: 'MẬT', toi_mat: 'TỐI MẬT', tuyet_mat: 'TUYỆT MẬT' };

export interface OfficialDocumentInput {
  /** Cơ quan chủ quản ("Công an tỉnh Tuyên Quang") and the issuing unit ("Phòng PC04"); printed in capitals. */
  agency: { parent: string; unit: string };
  /** The number and symbol after "Số: " ("12/BC-PC04"); empty leaves dots for the registry clerk to fill. */
  number: string;
  /** The place of issue: the province's short name ("Tuyên Quang", "Hà Nội"). */
  placeName: string;
  /** The day of issue, ISO YYYY-MM-DD. */
  date: string;
  /** The mark's degree; `true` means "MẬT"; absent or false, no mark. */
  confidential?: boolean | Confidentiality;
  /** The document's kind and subject ("HỒ SƠ QUẢN LÝ NGƯỜI SỬ DỤNG TRÁI PHÉP CHẤT MA TÚY"). */
  title: string;
  /** A line under the title (trích yếu), optional. */
  subtitle?: string;
  /** Why it was printed, as typed at print time; printed under the title as "Mục đích: …" when given. */
  purpose?: string;
  bodyHtml: Html;
  /** From left to right: "Người lập", "Lãnh đạo duyệt" … The name is left blank to be written by hand when absent. */
  signers: readonly { title: string; name?: string | null }[];
  /** Nơi nhận, optional. */
  recipients?: readonly string[];
  /** The document's HTML <title> (no personal data: it can end up as a PDF's file name). */
  docTitle?: string;
}

/** "ngày 03 tháng 12 năm 2026": a leading zero on days 1–9 and months 1 and 2 (Decree 30, Appendix I, II.4). */
export function officialDateWords(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 ? `0${m}` : String(m);
  return `ngày ${dd} tháng ${mm} năm ${y}`;
}

/** Vietnamese capitals, keeping the diacritics ("Phòng PC04" → "PHÒNG PC04"). */
function upper(s: string): string {
  return s.toLocaleUpperCase('vi');
}

export const OFFICIAL_DOCUMENT_CSS = `
@page {
  size: A4 portrait;
  margin: 20mm 15mm 20mm 30mm;
  @bottom-right { content: "Trang " counter(page) "/" counter(pages); font: 11pt "Times New Roman", "Liberation Serif", "Noto Serif", serif; }
}
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Times New Roman", "Liberation Serif", "Noto Serif", serif; font-size: 13pt; line-height: 1.25; color: #000; margin: 0; }
.od-head { display: grid; grid-template-columns: 42% 58%; align-items: start; text-align: center; }
.od-agency .parent { font-size: 12.5pt; text-transform: none; }
.od-agency .unit { font-size: 12.5pt; font-weight: bold; }
.od-rule { display: block; margin: 1mm auto 0; border-top: 0.6pt solid #000; }
.od-agency .od-rule { width: 35%; }
.od-number { margin-top: 2mm; font-size: 13pt; }
.od-secret { display: inline-block; margin-top: 2mm; border: 1.2pt solid #000; padding: 0.5mm 4mm; min-width: 24mm; font-weight: bold; font-size: 13pt; letter-spacing: 0.5pt; }
.od-motto .nation { font-size: 12.5pt; font-weight: bold; white-space: nowrap; }
.od-motto .motto { font-size: 13.5pt; font-weight: bold; display: inline-block; }
.od-motto .motto .od-rule { width: 100%; }
.od-date { margin-top: 3mm; font-style: italic; font-size: 13.5pt; }
.od-title { text-align: center; font-weight: bold; font-size: 14pt; margin: 8mm 0 0; }
.od-subtitle { text-align: center; font-weight: bold; font-size: 13.5pt; margin: 1mm 0 0; }
.od-title-rule { width: 30%; margin: 1.5mm auto 0; border-top: 0.6pt solid #000; }
.od-purpose { margin: 4mm 0 0; text-align: justify; }
.od-body { margin-top: 4mm; }
.od-body h2 { font-size: 13pt; font-weight: bold; margin: 5mm 0 2mm; break-after: avoid; }
.od-body section { break-inside: auto; }
.od-body table { border-collapse: collapse; width: 100%; font-size: 12pt; }
.od-body th, .od-body td { border: 0.6pt solid #000; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
.od-body tr { break-inside: avoid; }
.od-body thead { display: table-header-group; }
.od-body table.kv th { width: 34%; font-weight: normal; }
.od-body table.grid thead th { font-weight: bold; text-align: center; }
.od-body td.none { text-align: center; font-style: italic; }
.od-body .nowrap { white-space: nowrap; }
.od-sign { display: flex; justify-content: space-between; gap: 10mm; margin-top: 8mm; break-inside: avoid; text-align: center; }
.od-sign .signer { flex: 1 1 0; }
.od-sign .cap { font-weight: bold; font-size: 13pt; }
.od-sign .hint { font-style: italic; font-size: 12pt; }
.od-sign .room { height: 24mm; }
.od-sign .name { font-weight: bold; font-size: 13.5pt; min-height: 1.3em; }
.od-recipients { margin-top: 6mm; font-size: 11pt; break-inside: avoid; }
.od-recipients .label { font-weight: bold; font-style: italic; font-size: 12pt; }
.od-recipients ul { margin: 0; padding-left: 0; list-style: none; }
.od-recipients li::before { content: "- "; }
@media screen {
  body { background: #f0f0f0; }
  .od-sheet { background: #fff; width: 210mm; box-sizing: border-box; padding: 20mm 15mm 20mm 30mm; margin: 0 auto; }
}
`;

function confidentialMark(c: OfficialDocumentInput['confidential']): string | null {
  if (!c) return null;
  return CONFIDENTIAL_MARK[c === true ? 'mat' : c];
}

/** The whole A4 document: `<!doctype html>` … with the frame's parts around `bodyHtml`. */
export function officialDocumentHtml(doc: OfficialDocumentInput): string {
  const secret = confidentialMark(doc.confidential);
  const number = doc.number.trim() || '…………';
  const head = html`<header class="od-head">
    <div class="od-agency">
      <div class="parent">${upper(doc.agency.parent)}</div>
      <div class="unit">${upper(doc.agency.unit)}</div>
      <span class="od-rule"></span>
      <div class="od-number">Số: ${number}</div>
      ${secret ? html`<div class="od-secret" data-part="confidential">${secret}</div>` : ''}
    </div>
    <div class="od-motto">
      <div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
      <div class="motto">Độc lập - Tự do - Hạnh phúc<span class="od-rule"></span></div>
      <div class="od-date" data-part="place-date">
        ${doc.placeName.trim() || '…………'}, ${officialDateWords(doc.date)}
      </div>
    </div>
  </header>`;
  const title = html`<div class="od-title" data-part="title">${upper(doc.title)}</div>
    ${doc.subtitle ? html`<div class="od-subtitle">${doc.subtitle}</div>` : ''}
    <div class="od-title-rule"></div>
    ${doc.purpose?.trim() ? html`<p class="od-purpose" data-part="purpose"><b>Mục đích:</b> ${doc.purpose.trim()}</p>` : ''}`;
  const signers = html`<div class="od-sign" data-part="signers">
    ${doc.signers.map(
      (s) =>
        html`<div class="signer">
          <div class="cap">${upper(s.title)}</div>
          <div class="hint">(Ký, ghi rõ họ tên)</div>
          <div class="room"></div>
          <div class="name">${s.name ?? ''}</div>
        </div>`,
    )}
  </div>`;
  const recipients = doc.recipients?.length
    ? html`<div class="od-recipients">
        <div class="label">Nơi nhận:</div>
        <ul>
          ${doc.recipients.map((r) => html`<li>${r}</li>`)}
        </ul>
      </div>`
    : '';
  const page = html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <title>${doc.docTitle ?? doc.title}</title>
        <style>
          ${mark(OFFICIAL_DOCUMENT_CSS)}
        </style>
      </head>
      <body>
        <div class="od-sheet">
          ${head} ${title}
          <div class="od-body">${doc.bodyHtml}</div>
          ${signers} ${recipients}
        </div>
      </body>
    </html>`;
  return page.markup;
}

/** "Công an tỉnh Tuyên Quang" / "Công an thành phố Hà Nội" from a province's official name. */
export function provincePoliceName(province: { name: string; type: 'province' | 'municipality' }): string {
  return province.type === 'municipality'
    ? `Công an ${province.name.replace(/^Thành phố /, 'thành phố ')}`
    : `Công an tỉnh ${province.name}`;
}
