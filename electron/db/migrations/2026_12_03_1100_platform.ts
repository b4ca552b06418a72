import { sql, type Kysely } from 'kysely';

/**
 * The record platform: each change names the versions it overwrote (`base`, for field-level merge), and open
 * conflicts are kept for a leader's review. Frozen in time: never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`ALTER TABLE change_log ADD COLUMN base TEXT`);
  await run(`CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    current_hlc TEXT NOT NULL,
    current_value TEXT,
    current_ws TEXT,
    current_account TEXT,
    other_hlc TEXT NOT NULL,
    other_value TEXT,
    other_ws TEXT,
    other_account TEXT,
    UNIQUE (table_name, record_id, field, other_hlc)
  )`);
  await run(`CREATE INDEX conflicts_record ON conflicts(record_id)`);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE conflicts`.execute(db);
  await sql`ALTER TABLE change_log DROP COLUMN base`.execute(db);
}
