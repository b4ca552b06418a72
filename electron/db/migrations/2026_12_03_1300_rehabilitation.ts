import { sql, type Kysely } from 'kysely';

/**
 * Rehabilitation (issue 11): facilities, compulsory-rehab referrals and their dossier scans, stays at a facility,
 * voluntary rehab, methadone episodes. Every table is replicated (sync columns, change-logged). A referral's
 * `deadline` is derived (recomputed on every write and after a merge), so the referral board is an index range.
 * Frozen in time: never imports application code.
 */
const SYNC = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin_ws TEXT NOT NULL, hlc TEXT NOT NULL, deleted_at TEXT`;
const PLACE = `province_code TEXT, commune_code TEXT, unit_id TEXT`;

export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE rehab_facilities (
    id TEXT PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, province_code TEXT NOT NULL,
    commune_code TEXT, capacity INTEGER NOT NULL, unit_id TEXT, ${SYNC})`);
  await run(`CREATE INDEX rehab_facilities_unit ON rehab_facilities(unit_id)`);
  await run(`CREATE INDEX rehab_facilities_code ON rehab_facilities(code)`);

  await run(`CREATE TABLE rehab_referrals (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, state TEXT NOT NULL, state_on TEXT NOT NULL,
    discovered_on TEXT NOT NULL, sent_on TEXT, accepted_on TEXT, minor INTEGER NOT NULL DEFAULT 0,
    complex INTEGER NOT NULL DEFAULT 0, ground TEXT, facility_id TEXT, pending_custody TEXT NOT NULL,
    held_from TEXT, held_to TEXT, deferred_until TEXT, decision_kind TEXT, decision_term INTEGER,
    decision_number TEXT, decision_court TEXT, decision_on TEXT, law_id TEXT, is_repeat INTEGER NOT NULL DEFAULT 0,
    planned_discharge_on TEXT, notes TEXT, history TEXT NOT NULL DEFAULT '[]', checklist TEXT NOT NULL DEFAULT '{}',
    ${PLACE}, deadline TEXT, ${SYNC})`);
  // The board: open referrals by deadline within a unit, commune, province or facility.
  await run(`CREATE INDEX rehab_referrals_unit_due ON rehab_referrals(unit_id, state, deadline)`);
  await run(`CREATE INDEX rehab_referrals_commune_due ON rehab_referrals(commune_code, state, deadline)`);
  await run(`CREATE INDEX rehab_referrals_province_due ON rehab_referrals(province_code, state, deadline)`);
  await run(`CREATE INDEX rehab_referrals_facility ON rehab_referrals(facility_id, person_id)`);
  await run(`CREATE INDEX rehab_referrals_person ON rehab_referrals(person_id)`);

  await run(`CREATE TABLE rehab_documents (
    id TEXT PRIMARY KEY, referral_id TEXT NOT NULL, item TEXT NOT NULL, mime TEXT NOT NULL, size INTEGER NOT NULL,
    added_on TEXT NOT NULL, scan TEXT, ${SYNC})`);
  await run(`CREATE INDEX rehab_documents_referral ON rehab_documents(referral_id, item)`);

  await run(`CREATE TABLE rehab_stays (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, referral_id TEXT, voluntary_id TEXT,
    admitted_on TEXT NOT NULL, term_months INTEGER, planned_discharge_on TEXT, discharged_on TEXT,
    certificate_number TEXT, status TEXT NOT NULL, stage TEXT NOT NULL, stages TEXT NOT NULL DEFAULT '[]',
    incidents TEXT NOT NULL DEFAULT '[]', capacity_override INTEGER NOT NULL DEFAULT 0, measure_id TEXT,
    post_measure_id TEXT, ${PLACE}, ${SYNC})`);
  // The roster (a facility's open stays by planned discharge), occupancy, a person's stays, the hand-over.
  await run(`CREATE INDEX rehab_stays_facility ON rehab_stays(facility_id, status, planned_discharge_on)`);
  await run(`CREATE INDEX rehab_stays_facility_person ON rehab_stays(facility_id, person_id)`);
  await run(`CREATE INDEX rehab_stays_person ON rehab_stays(person_id)`);
  await run(`CREATE INDEX rehab_stays_handover ON rehab_stays(commune_code, discharged_on)`);

  await run(`CREATE TABLE rehab_voluntary (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, setting TEXT NOT NULL, facility_id TEXT, registered_on TEXT NOT NULL,
    start_on TEXT, term_months INTEGER NOT NULL, status TEXT NOT NULL, ended_on TEXT, notes TEXT, measure_id TEXT,
    ${PLACE}, ${SYNC})`);
  await run(`CREATE INDEX rehab_voluntary_person ON rehab_voluntary(person_id)`);
  await run(`CREATE INDEX rehab_voluntary_facility ON rehab_voluntary(facility_id, person_id)`);

  await run(`CREATE TABLE rehab_methadone (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, clinic_id TEXT NOT NULL, started_on TEXT NOT NULL,
    status TEXT NOT NULL, status_on TEXT NOT NULL, stopped_on TEXT, stop_reason TEXT, notes TEXT, measure_id TEXT,
    ${PLACE}, ${SYNC})`);
  await run(`CREATE INDEX rehab_methadone_person ON rehab_methadone(person_id)`);
  await run(`CREATE INDEX rehab_methadone_clinic ON rehab_methadone(clinic_id, person_id)`);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'rehab_methadone',
    'rehab_voluntary',
    'rehab_stays',
    'rehab_documents',
    'rehab_referrals',
    'rehab_facilities',
  ])
    await sql.raw(`DROP TABLE ${t}`).execute(db);
}
