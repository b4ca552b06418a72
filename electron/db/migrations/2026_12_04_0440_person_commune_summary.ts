import { sql, type Kysely } from 'kysely';

/**
 * A commune officer's page of results is read from an index led by the commune (issue 8: at a million people a
 * commune officer's search cost 1.29-1.41× plain SQLite, a leader's 1.10-1.21×). `persons_summary_sorted` keeps a
 * leader's page together, since a page is the first matches in Vietnamese order; but a commune's matches are spread
 * among every namesake of the province there, about one index page each, each a page decrypted. Led by the commune,
 * then the same order and columns, the commune's page sits on a few neighbouring pages. Frozen in time: never
 * imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX persons_commune_summary ON persons(cur_commune, sort_key, pk, id, full_name, sex, birth_date,
    citizen_id, category, cur_province, unit_id, updated_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX persons_commune_summary`.execute(db);
}
