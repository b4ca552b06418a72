import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CommuneStatusTable, ReportPlanTable } from '../reports/report.schema';
import type { DraftTable } from '../drafts/draft.schema';
import type * as X from '../exchange/exchange.schema';
import type * as I from '../investigations/investigation.schema';
import type * as R from '../rehab/rehab.schema';

/** Columns every replicated record carries (see electron/changelog). */
export interface SyncColumns {
  id: string;
  createdAt: string;
  updatedAt: string;
  originWs: string;
  hlc: string;
  deletedAt: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface UnitTable extends SyncColumns {
  code: string;
  name: string;
  kind: string;
  provinceCode: string | null;
  communeCode: string | null;
}

export interface AccountTable {
  id: string;
  username: string;
  displayName: string;
  role: string;
  unitId: string | null;
  status: string;
  mustChangePassword: number;
  createdAt: string;
  updatedAt: string;
  lastSignInAt: string | null;
}

/** A role given by an administrator that reads records: in force only once a leader approves it. */
export interface RoleGrantTable {
  id: string;
  accountId: string;
  role: string;
  previousRole: string | null;
  kind: string;
  status: string;
  requestedBy: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  accountId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  outcome: string;
  detail: string | null;
  prevHash: string;
  hash: string;
}

/**
 * The change log as stored (read and written only through changelog/log-store.ts, which gives back
 * `ChangeEntry` values with text stamps and ids).
 */
export interface ChangeLogTable {
  seq: Generated<number>;
  /** The HLC stamp's wall milliseconds and counter; its node is the actor's. */
  wall: number;
  counter: number;
  /** log_actors.n: workstation, account and stamp node. */
  actor: number;
  /** log_tables.n: the table's name. */
  tbl: number;
  /** The record id: 16 bytes for a UUID, text otherwise. */
  record: Buffer | string;
  /** JSON object: field name → new value; null for a first write kept by reference to the row. */
  changes: string | null;
  /** JSON object: field name → the stamp(s) of the value(s) this write overwrote; null for a first write. */
  base: string | null;
}

export interface LogActorTable {
  n: Generated<number>;
  workstationId: string;
  /** '' when no account wrote (the vault's own setup). */
  accountId: string;
  node: string;
}

export interface LogTableTable {
  n: Generated<number>;
  name: string;
}

/** An open conflict: two concurrent values of one field, kept for a leader (see changelog/merge.ts). */
export interface ConflictTable {
  id: Generated<number>;
  tableName: string;
  recordId: string;
  field: string;
  currentHlc: string;
  currentValue: string | null;
  currentWs: string | null;
  currentAccount: string | null;
  otherHlc: string;
  otherValue: string | null;
  otherWs: string | null;
  otherAccount: string | null;
}

export interface PersonTable extends SyncColumns {
  pk: Generated<number>;
  fullName: string;
  otherNames: string;
  nameFolded: string;
  sortKey: string;
  sex: string;
  birthDate: string;
  birthYear: number;
  citizenId: string | null;
  citizenIdOverrideReason: string | null;
  citizenIdWarnings: string;
  ethnicity: string | null;
  education: string | null;
  occupation: string | null;
  familyContact: string | null;
  permProvince: string | null;
  permCommune: string | null;
  permStreet: string | null;
  curProvince: string | null;
  curCommune: string | null;
  curStreet: string | null;
  substances: string;
  firstUseDate: string | null;
  unitId: string | null;
  category: string;
  lastContactAt: string | null;
  mergedInto: string | null;
}

export interface PersonNameTokenTable {
  token: string;
  cls: number;
  sortKey: string;
  pk: number;
  nameFolded: string;
  curProvince: string | null;
  curCommune: string | null;
  unitId: string | null;
  category: string;
}

export interface PersonTokenStatTable {
  token: string;
  cls: number;
  n: number;
}

export interface PersonPhotoTable extends SyncColumns {
  photo: string | null;
}

export interface PersonMeasureTable extends SyncColumns {
  personId: string;
  kind: string;
  decisionNumber: string;
  decisionDate: string;
  authority: string;
  officer: string | null;
  startDate: string;
  endDate: string | null;
  status: string;
  notes: string | null;
}

export interface PersonCheckInTable extends SyncColumns {
  measureId: string;
  personId: string;
  date: string;
  note: string;
}

export interface DrugTestTable extends SyncColumns {
  personId: string;
  date: string;
  method: string;
  result: string;
  substances: string;
  notes: string | null;
}

export interface DeterminationTable extends SyncColumns {
  personId: string;
  requestedDate: string;
  facility: string;
  resultDate: string | null;
  result: string;
  formRef: string | null;
  registrationDeadline: string | null;
  registeredAt: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
  updatedAt: string;
}

export interface DB {
  meta: MetaTable;
  units: UnitTable;
  accounts: AccountTable;
  roleGrants: RoleGrantTable;
  auditLog: AuditLogTable;
  changeLog: ChangeLogTable;
  logActors: LogActorTable;
  logTables: LogTableTable;
  conflicts: ConflictTable;
  persons: PersonTable;
  personNameTokens: PersonNameTokenTable;
  personTokenStats: PersonTokenStatTable;
  personPhotos: PersonPhotoTable;
  personMeasures: PersonMeasureTable;
  personCheckIns: PersonCheckInTable;
  drugTests: DrugTestTable;
  addictionDeterminations: DeterminationTable;
  settings: SettingTable;
  reportPlans: ReportPlanTable;
  communeStatuses: CommuneStatusTable;
  drafts: DraftTable;
  stationKeys: X.StationKeyTable;
  exchangePeers: X.ExchangePeerTable;
  exchangeArchiveRecipients: X.ArchiveRecipientTable;
  exchangeBundles: X.ExchangeBundleTable;
  exchangeAuditEntries: X.ExchangeAuditEntryTable;
  tips: I.TipTable;
  tipExtensions: I.TipExtensionTable;
  drugCases: I.DrugCaseTable;
  caseExtensions: I.CaseExtensionTable;
  caseSuspects: I.CaseSuspectTable;
  seizures: I.SeizureTable;
  hotspots: I.HotspotTable;
  rehabFacilities: R.FacilityTable;
  rehabReferrals: R.ReferralTable;
  rehabDocuments: R.DocumentTable;
  rehabStays: R.StayTable;
  rehabVoluntary: R.VoluntaryTable;
  rehabMethadone: R.MethadoneTable;
}

export type PersonRow = Selectable<PersonTable>;
export type MeasureRow = Selectable<PersonMeasureTable>;
export type CheckInRow = Selectable<PersonCheckInTable>;
export type DrugTestRow = Selectable<DrugTestTable>;
export type DeterminationRow = Selectable<DeterminationTable>;

export type UnitRow = Selectable<UnitTable>;
export type AccountRow = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
export type RoleGrantRow = Selectable<RoleGrantTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type ChangeRow = Selectable<ChangeLogTable>;
