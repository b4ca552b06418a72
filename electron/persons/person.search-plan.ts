import type { Db } from '../changelog/changelog';
import type { PersonScope } from './person.scope';
import { conflicts, upper, type SearchFilters, type SearchPlan, type Terms } from './person.search-sql';
import { letterVariants, POSITION_CLASSES, prefixEnd, primaryWeight } from './person.tokens';

/**
 * The search planner: costs the plans (prefix, words, range, dense) from per-word, per-class counts and picks
 * the one that reads the fewest index entries. The executor (person.search.ts) runs what it chooses.
 *
 * Repository note: name search — its planner (person.search-plan.ts), executor (person.search.ts) and SQL
 * pieces (person.search-sql.ts) — is the search's own repository, so it builds its queries itself rather than asking
 * person.repository.ts: the plans are costed and shaped index walk by index walk, and the query-plan tests
 * (test/db/person-query-plans.test.ts) check the SQL they produce. Services call `searchPersons`, never these
 * queries.
 */
export const COUNT_BUDGET = 6_000;
export const COUNT_CAP = 10_000;
/** A word whose prefix spans more indexed words than this is read as one range instead of word by word. */
export const MAX_WALKS = 48;
/** At most this many walks (or seeks) in one plan. */
export const MAX_ARMS = 160;
/** At most this many spellings of the typed letters are sought. */
export const MAX_SPELLINGS = 64;
/** What one more walk costs (a B-tree descent), in entries read. */
export const SEEK_COST = 20;
/**
 * When some names begin with what was typed, the other plans' matches cluster deep in their lists and their
 * estimates (which assume matches spread evenly) are optimistic by about this much.
 */
export const CLUSTER_PENALTY = 6;
/** A guess at how much a category or measure-status filter keeps, where no count is at hand. */
export const FILTER_GUESS = 0.3;
/**
 * What reading one entry of a commune's people in Vietnamese order costs when the index there does not carry the
 * names (persons_commune_sort): the person row too.
 */
export const ROW_READ_COST = 3;

interface Walk {
  word: string;
  token: string;
  cls: number;
}

export interface PlanBase {
  /** The word whose whole range a count reads, and how many entries that is. */
  countWord: { word: string; entries: number };
  /** People with the one word typed, when it names exactly one indexed word. */
  exactPeople: number | null;
  /** The share of a word's entries a walk reads: the commune's, for a split scope; else 1. */
  narrow: number;
}

export type Plan = PlanBase &
  (
    | { kind: 'dense' }
    | { kind: 'range'; word: string }
    | { kind: 'words'; walks: Walk[] }
    | { kind: 'prefix'; spellings: string[]; walks: Walk[] }
  );

export interface WordStats {
  word: string;
  /** The indexed words it is a prefix of, with entries per class and people; null past MAX_WALKS. */
  tokens: { token: string; people: number; cls: number[] }[] | null;
  people: number;
  entries: number;
}

/**
 * Chooses the plan that reads the fewest index entries. A word's selectivity is the share of people with a
 * word it prefixes; words are taken as independent. The scope and filters keep a share `keep` of the
 * people: counted for a commune, guessed for the rest. With `split` (a commune officer's scope read in halves,
 * person.search-sql.ts `communeSplit`), walks and ranges read only the commune's entries: a share `narrow`.
 */
export async function planSearch(
  db: Db,
  scope: PersonScope,
  f: SearchFilters,
  terms: Terms,
  force?: SearchPlan,
  split = false,
): Promise<Plan | null> {
  const words = terms.words;
  const stats = await Promise.all(words.map((w) => wordStats(db, w, terms.prefix === w, conflicts(terms, w))));
  // A word no name has: nobody matches.
  if (stats.some((s) => s.people === 0)) return null;
  const people = Math.max(1, await peopleCount(db));
  const { keep, commune } = await keptShare(db, scope, f, people);
  const narrow = split ? commune : 1;
  const sel = stats.map((s) => Math.min(1, s.people / people));
  const selAll = sel.reduce((a, b) => a * b, 1) * keep;
  const page = f.limit + 1;
  const cheapest = [...stats].sort((a, b) => a.entries - b.entries)[0]!;
  const only = stats.length === 1 && stats[0]!.tokens?.length === 1 ? stats[0]!.tokens[0]! : null;
  const base: PlanBase = {
    countWord: { word: cheapest.word, entries: cheapest.entries },
    exactPeople: only && only.token === words[0] ? only.people : null,
    narrow,
  };
  const selRest = (i: number) => Math.max(selAll / Math.max(sel[i]!, 1e-9), 1e-9);
  const walkCost = (walks: Walk[], i: (w: Walk) => number) =>
    walks.reduce((acc, w) => {
      const n = stats[i(w)]!.tokens!.find((t) => t.token === w.token)!.cls[w.cls]!;
      return acc + narrow * Math.min(n, page / selRest(i(w))) + SEEK_COST;
    }, 0);

  const costs: { plan: Plan; cost: number; positional: boolean }[] = [
    {
      plan: { ...base, kind: 'dense' },
      cost: (split ? ROW_READ_COST * narrow : 1) * Math.min(people, page / Math.max(selAll, 1e-9)),
      positional: false,
    },
  ];
  stats.forEach((s, i) => {
    costs.push({
      plan: { ...base, kind: 'range', word: s.word },
      cost: narrow * s.entries * 1.3 + SEEK_COST,
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
export async function prefixPlan(
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
export async function existingSpellings(db: Db, typed: string): Promise<string[] | null> {
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

/** The indexed words a typed word covers (itself, or every word it starts), with entries per class and people. */
export async function wordStats(db: Db, prefix: string, isPrefix: boolean, exclude: string[]): Promise<WordStats> {
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

export async function peopleCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('personTokenStats')
    .select('n')
    .where('token', '=', '')
    .where('cls', '=', -1)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The share of people the scope and filters keep, and (`commune`) the share the commune alone keeps. */
export async function keptShare(
  db: Db,
  scope: PersonScope,
  f: SearchFilters,
  people: number,
): Promise<{ keep: number; commune: number }> {
  let keep = 1;
  let share = 1;
  const commune = f.communeCode ?? (!scope.all && scope.communeCode ? scope.communeCode : null);
  if (commune) {
    // Index-only, and a commune is small: a few thousand entries at most.
    const r = await db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('curCommune', '=', commune)
      .executeTakeFirst();
    share = Math.min(1, Math.max(1, Number(r?.n ?? 0)) / people);
    keep *= share;
  }
  if (f.category) keep *= FILTER_GUESS;
  if (f.measureStatus) keep *= FILTER_GUESS;
  return { keep, commune: share };
}
