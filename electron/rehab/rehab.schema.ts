import type { SyncColumns } from '../db/schema';

/** Rows of the rehabilitation tables (migration 2026_12_03_1300_rehabilitation). Booleans are 0/1. */
interface Placed {
  provinceCode: string | null;
  communeCode: string | null;
  unitId: string | null;
}

export interface FacilityTable extends SyncColumns {
  code: string;
  name: string;
  kind: string;
  provinceCode: string;
  communeCode: string | null;
  capacity: number;
  unitId: string | null;
}

export interface ReferralTable extends SyncColumns, Placed {
  personId: string;
  state: string;
  stateOn: string;
  discoveredOn: string;
  sentOn: string | null;
  acceptedOn: string | null;
  minor: number;
  complex: number;
  ground: string | null;
  facilityId: string | null;
  pendingCustody: string;
  heldFrom: string | null;
  heldTo: string | null;
  deferredUntil: string | null;
  decisionKind: string | null;
  decisionTerm: number | null;
  decisionNumber: string | null;
  decisionCourt: string | null;
  decisionOn: string | null;
  lawId: string | null;
  isRepeat: number;
  plannedDischargeOn: string | null;
  notes: string | null;
  /** JSON: [{ state, on, by, note, at }]. */
  history: string;
  /** JSON: { [item]: { done, on, note } }. */
  checklist: string;
  /** Derived: the current state's time limit. */
  deadline: string | null;
}

export interface DocumentTable extends SyncColumns {
  referralId: string;
  item: string;
  mime: string;
  size: number;
  addedOn: string;
  /** The scan as a data URL, inside the encrypted database like the person photo. */
  scan: string | null;
}

export interface StayTable extends SyncColumns, Placed {
  personId: string;
  facilityId: string;
  referralId: string | null;
  voluntaryId: string | null;
  admittedOn: string;
  termMonths: number | null;
  plannedDischargeOn: string | null;
  dischargedOn: string | null;
  certificateNumber: string | null;
  status: string;
  stage: string;
  /** JSON: [{ stage, on }]. */
  stages: string;
  /** JSON: [{ kind, on, note }]. */
  incidents: string;
  capacityOverride: number;
  /** The rehab measure this stay put in the person's file, and the post-rehab one its discharge did. */
  measureId: string | null;
  postMeasureId: string | null;
}

export interface VoluntaryTable extends SyncColumns, Placed {
  personId: string;
  setting: string;
  facilityId: string | null;
  registeredOn: string;
  startOn: string | null;
  termMonths: number;
  status: string;
  endedOn: string | null;
  notes: string | null;
  measureId: string | null;
}

export interface MethadoneTable extends SyncColumns, Placed {
  personId: string;
  clinicId: string;
  startedOn: string;
  status: string;
  statusOn: string;
  stoppedOn: string | null;
  stopReason: string | null;
  notes: string | null;
  measureId: string | null;
}
