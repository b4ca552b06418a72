import { sql, type RawBuilder } from 'kysely';
import type { ReportArea } from '../../shared/contract/reports';
import type { BreakdownLine, ReportPeriod } from '../../shared/domain/indicators';
import { communesOf } from '../../shared/places';
import type { Db } from '../platform/table-spec';

/**
 * The numerators and denominators of the indicators, over the records, for one area and period. Plain SQL
 * aggregates over the tables' place columns; nothing here returns a record, only counts. Each query takes the
 * area already checked against the caller's reach (report.area.ts).
 */
export interface Counted {
  numerator: number | null;
  denominator: number | null;
  breakdown?: BreakdownLine[];
}

/** A person is "on record" as a user or addict when the categories say so (see shared/domain/persons.ts). */
export const ON_RECORD = sql`p.category <> 'unclassified' AND p.deleted_at IS NULL AND p.merged_into IS NULL`;

export function personArea(a: ReportArea): RawBuilder<unknown> {
  return a.communeCode === null
    ? sql`p.cur_province = ${a.provinceCode}`
    : sql`p.cur_province = ${a.provinceCode} AND p.cur_commune = ${a.communeCode}`;
}

async function one(db: Db, q: RawBuilder<{ n: number }>): Promise<number> {
  const r = await q.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Persons on record in the area. */
export function onRecord(db: Db, a: ReportArea): Promise<number> {
  return one(db, sql<{ n: number }>`SELECT count(*) AS n FROM persons p WHERE ${personArea(a)} AND ${ON_RECORD}`);
}

/** Of them, those with a measure (management, rehab, methadone, post-rehab) running at some time in the period. */
export function reachedInPeriod(db: Db, a: ReportArea, p: ReportPeriod): Promise<number> {
  return one(
    db,
    sql<{ n: number }>`SELECT count(*) AS n FROM persons p WHERE ${personArea(a)} AND ${ON_RECORD} AND EXISTS (
      SELECT 1 FROM person_measures m WHERE m.person_id = p.id AND m.deleted_at IS NULL
        AND m.start_date <= ${p.to} AND (m.end_date IS NULL OR m.end_date >= ${p.from}))`,
  );
}

/**
 * Persons whose first positive test or addiction determination falls in the period, as a set of (pid, first):
 * the count and the drill-down read the same set. Read from the period's own tests and determinations (not every
 * one on file): a person with one in the period and none before it, `first` the earliest in the period.
 */
export function newAddictsSet(a: ReportArea, p: ReportPeriod): RawBuilder<{ pid: string; first: string }> {
  return sql<{ pid: string; first: string }>`SELECT e.pid AS pid, min(e.d) AS first FROM (
        SELECT t.person_id AS pid, t.date AS d FROM drug_tests t
          WHERE t.result = 'positive' AND t.deleted_at IS NULL AND t.date BETWEEN ${p.from} AND ${p.to}
        UNION ALL
        SELECT x.person_id, x.result_date FROM addiction_determinations x
          WHERE x.result = 'addicted' AND x.deleted_at IS NULL AND x.result_date BETWEEN ${p.from} AND ${p.to}
      ) e JOIN persons p ON p.id = e.pid
      WHERE ${personArea(a)} AND p.deleted_at IS NULL AND p.merged_into IS NULL
        AND NOT EXISTS (SELECT 1 FROM drug_tests t WHERE t.person_id = e.pid AND t.result = 'positive'
          AND t.deleted_at IS NULL AND t.date < ${p.from})
        AND NOT EXISTS (SELECT 1 FROM addiction_determinations x WHERE x.person_id = e.pid AND x.result = 'addicted'
          AND x.deleted_at IS NULL AND x.result_date < ${p.from})
      GROUP BY e.pid`;
}

/** Persons whose first positive test or addiction determination falls in the period. */
export function newAddicts(db: Db, a: ReportArea, p: ReportPeriod): Promise<number> {
  return one(db, sql<{ n: number }>`SELECT count(*) AS n FROM (${newAddictsSet(a, p)})`);
}

/** Communes of the area and how many are recognised drug-free in the year. */
export async function drugFreeCommunes(db: Db, a: ReportArea, year: number): Promise<Counted> {
  const all = a.communeCode === null ? communesOf(a.provinceCode).length : 1;
  const n = await one(
    db,
    sql<{ n: number }>`SELECT count(*) AS n FROM commune_statuses s WHERE s.province_code = ${a.provinceCode}
      ${a.communeCode === null ? sql`` : sql`AND s.commune_code = ${a.communeCode}`}
      AND s.year = ${year} AND s.drug_free = 1 AND s.deleted_at IS NULL`,
  );
  return { numerator: n, denominator: all };
}

/** Communes classed as key areas in the year, by type. */
export async function keyCommunes(db: Db, a: ReportArea, year: number): Promise<Counted> {
  const r = await sql<{ t: string; n: number }>`SELECT s.key_area_type AS t, count(*) AS n FROM commune_statuses s
      WHERE s.province_code = ${a.provinceCode}
      ${a.communeCode === null ? sql`` : sql`AND s.commune_code = ${a.communeCode}`}
      AND s.year = ${year} AND s.key_area_type IS NOT NULL AND s.deleted_at IS NULL
      GROUP BY s.key_area_type ORDER BY s.key_area_type`.execute(db);
  const breakdown = r.rows.map((x) => ({ key: x.t, value: Number(x.n) }));
  return { numerator: breakdown.reduce((s, x) => s + x.value, 0), denominator: null, breakdown };
}

/** Persons on record per commune, and those reached in the period: for the commune table. */
export async function perCommune(
  db: Db,
  provinceCode: string,
  p: ReportPeriod,
): Promise<Map<string, { onRecord: number; reached: number }>> {
  const r = await sql<{ c: string; n: number; reached: number }>`SELECT p.cur_commune AS c, count(*) AS n,
      sum(EXISTS (SELECT 1 FROM person_measures m WHERE m.person_id = p.id AND m.deleted_at IS NULL
        AND m.start_date <= ${p.to} AND (m.end_date IS NULL OR m.end_date >= ${p.from}))) AS reached
    FROM persons p WHERE p.cur_province = ${provinceCode} AND ${ON_RECORD} GROUP BY p.cur_commune`.execute(db);
  return new Map(r.rows.map((x) => [x.c, { onRecord: Number(x.n), reached: Number(x.reached) }]));
}

/** Persons on record grouped by category, sex and age on the period's last day (age bands are made from it). */
export async function personsByCategorySexAge(db: Db, a: ReportArea, day: string) {
  const r = await sql<{ category: string; sex: string; age: number; n: number }>`SELECT p.category AS category,
      p.sex AS sex,
      CAST(substr(${day}, 1, 4) AS INTEGER) - p.birth_year
        - (CASE WHEN length(p.birth_date) = 10 AND substr(p.birth_date, 6) > substr(${day}, 6) THEN 1 ELSE 0 END) AS age,
      count(*) AS n
    FROM persons p WHERE ${personArea(a)} AND ${ON_RECORD} GROUP BY 1, 2, 3`.execute(db);
  return r.rows.map((x) => ({ ...x, age: Number(x.age), n: Number(x.n) }));
}

/** Persons on record grouped by one identity column (ethnicity, education, occupation). */
export async function personsBy(db: Db, a: ReportArea, column: 'ethnicity' | 'education' | 'occupation') {
  const col = sql.ref(`p.${column}`);
  const r = await sql<{ k: string | null; n: number }>`SELECT ${col} AS k, count(*) AS n FROM persons p
    WHERE ${personArea(a)} AND ${ON_RECORD} GROUP BY 1`.execute(db);
  return r.rows.map((x) => ({ key: x.k ?? '', n: Number(x.n) }));
}

/** Persons on record by substance used (a person using two substances counts under each). */
export async function personsBySubstance(db: Db, a: ReportArea) {
  const r = await sql<{
    k: string;
    n: number;
  }>`SELECT j.value AS k, count(*) AS n FROM persons p, json_each(p.substances) j
    WHERE ${personArea(a)} AND ${ON_RECORD} GROUP BY 1`.execute(db);
  return r.rows.map((x) => ({ key: x.k, n: Number(x.n) }));
}

/** Cases detected in the period per offence article (each case once per article, whatever its clauses). */
export async function casesPerArticle(db: Db, a: ReportArea, p: ReportPeriod): Promise<Map<string, number>> {
  const r = await sql<{ article: string; n: number }>`SELECT json_extract(o.value, '$.article') AS article,
      count(DISTINCT c.id) AS n
    FROM drug_cases c, json_each(c.offences) o
    WHERE c.province_code = ${a.provinceCode} ${a.communeCode === null ? sql`` : sql`AND c.commune_code = ${a.communeCode}`}
      AND c.deleted_at IS NULL AND c.prosecuted_on BETWEEN ${p.from} AND ${p.to}
    GROUP BY 1`.execute(db);
  return new Map(r.rows.map((x) => [String(x.article), Number(x.n)]));
}

/** Whether a table exists yet (the investigations and rehab tables land in their own migrations). */
export async function tableExists(db: Db, name: string): Promise<boolean> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${name}`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}
