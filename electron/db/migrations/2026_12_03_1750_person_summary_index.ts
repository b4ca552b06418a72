import { sql, type Kysely } from 'kysely';

/**
 * A page of search results reads its people's summaries from a narrow index instead of the person rows (issue 8:
 * at a million people a full page of 200 results read about 200 random person rows, half of a leader's search's
 * page misses, and each miss is a page decrypted). `persons_summary` is led by `pk` and carries exactly the columns a
 * result line shows (person.mapper.ts SUMMARY_COLUMNS), so the result lookup is a covering `pk = ?` seek in pages
 * that hold about three times as many people as the table's. Frozen in time: never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE INDEX persons_summary ON persons(pk, id, full_name, sex, birth_date, citizen_id, category, cur_province,
    cur_commune, unit_id, updated_at)`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP INDEX persons_summary`).execute(db);
}
