/**
 * The codes of the rehabilitation family (issue 11; ../../../shared DOMAIN.md "Compulsory-rehab referral"):
 * facilities, the referral's states and decisions, voluntary rehab, methadone, stays. Stable strings: they are
 * stored, change-logged and sent between workstations, so a value never changes once shipped.
 */
const list = <T extends Record<string, string>>(o: T) => Object.freeze(Object.values(o)) as readonly T[keyof T][];

export const FacilityKinds = Object.freeze({
  /** Cơ sở cai nghiện ma túy công lập (compulsory rehab). */
  public_compulsory: 'public_compulsory',
  /** Cơ sở cai nghiện tự nguyện. */
  voluntary_centre: 'voluntary_centre',
  /** Tổ chức/điểm cai nghiện tại cộng đồng. */
  community_point: 'community_point',
  /** Cơ sở điều trị thay thế (methadone). */
  methadone_clinic: 'methadone_clinic',
} as const);
export type FacilityKind = (typeof FacilityKinds)[keyof typeof FacilityKinds];
export const FACILITY_KIND_LIST = list(FacilityKinds);

/**
 * States of a compulsory-rehab referral. The main line runs discovered → … → admitted → completed; the others are
 * side exits. `transferred` is a move between facilities under way; `absconded` ends when the person is returned
 * (back to `admitted`).
 */
export const ReferralStates = Object.freeze({
  discovered: 'discovered',
  dossier_prepared: 'dossier_prepared',
  legality_checked: 'legality_checked',
  sent_to_court: 'sent_to_court',
  accepted: 'accepted',
  hearing: 'hearing',
  decided: 'decided',
  complaint_window: 'complaint_window',
  admitted: 'admitted',
  completed: 'completed',
  /** The court did not apply the measure, or terminated the matter: the referral is closed. */
  closed: 'closed',
  deferred: 'deferred',
  exempted: 'exempted',
  suspended: 'suspended',
  absconded: 'absconded',
  transferred: 'transferred',
  died: 'died',
} as const);
export type ReferralState = (typeof ReferralStates)[keyof typeof ReferralStates];
export const REFERRAL_STATE_LIST = list(ReferralStates);

/** The court's decision (Ordinance 01/2022): apply, not apply, suspend (tạm đình chỉ), terminate (đình chỉ). */
export const DecisionKinds = Object.freeze({
  apply: 'apply',
  not_apply: 'not_apply',
  suspend: 'suspend',
  terminate: 'terminate',
} as const);
export type DecisionKind = (typeof DecisionKinds)[keyof typeof DecisionKinds];
export const DECISION_KIND_LIST = list(DecisionKinds);

/** Who manages the person while the referral is pending: the family (Form 35) or held at a facility. */
export const PendingCustodies = Object.freeze({ family: 'family', facility: 'facility' } as const);
export type PendingCustody = (typeof PendingCustodies)[keyof typeof PendingCustodies];
export const PENDING_CUSTODY_LIST = list(PendingCustodies);

/** The dossier's documents (Decree 116/2021): the checklist items. */
export const DossierItems = Object.freeze({
  /** Form 30: bản tóm tắt lý lịch. */
  short_cv: 'short_cv',
  /** Form 27: biên bản vi phạm. */
  violation_record: 'violation_record',
  /** Phiếu kết quả xác định tình trạng nghiện. */
  addiction_result: 'addiction_result',
  /** Ý kiến của gia đình / người đại diện. */
  family_comments: 'family_comments',
  /** Ý kiến của công an / UBND cấp xã. */
  commune_comments: 'commune_comments',
  /** Ý kiến của cha mẹ hoặc người giám hộ (người từ đủ 12 đến dưới 18 tuổi). */
  guardian_opinion: 'guardian_opinion',
  /** Tài liệu chứng minh đã cai nghiện tự nguyện / sau cai nghiện (when the history is the ground). */
  history_evidence: 'history_evidence',
} as const);
export type DossierItem = (typeof DossierItems)[keyof typeof DossierItems];
export const DOSSIER_ITEM_LIST = list(DossierItems);

export const ReferralKinds = Object.freeze({ compulsory: 'compulsory', voluntary: 'voluntary' } as const);
export type ReferralKind = (typeof ReferralKinds)[keyof typeof ReferralKinds];

/** Voluntary rehab (cai nghiện tự nguyện): where, and how it ends. */
export const VoluntarySettings = Object.freeze({ community: 'community', facility: 'facility' } as const);
export type VoluntarySetting = (typeof VoluntarySettings)[keyof typeof VoluntarySettings];
export const VOLUNTARY_SETTING_LIST = list(VoluntarySettings);

export const VoluntaryStatuses = Object.freeze({
  registered: 'registered',
  in_progress: 'in_progress',
  completed: 'completed',
  abandoned: 'abandoned',
} as const);
export type VoluntaryStatus = (typeof VoluntaryStatuses)[keyof typeof VoluntaryStatuses];
export const VOLUNTARY_STATUS_LIST = list(VoluntaryStatuses);

/** Methadone / opioid substitution (điều trị thay thế): no dosing records, only the episode's status. */
export const MethadoneStatuses = Object.freeze({
  treating: 'treating',
  paused: 'paused',
  stopped: 'stopped',
  transferred: 'transferred',
} as const);
export type MethadoneStatus = (typeof MethadoneStatuses)[keyof typeof MethadoneStatuses];
export const METHADONE_STATUS_LIST = list(MethadoneStatuses);

export const MethadoneStopReasons = Object.freeze({
  completed: 'completed',
  voluntary: 'voluntary',
  violation: 'violation',
  imprisoned: 'imprisoned',
  moved: 'moved',
  died: 'died',
  other: 'other',
} as const);
export type MethadoneStopReason = (typeof MethadoneStopReasons)[keyof typeof MethadoneStopReasons];
export const METHADONE_STOP_REASON_LIST = list(MethadoneStopReasons);

/** Stages of a stay (Decree 116/2021 Art. 29), in order. */
export const StayStages = Object.freeze({
  intake: 'intake',
  detox: 'detox',
  counselling: 'counselling',
  labour_therapy: 'labour_therapy',
  reintegration: 'reintegration',
} as const);
export type StayStage = (typeof StayStages)[keyof typeof StayStages];
export const STAY_STAGE_LIST = list(StayStages);

export const StayIncidents = Object.freeze({
  absconded: 'absconded',
  returned: 'returned',
  violation: 'violation',
} as const);
export type StayIncident = (typeof StayIncidents)[keyof typeof StayIncidents];
export const STAY_INCIDENT_LIST = list(StayIncidents);

/** Where a stay stands: at the facility, away without leave, or over. */
export const StayStatuses = Object.freeze({
  in_stay: 'in_stay',
  absconded: 'absconded',
  discharged: 'discharged',
  /** Ended without completion: moved to another facility, died, suspended. */
  ended: 'ended',
} as const);
export type StayStatus = (typeof StayStatuses)[keyof typeof StayStatuses];
export const STAY_STATUS_LIST = list(StayStatuses);
