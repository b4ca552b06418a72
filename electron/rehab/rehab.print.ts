import type { ReferralDossier, StayView } from '../../shared/contract/rehab-types';
import { vietnamDay } from '../../shared/domain/working-days';
import { personLabels } from '../../shared/i18n/person-labels';
import { rehabLabels } from '../../shared/i18n/rehab-labels';
import { commune, province } from '../../shared/places';
import {
  dataTable,
  html,
  labelRows,
  officialDocumentHtml,
  provincePoliceName,
  section,
} from '../../shared/print/official-document';
import type { DomainContext } from '../host/context';
import { facilityRow } from './rehab.core';

const L = rehabLabels.vi;
const PL = personLabels.vi;
/** dd/mm/yyyy, as every date on paper. */
const D = (iso: string | null | undefined) =>
  iso ? (iso.length === 4 ? iso : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`) : '';
const place = (communeCode: string | null, provinceCode: string | null) =>
  [communeCode ? commune(communeCode)?.name : null, provinceCode ? province(provinceCode)?.name : null]
    .filter(Boolean)
    .join(', ');

async function agencyOf(ctx: DomainContext) {
  const s = ctx.session();
  const unit = s.unitId
    ? await ctx.db().selectFrom('units').select(['name', 'provinceCode']).where('id', '=', s.unitId).executeTakeFirst()
    : undefined;
  const prov = unit?.provinceCode ? province(unit.provinceCode) : undefined;
  return {
    agency: { parent: prov ? provincePoliceName(prov) : '', unit: unit?.name ?? '' },
    placeName: prov?.shortName ?? '',
  };
}

/** The referral dossier's cover (A4, Decree 30 frame): the person, the steps, the checklist; marked MẬT. */
export async function referralCover(ctx: DomainContext, d: ReferralDossier, purpose: string): Promise<string> {
  const { agency, placeName } = await agencyOf(ctx);
  const r = d.referral;
  const p = d.person;
  const person = labelRows([
    ['Họ và tên', p.fullName],
    ['Ngày sinh', D(p.birthDate)],
    ['Giới tính', PL.sex[p.sex]],
    ['Số định danh cá nhân', p.citizenId ?? ''],
    ['Nơi cư trú', place(p.communeCode, p.provinceCode)],
    ['Phân loại', PL.category[p.category]],
    ['Người chưa thành niên', r.minor ? 'Có (từ đủ 12 đến dưới 18 tuổi)' : 'Không'],
  ]);
  const status = labelRows([
    ['Ngày phát hiện', D(r.discoveredOn)],
    ['Bước hiện tại', `${L.referralState[r.state]} (từ ${D(r.stateOn)})`],
    ['Hạn của bước hiện tại', r.deadline ? D(r.deadline) : 'Không có'],
    ['Cơ sở cai nghiện', d.facility?.name ?? ''],
    ['Người quản lý trong thời gian chờ', L.pendingCustody[r.pendingCustody]],
    [
      'Quyết định của Tòa án',
      r.decision
        ? `${L.decisionKind[r.decision.kind]}${r.decision.termMonths ? `, ${r.decision.termMonths} tháng` : ''}${
            r.decision.number ? `, số ${r.decision.number}` : ''
          }, ngày ${D(r.decision.on)}`
        : 'Chưa có',
    ],
  ]);
  const checklist = dataTable({
    columns: ['Tài liệu', 'Bắt buộc', 'Đã có', 'Ngày'],
    rows: d.checklist.map((c) => [
      L.dossierItem[c.item],
      c.required ? 'Có' : 'Không',
      c.done ? 'Đã có' : 'Chưa có',
      D(c.doneOn),
    ]),
  });
  const history = dataTable({
    columns: ['Ngày', 'Bước', 'Ghi chú'],
    rows: d.history.map((h) => [D(h.on), L.referralState[h.state], h.note ?? '']),
  });
  return officialDocumentHtml({
    ...{ agency, placeName },
    number: '',
    date: vietnamDay(ctx.now()),
    confidential: 'mat',
    title: 'Hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc',
    purpose,
    bodyHtml: html`${section('I. Người bị đề nghị', person)}${section('II. Tình trạng hồ sơ', status)}${section(
      'III. Danh mục tài liệu',
      checklist,
    )}${section('IV. Quá trình giải quyết', history)}`,
    signers: [{ title: 'Người lập', name: ctx.session().displayName }, { title: 'Lãnh đạo duyệt' }],
    docTitle: 'Bìa hồ sơ đề nghị cai nghiện bắt buộc',
  });
}

/** The discharge certificate (Giấy chứng nhận hoàn thành thời gian cai nghiện), A4 in the Decree 30 frame. */
export async function dischargeCertificate(ctx: DomainContext, s: StayView, purpose: string): Promise<string> {
  const facility = await facilityRow(ctx.db(), s.facilityId);
  const { agency, placeName } = await agencyOf(ctx);
  const p = s.person;
  const body = html`<p>
      ${facility?.name ?? ''} chứng nhận người có tên dưới đây đã
      ${s.status === 'discharged' ? 'hoàn thành' : 'đang chấp hành'} thời gian cai nghiện ma túy tại cơ sở:
    </p>
    ${labelRows([
      ['Họ và tên', p?.fullName ?? ''],
      ['Ngày sinh', D(p?.birthDate)],
      ['Số định danh cá nhân', p?.citizenId ?? ''],
      ['Nơi cư trú', p ? place(p.communeCode, p.provinceCode) : ''],
      ['Ngày vào cơ sở', D(s.admittedOn)],
      ['Thời hạn', s.termMonths ? `${s.termMonths} tháng` : ''],
      ['Ngày chấm dứt', D(s.dischargedOn)],
      ['Giai đoạn cuối', L.stayStage[s.stage]],
    ])}
    <p>Người được chứng nhận trở về nơi cư trú, chịu sự quản lý sau cai nghiện của Công an cấp xã theo quy định.</p>`;
  return officialDocumentHtml({
    agency: facility ? { parent: agency.parent, unit: facility.name } : agency,
    number: s.certificateNumber ?? '',
    placeName,
    date: s.dischargedOn ?? vietnamDay(ctx.now()),
    title: 'Giấy chứng nhận hoàn thành thời gian cai nghiện ma túy',
    purpose,
    bodyHtml: body,
    signers: [{ title: 'Người lập', name: ctx.session().displayName }, { title: 'Giám đốc cơ sở' }],
    docTitle: 'Giấy chứng nhận cai nghiện',
  });
}
