import { sql, type Kysely } from 'kysely';

/**
 * Rehabilitation read paths (issue 11 performance): a referral's stays by referral (its dossier, admissions), and a
 * facility's open stays as a covering index (the roster and the occupancy count read no table row), and the
 * referrals coming to a facility by state. The roster
 * index replaces `rehab_stays_facility` (same leading columns). Frozen in time: never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE INDEX rehab_stays_referral ON rehab_stays(referral_id, admitted_on)`);
  await run(`CREATE INDEX rehab_stays_roster ON rehab_stays(facility_id, status, deleted_at, planned_discharge_on,
    person_id, commune_code, admitted_on, stage, referral_id, id)`);
  await run(`DROP INDEX rehab_stays_facility`);
  // The roster's incoming referrals (decided, deferred, being transferred to the facility) by time limit.
  await run(`CREATE INDEX rehab_referrals_facility_due ON rehab_referrals(facility_id, state, deadline)`);
}

export async function down(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`DROP INDEX rehab_referrals_facility_due`);
  await run(`CREATE INDEX rehab_stays_facility ON rehab_stays(facility_id, status, planned_discharge_on)`);
  await run(`DROP INDEX rehab_stays_roster`);
  await run(`DROP INDEX rehab_stays_referral`);
}
