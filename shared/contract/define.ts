import type { z } from 'zod';
import type { ProcedurePermission } from '../domain/roles';

/**
 * One procedure of the API: its input schema, the permission it needs, and how it is audited.
 *
 * The output type is carried as a phantom so both sides share it without a runtime schema.
 */
export interface ProcedureDef<I extends z.ZodType, O> {
  input: I;
  permission: ProcedurePermission;
  /**
   * Audit action written by the router after the call (success or failure). `null` for procedures
   * that must not be audited by the router (status polls, preferences) or that audit themselves
   * (unlock writes its own entries because there is no session yet).
   */
  audit: string | null;
  /** Phantom field: never set at runtime. */
  readonly _output?: O;
}

export function procedure<O>() {
  return <I extends z.ZodType>(def: Omit<ProcedureDef<I, O>, '_output'>): ProcedureDef<I, O> => def;
}
