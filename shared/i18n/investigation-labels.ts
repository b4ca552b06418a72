import type {
  ExhibitKind,
  HotspotActivity,
  HotspotKind,
  PartnerCountry,
  QuantityUnit,
  SeizedSubstance,
  SuspectMeasure,
  SuspectOutcome,
  SuspectRole,
  TipChannel,
  TipSource,
} from '../domain/investigations/catalog';
import type { MaxPenalty } from '../domain/investigations/offences';
import type { Severity } from '../domain/investigations/severity';
import type { CaseState, HotspotStatus, TipState } from '../domain/investigations/states';

/**
 * Labels of the investigations domain's codes, in both languages: one table for the screens, the print and the
 * CLI. Offence titles are in the offence data itself (shared/domain/investigations/offences.ts).
 */
export interface InvestigationLabels {
  severity: Record<Severity, string>;
  tipSource: Record<TipSource, string>;
  tipChannel: Record<TipChannel, string>;
  tipState: Record<TipState, string>;
  caseState: Record<CaseState, string>;
  substance: Record<SeizedSubstance, string>;
  unit: Record<QuantityUnit, string>;
  exhibit: Record<ExhibitKind, string>;
  suspectRole: Record<SuspectRole, string>;
  suspectMeasure: Record<SuspectMeasure, string>;
  suspectOutcome: Record<SuspectOutcome, string>;
  hotspotKind: Record<HotspotKind, string>;
  hotspotActivity: Record<HotspotActivity, string>;
  hotspotStatus: Record<HotspotStatus, string>;
  partnerCountry: Record<PartnerCountry, string>;
  flag: { international: string; transnationalRoute: string; organisedRing: string };
  /** Field-level error keys (the `code` of an INVALID_INPUT issue) raised by this domain. */
  validation: Record<InvestigationIssueCode, string>;
  /** The audit actions of this domain, for the audit page (keys as written: `case.read`). */
  auditAction: Record<InvestigationAuditAction, string>;
}

export type InvestigationAuditAction =
  | 'tip.create'
  | 'tip.read'
  | 'tip.update'
  | 'tip.decide'
  | 'tip.extend'
  | 'case.create'
  | 'case.read'
  | 'case.search'
  | 'case.update'
  | 'case.advance'
  | 'case.extend'
  | 'case.of_person'
  | 'case.print'
  | 'suspect.create'
  | 'suspect.update'
  | 'suspect.remove'
  | 'seizure.create'
  | 'seizure.remove'
  | 'hotspot.create'
  | 'hotspot.read'
  | 'hotspot.update'
  | 'hotspot.advance'
  | 'investigations.seed';

export type InvestigationIssueCode =
  | 'offence_article_unknown'
  | 'offence_clause_unknown'
  | 'offence_duplicate'
  | 'offences_required'
  | 'datetime_format'
  | 'received_at_other_day'
  | 'decision_before_receipt'
  | 'date_before_prosecution'
  | 'date_in_future'
  | 'state_change_not_allowed'
  | 'tip_already_decided'
  | 'case_needs_prosecution'
  | 'case_number_taken'
  | 'extension_limit_reached'
  | 'extension_too_long'
  | 'extension_months_invalid'
  | 'extension_after_deadline'
  | 'extension_before_start'
  | 'quantity_invalid'
  | 'quantity_not_positive'
  | 'quantity_precision'
  | 'quantity_unit_required'
  | 'quantity_unit_mismatch'
  | 'count_invalid'
  | 'seizure_mixed'
  | 'seizure_owner_required'
  | 'suspect_person_required'
  | 'suspect_already_linked'
  | 'partner_needs_international'
  | 'limit_not_running'
  | 'date_before_status'
  | 'commune_unknown'
  | 'person_not_found'
  | 'commune_not_in_scope'
  | 'tip_source_invalid'
  | 'tip_channel_invalid'
  | 'tip_state_invalid'
  | 'case_state_invalid'
  | 'severity_invalid'
  | 'hotspot_status_invalid'
  | 'hotspot_kind_invalid'
  | 'hotspot_activity_invalid'
  | 'substance_invalid'
  | 'quantity_unit_invalid'
  | 'exhibit_invalid'
  | 'suspect_role_invalid'
  | 'suspect_measure_invalid'
  | 'suspect_outcome_invalid'
  | 'partner_country_invalid'
  | 'seizure_kind_invalid'
  | 'end_before_start';

export const investigationLabels: Record<'vi' | 'en', InvestigationLabels> = {
  vi: {
    severity: {
      less_serious: 'Ít nghiêm trọng',
      serious: 'Nghiêm trọng',
      very_serious: 'Rất nghiêm trọng',
      especially_serious: 'Đặc biệt nghiêm trọng',
    },
    tipSource: {
      citizen: 'Tố giác của cá nhân',
      agency: 'Tin báo của cơ quan, tổ chức',
      self_detected: 'Tự phát hiện',
      transferred: 'Được chuyển đến',
      mass_media: 'Phương tiện thông tin đại chúng',
    },
    tipChannel: {
      air: 'Đường hàng không',
      express: 'Chuyển phát nhanh',
      sea: 'Đường biển',
      inland_waterway: 'Đường thủy nội địa',
      land_border: 'Biên giới đường bộ',
      cyberspace: 'Không gian mạng',
      other: 'Khác',
    },
    tipState: {
      verifying: 'Đang xác minh',
      prosecuted: 'Quyết định khởi tố',
      not_prosecuted: 'Không khởi tố',
      suspended: 'Tạm đình chỉ',
      transferred: 'Đã chuyển',
    },
    caseState: {
      investigating: 'Đang điều tra',
      recommended: 'Đề nghị truy tố',
      suspended: 'Tạm đình chỉ',
      terminated: 'Đình chỉ',
      indicted: 'Đã truy tố',
      tried: 'Đã xét xử',
      closed: 'Kết thúc',
    },
    substance: {
      heroin: 'Heroin',
      methamphetamine: 'Methamphetamine (ma túy đá)',
      mdma: 'MDMA (thuốc lắc)',
      ketamine: 'Ketamine',
      cannabis: 'Cần sa',
      cocaine: 'Cocaine',
      opium: 'Thuốc phiện',
      nps: 'Chất hướng thần mới (NPS)',
      precursor: 'Tiền chất',
      plants: 'Cây có chứa chất ma túy',
    },
    unit: { g: 'gam', kg: 'kg', tablet: 'viên', ml: 'ml', l: 'lít', plant: 'cây', m2: 'm²' },
    exhibit: { cash: 'Tiền mặt (đồng)', vehicle: 'Phương tiện', phone: 'Điện thoại', weapon: 'Vũ khí', other: 'Khác' },
    suspectRole: {
      organiser: 'Chủ mưu, tổ chức',
      trader: 'Mua bán',
      transporter: 'Vận chuyển',
      possessor: 'Tàng trữ',
      user: 'Sử dụng',
      harbourer: 'Chứa chấp',
      accomplice: 'Đồng phạm, giúp sức',
      other: 'Khác',
    },
    suspectMeasure: {
      none: 'Không áp dụng',
      detention: 'Tạm giam',
      bail: 'Bảo lĩnh',
      residence_ban: 'Cấm đi khỏi nơi cư trú',
      deposit: 'Đặt tiền để bảo đảm',
    },
    suspectOutcome: {
      pending: 'Đang xử lý',
      prosecuted: 'Đã khởi tố bị can',
      charges_dropped: 'Đình chỉ đối với bị can',
      wanted: 'Truy nã',
      convicted: 'Bị kết án',
      acquitted: 'Tuyên không phạm tội',
    },
    hotspotKind: { point: 'Điểm', cluster: 'Tụ điểm' },
    hotspotActivity: { use: 'Sử dụng', sale: 'Mua bán', harbouring: 'Chứa chấp' },
    hotspotStatus: {
      active: 'Đang hoạt động',
      under_treatment: 'Đang đấu tranh, xử lý',
      eliminated: 'Đã triệt xóa',
      reformed: 'Tái hình thành',
    },
    partnerCountry: {
      laos: 'Lào',
      cambodia: 'Campuchia',
      china: 'Trung Quốc',
      thailand: 'Thái Lan',
      other: 'Nước khác',
    },
    flag: {
      international: 'Án phối hợp quốc tế',
      transnationalRoute: 'Đường dây xuyên quốc gia',
      organisedRing: 'Đường dây, ổ nhóm có tổ chức',
    },
    validation: {
      offence_article_unknown: 'Điều luật không thuộc Chương XX Bộ luật Hình sự (Điều 247–259, 256a).',
      offence_clause_unknown: 'Khoản này không có trong điều luật đã chọn.',
      offence_duplicate: 'Tội danh này đã được chọn.',
      offences_required: 'Cần ít nhất một tội danh.',
      datetime_format: 'Thời điểm tiếp nhận không hợp lệ (ngày và giờ:phút).',
      received_at_other_day: 'Giờ tiếp nhận phải cùng ngày tiếp nhận.',
      decision_before_receipt: 'Ngày quyết định không được trước ngày tiếp nhận.',
      date_before_prosecution: 'Ngày này không được trước ngày khởi tố vụ án.',
      date_in_future: 'Ngày không được sau hôm nay.',
      state_change_not_allowed: 'Không thể chuyển sang trạng thái này từ trạng thái hiện tại.',
      tip_already_decided: 'Tin báo đã có quyết định giải quyết.',
      case_needs_prosecution: 'Chỉ mở vụ án khi quyết định khởi tố.',
      case_number_taken: 'Số vụ án đã có trong đơn vị.',
      extension_limit_reached: 'Đã gia hạn hết số lần luật cho phép.',
      extension_too_long: 'Thời hạn gia hạn vượt mức tối đa luật cho phép.',
      extension_months_invalid: 'Số tháng gia hạn phải là số nguyên dương.',
      extension_after_deadline: 'Quyết định gia hạn phải ban hành trước khi hết thời hạn.',
      extension_before_start: 'Ngày gia hạn không được trước ngày bắt đầu thời hạn.',
      quantity_invalid: 'Số lượng không hợp lệ.',
      quantity_not_positive: 'Số lượng phải lớn hơn 0.',
      quantity_precision: 'Số lượng có nhiều nhất 3 chữ số thập phân.',
      quantity_unit_required: 'Cần chọn đơn vị tính.',
      quantity_unit_mismatch: 'Đơn vị tính không phù hợp với loại chất này.',
      count_invalid: 'Số lượng phải là số nguyên.',
      seizure_mixed: 'Một mục thu giữ là chất ma túy hoặc vật chứng, không phải cả hai.',
      seizure_owner_required: 'Mục thu giữ thuộc một vụ án hoặc một tin báo.',
      suspect_person_required: 'Chọn một người trong hồ sơ hoặc nhập người mới.',
      suspect_already_linked: 'Người này đã có trong vụ án.',
      partner_needs_international: 'Chỉ chọn nước phối hợp với án phối hợp quốc tế.',
      limit_not_running: 'Chỉ gia hạn khi thời hạn đang chạy (đang xác minh hoặc đang điều tra).',
      date_before_status: 'Ngày này không được trước ngày của trạng thái hiện tại.',
      commune_unknown: 'Không có xã/phường với mã này.',
      person_not_found: 'Không tìm thấy người này trong hồ sơ.',
      commune_not_in_scope: 'Xã/phường này ngoài địa bàn của đơn vị.',
      tip_source_invalid: 'Nguồn tin không hợp lệ.',
      tip_channel_invalid: 'Tuyến, phương thức không hợp lệ.',
      tip_state_invalid: 'Trạng thái tin báo không hợp lệ.',
      case_state_invalid: 'Trạng thái vụ án không hợp lệ.',
      severity_invalid:
        'Mức độ nghiêm trọng không hợp lệ (ít nghiêm trọng, nghiêm trọng, rất nghiêm trọng, đặc biệt nghiêm trọng).',
      hotspot_status_invalid: 'Trạng thái điểm không hợp lệ.',
      hotspot_kind_invalid: 'Loại điểm không hợp lệ.',
      hotspot_activity_invalid: 'Hoạt động không hợp lệ.',
      substance_invalid: 'Loại chất không hợp lệ.',
      quantity_unit_invalid: 'Đơn vị tính không hợp lệ.',
      exhibit_invalid: 'Loại vật chứng không hợp lệ.',
      suspect_role_invalid: 'Vai trò không hợp lệ.',
      suspect_measure_invalid: 'Biện pháp ngăn chặn không hợp lệ.',
      suspect_outcome_invalid: 'Kết quả xử lý không hợp lệ.',
      partner_country_invalid: 'Nước phối hợp không hợp lệ.',
      seizure_kind_invalid: 'Loại mục thu giữ không hợp lệ.',
      end_before_start: 'Ngày kết thúc không được trước ngày bắt đầu.',
    },
    auditAction: {
      'tip.create': 'Tiếp nhận tin báo',
      'tip.read': 'Xem tin báo',
      'tip.update': 'Sửa tin báo',
      'tip.decide': 'Quyết định giải quyết tin báo',
      'tip.extend': 'Gia hạn giải quyết tin báo',
      'case.create': 'Khởi tố vụ án',
      'case.read': 'Xem hồ sơ vụ án',
      'case.search': 'Tìm vụ án',
      'case.update': 'Sửa hồ sơ vụ án',
      'case.advance': 'Chuyển trạng thái vụ án',
      'case.extend': 'Gia hạn điều tra',
      'case.of_person': 'Xem các vụ án của một người',
      'case.print': 'In tóm tắt vụ án',
      'suspect.create': 'Thêm bị can, đối tượng',
      'suspect.update': 'Sửa thông tin bị can',
      'suspect.remove': 'Bỏ bị can khỏi vụ án',
      'seizure.create': 'Ghi nhận thu giữ',
      'seizure.remove': 'Xóa mục thu giữ',
      'hotspot.create': 'Ghi nhận điểm, tụ điểm',
      'hotspot.read': 'Xem điểm, tụ điểm',
      'hotspot.update': 'Sửa điểm, tụ điểm',
      'hotspot.advance': 'Chuyển trạng thái điểm, tụ điểm',
      'investigations.seed': 'Tạo dữ liệu vụ án giả lập',
    },
  },
  en: {
    severity: {
      less_serious: 'Less serious',
      serious: 'Serious',
      very_serious: 'Very serious',
      especially_serious: 'Especially serious',
    },
    tipSource: {
      citizen: 'Report by a person',
      agency: 'Report by an agency',
      self_detected: 'Self-detected',
      transferred: 'Transferred',
      mass_media: 'Mass media',
    },
    tipChannel: {
      air: 'Air',
      express: 'Express delivery',
      sea: 'Sea',
      inland_waterway: 'Inland waterway',
      land_border: 'Land border',
      cyberspace: 'Cyberspace',
      other: 'Other',
    },
    tipState: {
      verifying: 'Verifying',
      prosecuted: 'Prosecuted',
      not_prosecuted: 'Not prosecuted',
      suspended: 'Suspended',
      transferred: 'Transferred',
    },
    caseState: {
      investigating: 'Investigating',
      recommended: 'Recommended for prosecution',
      suspended: 'Suspended',
      terminated: 'Terminated',
      indicted: 'Indicted',
      tried: 'Tried',
      closed: 'Closed',
    },
    substance: {
      heroin: 'Heroin',
      methamphetamine: 'Methamphetamine ("đá")',
      mdma: 'MDMA (ecstasy)',
      ketamine: 'Ketamine',
      cannabis: 'Cannabis',
      cocaine: 'Cocaine',
      opium: 'Opium',
      nps: 'New psychoactive substances',
      precursor: 'Precursors',
      plants: 'Drug plants',
    },
    unit: { g: 'g', kg: 'kg', tablet: 'tablets', ml: 'ml', l: 'l', plant: 'plants', m2: 'm²' },
    exhibit: { cash: 'Cash (đồng)', vehicle: 'Vehicles', phone: 'Phones', weapon: 'Weapons', other: 'Other' },
    suspectRole: {
      organiser: 'Organiser',
      trader: 'Trader',
      transporter: 'Transporter',
      possessor: 'Possessor',
      user: 'User',
      harbourer: 'Harbourer',
      accomplice: 'Accomplice',
      other: 'Other',
    },
    suspectMeasure: {
      none: 'None',
      detention: 'Detention',
      bail: 'Bail',
      residence_ban: 'Residence ban',
      deposit: 'Deposit',
    },
    suspectOutcome: {
      pending: 'Pending',
      prosecuted: 'Charged',
      charges_dropped: 'Charges dropped',
      wanted: 'Wanted',
      convicted: 'Convicted',
      acquitted: 'Acquitted',
    },
    hotspotKind: { point: 'Point', cluster: 'Cluster' },
    hotspotActivity: { use: 'Use', sale: 'Sale', harbouring: 'Harbouring' },
    hotspotStatus: {
      active: 'Active',
      under_treatment: 'Under treatment',
      eliminated: 'Eliminated',
      reformed: 'Re-formed',
    },
    partnerCountry: { laos: 'Laos', cambodia: 'Cambodia', china: 'China', thailand: 'Thailand', other: 'Other' },
    flag: {
      international: 'International joint case',
      transnationalRoute: 'Transnational route',
      organisedRing: 'Organised ring',
    },
    validation: {
      offence_article_unknown: 'This article is not in Chapter XX of the Criminal Code (Art. 247–259, 256a).',
      offence_clause_unknown: 'The chosen article has no such clause.',
      offence_duplicate: 'This offence is already listed.',
      offences_required: 'At least one offence is needed.',
      datetime_format: 'The time of receipt is not valid (date and hh:mm).',
      received_at_other_day: 'The time of receipt must be on the day of receipt.',
      decision_before_receipt: 'The decision date may not be before the date of receipt.',
      date_before_prosecution: 'This date may not be before the prosecution decision.',
      date_in_future: 'The date may not be after today.',
      state_change_not_allowed: 'The workflow does not allow this change from the current state.',
      tip_already_decided: 'This tip has already been decided.',
      case_needs_prosecution: 'A case is opened only with a decision to prosecute.',
      case_number_taken: 'This case number is already used in the unit.',
      extension_limit_reached: 'The law allows no further extension.',
      extension_too_long: 'The extension is longer than the law allows.',
      extension_months_invalid: 'The extension is a whole number of months.',
      extension_after_deadline: 'An extension must be decided before the time limit ends.',
      extension_before_start: 'The extension may not be dated before the time limit starts.',
      quantity_invalid: 'The quantity is not valid.',
      quantity_not_positive: 'The quantity must be more than 0.',
      quantity_precision: 'The quantity has at most 3 decimals.',
      quantity_unit_required: 'Choose a unit.',
      quantity_unit_mismatch: 'This unit does not fit the substance.',
      count_invalid: 'The count must be a whole number.',
      seizure_mixed: 'A seizure is a substance or an exhibit, not both.',
      seizure_owner_required: 'A seizure belongs to one case or one tip.',
      suspect_person_required: 'Choose a person of the registry or enter a new one.',
      suspect_already_linked: 'This person is already in the case.',
      partner_needs_international: 'A partner country goes with an international joint case only.',
      limit_not_running: 'Only a running time limit (verifying, investigating) can be extended.',
      date_before_status: 'This date may not be before the date of the current status.',
      commune_unknown: 'There is no commune with this code.',
      person_not_found: 'This person is not in the registry.',
      commune_not_in_scope: 'This commune is outside your unit’s area.',
      tip_source_invalid: 'The source is not valid.',
      tip_channel_invalid: 'The channel is not valid.',
      tip_state_invalid: 'The tip state is not valid.',
      case_state_invalid: 'The case state is not valid.',
      severity_invalid: 'The severity is not valid (less serious, serious, very serious, especially serious).',
      hotspot_status_invalid: 'The hot-spot status is not valid.',
      hotspot_kind_invalid: 'The hot-spot kind is not valid.',
      hotspot_activity_invalid: 'The activity is not valid.',
      substance_invalid: 'The substance is not valid.',
      quantity_unit_invalid: 'The unit is not valid.',
      exhibit_invalid: 'The exhibit kind is not valid.',
      suspect_role_invalid: 'The role is not valid.',
      suspect_measure_invalid: 'The measure is not valid.',
      suspect_outcome_invalid: 'The outcome is not valid.',
      partner_country_invalid: 'The partner country is not valid.',
      seizure_kind_invalid: 'The seizure kind is not valid.',
      end_before_start: 'The end date may not be before the start date.',
    },
    auditAction: {
      'tip.create': 'Recorded a tip',
      'tip.read': 'Opened a tip',
      'tip.update': 'Updated a tip',
      'tip.decide': 'Decided a tip',
      'tip.extend': 'Extended a tip’s time limit',
      'case.create': 'Opened a case',
      'case.read': 'Opened a case file',
      'case.search': 'Searched cases',
      'case.update': 'Updated a case',
      'case.advance': 'Moved a case’s state',
      'case.extend': 'Extended an investigation',
      'case.of_person': 'Listed a person’s cases',
      'case.print': 'Printed a case summary',
      'suspect.create': 'Added a suspect',
      'suspect.update': 'Updated a suspect',
      'suspect.remove': 'Removed a suspect',
      'seizure.create': 'Recorded a seizure',
      'seizure.remove': 'Removed a seizure',
      'hotspot.create': 'Recorded a hot spot',
      'hotspot.read': 'Opened a hot spot',
      'hotspot.update': 'Updated a hot spot',
      'hotspot.advance': 'Moved a hot spot’s status',
      'investigations.seed': 'Seeded synthetic cases',
    },
  },
};

/** A penalty bracket in words: "2–7 năm", "20 năm, chung thân hoặc tử hình". */
export function penaltyText(minYears: number, max: MaxPenalty, lang: 'vi' | 'en'): string {
  const years = (n: number) =>
    lang === 'vi'
      ? n < 1
        ? `${Math.round(n * 12)} tháng`
        : `${n} năm`
      : n < 1
        ? `${Math.round(n * 12)} months`
        : `${n} years`;
  if (max === 'life') return lang === 'vi' ? `${years(minYears)} – tù chung thân` : `${years(minYears)} – life`;
  if (max === 'death')
    return lang === 'vi' ? `${years(minYears)}, tù chung thân hoặc tử hình` : `${years(minYears)}, life or death`;
  return lang === 'vi'
    ? `${years(minYears)} – ${years(max)}`.replace(/ năm – /, ' – ')
    : `${years(minYears)} – ${years(max)}`;
}
