import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { PersonSearchResult } from '../../shared/contract/person-types';
import type { Db } from '../changelog/changelog';
import type { DB } from '../db/schema';
import { rowToSummary, SUMMARY_COLUMNS } from './person.mapper';
import { scopeCondition, type PersonScope } from './person.scope';
import { nameTokens } from './person.search-words';
import { COUNT_BUDGET, COUNT_CAP, planSearch } from './person.search-plan';
import { prefixEnd } from './person.tokens';
import {
  communeSplit,
  entryConditions,
  hasWord,
  termRange,
  tokenQuery,
  upper,
  without,
  type SearchFilters,
  type SearchPlan,
  type SearchScope,
  type Terms,
} from './person.search-sql';

export type { SearchFilters, SearchPlan };

/**
 * Name search, diacritics- and case-insensitive (đ = d), by words in any order: every typed word but the
 * last is a whole word of the person's names, the last may be the start of one ("nguyen van du" and
 * "van duc" find "Nguyễn Văn Đức"; "ha minh" does not find "Hải Minh"), results in Vietnamese order, within
 * the caller's scope.
 *
 * Two structures answer it without reading a person row until the page of results is known:
 * - `person_name_tokens`: one entry per (folded word, position class, person) in Vietnamese order within the
 *   word and class, carrying the folded names and the columns the scope and filters test (person.tokens.ts);
 * - `persons_walk`: every live person in Vietnamese order with the same columns.
 * Plans, costed from `person_token_stats` in index entries read:
 * - prefix: people whose full name begins with the typed words (how names are typed: family name first) are
 *   contiguous in Vietnamese order: a seek per spelling of the typed letters (a ă â, d đ …) that exists reads
 *   them in order. Everybody else who matches has a typed word somewhere unusual (a family name in the
 *   middle, a given name typed second, another name): walks of only those words' unusual position classes,
 *   bounded by the last key of a full page of the first kind, find them. Without this plan the matches of
 *   such queries sit together deep inside every word's list (they share the start of the sort key), and
 *   any walk reads most of a list before it finds them;
 * - words: for the cheapest typed word, each indexed word and class it covers is walked in order, testing
 *   the other words and filters in the entry, stopping at a page of matches;
 * - range: the same word's whole prefix range read and sorted (when it spans too many indexed words);
 * - dense: walk persons_walk in order and stop at a page: cheap exactly when matches are common.
 * The walks of one plan run as one compound statement; their pages are merged. Then one read of the page's
 * result lines, in Vietnamese order (`summaries`).
 *
 * A commune officer's scope (their unit's files or their commune's people) is read in two disjoint halves
 * (`communeSplit`): the plan runs on the commune's entries alone, through indexes led by the commune
 * (`person_name_tokens_commune`, `persons_commune_sort`), and three seeks of `persons_unit_walk` add the unit's
 * files outside the commune. As one OR condition, each walk would read and decrypt the word's entries in the
 * whole database to keep the commune's hundredth.
 *
 * Repository note: name search — its planner (person.search-plan.ts), executor (person.search.ts) and SQL
 * pieces (person.search-sql.ts) — is the search's own repository, so it builds its queries itself rather than asking
 * person.repository.ts: the plans are costed and shaped index walk by index walk, and the query-plan tests
 * (test/db/person-query-plans.test.ts) check the SQL they produce. Services call `searchPersons`, never these
 * queries.
 */

export { nameTokens };

type PersonsEb = ExpressionBuilder<DB & { p: DB['persons'] }, 'p'>;

/** Receives each query the search runs, compiled: the tests run EXPLAIN QUERY PLAN on them. */
export type QueryInspector = (q: { sql: string; parameters: readonly unknown[] }) => void;

export interface SearchOptions {
  inspect?: QueryInspector;
  /** Tests force a plan to check that every plan gives the same answer. */
  plan?: SearchPlan;
  /** Receives the plan chosen (the benchmark prints them). */
  chosen?: (plan: SearchPlan | 'filters') => void;
  /**
   * Reads a commune officer's scope as one condition instead of its two halves (`communeSplit`): the tests check
   * both give the same answer, and the benchmark measures what the halves save.
   */
  wholeScope?: boolean;
}

export async function searchPersons(
  db: Db,
  scope: PersonScope,
  f: SearchFilters,
  o: SearchOptions = {},
): Promise<PersonSearchResult> {
  const typed = nameTokens(f.query);
  const words = [...new Set(typed)].slice(0, 6);
  // The last typed word is a prefix, unless it was typed earlier too (then it is a whole word).
  const last = typed[typed.length - 1];
  const prefix = last !== undefined && typed.indexOf(last) === typed.length - 1 && words.includes(last) ? last : null;
  const terms: Terms = { words, prefix, typed: words };
  // A citizen-ID or filter-only search is narrow by index already: it reads persons directly.
  if (!words.length || f.citizenId) {
    o.chosen?.('filters');
    return searchByFilters(db, scope, f, terms, o.inspect);
  }
  const split = o.wholeScope ? null : communeSplit(scope);
  // Where an entry's scope is tested: the commune half of a split scope (the unit's half is read at the end).
  const s: SearchScope = split ? { communeOnly: split.communeCode } : scope;
  const plan = await planSearch(db, scope, f, terms, o.plan, split !== null);
  if (!plan) return { items: [], total: 0, truncated: false };
  o.chosen?.(plan.kind);
  const page = f.limit + 1;
  let hits: Hit[];
  if (plan.kind === 'dense') {
    const q = db
      .selectFrom('persons as p')
      .select(['p.pk', 'p.sortKey'])
      .where('p.deletedAt', 'is', null)
      .where('p.mergedInto', 'is', null)
      .where(entryConditions('p', s, f, terms))
      .orderBy('p.sortKey')
      .limit(page);
    o.inspect?.(q.compile());
    hits = await q.execute();
  } else if (plan.kind === 'range') {
    // One ordered read of the range. A person with two words in it appears more than once, side by side; no
    // DISTINCT in SQL, which would tempt SQLite into walking the whole pk index instead.
    const others = without(terms, plan.word);
    let read = page * 2;
    for (;;) {
      const q = tokenQuery(db, s, f, others)
        .where(termRange(terms, plan.word))
        .orderBy('t.sortKey')
        .orderBy('t.pk')
        .limit(read);
      o.inspect?.(q.compile());
      const rows = await q.execute();
      hits = mergeHits(rows, page);
      if (rows.length < read || hits.length === page) break;
      read *= 4;
    }
  } else {
    let bound: string | null = null;
    hits = [];
    if (plan.kind === 'prefix') {
      // Names that begin with what was typed, one seek per existing spelling, in order.
      const arms = plan.spellings.map((start) =>
        db
          .selectFrom('persons as p')
          .select(['p.pk', 'p.sortKey'])
          .where('p.deletedAt', 'is', null)
          .where('p.mergedInto', 'is', null)
          .where('p.sortKey', '>=', start)
          .where('p.sortKey', '<', prefixEnd(start))
          .where(entryConditions('p', s, f, terms))
          .orderBy('p.sortKey')
          .limit(page),
      );
      hits = mergeHits(await runArms(db, arms, o.inspect), page);
      // A full page of them: nobody after its last key can make the page.
      if (hits.length === page) bound = hits[page - 1]!.sortKey;
    }
    const arms = plan.walks.map((w) => {
      let q = tokenQuery(db, s, f, without(terms, w.word)).where('t.token', '=', w.token).where('t.cls', '=', w.cls);
      if (bound !== null) q = q.where('t.sortKey', '<=', bound);
      return q.orderBy('t.sortKey').orderBy('t.pk').limit(page);
    });
    hits = mergeHits([...hits, ...(await runArms(db, arms, o.inspect))], page);
  }
  // The other half of a split scope: the unit's files outside the commune.
  if (split)
    hits = mergeHits(
      [...hits, ...(await runArms(db, unitOutsideArms(db, split, scope, f, terms, page), o.inspect))],
      page,
    );

  const truncated = hits.length > f.limit;
  hits = hits.slice(0, f.limit);
  // Everyone on a page of one commune (a commune officer's commune half, or a commune filter) reads its lines from
  // the index led by that commune; the others (the unit's files elsewhere) from the one in Vietnamese order.
  const items = await summaries(db, hits, o.inspect, f.communeCode ?? split?.communeCode);
  let total: number | null = items.length;
  if (truncated) {
    total = null;
    const unfiltered =
      words.length === 1 && scope.all && !f.communeCode && !f.provinceCode && !f.category && !f.measureStatus;
    // One whole word and nothing else: the number of people with it is the answer.
    if (unfiltered && plan.exactPeople !== null) total = plan.exactPeople;
    // Otherwise counting means reading the cheapest word's whole range: only when that is cheap.
    else if (plan.countWord.entries * plan.narrow <= COUNT_BUDGET) {
      // Entries, then distinct people among them (a person may have two words in the range).
      const counted = plan.countWord.word;
      const inner = tokenQuery(db, s, f, without(terms, counted))
        .where(termRange(terms, counted))
        .clearSelect()
        .select('t.pk')
        .limit(COUNT_BUDGET + 1);
      const countQuery = db
        .selectFrom(inner.as('c'))
        .select((eb) => [eb.fn.countAll<number>().as('entries'), eb.fn.count<number>('c.pk').distinct().as('n')]);
      o.inspect?.(countQuery.compile());
      const c = await countQuery.executeTakeFirst();
      // A split scope's unit half is disjoint from its commune half: its people add up.
      const n =
        Number(c?.n ?? 0) + (split ? await countArms(db, unitOutsideArms(db, split, scope, f, terms), o.inspect) : 0);
      total = Number(c?.entries ?? 0) <= COUNT_BUDGET && n <= COUNT_CAP ? n : null;
    }
  }
  return { items, total, truncated };
}

export interface Hit {
  pk: number;
  sortKey: string;
}

/** Merges the walks' pages into one in Vietnamese order, each person once (two of their words may match). */
function mergeHits(hits: Hit[], page: number): Hit[] {
  hits.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.pk - b.pk));
  const seen = new Set<number>();
  const out: Hit[] = [];
  for (const h of hits) {
    if (seen.has(h.pk)) continue;
    seen.add(h.pk);
    out.push(h);
    if (out.length === page) break;
  }
  return out;
}

/**
 * The page's result lines, from `persons_summary_sorted` (Vietnamese order, then pk, carrying exactly the columns a
 * line shows): the page is the first matches in Vietnamese order, so its people are neighbours there and a full
 * page reads a few index pages rather than one page per person (each a page decrypted). Named, because SQLite
 * otherwise seeks `pk` in the table.
 */
async function summaries(db: Db, hits: Hit[], inspect?: QueryInspector, communeCode?: string) {
  if (!hits.length) return [];
  const byPk = new Map<number, Awaited<ReturnType<typeof lookup>>[number]>();
  const lookup = async (q: ReturnType<typeof summaryLookup>) => {
    inspect?.(q);
    return (await db.executeQuery(q)).rows;
  };
  if (communeCode !== undefined) for (const r of await lookup(summaryLookup(hits, communeCode))) byPk.set(r.pk, r);
  const rest = hits.filter((h) => !byPk.has(h.pk));
  if (rest.length) for (const r of await lookup(summaryLookup(rest))) byPk.set(r.pk, r);
  return hits.flatMap((h) => {
    const r = byPk.get(h.pk);
    return r ? [rowToSummary(r)] : [];
  });
}

/** The columns of a result line, as `summaries` selects them (snake-case in SQL, named as the application names them). */
const SUMMARY_SELECT = [...SUMMARY_COLUMNS, 'pk' as const]
  .map((c) => `p.${c.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`)} AS "${c}"`)
  .join(', ');

/**
 * The query of `summaries` (exported for the migrations' plan tests): the page's (sort_key, pk) pairs as one JSON
 * parameter, each an equality seek of both columns of `persons_summary_sorted` (as `(sort_key, pk) IN (…)` SQLite may
 * seek the name alone and test every namesake). With a commune, the seeks go to `persons_commune_summary` (the
 * commune, then the same two columns) and return only the page's people who live there.
 */
export function summaryLookup(hits: Hit[], communeCode?: string) {
  type Row = { [K in (typeof SUMMARY_COLUMNS)[number]]: DB['persons'][K] } & { pk: number };
  const pairs = JSON.stringify(hits.map((h) => [h.sortKey, h.pk]));
  if (communeCode !== undefined)
    return CompiledQuery.raw(
      `SELECT ${SUMMARY_SELECT} FROM json_each(?) AS h CROSS JOIN persons AS p INDEXED BY persons_commune_summary ` +
        `WHERE p.cur_commune = ? AND p.sort_key = h.value ->> 0 AND p.pk = h.value ->> 1`,
      [pairs, communeCode],
    ) as CompiledQuery<Row>;
  return CompiledQuery.raw(
    `SELECT ${SUMMARY_SELECT} FROM json_each(?) AS h CROSS JOIN persons AS p INDEXED BY persons_summary_sorted ` +
      `WHERE p.sort_key = h.value ->> 0 AND p.pk = h.value ->> 1`,
    [pairs],
  ) as CompiledQuery<Row>;
}

/** A query on `persons as p` that SQLite must answer through `index` (Kysely has no INDEXED BY). */
function indexedBy(q: { compile(): CompiledQuery }, index: string) {
  return {
    compile(): CompiledQuery {
      const c = q.compile();
      const from = 'from "persons" as "p"';
      if (!c.sql.includes(from)) throw new Error(`unexpected query for ${index}`);
      return CompiledQuery.raw(c.sql.replace(from, `${from} indexed by "${index}"`), [...c.parameters]);
    },
  };
}

/** Citizen-ID and filter-only searches: persons through their own indexes, in Vietnamese order. */
async function searchByFilters(
  db: Db,
  scope: PersonScope,
  f: SearchFilters,
  terms: Terms,
  inspect?: QueryInspector,
): Promise<PersonSearchResult> {
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
    for (const w of terms.words) and.push(hasWord(eb.ref('p.nameFolded'), w, terms));
    return eb.and(and);
  };
  const base = db.selectFrom('persons as p');
  const rowsQuery = base
    .select(SUMMARY_COLUMNS.map((c) => `p.${c}` as const))
    .where(filters)
    .orderBy('p.sortKey')
    .limit(f.limit + 1);
  inspect?.(rowsQuery.compile());
  const rows = await rowsQuery.execute();
  const truncated = rows.length > f.limit;
  const items = rows.slice(0, f.limit).map(rowToSummary);
  let total: number | null = items.length;
  if (truncated) {
    const inner = base
      .select(sql.lit(1).as('one'))
      .where(filters)
      .limit(COUNT_CAP + 1);
    const countQuery = db.selectFrom(inner.as('c')).select((eb) => eb.fn.countAll<number>().as('n'));
    inspect?.(countQuery.compile());
    const capped = await countQuery.executeTakeFirst();
    total = capped && Number(capped.n) <= COUNT_CAP ? Number(capped.n) : null;
  }
  return { items, total, truncated };
}

/**
 * The unit's files outside the commune (the half of a commune officer's scope that `communeSplit` does not read by
 * commune), in Vietnamese order: persons_unit_walk on either side of the commune, and without one. With `page`,
 * each seek stops at a page; without, past COUNT_CAP (for a count).
 */
function unitOutsideArms(
  db: Db,
  split: { communeCode: string; unitId: string },
  scope: PersonScope,
  f: SearchFilters,
  terms: Terms,
  page?: number,
) {
  const arm = (edge: (eb: PersonsEb) => Expression<SqlBool>) => {
    const q = db
      .selectFrom('persons as p')
      .select(['p.pk', 'p.sortKey'])
      .where('p.deletedAt', 'is', null)
      .where('p.mergedInto', 'is', null)
      .where('p.unitId', '=', split.unitId)
      .where(edge)
      // The scope is the unit's: only the filters and the words are left to test.
      .where(entryConditions('p', { ...scope, all: true }, f, terms));
    return page === undefined ? q.limit(COUNT_CAP + 1) : q.orderBy('p.sortKey').limit(page);
  };
  // Named: for a range of communes SQLite otherwise prefers persons_unit_sort (already in name order, but every
  // one of the unit's rows read to test the commune and the names).
  return [
    arm((eb) => eb('p.curCommune', 'is', null)),
    arm((eb) => eb('p.curCommune', '<', split.communeCode)),
    arm((eb) => eb('p.curCommune', '>', split.communeCode)),
  ].map((q) => indexedBy(q, 'persons_unit_walk'));
}

/** How many rows the arms give together. */
async function countArms(
  db: Db,
  arms: { compile(): { sql: string; parameters: readonly unknown[] } }[],
  inspect?: QueryInspector,
): Promise<number> {
  const compiled = arms.map((a) => a.compile());
  const text = `SELECT count(*) AS n FROM (${compiled.map((c) => `SELECT 1 FROM (${c.sql})`).join(' UNION ALL ')})`;
  const query = CompiledQuery.raw(
    text,
    compiled.flatMap((c) => [...c.parameters]),
  );
  inspect?.(query);
  return Number((await db.executeQuery<{ n: number }>(query)).rows[0]?.n ?? 0);
}

/** Runs index walks as one compound statement (one parse, one round trip) and returns all their rows. */
async function runArms(
  db: Db,
  arms: { compile(): { sql: string; parameters: readonly unknown[] } }[],
  inspect?: QueryInspector,
): Promise<Hit[]> {
  if (!arms.length) return [];
  const compiled = arms.map((a) => a.compile());
  // (Aliased as the application names it, whether or not the result passes through the camel-case plugin.)
  const text = compiled.map((c) => `SELECT pk, sort_key AS "sortKey" FROM (${c.sql})`).join(' UNION ALL ');
  const query = CompiledQuery.raw(
    text,
    compiled.flatMap((c) => [...c.parameters]),
  );
  inspect?.(query);
  return (await db.executeQuery<Hit>(query)).rows;
}
