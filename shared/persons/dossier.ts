import type { Address, PersonFile } from '../contract/person-types';
import {
  educationLevelLabels,
  ethnicity as ethnicityByCode,
  occupationLabels,
  type EducationLevel,
  type Occupation,
} from '../domain/ethnicities';
import { vietnamDay } from '../domain/working-days';
import { personLabels } from '../i18n/person-labels';
import { formatAddress, province } from '../places';
import {
  dataTable,
  html,
  labelRows,
  officialDocumentHtml,
  provincePoliceName,
  section,
  type Html,
} from '../print/official-document';

/**
 * The printable A4 dossier of a person, in the administrative document frame of Decree 30/2020/NĐ-CP
 * (shared/print/official-document.ts). Built from the same PersonFile the screen shows and labelled from the
 * same tables as the screen (shared/i18n/person-labels.ts, shared/domain/ethnicities.ts), so print and screen
 * cannot disagree and no code reaches the paper. Every value is escaped.
 */
const L = personLabels.vi;

export function viDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}$/.test(iso)) return iso;
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An address as written on documents: street, commune, province, all by name. */
export function addressText(a: Address | null): string {
  return a ? formatAddress(a) : '';
}

/** Reference values by their Vietnamese names; a value outside the lists (older imports) is printed as written. */
export const referenceLabel = {
  ethnicity: (code: string | null): string => (code ? (ethnicityByCode(code)?.name ?? code) : ''),
  education: (code: string | null): string => (code ? (educationLevelLabels[code as EducationLevel]?.vi ?? code) : ''),
  occupation: (code: string | null): string => (code ? (occupationLabels[code as Occupation]?.vi ?? code) : ''),
};

/** Who prints, from where: the unit's names and province make the header and the place-and-date line. */
export interface DossierMeta {
  printedAt: Date;
  printedBy: string;
  unit: { name: string; provinceCode: string | null } | null;
  /** The purpose typed at print time. */
  purpose: string;
}

const D = (iso: string | null | undefined): Html => html`<span class="nowrap">${viDate(iso)}</span>`;

export function dossierBody(f: PersonFile): Html {
  const p = f.person;
  const identity = labelRows([
    ['Họ và tên', html`<b>${p.fullName}</b>`],
    ['Tên gọi khác', p.otherNames.join(', ')],
    ['Giới tính', L.sex[p.sex]],
    ['Ngày sinh', D(p.birthDate)],
    ['Số định danh cá nhân', html`<span class="nowrap">${p.citizenId ?? ''}</span>`],
    ['Dân tộc', referenceLabel.ethnicity(p.ethnicity)],
    ['Trình độ học vấn', referenceLabel.education(p.education)],
    ['Nghề nghiệp', referenceLabel.occupation(p.occupation)],
    ['Nơi thường trú', addressText(p.permanentAddress)],
    ['Nơi ở hiện tại', addressText(p.currentAddress)],
    ['Chất ma túy sử dụng', p.substances.map((s) => L.substance[s]).join(', ')],
    ['Sử dụng lần đầu', D(p.firstUseDate)],
    ['Người thân liên hệ', p.familyContact ?? ''],
    ['Phân loại', L.category[p.category]],
  ]);
  const measures = dataTable({
    columns: ['Biện pháp', 'Quyết định', 'Cơ quan', 'Từ ngày', 'Đến ngày', 'Tình trạng'],
    rows: f.measures.map((m) => [
      L.measureKind[m.kind],
      html`${m.decisionNumber} (${D(m.decisionDate)})`,
      m.authority,
      D(m.startDate),
      D(m.endDate),
      L.measureStatus[m.status],
    ]),
  });
  const tests = dataTable({
    columns: ['Ngày', 'Phương pháp', 'Kết quả', 'Chất'],
    rows: f.tests.map((t) => [
      D(t.date),
      L.testMethod[t.method],
      L.testResult[t.result],
      t.substances.map((s) => L.substance[s]).join(', '),
    ]),
  });
  const determinations = dataTable({
    columns: ['Ngày đề nghị', 'Cơ sở y tế', 'Ngày có kết quả', 'Kết quả', 'Số phiếu'],
    rows: f.determinations.map((d) => [
      D(d.requestedDate),
      d.facility,
      D(d.resultDate),
      L.determinationResult[d.result],
      d.formRef ?? '',
    ]),
  });
  return html`${section('I. Nhân thân', identity)}${section('II. Biện pháp quản lý, cai nghiện', measures)}${section(
    'III. Kết quả xét nghiệm',
    tests,
  )}${section('IV. Xác định tình trạng nghiện', determinations)}`;
}

export function dossierHtml(f: PersonFile, meta: DossierMeta): string {
  const prov = meta.unit?.provinceCode ? province(meta.unit.provinceCode) : undefined;
  return officialDocumentHtml({
    agency: { parent: prov ? provincePoliceName(prov) : '', unit: meta.unit?.name ?? '' },
    number: '',
    placeName: prov?.shortName ?? '',
    date: vietnamDay(meta.printedAt),
    confidential: 'mat',
    title: 'Hồ sơ quản lý người sử dụng trái phép chất ma túy, người nghiện ma túy',
    purpose: meta.purpose,
    bodyHtml: dossierBody(f),
    signers: [{ title: 'Người lập', name: meta.printedBy }, { title: 'Lãnh đạo duyệt' }],
    docTitle: 'Hồ sơ quản lý',
  });
}
