import type { Address, PersonFile } from '../contract/person-types';
import { personLabels } from '../i18n/person-labels';
import { vietnamDay } from '../domain/working-days';
import { commune, province } from '../places';

/**
 * The printable A4 dossier of a person (Vietnamese, dd/mm/yyyy). Built from the same PersonFile the screen
 * shows, so print and screen cannot disagree. Every value is escaped.
 */
const L = personLabels.vi;

function esc(s: string | null | undefined): string {
  return (s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function viDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}$/.test(iso)) return iso;
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

export function addressText(a: Address | null): string {
  if (!a) return '';
  const c = commune(a.communeCode)?.name ?? a.communeCode;
  const p = province(a.provinceCode)?.name ?? a.provinceCode;
  return [a.street, c, p].filter(Boolean).join(', ');
}

const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`;

export function dossierHtml(
  f: PersonFile,
  meta: { printedAt: Date; printedBy: string; unitName: string | null },
): string {
  const p = f.person;
  const measures = f.measures
    .map(
      (m) =>
        `<tr><td>${esc(L.measureKind[m.kind])}</td><td>${esc(m.decisionNumber)} (${viDate(m.decisionDate)})</td><td>${esc(m.authority)}</td><td>${viDate(m.startDate)}</td><td>${viDate(m.endDate)}</td><td>${esc(L.measureStatus[m.status])}</td></tr>`,
    )
    .join('');
  const tests = f.tests
    .map(
      (t) =>
        `<tr><td>${viDate(t.date)}</td><td>${esc(L.testMethod[t.method])}</td><td>${esc(L.testResult[t.result])}</td><td>${esc(t.substances.map((s) => L.substance[s]).join(', '))}</td></tr>`,
    )
    .join('');
  const dets = f.determinations
    .map(
      (d) =>
        `<tr><td>${viDate(d.requestedDate)}</td><td>${esc(d.facility)}</td><td>${viDate(d.resultDate)}</td><td>${esc(L.determinationResult[d.result])}</td><td>${esc(d.formRef)}</td></tr>`,
    )
    .join('');
  const empty = (cols: number) => `<tr><td colspan="${cols}" class="none">Không có</td></tr>`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hồ sơ quản lý</title><style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Serif", "Times New Roman", serif; font-size: 11pt; color: #000; }
.head { display: flex; justify-content: space-between; text-align: center; font-size: 10.5pt; }
h1 { text-align: center; font-size: 15pt; margin: 8mm 0 1mm; }
.sub { text-align: center; font-style: italic; margin-bottom: 5mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1px solid #000; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #777; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
table.kv th { width: 35%; font-weight: normal; background: #f3f3f3; }
thead th { background: #eaeaea; }
td.none { text-align: center; color: #555; font-style: italic; }
.foot { margin-top: 8mm; font-size: 9pt; color: #333; }
</style></head><body>
<div class="head"><div>${esc(meta.unitName ?? '')}</div><div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập – Tự do – Hạnh phúc</div></div>
<h1>HỒ SƠ QUẢN LÝ NGƯỜI SỬ DỤNG, NGHIỆN MA TÚY</h1>
<div class="sub">Phân loại: ${esc(L.category[p.category])}</div>
<h2>I. Nhân thân</h2>
<table class="kv">${[
    row('Họ và tên', p.fullName),
    row('Tên gọi khác', p.otherNames.join(', ')),
    row('Giới tính', L.sex[p.sex]),
    row('Ngày sinh', viDate(p.birthDate)),
    row('Số định danh cá nhân', p.citizenId ?? ''),
    row('Dân tộc', p.ethnicity ?? ''),
    row('Trình độ học vấn', p.education ?? ''),
    row('Nghề nghiệp', p.occupation ?? ''),
    row('Nơi thường trú', addressText(p.permanentAddress)),
    row('Nơi ở hiện tại', addressText(p.currentAddress)),
    row('Chất ma túy sử dụng', p.substances.map((s) => L.substance[s]).join(', ')),
    row('Sử dụng lần đầu', viDate(p.firstUseDate)),
    row('Người thân liên hệ', p.familyContact ?? ''),
  ].join('')}</table>
<h2>II. Biện pháp quản lý, cai nghiện</h2>
<table><thead><tr><th>Biện pháp</th><th>Quyết định</th><th>Cơ quan</th><th>Từ ngày</th><th>Đến ngày</th><th>Tình trạng</th></tr></thead><tbody>${measures || empty(6)}</tbody></table>
<h2>III. Kết quả xét nghiệm</h2>
<table><thead><tr><th>Ngày</th><th>Phương pháp</th><th>Kết quả</th><th>Chất</th></tr></thead><tbody>${tests || empty(4)}</tbody></table>
<h2>IV. Xác định tình trạng nghiện</h2>
<table><thead><tr><th>Ngày đề nghị</th><th>Cơ sở y tế</th><th>Ngày có kết quả</th><th>Kết quả</th><th>Số phiếu</th></tr></thead><tbody>${dets || empty(5)}</tbody></table>
<div class="foot">In ngày ${viDate(vietnamDay(meta.printedAt))} bởi ${esc(meta.printedBy)}. Tài liệu MẬT — chỉ sử dụng cho công tác quản lý theo quy định.</div>
</body></html>`;
}
