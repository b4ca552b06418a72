import { sql, type Kysely } from 'kysely';

/**
 * The indicators' read paths (issue 13 performance: a province's year of every indicator at a million people).
 * Each is a live-rows index led by what the indicator filters on (the province, then the period's date) and
 * carrying what it groups or tests, so that a year is read as a range of one index instead of every row of the
 * table (at a million people each row read is a page decrypted):
 *
 * - `drug_tests_positive` and `addiction_determinations_found`: the period's positive tests and addiction
 *   findings, with the person (new addicts, and their growth over the year before);
 * - `person_measures_period`: a person's measures with their dates (reached: a measure running in the period);
 * - `drug_cases_province_prosecuted`: cases detected in the period and place (cases detected, their growth, the
 *   commune table's cultivation cases), with their state and its day (cases resolved: only the histories of
 *   cases not resolved before the period are read);
 * - `tips_province_received`: tips received in the period by channel and state (tips verified by channel);
 * - `seizures_province_seized`: seizures in the period by substance and measuring unit, with the quantity;
 * - `rehab_referrals_province_discovered`: referrals started in the period by state.
 *
 * Frozen in time: never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE INDEX drug_tests_positive ON drug_tests(result, date, person_id) WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX addiction_determinations_found ON addiction_determinations(result, result_date, person_id)
    WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX person_measures_period ON person_measures(person_id, start_date, end_date)
    WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX drug_cases_province_prosecuted ON drug_cases(province_code, prosecuted_on, commune_code, state,
    state_on) WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX tips_province_received ON tips(province_code, received_on, channel, state, commune_code)
    WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX seizures_province_seized ON seizures(province_code, seized_on, substance, unit, quantity,
    commune_code) WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX rehab_referrals_province_discovered ON rehab_referrals(province_code, discovered_on, state,
    commune_code) WHERE deleted_at IS NULL`);
}

export async function down(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`DROP INDEX rehab_referrals_province_discovered`);
  await run(`DROP INDEX seizures_province_seized`);
  await run(`DROP INDEX tips_province_received`);
  await run(`DROP INDEX drug_cases_province_prosecuted`);
  await run(`DROP INDEX person_measures_period`);
  await run(`DROP INDEX addiction_determinations_found`);
  await run(`DROP INDEX drug_tests_positive`);
}
