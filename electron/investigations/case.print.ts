import type { CaseView } from '../../shared/contract';
import { offenceOf } from '../../shared/domain/investigations/offences';
import { vietnamDay } from '../../shared/domain/working-days';
import { investigationLabels, penaltyText } from '../../shared/i18n/investigation-labels';
import { province } from '../../shared/places';
import {
  dataTable,
  html,
  labelRows,
  officialDocumentHtml,
  provincePoliceName,
  section,
} from '../../shared/print/official-document';
import type { DomainContext } from '../host/context';
import { investigationRepository as repo } from './investigation.repository';

const L = investigationLabels.vi;
/** dd/mm/yyyy, as every date on paper. */
const D = (iso: string | null | undefined) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const N = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 3 });

/** The body of a case summary: every value escaped by the print helpers; codes shown with their labels. */
export function caseSummaryBody(c: CaseView) {
  const flags = [
    c.international
      ? `${L.flag.international}${c.partnerCountry ? ` (${L.partnerCountry[c.partnerCountry]})` : ''}`
      : null,
    c.transnationalRoute ? L.flag.transnationalRoute : null,
    c.organisedRing ? L.flag.organisedRing : null,
  ].filter(Boolean);
  const general = labelRows([
    ['Số vụ án', c.number],
    [
      'Quyết định khởi tố',
      `Số ${c.decisionNumber}, ngày ${D(c.prosecutedOn)}${c.prosecutingUnit ? `, ${c.prosecutingUnit}` : ''}`,
    ],
    ['Phân loại tội phạm', L.severity[c.severity]],
    ['Trạng thái', `${L.caseState[c.state]} (từ ${D(c.stateHistory.at(-1)?.on ?? c.prosecutedOn)})`],
    ['Thời hạn điều tra', c.daysLeft === null ? D(c.deadline) : `${D(c.deadline)} (còn ${c.daysLeft} ngày)`],
    ['Đặc điểm', flags.length ? flags.join('; ') : 'Không'],
    ['Tóm tắt', c.summary ?? ''],
  ]);
  const offences = dataTable({
    columns: ['Điều', 'Khoản', 'Tội danh', 'Khung hình phạt'],
    rows: c.offences.map((o) => [
      o.article,
      String(o.clause),
      offenceOf(o.article)?.title.vi ?? '',
      penaltyText(o.minYears, o.maxPenalty, 'vi'),
    ]),
  });
  const extensions = dataTable({
    columns: ['Lần', 'Số quyết định', 'Ngày', 'Số tháng', 'Đến ngày'],
    rows: c.extensions.map((e, i) => [String(i + 1), e.decisionNumber, D(e.decidedOn), String(e.months), D(e.until)]),
    empty: 'Chưa gia hạn',
  });
  const suspects = dataTable({
    columns: ['Họ tên', 'Năm sinh', 'Số định danh', 'Vai trò', 'Biện pháp ngăn chặn', 'Kết quả'],
    rows: c.suspects.map((s) => [
      s.person?.fullName ?? '',
      s.person?.birthDate.slice(0, 4) ?? '',
      s.person?.citizenId ?? '',
      L.suspectRole[s.role],
      s.measure === 'none' ? '' : `${L.suspectMeasure[s.measure]}${s.measureFrom ? ` từ ${D(s.measureFrom)}` : ''}`,
      L.suspectOutcome[s.outcome],
    ]),
  });
  const seized = dataTable({
    columns: ['Ngày', 'Loại', 'Số lượng', 'Ghi chú'],
    rows: c.seizures.map((s) =>
      s.kind === 'substance'
        ? [D(s.seizedOn), L.substance[s.substance!], `${N(s.quantity!)} ${L.unit[s.unit!]}`, s.description ?? '']
        : [D(s.seizedOn), L.exhibit[s.exhibit!], N(s.count!), s.description ?? ''],
    ),
  });
  const totals = dataTable({
    columns: ['Loại', 'Tổng'],
    rows: [
      ...c.totals.substances.map((t) => [L.substance[t.substance], `${N(t.quantity)} ${L.unit[t.unit]}`]),
      ...c.totals.exhibits.map((t) => [L.exhibit[t.exhibit], N(t.count)]),
    ],
  });
  const history = dataTable({
    columns: ['Ngày', 'Trạng thái', 'Số quyết định', 'Ghi chú'],
    rows: c.stateHistory.map((h) => [D(h.on), L.caseState[h.state], h.decisionNumber ?? '', h.note ?? '']),
  });
  return html`${section('I. Thông tin chung', general)}${section('II. Tội danh', offences)}${section(
    'III. Gia hạn điều tra',
    extensions,
  )}${section('IV. Bị can, đối tượng', suspects)}${section('V. Vật chứng thu giữ', html`${seized}${totals}`)}${section(
    'VI. Quá trình giải quyết',
    history,
  )}`;
}

/** The case summary on A4 in the Decree 30 frame, marked MẬT; no personal data in its title. */
export async function buildCasePrint(ctx: DomainContext, c: CaseView, purpose: string): Promise<string> {
  const s = ctx.session();
  const unit = s.unitId ? await repo.unit(ctx.db(), s.unitId) : undefined;
  const prov = unit?.provinceCode ? province(unit.provinceCode) : undefined;
  return officialDocumentHtml({
    agency: { parent: prov ? provincePoliceName(prov) : '', unit: unit?.name ?? '' },
    number: '',
    placeName: prov?.shortName ?? '',
    date: vietnamDay(ctx.now()),
    confidential: 'mat',
    title: 'Báo cáo tóm tắt hồ sơ vụ án',
    subtitle: `Vụ án số ${c.number}`,
    purpose,
    bodyHtml: caseSummaryBody(c),
    signers: [{ title: 'Điều tra viên', name: s.displayName }, { title: 'Lãnh đạo duyệt' }],
    docTitle: 'Tóm tắt vụ án',
  });
}
