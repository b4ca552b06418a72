import { sql, type Kysely } from 'kysely';

/**
 * Investigations (issue 10): tips and their extensions, cases and theirs, suspects, seizures, hot spots. Every
 * table is replicated (sync columns, change-logged). `deadline` and `severity` are derived: recomputed from the
 * row and its extensions on every write and after a merge, so the deadlines board is an index range.
 * Frozen in time: never imports application code.
 */
const SYNC = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin_ws TEXT NOT NULL, hlc TEXT NOT NULL, deleted_at TEXT`;

export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE tips (
    id TEXT PRIMARY KEY, received_on TEXT NOT NULL, received_at TEXT, unit_id TEXT, received_by TEXT,
    source TEXT NOT NULL, channel TEXT NOT NULL, province_code TEXT, commune_code TEXT, place TEXT,
    summary TEXT NOT NULL, person_ids TEXT NOT NULL DEFAULT '[]', state TEXT NOT NULL, decided_on TEXT,
    decision_number TEXT, decision_note TEXT, transferred_to TEXT, case_id TEXT, deadline TEXT NOT NULL, ${SYNC})`);
  // The register (newest first) and the deadlines board (open tips by deadline), per unit, province, commune.
  await run(`CREATE INDEX tips_unit_received ON tips(unit_id, received_on)`);
  await run(`CREATE INDEX tips_unit_due ON tips(unit_id, state, deadline)`);
  await run(`CREATE INDEX tips_province_due ON tips(province_code, state, deadline)`);
  await run(`CREATE INDEX tips_commune_due ON tips(commune_code, state, deadline)`);
  await run(`CREATE INDEX tips_case ON tips(case_id) WHERE case_id IS NOT NULL`);

  await run(`CREATE TABLE tip_extensions (
    id TEXT PRIMARY KEY, tip_id TEXT NOT NULL, decision_number TEXT NOT NULL, decided_on TEXT NOT NULL,
    months INTEGER NOT NULL, ${SYNC})`);
  await run(`CREATE INDEX tip_extensions_tip ON tip_extensions(tip_id)`);

  await run(`CREATE TABLE drug_cases (
    id TEXT PRIMARY KEY, number TEXT NOT NULL, unit_id TEXT, province_code TEXT, commune_code TEXT,
    prosecuted_on TEXT NOT NULL, decision_number TEXT NOT NULL, prosecuting_unit TEXT, tip_id TEXT, summary TEXT,
    offences TEXT NOT NULL, severity TEXT NOT NULL, international INTEGER NOT NULL DEFAULT 0, partner_country TEXT,
    transnational_route INTEGER NOT NULL DEFAULT 0, organised_ring INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL, state_on TEXT NOT NULL, state_history TEXT NOT NULL DEFAULT '[]', deadline TEXT NOT NULL,
    ${SYNC})`);
  await run(`CREATE INDEX drug_cases_number ON drug_cases(number COLLATE NOCASE)`);
  await run(`CREATE INDEX drug_cases_unit_due ON drug_cases(unit_id, state, deadline)`);
  await run(`CREATE INDEX drug_cases_province_due ON drug_cases(province_code, state, deadline)`);
  await run(`CREATE INDEX drug_cases_unit_prosecuted ON drug_cases(unit_id, prosecuted_on)`);

  await run(`CREATE TABLE case_extensions (
    id TEXT PRIMARY KEY, case_id TEXT NOT NULL, decision_number TEXT NOT NULL, decided_on TEXT NOT NULL,
    months INTEGER NOT NULL, ${SYNC})`);
  await run(`CREATE INDEX case_extensions_case ON case_extensions(case_id)`);

  await run(`CREATE TABLE case_suspects (
    id TEXT PRIMARY KEY, case_id TEXT NOT NULL, person_id TEXT NOT NULL, role TEXT NOT NULL, arrested_on TEXT,
    custody_until TEXT, measure TEXT NOT NULL, measure_from TEXT, outcome TEXT NOT NULL, notes TEXT, ${SYNC})`);
  await run(`CREATE INDEX case_suspects_case ON case_suspects(case_id)`);
  await run(`CREATE INDEX case_suspects_person ON case_suspects(person_id, case_id)`);

  await run(`CREATE TABLE seizures (
    id TEXT PRIMARY KEY, case_id TEXT, tip_id TEXT, unit_id TEXT, province_code TEXT, commune_code TEXT,
    kind TEXT NOT NULL, substance TEXT, quantity TEXT, unit TEXT, exhibit TEXT, count INTEGER, description TEXT,
    seized_on TEXT NOT NULL, ${SYNC})`);
  await run(`CREATE INDEX seizures_case ON seizures(case_id) WHERE case_id IS NOT NULL`);
  await run(`CREATE INDEX seizures_tip ON seizures(tip_id) WHERE tip_id IS NOT NULL`);

  await run(`CREATE TABLE hotspots (
    id TEXT PRIMARY KEY, unit_id TEXT, province_code TEXT, commune_code TEXT NOT NULL, address TEXT NOT NULL,
    kind TEXT NOT NULL, activities TEXT NOT NULL DEFAULT '[]', discovered_on TEXT NOT NULL, status TEXT NOT NULL,
    status_on TEXT NOT NULL, eliminated_on TEXT, eliminated_by_case_id TEXT, reformed_count INTEGER NOT NULL DEFAULT 0,
    reformed_on TEXT, notes TEXT, history TEXT NOT NULL DEFAULT '[]', ${SYNC})`);
  await run(`CREATE INDEX hotspots_commune ON hotspots(commune_code, status)`);
  await run(`CREATE INDEX hotspots_unit ON hotspots(unit_id, status)`);
  await run(`CREATE INDEX hotspots_province ON hotspots(province_code, status)`);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['hotspots', 'seizures', 'case_suspects', 'case_extensions', 'drug_cases', 'tip_extensions', 'tips'])
    await sql.raw(`DROP TABLE ${t}`).execute(db);
}
