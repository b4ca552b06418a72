import type { PersonCategory, Sex } from '../domain/persons';
import type {
  DecisionKind,
  DossierItem,
  FacilityKind,
  MethadoneStatus,
  MethadoneStopReason,
  PendingCustody,
  ReferralState,
  StayIncident,
  StayStage,
  StayStatus,
  VoluntarySetting,
  VoluntaryStatus,
} from '../domain/rehab/codes';

/**
 * What the rehabilitation procedures answer (shared/contract/rehab.ts). Every view that has a time limit carries
 * the computed `deadline` (YYYY-MM-DD, the current state's limit, null when none) and `daysLeft` (0 on the last
 * day, negative once overdue). Dates are YYYY-MM-DD.
 */

export interface FacilityView {
  id: string;
  code: string;
  name: string;
  kind: FacilityKind;
  provinceCode: string;
  communeCode: string | null;
  capacity: number;
  /** The unit (rehab centre) whose staff work here; their accounts see this facility's people. */
  unitId: string | null;
  /** Open stays (in the facility or absconded) now. */
  occupancy: number;
  updatedAt: string;
}

/** The person as a referral shows them: identity a centre needs, nothing of case files. */
export interface RehabPersonSummary {
  id: string;
  fullName: string;
  sex: Sex;
  birthDate: string;
  citizenId: string | null;
  category: PersonCategory;
  provinceCode: string | null;
  communeCode: string | null;
}

export interface ReferralDecision {
  kind: DecisionKind;
  /** Months of compulsory rehab (apply only). */
  termMonths: number | null;
  number: string | null;
  court: string | null;
  on: string;
  /** The law version whose terms applied (rules.laws[].id). */
  lawId: string | null;
}

export interface ReferralView {
  id: string;
  personId: string;
  kind: 'compulsory';
  state: ReferralState;
  /** The day the current state was entered. */
  stateOn: string;
  discoveredOn: string;
  acceptedOn: string | null;
  /** A minor (12 to under 18 on the day of discovery): the court's 15-day limit applies. */
  minor: boolean;
  /** The court treats the matter as complex (30 days). */
  complex: boolean;
  /** Eligible by a positive determination or by history. */
  ground: 'determination' | 'history' | null;
  /** Proposed or current facility. */
  facilityId: string | null;
  pendingCustody: PendingCustody;
  heldFrom: string | null;
  heldTo: string | null;
  deferredUntil: string | null;
  decision: ReferralDecision | null;
  /** A repeat referral (an earlier compulsory stay on file): the longer term of the law applies. */
  repeat: boolean;
  notes: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  unitId: string | null;
  deadline: string | null;
  daysLeft: number | null;
  /** States the referral may move to next (the screens offer these; the host checks again). */
  next: ReferralState[];
  updatedAt: string;
}

export interface ReferralHistoryEntry {
  state: ReferralState;
  on: string;
  /** Display name of the account that recorded it, when known here. */
  by: string | null;
  note: string | null;
  at: string;
}

export interface ChecklistEntry {
  item: DossierItem;
  required: boolean;
  done: boolean;
  doneOn: string | null;
  hasScan: boolean;
  note: string | null;
}

/** `referrals.get`: the whole dossier. */
export interface ReferralDossier {
  referral: ReferralView;
  person: RehabPersonSummary;
  history: ReferralHistoryEntry[];
  checklist: ChecklistEntry[];
  /** The documents with a scan attached (read one with `referrals.document`). */
  documents: { item: DossierItem; mime: string; size: number; addedOn: string }[];
  stay: StayView | null;
  facility: FacilityView | null;
  /** The term range the law allows this person on the decision day (or today, before a decision). */
  termRange: { min: number; max: number; lawId: string };
}

export interface BoardItem {
  id: string;
  personId: string;
  fullName: string;
  birthDate: string;
  communeCode: string | null;
  state: ReferralState;
  stateOn: string;
  minor: boolean;
  facilityId: string | null;
  deadline: string | null;
  daysLeft: number | null;
}

/** `referrals.board`: the caller's referrals by state, overdue first within each state. */
export interface ReferralBoard {
  columns: { state: ReferralState; count: number; overdue: number; items: BoardItem[] }[];
  total: number;
  overdue: number;
}

export interface StayView {
  id: string;
  personId: string;
  person: RehabPersonSummary | null;
  facilityId: string;
  referralId: string | null;
  voluntaryId: string | null;
  admittedOn: string;
  termMonths: number | null;
  plannedDischargeOn: string | null;
  dischargedOn: string | null;
  certificateNumber: string | null;
  status: StayStatus;
  stage: StayStage;
  stages: { stage: StayStage; on: string }[];
  incidents: { kind: StayIncident; on: string; note: string | null }[];
  capacityOverride: boolean;
  /** The planned discharge while the stay is open. */
  deadline: string | null;
  daysLeft: number | null;
  updatedAt: string;
}

export interface RosterRow {
  stayId: string;
  personId: string;
  fullName: string;
  birthDate: string;
  communeCode: string | null;
  admittedOn: string;
  stage: StayStage;
  status: StayStatus;
  plannedDischargeOn: string | null;
  daysLeft: number | null;
  referralId: string | null;
}

/** The roster's lists: three of stays, and the referrals heading to the facility. */
export type RosterView = 'residents' | 'dischargesDue' | 'absconded' | 'incoming';

/**
 * `stays.roster`: a facility's residents, discharges due this month, the absconded — one page of each (the
 * asked view's page at `offset`, the others' first page; `limit` rows, by planned discharge) and how many each
 * list holds in all.
 */
export interface FacilityRoster {
  facility: FacilityView;
  residents: RosterRow[];
  dischargesDue: RosterRow[];
  absconded: RosterRow[];
  counts: Record<RosterView, number>;
  view: RosterView;
  offset: number;
  limit: number;
  /** Referrals heading here that are not yet admitted (a page, by time limit). */
  incoming: BoardItem[];
  month: string;
}

export interface VoluntaryView {
  id: string;
  personId: string;
  person: RehabPersonSummary | null;
  setting: VoluntarySetting;
  facilityId: string | null;
  registeredOn: string;
  startOn: string | null;
  termMonths: number;
  status: VoluntaryStatus;
  endedOn: string | null;
  /** The 5-working-day registration deadline after the latest positive determination, and whether it was met. */
  registrationDeadline: string | null;
  registeredInTime: boolean | null;
  /** Planned end while registered or in progress. */
  deadline: string | null;
  daysLeft: number | null;
  notes: string | null;
  updatedAt: string;
}

export interface MethadoneView {
  id: string;
  personId: string;
  person: RehabPersonSummary | null;
  clinicId: string;
  startedOn: string;
  status: MethadoneStatus;
  statusOn: string;
  stoppedOn: string | null;
  stopReason: MethadoneStopReason | null;
  notes: string | null;
  updatedAt: string;
}

/** `rehab.handovers`: people discharged and handed back to a commune for post-rehab management. */
export interface HandoverItem {
  personId: string;
  fullName: string;
  birthDate: string;
  communeCode: string | null;
  stayId: string;
  facilityId: string;
  facilityName: string;
  dischargedOn: string;
  certificateNumber: string | null;
  /** The post-rehab management measure in the person's file, and when it ends. */
  measureId: string | null;
  measureEndsOn: string | null;
}

/**
 * A measure in the person's file that a running rehab record keeps: it ends with that record (the voluntary
 * registration's end, the methadone stop, the stay's discharge), never on its own from the measures card.
 */
export interface ManagedMeasure {
  measureId: string;
  /** What ends it: a voluntary registration, a methadone episode, or a compulsory stay (at its facility). */
  kind: 'voluntary' | 'methadone' | 'stay';
  /** The voluntary registration's, the episode's or the stay's id. */
  recordId: string;
}

/** `rehab.person`: everything of the rehab family on one person, for the person's file. */
export interface PersonRehab {
  referrals: ReferralView[];
  voluntary: VoluntaryView[];
  methadone: MethadoneView[];
  stays: StayView[];
  managedMeasures: ManagedMeasure[];
}

export interface RehabSeedResult {
  facilities: number;
  referrals: number;
  stays: number;
  voluntary: number;
  methadone: number;
  ms: number;
}
