import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { PersonSearchResult } from '../../shared/contract/person-types';
import { foldVietnamese } from '../../shared/text/fold';
import type { Db } from '../changelog/changelog';
import type { DB } from '../db/schema';
import { rowToSummary, SUMMARY_COLUMNS } from './person.mapper';
import { scopeCondition, type PersonScope } from './person.scope';

/**
 * Name search, diacritics- and case-insensitive (đ = d), by word prefixes ("nguyen van du" finds
 * "Nguyễn Văn Đức"), results in Vietnamese order, within the caller's scope.
 *
 * Two plans, chosen per query from the token index:
 * - selective: the rarest typed word has at most DRIVER_MAX persons → take exactly those (index range on
 *   person_name_tokens), filter the other words, sort the few survivors by sort_key;
 * - dense: every typed word is common → walk persons in sort_key order and stop at `limit` matches, which
 *   come quickly precisely because matches are dense. The total is then reported as "many" (null).
 */
export const DRIVER_MAX = 4000;
const COUNT_CAP = 10_000;

export interface SearchFilters {
  query: string;
  citizenId?: string;
  provinceCode?: string;
  communeCode?: string;
  category?: string;
  measureStatus?: string;
  limit: number;
}

/** Folded words of a name, as indexed and as searched: letters and digits only. */
export function nameTokens(text: string): string[] {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

type PersonsEb = ExpressionBuilder<DB & { p: DB['persons'] }, 'p'>;

function upper(prefix: string): string {
  return `${prefix}\u007f`;
}

/** Receives each query the search runs, compiled: the tests run EXPLAIN QUERY PLAN on them. */
export type QueryInspector = (q: { sql: string; parameters: readonly unknown[] }) => void;

export async function searchPersons(
  db: Db,
  scope: PersonScope,
  f: SearchFilters,
  inspect?: QueryInspector,
  driverMax = DRIVER_MAX,
): Promise<PersonSearchResult> {
  const words = [...new Set(nameTokens(f.query))].slice(0, 6);
  const filters = (eb: PersonsEb): Expression<SqlBool> => {
    const and: Expression<SqlBool>[] = [
      eb('p.deletedAt', 'is', null),
      eb('p.mergedInto', 'is', null),
      scopeCondition(scope)(eb),
    ];
    if (f.communeCode) and.push(eb('p.curCommune', '=', f.communeCode));
    if (f.provinceCode) and.push(eb('p.curProvince', '=', f.provinceCode));
    if (f.category) and.push(eb('p.category', '=', f.category));
    if (f.citizenId) {
      and.push(eb('p.citizenId', '>=', f.citizenId), eb('p.citizenId', '<', upper(f.citizenId)));
    }
    if (f.measureStatus) {
      and.push(
        eb.exists(
          eb
            .selectFrom('personMeasures as m')
            .select(sql.lit(1).as('one'))
            .whereRef('m.personId', '=', 'p.id')
            .where('m.status', '=', f.measureStatus)
            .where('m.deletedAt', 'is', null),
        ),
      );
    }
    for (const w of words) and.push(sql<SqlBool>`(' ' || ${eb.ref('p.nameFolded')}) LIKE ${`% ${w}%`}`);
    return eb.and(and);
  };
  const base = db.selectFrom('persons as p');

  // Citizen-ID or filter-only searches are narrow by index already: no word plan needed.
  let driver: string | null = null;
  if (words.length && !f.citizenId) {
    let best = Infinity;
    for (const w of words) {
      const n = await countCapped(db, w, best === Infinity ? driverMax + 1 : Math.min(best, driverMax + 1));
      if (n < best) {
        best = n;
        driver = w;
      }
    }
    if (best > driverMax) driver = null;
  }

  let q = base.select(SUMMARY_COLUMNS.map((c) => `p.${c}` as const)).where(filters);
  if (driver) {
    q = q.where('p.pk', 'in', (eb) => tokenRange(eb, driver!));
  }
  const rowsQuery = q.orderBy('p.sortKey').limit(f.limit + 1);
  inspect?.(rowsQuery.compile());
  const rows = await rowsQuery.execute();
  const truncated = rows.length > f.limit;
  const items = rows.slice(0, f.limit).map(rowToSummary);
  let total: number | null = items.length;
  if (truncated) {
    // Counting is cheap on the selective plan (a few thousand rows); on a dense plan it would mean a full scan.
    if (driver || !words.length) {
      let inner = base.select(sql.lit(1).as('one')).where(filters);
      if (driver) inner = inner.where('p.pk', 'in', (eb) => tokenRange(eb, driver!));
      const countQuery = db
        .selectFrom(inner.limit(COUNT_CAP + 1).as('c'))
        .select((eb) => eb.fn.countAll<number>().as('n'));
      inspect?.(countQuery.compile());
      const capped = await countQuery.executeTakeFirst();
      total = capped && Number(capped.n) <= COUNT_CAP ? Number(capped.n) : null;
    } else total = null;
  }
  return { items, total, truncated };
}

function tokenRange(eb: PersonsEb, prefix: string) {
  return eb.selectFrom('personNameTokens').select('pk').where('token', '>=', prefix).where('token', '<', upper(prefix));
}

/** How many index entries start with `prefix`, counting no further than `cap`. */
async function countCapped(db: Db, prefix: string, cap: number): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (
      SELECT 1 FROM person_name_tokens WHERE token >= ${prefix} AND token < ${upper(prefix)} LIMIT ${cap})`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
