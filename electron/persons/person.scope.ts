import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { DB } from '../db/schema';
import type { CallContext } from '../host/context';

/**
 * Which persons an account may see. Commune officers: their commune's people (current residence) and files
 * their unit owns. Investigators and leaders: files their unit owns and people living in their unit's
 * province. Rehab staff: everyone, but identity and category only. No unit: only files without a unit.
 */
export interface PersonScope {
  limited: boolean;
  all: boolean;
  unitId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
}

export async function scopeFor(ctx: CallContext): Promise<PersonScope> {
  const s = ctx.session();
  const unit = s.unitId
    ? await ctx
        .db()
        .selectFrom('units')
        .select(['provinceCode', 'communeCode'])
        .where('id', '=', s.unitId)
        .executeTakeFirst()
    : undefined;
  const base = { limited: false, all: false, unitId: s.unitId, provinceCode: null, communeCode: null };
  switch (s.role) {
    case 'rehab_staff':
      return { ...base, limited: true, all: true };
    case 'commune_officer':
      return { ...base, communeCode: unit?.communeCode ?? null };
    case 'investigator':
    case 'leader':
      return { ...base, provinceCode: unit?.provinceCode ?? null };
    default:
      // Administrators and auditors manage the system; administration is not a licence to read records.
      throw new AppError(ErrorCodes.FORBIDDEN, 'this role may not read person files');
  }
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

/** The same rule as a SQL condition on `persons` (aliased `p`), for queries that must stay in the index. */
export function scopeCondition(scope: PersonScope) {
  return (eb: ExpressionBuilder<DB & { p: DB['persons'] }, 'p'>): Expression<SqlBool> => {
    if (scope.all) return sql<SqlBool>`1`;
    const ors = [scope.unitId === null ? eb('p.unitId', 'is', null) : eb('p.unitId', '=', scope.unitId)];
    if (scope.communeCode) ors.push(eb('p.curCommune', '=', scope.communeCode));
    if (scope.provinceCode) ors.push(eb('p.curProvince', '=', scope.provinceCode));
    return eb.or(ors);
  };
}
