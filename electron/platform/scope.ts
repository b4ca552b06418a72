import type { Kysely, Transaction } from 'kysely';
import { Permissions, permissionsOf, type Permission, type Role } from '../../shared/domain/roles';
import type { DB } from '../db/schema';

/**
 * Which records a caller may see, and through which view: computed once per call by the router from the role's
 * permissions and the account's unit, and passed to every list, lookup, duplicate check and count.
 *
 * Fail-closed: a role with no reading permission gets `view: 'none'`, which matches no record; a reach the role
 * does not hold is never assumed.
 */
export interface RecordScope {
  /** 'full': the role's whole view; 'limited': the limited allow-list; 'none': nothing. */
  readonly view: 'full' | 'limited' | 'none';
  /** Every record (through the limited view): rehab staff. */
  readonly all: boolean;
  readonly role: Role;
  readonly unitId: string | null;
  /** People living in this province (investigators, leaders). */
  readonly provinceCode: string | null;
  /** People living in this commune (commune officers). */
  readonly communeCode: string | null;
}

/** Whether any part of a record is readable under the scope (the record's own columns decide the rest). */
export interface ScopedColumns {
  unitId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
}

export async function scopeOf(
  db: Kysely<DB> | Transaction<DB>,
  session: { role: Role; unitId: string | null; rolePending?: boolean },
): Promise<RecordScope> {
  const has = (p: Permission) => permissionsOf(session.role, session.rolePending ?? false).includes(p);
  const view = has(Permissions.personsRead) ? 'full' : has(Permissions.personsReadLimited) ? 'limited' : 'none';
  const unit =
    session.unitId && view !== 'none'
      ? await db
          .selectFrom('units')
          .select(['provinceCode', 'communeCode'])
          .where('id', '=', session.unitId)
          .executeTakeFirst()
      : undefined;
  return Object.freeze({
    view,
    role: session.role,
    all: view !== 'none' && has(Permissions.reachAllLimited),
    unitId: session.unitId,
    provinceCode: view !== 'none' && has(Permissions.reachProvince) ? (unit?.provinceCode ?? null) : null,
    communeCode: view !== 'none' && has(Permissions.reachCommune) ? (unit?.communeCode ?? null) : null,
  });
}

/** The rule in one place, for a record already loaded. */
export function inScope(scope: RecordScope, row: ScopedColumns): boolean {
  if (scope.view === 'none') return false;
  if (scope.all) return true;
  if (row.unitId === scope.unitId) return true;
  if (scope.communeCode !== null && row.communeCode === scope.communeCode) return true;
  if (scope.provinceCode !== null && row.provinceCode === scope.provinceCode) return true;
  return false;
}
