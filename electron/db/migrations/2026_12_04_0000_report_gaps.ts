import { sql, type Kysely } from 'kysely';

/**
 * The persons whose measures leave a gap, kept so that "reached in a period" is counted exactly from two ranges of
 * one small index instead of a test of each such person against their measures (issue 13 at full scale: the
 * 47,305 gapped persons of a million took ~465-924 ms of the dashboard's first paint).
 *
 * `report_gaps` holds, per person whose live measures leave an uncovered day between the first's start and the last's
 * end (the `reach_gapped` persons of 2026_12_03_1810_report_facts), one row `s` with that span [d_from, d_to] (the
 * last end `9999-12-31` while a measure is open), and one row `g` per gap: the days no measure covers between two
 * covered ones. A person's gaps are disjoint and lie inside the span, so the person is reached in a period P (some
 * measure runs on a day of P) exactly when P meets the span and no gap holds the whole of P; and at most one gap
 * can hold it. Reached persons with a gap = spans meeting P − gaps holding P.
 *
 * `province_code` is the person's province while the person is on record (category not `unclassified`, live, not
 * merged) and null otherwise; `commune_code` the person's commune (`''` for none). Kept by triggers: on a measure's
 * write (the person's rows made again from their measures, with the same expressions as the report facts), on a
 * person's insert (measures may come first in a bundle), on a change of a person's place or standing, and on a
 * person's delete. Derived and local (never logged or merged). Frozen in time: never imports application code.
 */

const OPEN_END = `'9999-12-31'`;

/**
 * Each live measure (`pid`, start `s`, end `e`) with `nx`: the day after the latest end of the measures before it
 * (ordered by start, then end; null for the first). It starts after a gap when s > nx.
 */
const measures = (who: string | null) => `SELECT m.person_id AS pid, m.start_date AS s,
    coalesce(m.end_date, ${OPEN_END}) AS e,
    date(max(coalesce(m.end_date, ${OPEN_END})) OVER (PARTITION BY m.person_id
      ORDER BY m.start_date, coalesce(m.end_date, ${OPEN_END}) ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      '+1 day') AS nx
  FROM person_measures m WHERE m.deleted_at IS NULL ${who ? `AND m.person_id = ${who}` : ''}`;

/** The span and gap rows (pid, kind, f, t) of the persons with a gap (of one person when `who` is given). */
const gapRows = (who: string | null) => `SELECT pid, 's' AS kind, min(s) AS f, max(e) AS t FROM (${measures(who)})
    GROUP BY pid HAVING max(s > nx) = 1
  UNION ALL
  SELECT pid, 'g', nx, date(s, '-1 day') FROM (${measures(who)}) WHERE s > nx`;

const ON_RECORD = (p: string) =>
  `${p}.category <> 'unclassified' AND ${p}.deleted_at IS NULL AND ${p}.merged_into IS NULL`;
const province = (p: string) => `CASE WHEN ${ON_RECORD(p)} THEN ${p}.cur_province END`;
const commune = (p: string) => `coalesce(${p}.cur_commune, '')`;

/** The rows of the persons with a gap (of one person when `who` is given), placed by the person. */
export const gapsStatement = (who: string | null) => `INSERT INTO report_gaps (person_id, kind, d_from, d_to,
    province_code, commune_code)
  SELECT x.pid, x.kind, x.f, x.t, ${province('p')}, ${commune('p')}
  FROM (${gapRows(who)}) x JOIN persons p ON p.id = x.pid`;

const refresh = (who: string) => `DELETE FROM report_gaps WHERE person_id = ${who}; ${gapsStatement(who)};`;

function triggers(): { name: string; sql: string }[] {
  return [
    {
      name: 'report_gaps_measures_insert',
      sql: `AFTER INSERT ON person_measures BEGIN ${refresh('NEW.person_id')} END`,
    },
    {
      name: 'report_gaps_measures_update',
      sql: `AFTER UPDATE OF person_id, start_date, end_date, deleted_at ON person_measures BEGIN
        ${refresh('NEW.person_id')} ${refresh('OLD.person_id')} END`,
    },
    {
      name: 'report_gaps_measures_delete',
      sql: `AFTER DELETE ON person_measures BEGIN ${refresh('OLD.person_id')} END`,
    },
    { name: 'report_gaps_person_insert', sql: `AFTER INSERT ON persons BEGIN ${refresh('NEW.id')} END` },
    {
      name: 'report_gaps_person_update',
      sql: `AFTER UPDATE OF category, deleted_at, merged_into, cur_province, cur_commune ON persons BEGIN
        UPDATE report_gaps SET province_code = ${province('NEW')}, commune_code = ${commune('NEW')}
          WHERE person_id = NEW.id; END`,
    },
    {
      name: 'report_gaps_person_delete',
      sql: `AFTER DELETE ON persons BEGIN DELETE FROM report_gaps WHERE person_id = OLD.id; END`,
    },
  ];
}

export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  // d_to may be null only for a measure whose start is not a day (a write is never refused for it).
  await run(`CREATE TABLE report_gaps (person_id TEXT NOT NULL, kind TEXT NOT NULL, d_from TEXT NOT NULL, d_to TEXT,
    province_code TEXT, commune_code TEXT NOT NULL, PRIMARY KEY (person_id, kind, d_from)) WITHOUT ROWID`);
  await run(gapsStatement(null));
  for (const t of triggers()) await run(`CREATE TRIGGER ${t.name} ${t.sql}`);
  // Spans meeting a period: d_to ≥ its first day, d_from ≤ its last; gaps holding it: d_to ≥ its last day,
  // d_from ≤ its first. Covering.
  await run(`CREATE INDEX report_gaps_period ON report_gaps(province_code, kind, d_to, d_from, commune_code)
    WHERE province_code IS NOT NULL`);
}

export async function down(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  for (const t of triggers()) await run(`DROP TRIGGER ${t.name}`);
  await run(`DROP TABLE report_gaps`);
}
