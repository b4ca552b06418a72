import { sql, type Kysely } from 'kysely';

/**
 * The hot-spot figures read from one index (issue 13 at full scale: 500,000 cases bring about 50,000 hot spots to a
 * province): hot spots eliminated over those active in the period, those re-formed in it, and each commune's hot
 * spots of use or harbouring for the Decision 28/2025 criteria. Each of these read the province's hot spots through
 * `hotspots_province` (province, status) and then every row for its dates; this index carries the dates, the
 * commune and the activities, so the rows are not read. Frozen in time: never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE INDEX hotspots_report ON hotspots(province_code, discovered_on, eliminated_on, reformed_on, commune_code,
    activities, deleted_at) WHERE deleted_at IS NULL`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP INDEX hotspots_report`).execute(db);
}
