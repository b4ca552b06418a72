import { sql, type Kysely } from 'kysely';

/**
 * Facts the indicators count, kept on write so that a province's year is a range of an index, not a probe per
 * person or a JSON history per case (issue 13 at a million people):
 *
 * - `persons.first_positive_on`: the person's first positive drug test or addiction finding (new addicts in a
 *   period are the persons whose first falls in it);
 * - `persons.reach_from`, `reach_to`, `reach_gapped`: the first day and the last day (`9999-12-31` while a measure
 *   is open) of the person's live measures, and whether some day between them is covered by none. A person whose
 *   measures leave no gap is reached in a period exactly when the period meets [reach_from, reach_to]; the few
 *   with a gap are tested against their measures;
 * - `drug_cases.resolved_on`: the day the case first reached a final disposition (recommended, terminated or a
 *   later stage) in its state history.
 *
 * Derived and local like every derived column (never logged or merged). They are kept by triggers, so every write
 * path keeps them, the same way: a service's write, the seeding batch writer, a bundle's apply and the rebuild
 * after a conflict is resolved (none of which need to know of them). The backfill below and the triggers use the
 * same expressions. Frozen in time: never imports application code.
 */

const FINAL_STATES = `'recommended', 'terminated', 'indicted', 'tried', 'closed'`;
const OPEN_END = `'9999-12-31'`;

/** The first positive test or addiction finding of each person (`pid`, `d`), of one person when `who` is given. */
const firstPositives = (who: string | null) => `SELECT t.person_id AS pid, t.date AS d FROM drug_tests t
    WHERE t.result = 'positive' AND t.deleted_at IS NULL ${who ? `AND t.person_id = ${who}` : ''}
  UNION ALL
  SELECT x.person_id, x.result_date FROM addiction_determinations x
    WHERE x.result = 'addicted' AND x.deleted_at IS NULL ${who ? `AND x.person_id = ${who}` : ''}`;

/**
 * Each live measure with whether it starts after a day no earlier measure covers (ordered by start, then end: it
 * starts later than the day after the latest end before it). A person's measures leave a gap when one does.
 */
const measureSpans = (who: string | null) => `SELECT m.person_id AS pid, m.start_date AS s,
    coalesce(m.end_date, ${OPEN_END}) AS e,
    (m.start_date > date(max(coalesce(m.end_date, ${OPEN_END})) OVER (PARTITION BY m.person_id
      ORDER BY m.start_date, coalesce(m.end_date, ${OPEN_END}) ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      '+1 day')) AS g
  FROM person_measures m WHERE m.deleted_at IS NULL ${who ? `AND m.person_id = ${who}` : ''}`;

/**
 * The day a case's state history first reaches a final disposition (null while none, or when the history is not
 * a JSON list of entries: a write is never refused for it).
 */
const resolvedOn = (history: string) => `CASE WHEN json_valid(${history}) THEN (
    SELECT min(CASE WHEN h.type = 'object' AND json_extract(h.value, '$.state') IN (${FINAL_STATES})
      THEN json_extract(h.value, '$.on') END) FROM json_each(${history}) h) END`;

const setFirst = (who: string) =>
  `UPDATE persons SET first_positive_on = (SELECT min(f.d) FROM (${firstPositives(who)}) f) WHERE id = ${who};`;
const setReach = (who: string) => `UPDATE persons SET (reach_from, reach_to, reach_gapped) =
  (SELECT min(r.s), max(r.e), coalesce(max(r.g), 0) FROM (${measureSpans(who)}) r) WHERE id = ${who};`;

/** The triggers: after any change to a person's tests, findings or measures (also moved to another person). */
function triggers(): string[] {
  const out: string[] = [];
  const on = (name: string, table: string, columns: string, set: (who: string) => string) => {
    out.push(`CREATE TRIGGER ${name}_insert AFTER INSERT ON ${table} BEGIN ${set('NEW.person_id')} END`);
    out.push(`CREATE TRIGGER ${name}_update AFTER UPDATE OF ${columns} ON ${table} BEGIN ${set('NEW.person_id')}
      ${set('OLD.person_id')} END`);
    out.push(`CREATE TRIGGER ${name}_delete AFTER DELETE ON ${table} BEGIN ${set('OLD.person_id')} END`);
  };
  on('report_facts_tests', 'drug_tests', 'person_id, result, date, deleted_at', setFirst);
  on('report_facts_findings', 'addiction_determinations', 'person_id, result, result_date, deleted_at', setFirst);
  on('report_facts_measures', 'person_measures', 'person_id, start_date, end_date, deleted_at', setReach);
  // A person written after its tests or measures (a bundle may carry them in any order).
  out.push(`CREATE TRIGGER report_facts_person_insert AFTER INSERT ON persons BEGIN ${setFirst('NEW.id')}
    ${setReach('NEW.id')} END`);
  out.push(`CREATE TRIGGER report_facts_case_insert AFTER INSERT ON drug_cases BEGIN
    UPDATE drug_cases SET resolved_on = ${resolvedOn('NEW.state_history')} WHERE id = NEW.id; END`);
  out.push(`CREATE TRIGGER report_facts_case_update AFTER UPDATE OF state_history ON drug_cases BEGIN
    UPDATE drug_cases SET resolved_on = ${resolvedOn('NEW.state_history')} WHERE id = NEW.id; END`);
  return out;
}

const TRIGGER_NAMES = [
  ...['tests', 'findings', 'measures'].flatMap((t) =>
    ['insert', 'update', 'delete'].map((e) => `report_facts_${t}_${e}`),
  ),
  'report_facts_person_insert',
  'report_facts_case_insert',
  'report_facts_case_update',
];

const ON_RECORD = `category <> 'unclassified' AND deleted_at IS NULL AND merged_into IS NULL`;

export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`ALTER TABLE persons ADD COLUMN first_positive_on TEXT`);
  await run(`ALTER TABLE persons ADD COLUMN reach_from TEXT`);
  await run(`ALTER TABLE persons ADD COLUMN reach_to TEXT`);
  await run(`ALTER TABLE persons ADD COLUMN reach_gapped INTEGER NOT NULL DEFAULT 0`);
  await run(`ALTER TABLE drug_cases ADD COLUMN resolved_on TEXT`);

  // The backfill: one pass per table, grouped (the indexes are made after, once).
  await run(`UPDATE persons SET first_positive_on = f.d FROM (SELECT pid, min(d) AS d FROM (${firstPositives(null)})
    GROUP BY pid) f WHERE persons.id = f.pid`);
  await run(`UPDATE persons SET (reach_from, reach_to, reach_gapped) = (r.s, r.e, r.g) FROM (SELECT pid, min(s) AS s,
    max(e) AS e, coalesce(max(g), 0) AS g FROM (${measureSpans(null)}) GROUP BY pid) r WHERE persons.id = r.pid`);
  await run(`UPDATE drug_cases SET resolved_on = ${resolvedOn('state_history')}`);

  for (const t of triggers()) await run(t);

  // The live-row conditions of the partial indexes are carried as columns too (null on a live row, a byte each):
  // SQLite reads an index alone only when it holds every column the statement names.
  // New addicts: the period's range of first positives in a province.
  await run(`CREATE INDEX persons_report_first ON persons(cur_province, first_positive_on, cur_commune,
    deleted_at, merged_into)
    WHERE first_positive_on IS NOT NULL AND deleted_at IS NULL AND merged_into IS NULL`);
  // Persons on record and reached, per commune in order (the commune table); covering.
  await run(`CREATE INDEX persons_report_reach ON persons(cur_province, cur_commune, reach_gapped, reach_to, reach_from,
    category, deleted_at, merged_into)
    WHERE ${ON_RECORD}`);
  // Those whose measures leave a gap (5 % of a million seeded persons): tested against their measures, the person's
  // id read from here (no row of the wide table read for it).
  await run(`CREATE INDEX persons_report_gapped ON persons(cur_province, cur_commune, id, reach_gapped, category,
    deleted_at, merged_into) WHERE reach_gapped = 1 AND ${ON_RECORD}`);
  // The statistical tables (category × sex × age, ethnicity, education, occupation, substance): covering.
  await run(`CREATE INDEX persons_report_stats ON persons(cur_province, cur_commune, category, sex, birth_year,
    birth_date, ethnicity, education, occupation, substances, deleted_at, merged_into) WHERE ${ON_RECORD}`);
  // Cases resolved: the open ones (null first) and those resolved from the period's first day.
  await run(`CREATE INDEX drug_cases_report_resolved ON drug_cases(province_code, resolved_on, prosecuted_on,
    commune_code, deleted_at) WHERE deleted_at IS NULL`);
}

export async function down(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  for (const i of [
    'drug_cases_report_resolved',
    'persons_report_stats',
    'persons_report_gapped',
    'persons_report_reach',
    'persons_report_first',
  ])
    await run(`DROP INDEX ${i}`);
  for (const t of TRIGGER_NAMES) await run(`DROP TRIGGER ${t}`);
  await run(`ALTER TABLE drug_cases DROP COLUMN resolved_on`);
  await run(`ALTER TABLE persons DROP COLUMN reach_gapped`);
  await run(`ALTER TABLE persons DROP COLUMN reach_to`);
  await run(`ALTER TABLE persons DROP COLUMN reach_from`);
  await run(`ALTER TABLE persons DROP COLUMN first_positive_on`);
}
