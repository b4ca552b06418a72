import type { AccountStatus, Permission, Role, UnitKind } from '../domain/roles';
import type { GrantKind } from './grants';

export interface SessionInfo {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  permissions: Permission[];
  /** The role awaits a leader's approval: until then `permissions` is only `session`. */
  rolePending?: boolean;
  mustChangePassword: boolean;
  idleMinutes: number;
}

export interface AppStatus {
  vaultExists: boolean;
  unlocked: boolean;
  session: SessionInfo | null;
  /** Milliseconds until unlock is accepted again for the last account that failed, if throttled. */
  preferences: Preferences;
}

export interface Preferences {
  language: 'vi' | 'en';
  idleMinutes: number;
}

export interface VaultCreated {
  workstationId: string;
  /** Shown exactly once; the renderer must not keep it after the user confirms. */
  recoveryKey: string;
  recoverySheetHtml: string;
  session: SessionInfo;
}

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitName: string | null;
  status: AccountStatus;
  hasKeySlot: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
  lastSignInAt: string | null;
  /** A role that reads records, given by an administrator, waiting for a leader (see shared/contract/grants). */
  pendingGrant?: { id: string; role: Role; kind: GrantKind } | null;
}

export interface UnitView {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  provinceCode: string | null;
  communeCode: string | null;
  createdAt: string;
}

export interface AuditEntryView {
  seq: number;
  at: string;
  accountId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: Record<string, string | number | boolean | null> | null;
}

export interface AuditProblem {
  seq: number;
  kind:
    | 'edited'
    | 'missing'
    | 'reordered'
    | 'truncated'
    | 'head_mismatch'
    | 'head_invalid'
    /** `audit.verify --checkpoint`: the log no longer holds the entry a paper checkpoint names. */
    | 'checkpoint_missing';
  /** English, for logs; screens and the CLI translate `kind` with `seq`, `from` and `to`. */
  message: string;
  /** `reordered`: the position the entry came from; `truncated`: the first removed entry. */
  from?: number;
  /** `truncated`: the last removed entry. */
  to?: number;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  headSeq: number;
  problems: AuditProblem[];
  /** Present when a checkpoint code was given: whether the log still holds the entry it names. */
  checkpoint?: { seq: number; found: boolean };
}

/** The current audit head as a short code for a paper register (electron/audit/checkpoint.ts). */
export interface AuditCheckpoint {
  code: string;
  seq: number;
  /** When the code was taken (ISO). */
  at: string;
  workstationId: string;
}

/** What `audit.reanchor` found and did. `problem` null: the files belonged together, nothing was changed. */
export interface ReanchorResult {
  problem: 'head_invalid' | 'db_behind' | 'history_differs' | 'vault_older' | null;
  /** Whether the alert was written and the files anchored again (only with `confirm`). */
  changed: boolean;
  headSeq: number;
  generation: number;
}

export interface AppInfo {
  workstationId: string;
  schemaVersion: string;
  migrations: number;
  counts: Record<string, number>;
  /** The change log's last entry: its sequence number and HLC stamp (null when empty). */
  changeLogHead: { seq: number; hlc: string } | null;
  cipher: string;
  sqlite: string;
}

export interface BackupResult {
  path: string;
  bytes: number;
  sha256: string;
}

export interface RekeyResult {
  backupPath: string;
  slotsRewrapped: number;
}
