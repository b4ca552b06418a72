import { facilityPeopleSql } from '../rehab/rehab.scope';
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../changelog/changelog';
import type { DB } from '../db/schema';
import type { PersonScope } from './person.scope';

/**
 * The SQL pieces of name search: the typed words (`Terms`) and the conditions an index entry is tested with
 * (scope, filters, words), shared by the planner (person.search-plan.ts) and the executor (person.search.ts).
 *
 * Repository note: name search — its planner (person.search-plan.ts), executor (person.search.ts) and SQL
 * pieces (person.search-sql.ts) — is the search's own repository, so it builds its queries itself rather than asking
 * person.repository.ts: the plans are costed and shaped index walk by index walk, and the query-plan tests
 * (test/db/person-query-plans.test.ts) check the SQL they produce. Services call `searchPersons`, never these
 * queries.
 */
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

export function upper(prefix: string): string {
  return `${prefix}\u007f`;
}

/** The typed words (unique, in typed order) and which one, if any, is a prefix (the last typed). */
export interface Terms {
  /** The words to test. */
  words: string[];
  prefix: string | null;
  /** Every word typed, tested or not: the whole ones are what the prefix may not match again. */
  typed: string[];
}

export function without(terms: Terms, word: string): Terms {
  return { ...terms, words: terms.words.filter((w) => w !== word) };
}

/** The whole typed words that start with `word`: the prefix may not match them again. */
export function conflicts(terms: Terms, word: string): string[] {
  return terms.prefix === word ? terms.typed.filter((w) => w !== word && w.startsWith(word)) : [];
}

/**
 * The token entries a typed word covers: the word itself, or for the prefix every word it starts except the
 * whole typed words.
 */
export function termRange(terms: Terms, word: string) {
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

/**
 * The commune half of a commune officer's scope (see `communeSplit`): every entry whose current commune is this
 * one, tested as an index equality (migration 2026_12_03_1740_person_scope_index).
 */
export interface CommunePart {
  communeOnly: string;
}

/** What an entry's scope test is: a caller's whole scope, or the commune half of a split one. */
export type SearchScope = PersonScope | CommunePart;

/**
 * A commune officer's scope — files their unit owns, or people living in their commune — read as two disjoint
 * halves, each through an index led by it: the commune's people (`person_name_tokens_commune`, and
 * `persons_commune_sort` for name beginnings), and the unit's files outside the commune (`persons_unit_walk`).
 * Read as one OR condition, every entry of a word in the whole database is decrypted and tested to keep the
 * commune's few. Null for any other scope (read as one condition).
 */
export function communeSplit(scope: PersonScope): { communeCode: string; unitId: string } | null {
  if (scope.all || !scope.communeCode || scope.provinceCode || scope.facilityId || scope.unitId === null) return null;
  return { communeCode: scope.communeCode, unitId: scope.unitId };
}

export function tokenQuery(db: Db, scope: SearchScope, f: SearchFilters, terms: Terms) {
  return db
    .selectFrom('personNameTokens as t')
    .select(['t.pk', 't.sortKey'])
    .where(entryConditions('t', scope, f, terms));
}

/**
 * Scope, filters and typed words as tested on an index entry (a token entry `t` or persons_walk `p`): every
 * column they need is in the entry. Only the measure-status filter has to look at another table.
 */
export function entryConditions(alias: 'p' | 't', scope: SearchScope, f: SearchFilters, terms: Terms) {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  return (): Expression<SqlBool> => {
    const and: RawBuilder<SqlBool>[] = [];
    if ('communeOnly' in scope) and.push(sql<SqlBool>`${col('curCommune')} = ${scope.communeOnly}`);
    else if (!scope.all) {
      const ors = [
        scope.unitId === null
          ? sql<SqlBool>`${col('unitId')} IS NULL`
          : sql<SqlBool>`${col('unitId')} = ${scope.unitId}`,
      ];
      if (scope.communeCode) ors.push(sql<SqlBool>`${col('curCommune')} = ${scope.communeCode}`);
      if (scope.provinceCode) ors.push(sql<SqlBool>`${col('curProvince')} = ${scope.provinceCode}`);
      if (scope.facilityId)
        ors.push(
          sql<SqlBool>`${col('pk')} IN (SELECT pk FROM persons WHERE id IN (${facilityPeopleSql(scope.facilityId)}))`,
        );
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

/**
 * A typed word among the folded names: a whole word, or (the prefix) the start of a word that is not one of
 * the whole words typed ("nguyen thi ng" wants a word starting with ng other than Nguyễn). Those whole words
 * are cut out of the names first; spaces are doubled so that repeated words do not share one and every
 * occurrence goes (SQLite's replace is non-overlapping).
 */
export function hasWord(names: Expression<unknown>, word: string, terms: Terms): RawBuilder<SqlBool> {
  if (terms.prefix !== word) return sql<SqlBool>`instr(' ' || ${names} || ' ', ${` ${word} `}) > 0`;
  const cut = conflicts(terms, word);
  if (!cut.length) return sql<SqlBool>`instr(' ' || ${names}, ${` ${word}`}) > 0`;
  let text: RawBuilder<unknown> = sql`replace(' ' || ${names} || ' ', ' ', '  ')`;
  for (const w of cut) text = sql`replace(${text}, ${` ${w} `}, ' ')`;
  return sql<SqlBool>`instr(${text}, ${` ${word}`}) > 0`;
}
