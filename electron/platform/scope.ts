import type { Kysely, Transaction } from 'kysely';
import { Permissions, permissionsOf, type Permission, type Role } from '../../shared/domain/roles';
import type { DB } from '../db/schema';

/**
 * The record families. Each replicated table belongs to one (its spec says which), and each family has its own
 * reading permissions: a commune officer reads persons and tips of the commune but no case files; rehab staff
 * read the people of their facility through the limited view and nothing of investigations.
 * `reference` is data every signed-in role may read (units, facilities' names).
 */
export const RecordFamilies = Object.freeze({
  persons: 'persons',
  /** Tips and hot spots: the field work commune police record. */
  tips: 'tips',
  /** Case files: cases, suspects, seizures, extensions. */
  cases: 'cases',
  /** Referrals, stays, voluntary rehab, methadone. */
  rehab: 'rehab',
  reference: 'reference',
} as const);
export type RecordFamily = (typeof RecordFamilies)[keyof typeof RecordFamilies];

const P = Permissions;
/** Per family, the permissions that open the full view and those that open only the limited one. */
const FAMILY_ACCESS: Readonly<Record<RecordFamily, { full: readonly Permission[]; limited: readonly Permission[] }>> =
  Object.freeze({
    persons: { full: [P.personsRead], limited: [P.personsReadLimited] },
    tips: { full: [P.tipsRead], limited: [] },
    cases: { full: [P.casesRead], limited: [] },
    rehab: { full: [P.referralsRead], limited: [] },
    reference: { full: [P.session], limited: [] },
  });

/**
 * Which records of one family a caller may see, and through which view: computed by the router from the
 * role's permissions and the account's unit, once per call and family, and passed to every list, lookup,
 * duplicate check and count.
 *
 * Fail-closed: a role with no reading permission for the family gets `view: 'none'`, which matches no record;
 * a reach the role does not hold is never assumed.
 */
export interface RecordScope {
  readonly family: RecordFamily;
  /** 'full': the role's whole view; 'limited': the limited allow-list; 'none': nothing. */
  readonly view: 'full' | 'limited' | 'none';
  /** Every record of the family (through the role's view): reference data; rehab staff for persons (legacy). */
  readonly all: boolean;
  readonly role: Role;
  readonly unitId: string | null;
  /** Records placed in this province (investigators, leaders). */
  readonly provinceCode: string | null;
  /** Records placed in this commune (commune officers). */
  readonly communeCode: string | null;
  /**
   * Records tied to this facility (rehab staff: people referred to or staying at their facility, and those
   * referrals and stays). Resolved from the account's unit by the facility registry; null when none.
   */
  readonly facilityId: string | null;
}

/** The columns that place one record (null where the table has none). */
export interface ScopedColumns {
  unitId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  facilityId?: string | null;
}

/**
 * Finds the facility an account's unit runs (rehab centres): registered by the rehabilitation module so the
 * platform needs no knowledge of its tables. Until one is registered, no account has a facility.
 */
type FacilityResolver = (db: Kysely<DB> | Transaction<DB>, unitId: string) => Promise<string | null>;
let facilityOfUnit: FacilityResolver = () => Promise.resolve(null);
export function registerFacilityResolver(resolver: FacilityResolver): void {
  facilityOfUnit = resolver;
}

/** The caller's scope for one family. */
export async function scopeOf(
  db: Kysely<DB> | Transaction<DB>,
  session: { role: Role; unitId: string | null; rolePending?: boolean },
  family: RecordFamily = RecordFamilies.persons,
): Promise<RecordScope> {
  return (await scopesOf(db, session, [family])).get(family)!;
}

/** The caller's scope for each family, with one lookup of the unit (and of its facility) for all of them. */
export async function scopesOf(
  db: Kysely<DB> | Transaction<DB>,
  session: { role: Role; unitId: string | null; rolePending?: boolean },
  families: readonly RecordFamily[] = Object.values(RecordFamilies),
): Promise<Map<RecordFamily, RecordScope>> {
  const held = permissionsOf(session.role, session.rolePending ?? false);
  const has = (p: Permission) => held.includes(p);
  const viewOf = (family: RecordFamily) => {
    const access = FAMILY_ACCESS[family];
    return access.full.some(has) ? 'full' : access.limited.some(has) ? 'limited' : 'none';
  };
  const reads = families.some((f) => f !== RecordFamilies.reference && viewOf(f) !== 'none');
  const unit =
    session.unitId && reads
      ? await db
          .selectFrom('units')
          .select(['provinceCode', 'communeCode'])
          .where('id', '=', session.unitId)
          .executeTakeFirst()
      : undefined;
  const facilityId = session.unitId && reads && has(P.reachFacility) ? await facilityOfUnit(db, session.unitId) : null;
  const out = new Map<RecordFamily, RecordScope>();
  for (const family of families) {
    const view = viewOf(family);
    const reference = family === RecordFamilies.reference && view !== 'none';
    const reaches = view !== 'none' && !reference;
    out.set(
      family,
      Object.freeze({
        family,
        view,
        role: session.role,
        all: reference || (family === RecordFamilies.persons && reaches && has(P.reachAllLimited)),
        unitId: session.unitId,
        provinceCode: reaches && has(P.reachProvince) ? (unit?.provinceCode ?? null) : null,
        communeCode: reaches && has(P.reachCommune) ? (unit?.communeCode ?? null) : null,
        facilityId: reaches ? facilityId : null,
      }),
    );
  }
  return out;
}

/** The rule in one place, for a record already loaded. */
export function inScope(scope: RecordScope, row: ScopedColumns): boolean {
  if (scope.view === 'none') return false;
  if (scope.all) return true;
  if (row.unitId !== null && row.unitId === scope.unitId) return true;
  if (scope.communeCode !== null && row.communeCode === scope.communeCode) return true;
  if (scope.provinceCode !== null && row.provinceCode === scope.provinceCode) return true;
  if (scope.facilityId !== null && row.facilityId != null && row.facilityId === scope.facilityId) return true;
  return false;
}
