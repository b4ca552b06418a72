import type { Selectable } from 'kysely';
import type { SyncColumns } from '../db/schema';

/** The investigations tables (migration 2026_12_03_1200_investigations), as Kysely sees them. */
export interface TipTable extends SyncColumns {
  receivedOn: string;
  receivedAt: string | null;
  unitId: string | null;
  receivedBy: string | null;
  source: string;
  channel: string;
  provinceCode: string | null;
  communeCode: string | null;
  place: string | null;
  summary: string;
  /** JSON array of person ids. */
  personIds: string;
  state: string;
  decidedOn: string | null;
  decisionNumber: string | null;
  decisionNote: string | null;
  transferredTo: string | null;
  caseId: string | null;
  /** Derived: the Art. 147 limit's last day. */
  deadline: string;
}

export interface ExtensionTable extends SyncColumns {
  decisionNumber: string;
  decidedOn: string;
  months: number;
}
export interface TipExtensionTable extends ExtensionTable {
  tipId: string;
}
export interface CaseExtensionTable extends ExtensionTable {
  caseId: string;
}

export interface DrugCaseTable extends SyncColumns {
  number: string;
  unitId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  prosecutedOn: string;
  decisionNumber: string;
  prosecutingUnit: string | null;
  tipId: string | null;
  summary: string | null;
  /** JSON array of {article, clause}. */
  offences: string;
  /** Derived from the offences (Criminal Code Art. 9). */
  severity: string;
  international: number;
  partnerCountry: string | null;
  transnationalRoute: number;
  organisedRing: number;
  state: string;
  stateOn: string;
  /** JSON array of {state, on, decisionNumber, note}. */
  stateHistory: string;
  /** Derived: the Art. 172 limit's last day. */
  deadline: string;
}

export interface CaseSuspectTable extends SyncColumns {
  caseId: string;
  personId: string;
  role: string;
  arrestedOn: string | null;
  custodyUntil: string | null;
  measure: string;
  measureFrom: string | null;
  outcome: string;
  notes: string | null;
}

export interface SeizureTable extends SyncColumns {
  caseId: string | null;
  tipId: string | null;
  unitId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  kind: string;
  substance: string | null;
  /** A decimal number as text (at most 3 decimals), so totals add up exactly. */
  quantity: string | null;
  unit: string | null;
  exhibit: string | null;
  count: number | null;
  description: string | null;
  seizedOn: string;
}

export interface HotspotTable extends SyncColumns {
  unitId: string | null;
  provinceCode: string | null;
  communeCode: string;
  address: string;
  kind: string;
  /** JSON array of activities. */
  activities: string;
  discoveredOn: string;
  status: string;
  statusOn: string;
  eliminatedOn: string | null;
  eliminatedByCaseId: string | null;
  reformedCount: number;
  reformedOn: string | null;
  notes: string | null;
  /** JSON array of {status, on, caseId, note}. */
  history: string;
}

export type TipRowDb = Selectable<TipTable>;
export type CaseRowDb = Selectable<DrugCaseTable>;
export type ExtensionRowDb = Selectable<ExtensionTable>;
export type SuspectRowDb = Selectable<CaseSuspectTable>;
export type SeizureRowDb = Selectable<SeizureTable>;
export type HotspotRowDb = Selectable<HotspotTable>;
