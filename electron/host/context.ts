import type { Kysely, Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf, ProcedureName } from '../../shared/contract';
import type { AuditAction } from '../../shared/domain/audit-actions';
import type { Role } from '../../shared/domain/roles';
import type { AuditDetail, AuditInput, AuditLog } from '../audit/audit';
import type { ChangeContext } from '../changelog/changelog';
import type { HlcClock } from '../changelog/hlc';
import type { RawDatabase } from '../db/connection';
import type { DB } from '../db/schema';
import type { BatchWriter } from '../platform/batch';
import type { RecordFamily, RecordScope } from '../platform/scope';
import type { Vault } from '../vault/vault';
import type { HostCore } from './host';

export interface Session {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  mustChangePassword: boolean;
  /** A role that reads records awaits a leader's approval: the session holds only `session` until then. */
  rolePending: boolean;
}

/** What an unlocked host holds. The data key never leaves this object except into the vault's functions. */
export interface OpenState {
  raw: RawDatabase;
  db: Kysely<DB>;
  dataKey: Buffer;
  session: Session;
  audit: AuditLog;
  hlc: HlcClock;
  workstationId: string;
  lastActivity: number;
}

export interface AuditTarget {
  recordType: string;
  recordId?: string | null;
  detail?: AuditDetail;
}

export type DomainAuditEntry = Omit<AuditInput, 'accountId' | 'username' | 'role' | 'outcome' | 'action'> & {
  action: AuditAction;
  outcome?: AuditInput['outcome'];
};

/**
 * Everything a domain service may touch: the caller, the call's transaction, the change log's writer context,
 * the audit writer, the clock and the record scope computed once for this call. No data key, no raw
 * connection, no host: lint forbids domain folders to import them.
 */
export interface DomainContext {
  now(): Date;
  /** The call's transaction (the open database for the few procedures declared `transaction: false`). */
  db(): Kysely<DB> | Transaction<DB>;
  session(): Readonly<Session>;
  /**
   * Which records of a family (persons when not named) this caller may see and how much of each: computed by
   * the router from permissions and unit, once per call and family.
   */
  scope(family?: RecordFamily): RecordScope;
  changes(): ChangeContext;
  /** Writes an audit entry now, as the signed-in account. */
  audit(e: DomainAuditEntry): void;
  /** Names the record the router's own audit entry for this call is about. */
  target(t: AuditTarget): void;
  /** The batch writer, for procedures declared `transaction: false` that load many records. */
  batch(): BatchWriter;
  /** Reports progress of a long call to whoever made it (the CLI prints it, the screen shows a bar). */
  progress(done: number, total: number): void;
  /**
   * The WAL this call writes is checkpointed after the call has answered, not inside its commit (a bundle's import
   * writes hundreds of MB of pages, which SQLite would otherwise copy into the database before the call returns).
   */
  deferCheckpoint?(): void;
}

/** The lifecycle services (session, vault, accounts, backup, audit verification) also hold the host. */
export interface CallContext extends Omit<DomainContext, 'audit' | 'batch' | 'progress' | 'deferCheckpoint'> {
  readonly core: HostCore;
  readonly vault: Vault;
  open(): OpenState;
  audit(e: Omit<AuditInput, 'accountId' | 'username' | 'role' | 'outcome'> & { outcome?: AuditInput['outcome'] }): void;
}

export type Handler<K extends ProcedureName> = (ctx: CallContext, input: ParsedInputOf<K>) => Promise<OutputOf<K>>;
export type DomainHandler<K extends ProcedureName> = (
  ctx: DomainContext,
  input: ParsedInputOf<K>,
) => Promise<OutputOf<K>>;
/** A group of lifecycle handlers. */
export type HandlerGroup<K extends ProcedureName> = { [P in K]: Handler<P> };
/** A group of domain handlers: they receive only the narrow context. */
export type DomainHandlerGroup<K extends ProcedureName> = { [P in K]: DomainHandler<P> };
