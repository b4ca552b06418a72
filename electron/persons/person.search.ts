import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { PersonSearchResult } from '../../shared/contract/person-types';
import type { Db } from '../changelog/changelog';
import type { DB } from '../db/schema';
import { rowToSummary, SUMMARY_COLUMNS } from './person.mapper';
import { scopeCondition, type PersonScope } from './person.scope';
import { nameTokens } from './person.search-words';
import { letterVariants, POSITION_CLASSES, prefixEnd, primaryWeight } from './person.tokens';

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
 * person rows by primary key.
 */
const COUNT_BUDGET = 6_000;
const COUNT_CAP = 10_000;
/** A word whose prefix spans more indexed words than this is read as one range instead of word by word. */
const MAX_WALKS = 48;
/** At most this many walks (or seeks) in one plan. */
const MAX_ARMS = 160;
/** At most this many spellings of the typed letters are sought. */
const MAX_SPELLINGS = 64;
/** What one more walk costs (a B-tree descent), in entries read. */
const SEEK_COST = 20;
/**
 * When some names begin with what was typed, the other plans' matches cluster deep in their lists and their
 * estimates (which assume matches spread evenly) are optimistic by about this much.
 */
const CLUSTER_PENALTY = 6;
/** A guess at how much a category or measure-status filter keeps, where no count is at hand. */
const FILTER_GUESS = 0.3;

export type SearchPlan = 'prefix' | 'words' | 'range' | 'dense';

export interface SearchFilters {
  query: string;
  citizenId?: string;
  provinceCode?: string;
  communeCode?: string;
  category?: string;
  measureStatus?: string;
  limit: number;
}

export { nameTokens };

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
  const plan = await planSearch(db, scope, f, terms, o.plan);
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
      .where(entryConditions('p', scope, f, terms))
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
      const q = tokenQuery(db, scope, f, others)
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
          .where(entryConditions('p', scope, f, terms))
          .orderBy('p.sortKey')
          .limit(page),
      );
      hits = mergeHits(await runArms(db, arms, o.inspect), page);
      // A full page of them: nobody after its last key can make the page.
      if (hits.length === page) bound = hits[page - 1]!.sortKey;
    }
    const arms = plan.walks.map((w) => {
      let q = tokenQuery(db, scope, f, without(terms, w.word))
        .where('t.token', '=', w.token)
        .where('t.cls', '=', w.cls);
      if (bound !== null) q = q.where('t.sortKey', '<=', bound);
      return q.orderBy('t.sortKey').orderBy('t.pk').limit(page);
    });
    hits = mergeHits([...hits, ...(await runArms(db, arms, o.inspect))], page);
  }

  const truncated = hits.length > f.limit;
  hits = hits.slice(0, f.limit);
  const items = await summaries(db, hits, o.inspect);
  let total: number | null = items.length;
  if (truncated) {
    total = null;
    const unfiltered =
      words.length === 1 && scope.all && !f.communeCode && !f.provinceCode && !f.category && !f.measureStatus;
    // One whole word and nothing else: the number of people with it is the answer.
    if (unfiltered && plan.exactPeople !== null) total = plan.exactPeople;
    // Otherwise counting means reading the cheapest word's whole range: only when that is cheap.
    else if (plan.countWord.entries <= COUNT_BUDGET) {
      // Entries, then distinct people among them (a person may have two words in the range).
      const counted = plan.countWord.word;
      const inner = tokenQuery(db, scope, f, without(terms, counted))
        .where(termRange(terms, counted))
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

/** The typed words (unique, in typed order) and which one, if any, is a prefix (the last typed). */
interface Terms {
  /** The words to test. */
  words: string[];
  prefix: string | null;
  /** Every word typed, tested or not: the whole ones are what the prefix may not match again. */
  typed: string[];
}

function without(terms: Terms, word: string): Terms {
  return { ...terms, words: terms.words.filter((w) => w !== word) };
}

/** The whole typed words that start with `word`: the prefix may not match them again. */
function conflicts(terms: Terms, word: string): string[] {
  return terms.prefix === word ? terms.typed.filter((w) => w !== word && w.startsWith(word)) : [];
}

/**
 * The token entries a typed word covers: the word itself, or for the prefix every word it starts except the
 * whole typed words.
 */
function termRange(terms: Terms, word: string) {
  return (eb: ExpressionBuilder<DB & { t: DB['personNameTokens'] }, 't'>) => {
    if (terms.prefix !== word) return eb('t.token', '=', word);
    const not = conflicts(terms, word);
    return eb.and([
      eb('t.token', '>=', word),
      eb('t.token', '<', upper(word)),
      ...(not.length ? [eb('t.token', 'not in', not)] : []),
    ]);
  };
}

function tokenQuery(db: Db, scope: PersonScope, f: SearchFilters, terms: Terms) {
  return db
    .selectFrom('personNameTokens as t')
    .select(['t.pk', 't.sortKey'])
    .where(entryConditions('t', scope, f, terms));
}

/**
 * Scope, filters and typed words as tested on an index entry (a token entry `t` or persons_walk `p`): every
 * column they need is in the entry. Only the measure-status filter has to look at another table.
 */
function entryConditions(alias: 'p' | 't', scope: PersonScope, f: SearchFilters, terms: Terms) {
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
    for (const w of terms.words) and.push(hasWord(col('nameFolded'), w, terms));
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

interface Walk {
  word: string;
  token: string;
  cls: number;
}

interface PlanBase {
  /** The word whose whole range a count reads, and how many entries that is. */
  countWord: { word: string; entries: number };
  /** People with the one word typed, when it names exactly one indexed word. */
  exactPeople: number | null;
}

type Plan = PlanBase &
  (
    | { kind: 'dense' }
    | { kind: 'range'; word: string }
    | { kind: 'words'; walks: Walk[] }
    | { kind: 'prefix'; spellings: string[]; walks: Walk[] }
  );

interface WordStats {
  word: string;
  /** The indexed words it is a prefix of, with entries per class and people; null past MAX_WALKS. */
  tokens: { token: string; people: number; cls: number[] }[] | null;
  people: number;
  entries: number;
}

/**
 * Chooses the plan that reads the fewest index entries. A word's selectivity is the share of people with a
 * word it prefixes; words are taken as independent. The scope and filters keep a share `keep` of the
 * people: counted for a commune, guessed for the rest.
 */
async function planSearch(
  db: Db,
  scope: PersonScope,
  f: SearchFilters,
  terms: Terms,
  force?: SearchPlan,
): Promise<Plan | null> {
  const words = terms.words;
  const stats = await Promise.all(words.map((w) => wordStats(db, w, terms.prefix === w, conflicts(terms, w))));
  // A word no name has: nobody matches.
  if (stats.some((s) => s.people === 0)) return null;
  const people = Math.max(1, await peopleCount(db));
  const keep = await keptShare(db, scope, f, people);
  const sel = stats.map((s) => Math.min(1, s.people / people));
  const selAll = sel.reduce((a, b) => a * b, 1) * keep;
  const page = f.limit + 1;
  const cheapest = [...stats].sort((a, b) => a.entries - b.entries)[0]!;
  const only = stats.length === 1 && stats[0]!.tokens?.length === 1 ? stats[0]!.tokens[0]! : null;
  const base: PlanBase = {
    countWord: { word: cheapest.word, entries: cheapest.entries },
    exactPeople: only && only.token === words[0] ? only.people : null,
  };
  const selRest = (i: number) => Math.max(selAll / Math.max(sel[i]!, 1e-9), 1e-9);
  const walkCost = (walks: Walk[], i: (w: Walk) => number) =>
    walks.reduce((acc, w) => {
      const n = stats[i(w)]!.tokens!.find((t) => t.token === w.token)!.cls[w.cls]!;
      return acc + Math.min(n, page / selRest(i(w))) + SEEK_COST;
    }, 0);

  const costs: { plan: Plan; cost: number; positional: boolean }[] = [
    { plan: { ...base, kind: 'dense' }, cost: Math.min(people, page / Math.max(selAll, 1e-9)), positional: false },
  ];
  stats.forEach((s, i) => {
    costs.push({
      plan: { ...base, kind: 'range', word: s.word },
      cost: s.entries * 1.3 + SEEK_COST,
      positional: false,
    });
    if (!s.tokens) return;
    const walks = s.tokens.flatMap((t) =>
      POSITION_CLASSES.filter((c) => t.cls[c]! > 0).map((cls) => ({ word: s.word, token: t.token, cls })),
    );
    if (walks.length <= MAX_ARMS) {
      costs.push({ plan: { ...base, kind: 'words', walks }, cost: walkCost(walks, () => i), positional: false });
    }
  });
  const prefix = await prefixPlan(db, terms, stats);
  if (prefix) {
    const index = new Map(words.map((w, i) => [w, i]));
    const cost =
      walkCost(prefix.walks, (w) => index.get(w.word)!) +
      prefix.spellings.length * SEEK_COST +
      Math.min(page, people * selAll);
    costs.push({ plan: { ...base, kind: 'prefix', ...prefix }, cost, positional: true });
    // Names begin with what was typed: the other plans' matches are bunched, not spread.
    if (prefix.spellings.length) for (const c of costs) if (!c.positional) c.cost *= CLUSTER_PENALTY;
  }
  const pick = (list: typeof costs) => list.sort((a, b) => a.cost - b.cost)[0]?.plan;
  return (force && pick(costs.filter((c) => c.plan.kind === force))) || pick(costs)!;
}

/**
 * The prefix plan's parts: the spellings of the typed words, joined by spaces, that some live name begins
 * with (as primary sort-key prefixes), and the walks that find everyone else who matches.
 *
 * Why those walks suffice: take a match whose full name does not begin with the typed words q0 … qk-1, and
 * the first j where it differs (word j is not qj; for the prefix, does not start with it). Words 0 … j-1 are
 * q0 … qj-1, so qj is matched elsewhere: by a later word (classes j+1 … 3), another name or an irregular
 * name (class 3). Not by an earlier word: that one is a whole typed word, which a prefix may not match.
 */
async function prefixPlan(
  db: Db,
  terms: Terms,
  stats: WordStats[],
): Promise<{ spellings: string[]; walks: Walk[] } | null> {
  if (stats.some((s) => !s.tokens)) return null;
  const words = terms.words;
  const walks: Walk[] = [];
  words.forEach((q, j) => {
    const classes = new Set<number>([3]);
    for (let c = j + 1; c < 3; c++) classes.add(c);
    for (const t of stats[j]!.tokens!) {
      for (const cls of classes) if (t.cls[cls]! > 0) walks.push({ word: q, token: t.token, cls });
    }
  });
  if (walks.length > MAX_ARMS) return null;
  const spellings = await existingSpellings(db, words.join(' '));
  if (!spellings) return null;
  return { spellings, walks };
}

/**
 * The primary sort-key prefixes of the spellings of `typed` (each a, d, e, o, u may be a letter with its
 * own mark) that some live person's name begins with, found letter by letter with one index probe per
 * candidate where a letter has variants. Null past MAX_SPELLINGS.
 */
async function existingSpellings(db: Db, typed: string): Promise<string[] | null> {
  let live = [''];
  for (const ch of typed) {
    const variants = letterVariants(ch);
    const next = live.flatMap((p) => variants.map((v) => p + primaryWeight(v)));
    if (variants.length === 1) {
      live = next;
      continue;
    }
    const kept: string[] = [];
    for (const p of next) {
      const hit = await db
        .selectFrom('persons')
        .select('pk')
        .where('deletedAt', 'is', null)
        .where('mergedInto', 'is', null)
        .where('sortKey', '>=', p)
        .where('sortKey', '<', prefixEnd(p))
        .limit(1)
        .executeTakeFirst();
      if (hit) kept.push(p);
    }
    if (kept.length > MAX_SPELLINGS) return null;
    live = kept;
    if (!live.length) return [];
  }
  return live;
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

/** The indexed words a typed word covers (itself, or every word it starts), with entries per class and people. */
async function wordStats(db: Db, prefix: string, isPrefix: boolean, exclude: string[]): Promise<WordStats> {
  const rows = await db
    .selectFrom('personTokenStats')
    .select(['token', 'cls', 'n'])
    .where('token', '>=', prefix)
    .where('token', isPrefix ? '<' : '<=', isPrefix ? upper(prefix) : prefix)
    .where('n', '>', 0)
    .orderBy('token')
    .limit((MAX_WALKS + 1) * 5)
    .execute();
  const byToken = new Map<string, { token: string; people: number; cls: number[] }>();
  for (const r of rows) {
    if (exclude.includes(r.token)) continue;
    let t = byToken.get(r.token);
    if (!t) byToken.set(r.token, (t = { token: r.token, people: 0, cls: [0, 0, 0, 0] }));
    if (r.cls < 0) t.people = Number(r.n);
    else t.cls[r.cls] = Number(r.n);
  }
  if (byToken.size <= MAX_WALKS && rows.length < (MAX_WALKS + 1) * 5) {
    const tokens = [...byToken.values()];
    return {
      word: prefix,
      tokens,
      people: tokens.reduce((a, t) => a + t.people, 0),
      entries: tokens.reduce((a, t) => a + t.cls.reduce((x, y) => x + y, 0), 0),
    };
  }
  // Too many indexed words for walks: only the totals, for the range and dense plans.
  const sums = await db
    .selectFrom('personTokenStats')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('cls', '<', 0).then(eb.ref('n')).else(0).end()).as('people'),
      eb.fn.sum<number>(eb.case().when('cls', '>=', 0).then(eb.ref('n')).else(0).end()).as('entries'),
    ])
    .where('token', '>=', prefix)
    .where('token', '<', upper(prefix))
    .executeTakeFirst();
  return { word: prefix, tokens: null, people: Number(sums?.people ?? 0), entries: Number(sums?.entries ?? 0) };
}

async function peopleCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('personTokenStats')
    .select('n')
    .where('token', '=', '')
    .where('cls', '=', -1)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * A typed word among the folded names: a whole word, or (the prefix) the start of a word that is not one of
 * the whole words typed ("nguyen thi ng" wants a word starting with ng other than Nguyễn). Those whole words
 * are cut out of the names first; spaces are doubled so that repeated words do not share one and every
 * occurrence goes (SQLite's replace is non-overlapping).
 */
function hasWord(names: Expression<unknown>, word: string, terms: Terms): RawBuilder<SqlBool> {
  if (terms.prefix !== word) return sql<SqlBool>`instr(' ' || ${names} || ' ', ${` ${word} `}) > 0`;
  const cut = conflicts(terms, word);
  if (!cut.length) return sql<SqlBool>`instr(' ' || ${names}, ${` ${word}`}) > 0`;
  let text: RawBuilder<unknown> = sql`replace(' ' || ${names} || ' ', ' ', '  ')`;
  for (const w of cut) text = sql`replace(${text}, ${` ${w} `}, ' ')`;
  return sql<SqlBool>`instr(${text}, ${` ${word}`}) > 0`;
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
