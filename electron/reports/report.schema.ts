import type { SyncColumns } from '../db/schema';

/** A plan: the decision that issued it, its scope and period, and its indicator targets (JSON). */
export interface ReportPlanTable extends SyncColumns {
  title: string;
  decisionNumber: string;
  decisionDate: string;
  authority: string;
  scope: string;
  provinceCode: string | null;
  fromYear: number;
  toYear: number;
  /** JSON array of `{ indicatorId, year | null, value }`. */
  targets: string;
}

/** One commune in one year: drug-free recognition, key-area type (Decision 28/2025), population. */
export interface CommuneStatusTable extends SyncColumns {
  provinceCode: string;
  communeCode: string;
  year: number;
  population: number | null;
  drugFree: number;
  drugFreeDecision: string | null;
  drugFreeDate: string | null;
  keyAreaType: string | null;
  keyAreaDecision: string | null;
}
