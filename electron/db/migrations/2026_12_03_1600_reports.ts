import { sql, type Kysely } from 'kysely';

/**
 * Reports: the plans whose targets the dashboard compares against, and each commune's status per year
 * (drug-free recognition, key-area type, population). Both are replicated records. Frozen in time: never
 * imports application code.
 */
const SYNC = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin_ws TEXT NOT NULL, hlc TEXT NOT NULL, deleted_at TEXT`;

export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE report_plans (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    decision_number TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    authority TEXT NOT NULL,
    scope TEXT NOT NULL,
    province_code TEXT,
    from_year INTEGER NOT NULL,
    to_year INTEGER NOT NULL,
    targets TEXT NOT NULL DEFAULT '[]',
    ${SYNC})`);
  await run(`CREATE INDEX report_plans_province ON report_plans(province_code, from_year)`);
  await run(`CREATE TABLE commune_statuses (
    id TEXT PRIMARY KEY,
    province_code TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    population INTEGER,
    drug_free INTEGER NOT NULL DEFAULT 0,
    drug_free_decision TEXT,
    drug_free_date TEXT,
    key_area_type TEXT,
    key_area_decision TEXT,
    ${SYNC})`);
  await run(`CREATE INDEX commune_statuses_place ON commune_statuses(province_code, year, commune_code)`);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE commune_statuses`.execute(db);
  await sql`DROP TABLE report_plans`.execute(db);
}
