import { sql, type Kysely } from 'kysely';

/**
 * The report facts' triggers (2026_12_03_1810_report_facts) write the person, or the case, only when a fact
 * changes. They wrote it after every write of a test, finding or measure, and after every insert of a person or a
 * case, even when the fact stayed the same (a person written before their tests: null to null), and each such
 * write moved the kept counts too (2026_12_03_1900_report_counts' update triggers recompute the person's or the
 * case's parts, old and new): a bundle import paid for it on every person and case. The facts, and so the counts,
 * are the same as before (test/db/report-facts.test.ts, test/db/report-counts.test.ts).
 *
 * The expressions are 1810's, copied: a migration is frozen in time (its down gives back 1810's triggers as they
 * were). Never imports application code.
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

/** The same writes, made only when the value changes (the person's row is left alone otherwise). */
const first = (who: string) => `(SELECT min(f.d) FROM (${firstPositives(who)}) f)`;
const reach = (who: string) => `(SELECT min(r.s), max(r.e), coalesce(max(r.g), 0) FROM (${measureSpans(who)}) r)`;
const setFirstWhenChanged = (who: string) =>
  `UPDATE persons SET first_positive_on = ${first(who)} WHERE id = ${who} AND first_positive_on IS NOT ${first(who)};`;
const setReachWhenChanged = (who: string) => `UPDATE persons SET (reach_from, reach_to, reach_gapped) = ${reach(who)}
  WHERE id = ${who} AND (reach_from, reach_to, reach_gapped) IS NOT ${reach(who)};`;

/**
 * The triggers: after any change to a person's tests, findings or measures (also moved to another person); as 1810
 * made them (`guarded` false), or writing only a changed fact.
 */
function triggers(guarded: boolean): string[] {
  const out: string[] = [];
  const setF = guarded ? setFirstWhenChanged : setFirst;
  const setR = guarded ? setReachWhenChanged : setReach;
  const on = (name: string, table: string, columns: string, set: (who: string) => string) => {
    out.push(`CREATE TRIGGER ${name}_insert AFTER INSERT ON ${table} BEGIN ${set('NEW.person_id')} END`);
    out.push(`CREATE TRIGGER ${name}_update AFTER UPDATE OF ${columns} ON ${table} BEGIN ${set('NEW.person_id')}
      ${set('OLD.person_id')} END`);
    out.push(`CREATE TRIGGER ${name}_delete AFTER DELETE ON ${table} BEGIN ${set('OLD.person_id')} END`);
  };
  on('report_facts_tests', 'drug_tests', 'person_id, result, date, deleted_at', setF);
  on('report_facts_findings', 'addiction_determinations', 'person_id, result, result_date, deleted_at', setF);
  on('report_facts_measures', 'person_measures', 'person_id, start_date, end_date, deleted_at', setR);
  // A person written after its tests or measures (a bundle may carry them in any order).
  out.push(`CREATE TRIGGER report_facts_person_insert AFTER INSERT ON persons BEGIN ${setF('NEW.id')}
    ${setR('NEW.id')} END`);
  const when = (on: string) => (guarded ? `WHEN NEW.resolved_on IS NOT ${resolvedOn(on)} ` : '');
  out.push(`CREATE TRIGGER report_facts_case_insert AFTER INSERT ON drug_cases ${when('NEW.state_history')}BEGIN
    UPDATE drug_cases SET resolved_on = ${resolvedOn('NEW.state_history')} WHERE id = NEW.id; END`);
  out.push(`CREATE TRIGGER report_facts_case_update AFTER UPDATE OF state_history ON drug_cases ${when('NEW.state_history')}BEGIN
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

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of TRIGGER_NAMES) await sql.raw(`DROP TRIGGER ${t}`).execute(db);
  for (const t of triggers(true)) await sql.raw(t).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TRIGGER_NAMES) await sql.raw(`DROP TRIGGER ${t}`).execute(db);
  for (const t of triggers(false)) await sql.raw(t).execute(db);
}
