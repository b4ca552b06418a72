import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
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
 * Two structures answer it without reading a person row until the page of results is known:
 * - `person_name_tokens`: one entry per (folded word, person) in Vietnamese order within the word, carrying the
 *   folded names and the columns the scope and filters test;
 * - `persons_walk`: every live person in Vietnamese order with the same columns.
 * Plans, costed from the per-word counts in `person_token_stats` in index entries read:
 * - words: for the cheapest typed word, each indexed word it is a prefix of is walked in order, testing the
 *   other words and filters in the entry, stopping at a page of matches; the walks are merged;
 * - range: the same word's whole prefix range read and sorted (when it spans too many indexed words);
 * - dense: walk persons_walk in order and stop at a page: cheap exactly when matches are common.
 * Then one read of the page's person rows by primary key.
 */
const COUNT_BUDGET = 6_000;
const COUNT_CAP = 10_000;
/** A word whose prefix spans more indexed words than this is read as one range instead of word by word. */
const MAX_WALKS = 48;
/** What one more walk costs (a B-tree descent and a statement), in entries read. */
const SEEK_COST = 40;
/** A guess at how much a category or measure-status filter keeps, where no count is at hand. */
const FILTER_GUESS = 0.3;

export type SearchPlan = 'words' | 'range' | 'dense';

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

export interface SearchOptions {
  inspect?: QueryInspector;
  /** Tests force a plan to check that every plan gives the same answer. */
  plan?: SearchPlan;
  /** Receives the plan chosen (the benchmark prints them). */
  chosen?: (plan: SearchPlan | 'filters') => void;
}

export async function searchPersons(
  db: Db,
  scope: PersonScope,
  f: SearchFilters,
  o: SearchOptions = {},
): Promise<PersonSearchResult> {
  const words = [...new Set(nameTokens(f.query))].slice(0, 6);
  // A citizen-ID or filter-only search is narrow by index already: it reads persons directly.
  if (!words.length || f.citizenId) {
    o.chosen?.('filters');
    return searchByFilters(db, scope, f, words, o.inspect);
  }
  const plan = await planSearch(db, scope, f, words, o.plan);
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
      .where(entryConditions('p', scope, f, words))
      .orderBy('p.sortKey')
      .limit(page);
    o.inspect?.(q.compile());
    hits = await q.execute();
  } else {
    const others = words.filter((w) => w !== plan.word);
    hits = [];
    if (plan.kind === 'words') {
      for (const token of plan.tokens) {
        const q = tokenQuery(db, scope, f, others)
          .where('t.token', '=', token)
          .orderBy('t.sortKey')
          .orderBy('t.pk')
          .limit(page);
        o.inspect?.(q.compile());
        hits.push(...(await q.execute()));
      }
    } else {
      // One ordered read of the range. A person with two words in it appears twice, side by side; no DISTINCT
      // in SQL, which would tempt SQLite into walking the whole pk index instead.
      for (let read = page * 2; ; read *= 4) {
        const q = tokenQuery(db, scope, f, others)
          .where('t.token', '>=', plan.word)
          .where('t.token', '<', upper(plan.word))
          .orderBy('t.sortKey')
          .orderBy('t.pk')
          .limit(read);
        o.inspect?.(q.compile());
        hits = await q.execute();
        if (hits.length < read || mergeHits([...hits], page).length === page) break;
      }
    }
    hits = mergeHits(hits, page);
  }

  const truncated = hits.length > f.limit;
  hits = hits.slice(0, f.limit);
  const items = await summaries(db, hits, o.inspect);
  let total: number | null = items.length;
  if (truncated) {
    total = null;
    const unfiltered =
      words.length === 1 && scope.all && !f.communeCode && !f.provinceCode && !f.category && !f.measureStatus;
    // One whole word and nothing else: the word's count is the answer.
    if (plan.kind === 'words' && plan.tokens.length === 1 && unfiltered) total = plan.count;
    // Otherwise counting means reading the whole driving range: only when that is cheap.
    else if (plan.kind !== 'dense' && plan.count <= COUNT_BUDGET) {
      // Entries, then distinct people among them (a person may have two words in the range).
      const inner = tokenQuery(
        db,
        scope,
        f,
        words.filter((w) => w !== plan.word),
      )
        .where('t.token', '>=', plan.word)
        .where('t.token', '<', upper(plan.word))
        .clearSelect()
        .select('t.pk')
        .limit(COUNT_BUDGET + 1);
      const countQuery = db
        .selectFrom(inner.as('c'))
        .select((eb) => [eb.fn.countAll<number>().as('entries'), eb.fn.count<number>('c.pk').distinct().as('n')]);
      o.inspect?.(countQuery.compile());
      const c = await countQuery.executeTakeFirst();
      const n = Number(c?.n ?? 0);
      total = Number(c?.entries ?? 0) <= COUNT_BUDGET && n <= COUNT_CAP ? n : null;
    }
  }
  return { items, total, truncated };
}

interface Hit {
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

async function summaries(db: Db, hits: Hit[], inspect?: QueryInspector) {
  if (!hits.length) return [];
  const q = db
    .selectFrom('persons as p')
    .select(SUMMARY_COLUMNS.map((c) => `p.${c}` as const))
    .select('p.pk')
    // One parameter, not one per person: compiling and binding 200 placeholders costs more than the read.
    .where('p.pk', 'in', sql<number>`(SELECT value FROM json_each(${JSON.stringify(hits.map((h) => h.pk))}))`);
  inspect?.(q.compile());
  const byPk = new Map((await q.execute()).map((r) => [r.pk, r]));
  return hits.flatMap((h) => {
    const r = byPk.get(h.pk);
    return r ? [rowToSummary(r)] : [];
  });
}

function tokenQuery(db: Db, scope: PersonScope, f: SearchFilters, words: string[]) {
  return db
    .selectFrom('personNameTokens as t')
    .select(['t.pk', 't.sortKey'])
    .where(entryConditions('t', scope, f, words));
}

/**
 * Scope, filters and typed words as tested on an index entry (a token entry `t` or persons_walk `p`): every
 * column they need is in the entry. Only the measure-status filter has to look at another table.
 */
function entryConditions(alias: 'p' | 't', scope: PersonScope, f: SearchFilters, words: string[]) {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  return (): Expression<SqlBool> => {
    const and: RawBuilder<SqlBool>[] = [];
    if (!scope.all) {
      const ors = [
        scope.unitId === null
          ? sql<SqlBool>`${col('unitId')} IS NULL`
          : sql<SqlBool>`${col('unitId')} = ${scope.unitId}`,
      ];
      if (scope.communeCode) ors.push(sql<SqlBool>`${col('curCommune')} = ${scope.communeCode}`);
      if (scope.provinceCode) ors.push(sql<SqlBool>`${col('curProvince')} = ${scope.provinceCode}`);
      and.push(sql<SqlBool>`(${sql.join(ors, sql` OR `)})`);
    }
    if (f.communeCode) and.push(sql<SqlBool>`${col('curCommune')} = ${f.communeCode}`);
    if (f.provinceCode) and.push(sql<SqlBool>`${col('curProvince')} = ${f.provinceCode}`);
    if (f.category) and.push(sql<SqlBool>`${col('category')} = ${f.category}`);
    // instr: a plain substring search, cheaper per entry than LIKE's case-folding pattern match.
    for (const w of words) and.push(sql<SqlBool>`instr(' ' || ${col('nameFolded')}, ${` ${w}`}) > 0`);
    if (f.measureStatus) {
      and.push(sql<SqlBool>`EXISTS (SELECT 1 FROM persons AS pm JOIN person_measures AS m ON m.person_id = pm.id
        WHERE pm.pk = ${col('pk')} AND m.status = ${f.measureStatus} AND m.deleted_at IS NULL)`);
    }
    return and.length ? sql<SqlBool>`(${sql.join(and, sql` AND `)})` : sql<SqlBool>`1`;
  };
}

/** Citizen-ID and filter-only searches: persons through their own indexes, in Vietnamese order. */
async function searchByFilters(
  db: Db,
  scope: PersonScope,
  f: SearchFilters,
  words: string[],
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
    for (const w of words) and.push(sql<SqlBool>`(' ' || ${eb.ref('p.nameFolded')}) LIKE ${`% ${w}%`}`);
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

type Plan =
  | { kind: 'dense' }
  | { kind: 'words'; word: string; tokens: string[]; count: number }
  | { kind: 'range'; word: string; count: number };

/**
 * Chooses the plan that reads the fewest index entries. A word's selectivity is the share of people with a
 * word it prefixes (summed counts, capped at everyone); words are taken as independent. The scope and filters
 * keep a share `keep` of the people: counted for a commune, guessed for the rest.
 */
async function planSearch(
  db: Db,
  scope: PersonScope,
  f: SearchFilters,
  words: string[],
  force?: SearchPlan,
): Promise<Plan | null> {
  const stats = await Promise.all(words.map((w) => prefixStats(db, w)));
  // A word no name has: nobody matches.
  if (stats.some((s) => s.total === 0)) return null;
  const people = Math.max(1, await peopleCount(db));
  const keep = await keptShare(db, scope, f, people);
  const sel = stats.map((s) => Math.min(1, s.total / people));
  const selAll = sel.reduce((a, b) => a * b, 1) * keep;
  const page = f.limit + 1;

  const costs: { plan: Plan; cost: number }[] = [
    { plan: { kind: 'dense' }, cost: Math.min(people, page / Math.max(selAll, 1e-9)) },
  ];
  words.forEach((word, i) => {
    const s = stats[i]!;
    const selRest = selAll / Math.max(sel[i]!, 1e-9) || 1e-9;
    const range: Plan = { kind: 'range', word, count: s.total };
    costs.push({ plan: range, cost: s.total * 1.3 + SEEK_COST });
    if (s.tokens.length <= MAX_WALKS) {
      const perWalk = page / Math.max(selRest, 1e-9);
      const cost = s.tokens.reduce((acc, t) => acc + Math.min(t.n, perWalk) + SEEK_COST, 0);
      costs.push({ plan: { kind: 'words', word, tokens: s.tokens.map((t) => t.token), count: s.total }, cost });
    }
  });
  if (force) {
    const forced = costs.filter((c) => c.plan.kind === force).sort((a, b) => a.cost - b.cost)[0];
    if (forced) return forced.plan;
  }
  return costs.sort((a, b) => a.cost - b.cost)[0]!.plan;
}

/** The indexed words a typed word is a prefix of, with how many people have each. */
async function prefixStats(db: Db, prefix: string) {
  const rows = await db
    .selectFrom('personTokenStats')
    .select(['token', 'n'])
    .where('token', '>=', prefix)
    .where('token', '<', upper(prefix))
    .where('n', '>', 0)
    .limit(MAX_WALKS + 1)
    .execute();
  const tokens = rows.map((r) => ({ token: r.token, n: Number(r.n) }));
  // Past MAX_WALKS words only the range plan applies; its size is summed separately.
  const total =
    tokens.length <= MAX_WALKS
      ? tokens.reduce((a, t) => a + t.n, 0)
      : Number(
          (
            await db
              .selectFrom('personTokenStats')
              .select((eb) => eb.fn.sum<number>('n').as('n'))
              .where('token', '>=', prefix)
              .where('token', '<', upper(prefix))
              .executeTakeFirst()
          )?.n ?? 0,
        );
  return { tokens, total };
}

async function peopleCount(db: Db): Promise<number> {
  const r = await db.selectFrom('personTokenStats').select('n').where('token', '=', '').executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The share of people the scope and filters keep. */
async function keptShare(db: Db, scope: PersonScope, f: SearchFilters, people: number): Promise<number> {
  let keep = 1;
  const commune = f.communeCode ?? (!scope.all && scope.communeCode ? scope.communeCode : null);
  if (commune) {
    // Index-only, and a commune is small: a few thousand entries at most.
    const r = await db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('curCommune', '=', commune)
      .executeTakeFirst();
    keep *= Math.min(1, Math.max(1, Number(r?.n ?? 0)) / people);
  }
  if (f.category) keep *= FILTER_GUESS;
  if (f.measureStatus) keep *= FILTER_GUESS;
  return keep;
}
