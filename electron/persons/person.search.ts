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
  const plan =
    words.length && !f.citizenId ? await planWords(db, words, f.limit, driverMax) : ({ kind: 'none' } as const);
  const driverWords = plan.kind === 'driver' || plan.kind === 'intersect' ? plan.words : [];
  const restrict = (eb: PersonsEb) =>
    driverWords.length === 1
      ? tokenRange(eb, driverWords[0]!)
      : tokenRange(eb, driverWords[0]!).intersect(tokenRange(eb, driverWords[1]!));
  const driver = driverWords[0] ?? null;

  let q = base.select(SUMMARY_COLUMNS.map((c) => `p.${c}` as const)).where(filters);
  if (driver) q = q.where('p.pk', 'in', restrict);
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
      if (driver) inner = inner.where('p.pk', 'in', restrict);
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

type WordPlan = { kind: 'none' } | { kind: 'dense' } | { kind: 'driver' | 'intersect'; words: string[] };

/**
 * Chooses how to find the people whose names contain every typed word, from the per-word counts, by the
 * number of person rows each plan would read:
 * - dense: walk persons in sort order until `limit` match: about limit / selectivity rows;
 * - driver: every person with the rarest word: its count;
 * - intersect: the two rarest words' index lists intersected (cheap, sequential) and only the survivors read.
 */
async function planWords(db: Db, words: string[], limit: number, driverMax: number): Promise<WordPlan> {
  const stats = await Promise.all(words.map((w) => wordCount(db, w)));
  const people = await wordCount(db, '', true);
  const byCount = words.map((w, i) => ({ w, n: stats[i]! })).sort((a, b) => a.n - b.n);
  const first = byCount[0]!;
  if (first.n <= driverMax || people === 0) return { kind: 'driver', words: [first.w] };
  const sel = byCount.reduce((acc, x) => acc * Math.min(1, x.n / people), 1);
  const dense = Math.min(people, limit / Math.max(sel, 1e-9));
  const second = byCount[1];
  const intersect = second ? (first.n + second.n) * 0.2 + (people * first.n * second.n) / (people * people) : Infinity;
  const best = Math.min(dense, first.n, intersect);
  if (best === dense) return { kind: 'dense' };
  if (best === intersect && second) return { kind: 'intersect', words: [first.w, second.w] };
  return { kind: 'driver', words: [first.w] };
}

/** People with a word starting with `prefix` (from person_token_stats; exact = the token itself). */
async function wordCount(db: Db, prefix: string, exact = false): Promise<number> {
  const r = exact
    ? await sql<{ n: number }>`SELECT n FROM person_token_stats WHERE token = ${prefix}`.execute(db)
    : await sql<{ n: number }>`SELECT coalesce(sum(n), 0) AS n FROM person_token_stats
        WHERE token >= ${prefix} AND token < ${upper(prefix)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
