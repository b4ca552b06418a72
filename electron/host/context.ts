import type { Kysely, Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf, ProcedureName } from '../../shared/contract';
import type { Role } from '../../shared/domain/roles';
import type { AuditDetail, AuditInput, AuditLog } from '../audit/audit';
import type { ChangeContext } from '../changelog/changelog';
import type { HlcClock } from '../changelog/hlc';
import type { RawDatabase } from '../db/connection';
import type { DB } from '../db/schema';
import type { Vault } from '../vault/vault';
import type { HostCore } from './host';

export interface Session {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  mustChangePassword: boolean;
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

/** Everything a service handler may touch. */
export interface CallContext {
  readonly core: HostCore;
  readonly vault: Vault;
  now(): Date;
  /** The open database (inside the call's transaction when there is one). Throws LOCKED when locked. */
  db(): Kysely<DB> | Transaction<DB>;
  open(): OpenState;
  session(): Session;
  changes(): ChangeContext;
  /** Writes an audit entry now, as the signed-in account. */
  audit(e: Omit<AuditInput, 'accountId' | 'username' | 'role' | 'outcome'> & { outcome?: AuditInput['outcome'] }): void;
  /** Names the record the router's own audit entry for this call is about. */
  target(t: AuditTarget): void;
}

export type Handler<K extends ProcedureName> = (ctx: CallContext, input: ParsedInputOf<K>) => Promise<OutputOf<K>>;
export type Handlers = { [K in ProcedureName]: Handler<K> };
export type HandlerGroup<K extends ProcedureName> = { [P in K]: Handler<P> };
