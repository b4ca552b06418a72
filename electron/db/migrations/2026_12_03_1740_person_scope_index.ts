import { sql, type Kysely } from 'kysely';

/**
 * The commune officer's name search reads only the commune's entries (issue 8: at a million people every page a
 * search touches outside the caller's scope is a page decrypted for nothing). Frozen in time: never imports
 * application code.
 *
 * - `person_name_tokens_commune`: the name-token index again, led by the current commune, carrying what a search
 *   tests in an entry (the folded names, category, province): a word walk for one commune seeks its entries
 *   instead of testing every entry of the word. `pk` follows `sort_key` so that the walk is in the search's order.
 * - `persons_unit_walk`: live people by owning unit, then commune, in Vietnamese order, with the same columns: the
 *   unit's files outside the commune (the other half of a commune officer's scope) are read without the
 *   commune's, and without a person row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE INDEX person_name_tokens_commune ON person_name_tokens(cur_commune, token, cls, sort_key, pk,
    name_folded, category, cur_province)`);
  await run(`CREATE INDEX persons_unit_walk ON persons(unit_id, cur_commune, sort_key, name_folded, cur_province,
    category, deleted_at, merged_into) WHERE deleted_at IS NULL AND merged_into IS NULL`);
}

export async function down(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`DROP INDEX persons_unit_walk`);
  await run(`DROP INDEX person_name_tokens_commune`);
}
