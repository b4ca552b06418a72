import type {
  ExhibitKind,
  HotspotActivity,
  HotspotKind,
  PartnerCountry,
  QuantityUnit,
  SeizedSubstance,
  SeizureKind,
  SuspectMeasure,
  SuspectOutcome,
  SuspectRole,
  TipChannel,
  TipSource,
} from '../domain/investigations/catalog';
import type { MaxPenalty } from '../domain/investigations/offences';
import type { Severity } from '../domain/investigations/severity';
import type { CaseState, HotspotStatus, TipState } from '../domain/investigations/states';
import type { PersonSummary } from './person-types';

/**
 * Views of the investigations domain. Every view carries what the host computes from the law (severity,
 * `deadline` as YYYY-MM-DD in the Vietnam day, `daysLeft` from today — negative when overdue, null when the
 * time limit no longer runs — and `resolved`), so screens, CLI and print show the same figures.
 */

/** One extension of a time limit (Art. 147 for tips, Art. 172 for cases). */
export interface ExtensionView {
  id: string;
  decisionNumber: string;
  decidedOn: string;
  months: number;
  /** The last day of the limit once this extension is counted. */
  until: string;
}

export interface SeizureView {
  id: string;
  caseId: string | null;
  tipId: string | null;
  kind: SeizureKind;
  /** For a substance: what, how much, in which unit. */
  substance: SeizedSubstance | null;
  quantity: number | null;
  unit: QuantityUnit | null;
  /** For an exhibit: what and how many (cash: the amount in đồng). */
  exhibit: ExhibitKind | null;
  count: number | null;
  description: string | null;
  seizedOn: string;
  createdAt: string;
}

/** Totals per substance and unit (never summed across units); exhibits per kind. */
export interface SeizureTotals {
  substances: { substance: SeizedSubstance; unit: QuantityUnit; quantity: number }[];
  exhibits: { exhibit: ExhibitKind; count: number }[];
}

export interface TipView {
  id: string;
  /** The receipt as entered: date and, when known, local time (YYYY-MM-DDTHH:mm, Vietnam time). */
  receivedOn: string;
  receivedAt: string | null;
  unitId: string | null;
  /** The officer who received it (name as written). */
  receivedBy: string | null;
  source: TipSource;
  channel: TipChannel;
  provinceCode: string | null;
  communeCode: string | null;
  place: string | null;
  summary: string;
  /** Persons of the registry the tip names. */
  personIds: string[];
  /**
   * Those of them the caller may see (persons scope, the role's view of the person), in the order of
   * `personIds`; an id without its summary here is a person outside the caller's scope.
   */
  persons: PersonSummary[];
  state: TipState;
  decidedOn: string | null;
  decisionNumber: string | null;
  decisionNote: string | null;
  transferredTo: string | null;
  /** The case opened on this tip, when prosecuted. */
  caseId: string | null;
  extensions: ExtensionView[];
  /** The last day of the Art. 147 limit (with extensions and the rest-day rule). */
  deadline: string;
  /** Days from today to the deadline while verifying; null once decided or suspended. */
  daysLeft: number | null;
  /** Decided (prosecuted, not prosecuted, transferred). */
  resolved: boolean;
  seizures: SeizureView[];
  createdAt: string;
  updatedAt: string;
}

/** A line of the tip register. */
export interface TipRow {
  id: string;
  receivedOn: string;
  source: TipSource;
  channel: TipChannel;
  communeCode: string | null;
  summary: string;
  state: TipState;
  deadline: string;
  daysLeft: number | null;
  resolved: boolean;
  caseId: string | null;
  extensionCount: number;
}

export interface TipList {
  items: TipRow[];
  total: number;
}

export interface OffenceView {
  article: string;
  clause: number;
  minYears: number;
  maxPenalty: MaxPenalty;
}

export interface StateChange {
  state: CaseState;
  on: string;
  decisionNumber: string | null;
  note: string | null;
}

export interface SuspectView {
  id: string;
  caseId: string;
  personId: string;
  /** The person as the caller's persons scope shows them; null when the person is outside it. */
  person: PersonSummary | null;
  role: SuspectRole;
  arrestedOn: string | null;
  custodyUntil: string | null;
  measure: SuspectMeasure;
  measureFrom: string | null;
  outcome: SuspectOutcome;
  notes: string | null;
}

export interface CaseFlags {
  /** International joint case (án phối hợp quốc tế) and with whom. */
  international: boolean;
  partnerCountry: PartnerCountry | null;
  transnationalRoute: boolean;
  organisedRing: boolean;
}

/** The whole case file. */
export interface CaseView extends CaseFlags {
  id: string;
  number: string;
  unitId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  /** The prosecution decision (quyết định khởi tố vụ án). */
  prosecutedOn: string;
  decisionNumber: string;
  prosecutingUnit: string | null;
  tipId: string | null;
  summary: string | null;
  offences: OffenceView[];
  severity: Severity;
  state: CaseState;
  stateHistory: StateChange[];
  extensions: ExtensionView[];
  /** The last day of the Art. 172 limit (with extensions and the rest-day rule). */
  deadline: string;
  /** Days left while investigating; null once the limit no longer runs. */
  daysLeft: number | null;
  /** Extensions the law still allows and the longest the next may be (0 when none). */
  extensionsLeft: number;
  nextExtensionMaxMonths: number;
  resolved: boolean;
  suspects: SuspectView[];
  seizures: SeizureView[];
  totals: SeizureTotals;
  createdAt: string;
  updatedAt: string;
}

/** A page of the case list, with the number of cases matching in all. */
export interface CaseList {
  items: CaseSummary[];
  total: number;
}

/** A case in a list or search result. */
export interface CaseSummary {
  id: string;
  number: string;
  prosecutedOn: string;
  state: CaseState;
  severity: Severity;
  offences: { article: string; clause: number }[];
  deadline: string;
  daysLeft: number | null;
  resolved: boolean;
  suspectCount: number;
  /** What matched a search (number, suspect's name or CCCD). */
  matchedBy?: 'number' | 'name' | 'citizen_id';
}

/** A person's cases (the person file's "cases" panel), with the person's role in each. */
export interface PersonCase extends CaseSummary {
  suspectRole: SuspectRole;
}

export interface HotspotChange {
  status: HotspotStatus;
  on: string;
  caseId: string | null;
  note: string | null;
}

export interface HotspotView {
  id: string;
  unitId: string | null;
  provinceCode: string | null;
  communeCode: string;
  address: string;
  kind: HotspotKind;
  activities: HotspotActivity[];
  discoveredOn: string;
  status: HotspotStatus;
  /** When the current status began. */
  statusOn: string;
  eliminatedOn: string | null;
  /** The case that eliminated it. */
  eliminatedByCaseId: string | null;
  /** How often it has re-formed after elimination (the plans forbid any: shown prominently). */
  reformedCount: number;
  reformedOn: string | null;
  notes: string | null;
  history: HotspotChange[];
  createdAt: string;
  updatedAt: string;
}

export interface HotspotList {
  items: HotspotView[];
  total: number;
  /** Per commune (of the whole filtered set, not just the page): counts by status. */
  byCommune: { communeCode: string; counts: Record<HotspotStatus, number> }[];
}

/** A line of the deadlines board. */
export interface DeadlineItem {
  kind: 'tip' | 'case';
  id: string;
  /** Case number, or the tip's receipt date and first words of its summary. */
  label: string;
  state: TipState | CaseState;
  severity: Severity | null;
  deadline: string;
  daysLeft: number;
  unitId: string | null;
  communeCode: string | null;
}

export interface InvestigationsSeeded {
  tips: number;
  cases: number;
  suspects: number;
  seizures: number;
  hotspots: number;
  ms: number;
}
