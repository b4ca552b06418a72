import { sql, type Kysely } from 'kysely';

/**
 * A page of search results is read from an index in Vietnamese order instead of one led by `pk` (issue 8: at a
 * million people the 200 summaries of a full page sat on about 100 different pages of `persons_summary`, two thirds
 * of a leader's search's cache misses, each a page decrypted). A page of results is the first people in Vietnamese
 * order who match, so they are neighbours in `persons_summary_sorted`: the same page reads about 15 pages. The index
 * carries exactly the columns a result line shows (person.mapper.ts SUMMARY_COLUMNS); the search seeks it by
 * (sort_key, pk). It replaces `persons_summary`, which nothing else reads. Frozen in time: never imports
 * application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE INDEX persons_summary_sorted ON persons(sort_key, pk, id, full_name, sex, birth_date, citizen_id,
    category, cur_province, cur_commune, unit_id, updated_at)`);
  await run(`DROP INDEX persons_summary`);
}

export async function down(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE INDEX persons_summary ON persons(pk, id, full_name, sex, birth_date, citizen_id, category, cur_province,
    cur_commune, unit_id, updated_at)`);
  await run(`DROP INDEX persons_summary_sorted`);
}
