import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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

export interface ChangeLogTable {
  seq: Generated<number>;
  hlc: string;
  workstationId: string;
  accountId: string | null;
  tableName: string;
  recordId: string;
  field: string;
  value: string | null;
}

export interface DB {
  meta: MetaTable;
  units: UnitTable;
  accounts: AccountTable;
  auditLog: AuditLogTable;
  changeLog: ChangeLogTable;
}

export type UnitRow = Selectable<UnitTable>;
export type AccountRow = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type ChangeRow = Selectable<ChangeLogTable>;
