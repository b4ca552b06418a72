import type { z } from 'zod';
import type { AuditAction } from '../domain/audit-actions';
import type { Permission, PUBLIC } from '../domain/roles';

/**
 * Who may call a procedure: `PUBLIC` (no session: status, setup, unlock) or a non-empty list of permissions of
 * which the caller's role must hold at least one. There is no default: a procedure without one does not compile.
 */
export type ProcedureAccess = typeof PUBLIC | readonly [Permission, ...Permission[]];

/**
 * One procedure of the API: its input schema and its whole policy. The router reads nothing else to decide
 * whether and how a call runs; services never re-check these.
 *
 * The output type is carried as a phantom so both sides share it without a runtime schema.
 */
export interface ProcedureDef<I extends z.ZodType, O> {
  input: I;
  access: ProcedureAccess;
  /**
   * The call runs in one transaction together with its audit entry and change-log rows. `false` only for what
   * SQLite cannot do inside one (VACUUM INTO, PRAGMA rekey, closing the database) and for batch writers that
   * commit in steps (seeding).
   */
  transaction: boolean;
  /** Callable while the account must still replace a password an administrator set. */
  beforePasswordChange: boolean;
  /**
   * The entry the router writes after the call (success or failure), with the record type it is about. `null`
   * for status polls and for procedures that write their own entries (unlock has no session yet).
   */
  audit: { action: AuditAction; recordType: string | null } | null;
  /** Phantom field: never set at runtime. */
  readonly _output?: O;
}

type PolicyInput<I extends z.ZodType, O> = Omit<
  ProcedureDef<I, O>,
  '_output' | 'transaction' | 'beforePasswordChange'
> &
  Partial<Pick<ProcedureDef<I, O>, 'transaction' | 'beforePasswordChange'>>;

/**
 * Declares a procedure. `access` and `audit` must be spelled out; a transaction is the default and
 * `beforePasswordChange` is off unless said.
 */
export function procedure<O>() {
  return <I extends z.ZodType>(def: PolicyInput<I, O>): ProcedureDef<I, O> => ({
    transaction: true,
    beforePasswordChange: false,
    ...def,
  });
}

/** Shorthand for the router's audit entry. */
export function audited(
  action: AuditAction,
  recordType: string | null = null,
): ProcedureDef<z.ZodType, unknown>['audit'] {
  return { action, recordType };
}
