import type { DecisionKind, DossierItem, ReferralState } from './codes';

/**
 * The rehabilitation rules as data: what a change of law edits. The functions in ./deadlines.ts, ./terms.ts and
 * ./machine.ts read only this. Values marked [?] are not confirmed against the current texts (DOMAIN.md) and are
 * here so that a province can correct them without touching code.
 */

/** A time limit: n days counted as working days (Sat, Sun and public holidays skipped) or calendar days. */
export interface TimeLimit {
  days: number;
  unit: 'working' | 'calendar';
  /** The date the limit runs from: the day the current state was entered, or the court's acceptance. */
  from: 'state' | 'accepted' | 'decision';
  /** Short legal basis, shown beside the deadline. */
  basis: string;
}

/** A transition the referral may take, with what it requires. */
export interface Transition {
  from: ReferralState;
  to: ReferralState;
  /** Only when the recorded decision is one of these. */
  decisions?: readonly DecisionKind[];
  /** Only a holder of `referrals.approve` (a leader) may take it. */
  leaderOnly?: boolean;
  /** Input the transition needs besides `on`. */
  needs?: readonly ('decision' | 'facility' | 'deferredUntil' | 'reason')[];
  /** Every required checklist item must be done first. */
  checklistComplete?: boolean;
}

/** The terms the law allows, per age group, for decisions taken on or after `from`. */
export interface LawVersion {
  id: string;
  /** First day of force (YYYY-MM-DD). */
  from: string;
  title: { vi: string; en: string };
  /** Adults (18 and over): a range, or a fixed term for the first time and for repeats. */
  adult: { firstMonths: { min: number; max: number }; repeatMonths: { min: number; max: number } };
  /** 12 to under 18. */
  minor: { firstMonths: { min: number; max: number }; repeatMonths: { min: number; max: number } };
}

export interface RehabRules {
  /** Ages (in whole years, on the day of discovery) that make the referral a minor's. */
  minorAge: { min: number; maxExclusive: number };
  /** Time limit of each state: the date by which the next step is due. null = none. */
  limits: Readonly<Record<ReferralState, TimeLimit | null>>;
  /** The same, where a minor's referral differs (Ordinance 01/2022). */
  minorLimits: Partial<Readonly<Record<ReferralState, TimeLimit | null>>>;
  /** The court's time limit when the matter is complex (flag on the referral), adults and minors. */
  complexLimits: Partial<Readonly<Record<ReferralState, TimeLimit | null>>>;
  minorComplexLimits: Partial<Readonly<Record<ReferralState, TimeLimit | null>>>;
  transitions: readonly Transition[];
  /** States after which nothing happens any more. */
  terminal: readonly ReferralState[];
  laws: readonly LawVersion[];
  /** The dossier's checklist: which items, which are required (minors need the guardian's opinion). */
  checklist: readonly { item: DossierItem; required: 'always' | 'minor' | 'history' | 'optional'; form?: string }[];
  /** What makes a person eligible for a compulsory referral. */
  eligibility: {
    /** A positive addiction determination (result `addicted`), at most this many months old (null: any age). */
    determinationMonths: number | null;
    /** Or a history: an abandoned voluntary rehab, a relapse during post-rehab management, a past compulsory stay. */
    historyMeasureKinds: readonly string[];
    historyStatuses: readonly string[];
  };
  voluntary: { minMonths: number; maxMonths: number; registrationWorkingDays: number };
  /** Post-rehab management at the place of residence, from discharge [?]. */
  postRehabMonths: number;
  /**
   * How long a new hand-over stays in the commune's work queue from the day of discharge (a working choice of
   * this app, not a legal limit): the officer receives the person and starts the post-rehab management.
   */
  handoverNoticeDays: number;
}

const wd = (days: number, basis: string, from: TimeLimit['from'] = 'state'): TimeLimit => ({
  days,
  unit: 'working',
  from,
  basis,
});
const cd = (days: number, basis: string, from: TimeLimit['from'] = 'state'): TimeLimit => ({
  days,
  unit: 'calendar',
  from,
  basis,
});

export const DEFAULT_REHAB_RULES: RehabRules = Object.freeze({
  minorAge: { min: 12, maxExclusive: 18 },
  limits: {
    discovered: wd(5, 'Nghị định 116/2021: lập hồ sơ trong 05 ngày làm việc'),
    dossier_prepared: wd(5, 'Kiểm tra tính pháp lý của hồ sơ [?]'),
    legality_checked: wd(3, 'Chuyển hồ sơ đề nghị cho Tòa án [?]'),
    sent_to_court: wd(2, 'Pháp lệnh 01/2022: Tòa án thụ lý [?]'),
    accepted: cd(15, 'Pháp lệnh 01/2022: mở phiên họp trong 15 ngày kể từ ngày thụ lý [?]', 'accepted'),
    hearing: cd(15, 'Pháp lệnh 01/2022: ra quyết định [?]', 'accepted'),
    decided: wd(5, 'Thời hạn khiếu nại, kiến nghị, kháng nghị [?]', 'decision'),
    complaint_window: wd(5, 'Quyết định có hiệu lực, đưa người vào cơ sở [?]', 'state'),
    admitted: null, // the stay's planned discharge: see terms.ts
    completed: null,
    closed: null,
    deferred: null, // until the date the deferral ends (deferredUntil)
    exempted: null,
    suspended: null,
    absconded: null,
    transferred: wd(3, 'Chuyển cơ sở cai nghiện [?]'),
    died: null,
  },
  minorLimits: {
    accepted: cd(
      15,
      'Pháp lệnh 01/2022: người chưa thành niên, quyết định trong 15 ngày kể từ ngày thụ lý',
      'accepted',
    ),
    hearing: cd(15, 'Pháp lệnh 01/2022: người chưa thành niên, quyết định trong 15 ngày kể từ ngày thụ lý', 'accepted'),
  },
  complexLimits: {
    accepted: cd(30, 'Pháp lệnh 01/2022: vụ việc phức tạp, 30 ngày [?]', 'accepted'),
    hearing: cd(30, 'Pháp lệnh 01/2022: vụ việc phức tạp, 30 ngày [?]', 'accepted'),
  },
  minorComplexLimits: {
    accepted: cd(30, 'Pháp lệnh 01/2022: người chưa thành niên, vụ việc phức tạp, 30 ngày', 'accepted'),
    hearing: cd(30, 'Pháp lệnh 01/2022: người chưa thành niên, vụ việc phức tạp, 30 ngày', 'accepted'),
  },
  transitions: [
    { from: 'discovered', to: 'dossier_prepared', checklistComplete: true },
    { from: 'dossier_prepared', to: 'legality_checked' },
    { from: 'legality_checked', to: 'sent_to_court', leaderOnly: true },
    { from: 'sent_to_court', to: 'accepted' },
    { from: 'accepted', to: 'hearing' },
    { from: 'accepted', to: 'decided', needs: ['decision'] },
    { from: 'hearing', to: 'decided', needs: ['decision'] },
    { from: 'decided', to: 'complaint_window' },
    { from: 'decided', to: 'closed', decisions: ['not_apply', 'terminate'] },
    { from: 'complaint_window', to: 'admitted', decisions: ['apply'], needs: ['facility'] },
    { from: 'complaint_window', to: 'closed', decisions: ['not_apply', 'terminate'] },
    { from: 'complaint_window', to: 'suspended', decisions: ['suspend'] },
    { from: 'complaint_window', to: 'deferred', decisions: ['apply'], needs: ['reason'] },
    { from: 'complaint_window', to: 'exempted', decisions: ['apply'], needs: ['reason'] },
    { from: 'deferred', to: 'admitted', needs: ['facility'] },
    { from: 'deferred', to: 'exempted', needs: ['reason'] },
    { from: 'suspended', to: 'admitted', needs: ['facility'] },
    { from: 'suspended', to: 'closed' },
    { from: 'admitted', to: 'completed' },
    { from: 'admitted', to: 'absconded' },
    { from: 'admitted', to: 'transferred', needs: ['facility'] },
    { from: 'admitted', to: 'suspended', needs: ['reason'] },
    { from: 'admitted', to: 'exempted', needs: ['reason'] },
    { from: 'absconded', to: 'admitted' },
    { from: 'transferred', to: 'admitted', needs: ['facility'] },
    // Death ends a referral from any state that is not already over.
    ...(
      [
        'discovered',
        'dossier_prepared',
        'legality_checked',
        'sent_to_court',
        'accepted',
        'hearing',
        'decided',
        'complaint_window',
        'admitted',
        'deferred',
        'suspended',
        'absconded',
        'transferred',
      ] as const
    ).map((from) => ({ from, to: 'died' as const })),
  ],
  terminal: ['completed', 'closed', 'exempted', 'died'],
  laws: [
    {
      id: 'law_73_2021',
      from: '2022-01-01',
      title: { vi: 'Luật Phòng, chống ma túy 2021', en: 'Law 73/2021/QH14 on drug prevention and control' },
      adult: { firstMonths: { min: 12, max: 24 }, repeatMonths: { min: 12, max: 24 } },
      minor: { firstMonths: { min: 6, max: 12 }, repeatMonths: { min: 6, max: 12 } },
    },
    {
      id: 'law_120_2025',
      from: '2026-07-01',
      title: { vi: 'Luật Phòng, chống ma túy 2025', en: 'Law 120/2025/QH15 on drug prevention and control' },
      adult: { firstMonths: { min: 24, max: 24 }, repeatMonths: { min: 36, max: 36 } },
      minor: { firstMonths: { min: 6, max: 12 }, repeatMonths: { min: 6, max: 12 } },
    },
  ],
  checklist: [
    { item: 'short_cv', required: 'always', form: '30' },
    { item: 'violation_record', required: 'always', form: '27' },
    { item: 'addiction_result', required: 'always' },
    { item: 'family_comments', required: 'always' },
    { item: 'commune_comments', required: 'always' },
    { item: 'guardian_opinion', required: 'minor' },
    { item: 'history_evidence', required: 'history' },
  ],
  eligibility: {
    determinationMonths: null,
    historyMeasureKinds: [
      'voluntary_rehab_community',
      'voluntary_rehab_facility',
      'compulsory_rehab',
      'post_rehab_management',
    ],
    historyStatuses: ['interrupted', 'completed', 'active'],
  },
  voluntary: { minMonths: 6, maxMonths: 12, registrationWorkingDays: 5 },
  postRehabMonths: 12,
  handoverNoticeDays: 30,
}) as RehabRules;
