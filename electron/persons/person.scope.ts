import type { Role } from '../../shared/domain/roles';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { DB } from '../db/schema';
import type { Db } from '../platform/table-spec';
import type { DomainContext } from '../host/context';
import { facilityPeopleSql } from '../rehab/rehab.scope';

/**
 * Which persons an account may see. Commune officers: their commune's people (current residence) and files
 * their unit owns. Investigators and leaders: files their unit owns and people living in their unit's
 * province. Rehab staff: the people referred to, staying at or treated by their own facility, through the limited
 * view only. No unit: only files without a unit.
 */
export interface PersonScope {
  /** Whose view of each record applies (the table spec's allow-list for this role). */
  role: Role;
  limited: boolean;
  all: boolean;
  unitId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  /** Rehab staff: the facility whose people they see (electron/rehab/rehab.scope.ts). */
  facilityId?: string | null;
}

/**
 * The persons module's reading of the caller's record scope (computed by the router, see platform/scope.ts).
 * Fail-closed: a caller whose scope has no view is refused here, before any query runs.
 */
export function scopeFor(ctx: DomainContext): PersonScope {
  const scope = ctx.scope();
  if (scope.view === 'none') throw new AppError(ErrorCodes.FORBIDDEN, 'this role may not read person files');
  return {
    role: scope.role,
    limited: scope.view === 'limited',
    all: scope.all,
    unitId: scope.unitId,
    provinceCode: scope.provinceCode,
    communeCode: scope.communeCode,
    facilityId: scope.facilityId,
  };
}

export function inScope(
  scope: PersonScope,
  row: { unitId: string | null; curProvince: string | null; curCommune: string | null },
) {
  if (scope.all) return true;
  if (row.unitId === scope.unitId) return true;
  if (scope.communeCode && row.curCommune === scope.communeCode) return true;
  if (scope.provinceCode && row.curProvince === scope.provinceCode) return true;
  return false;
}

/**
 * The facility rule cannot be read off the row: a person is in a facility's scope when one of its referrals, stays
 * or episodes names them. Callers holding a row that `inScope` refused ask this (rehab staff only).
 */
export async function inFacilityScope(db: Db, scope: PersonScope, personId: string): Promise<boolean> {
  if (!scope.facilityId) return false;
  const hit = await sql<{
    one: number;
  }>`SELECT 1 AS one WHERE ${personId} IN (${facilityPeopleSql(scope.facilityId)})`.execute(db);
  return hit.rows.length > 0;
}

/** The same rule as a SQL condition on `persons` (aliased `p`), for queries that must stay in the index. */
export function scopeCondition(scope: PersonScope) {
  return (eb: ExpressionBuilder<DB & { p: DB['persons'] }, 'p'>): Expression<SqlBool> => {
    if (scope.all) return sql<SqlBool>`1`;
    const ors: Expression<SqlBool>[] = [
      scope.unitId === null ? eb('p.unitId', 'is', null) : eb('p.unitId', '=', scope.unitId),
    ];
    if (scope.communeCode) ors.push(eb('p.curCommune', '=', scope.communeCode));
    if (scope.provinceCode) ors.push(eb('p.curProvince', '=', scope.provinceCode));
    if (scope.facilityId) ors.push(sql<SqlBool>`p.id IN (${facilityPeopleSql(scope.facilityId)})`);
    return eb.or(ors);
  };
}

/** A live file (not deleted, not merged away) in the scope, as a SQL condition on `persons` aliased `p`. */
export function liveInScope(scope: PersonScope) {
  return (eb: ExpressionBuilder<DB & { p: DB['persons'] }, 'p'>): Expression<SqlBool> =>
    eb.and([eb('p.deletedAt', 'is', null), eb('p.mergedInto', 'is', null), scopeCondition(scope)(eb)]);
}
