import { sql, type RawBuilder } from 'kysely';
import type { ReportArea } from '../../shared/contract/reports';
import { ageBand, type BreakdownLine, type ReportPeriod } from '../../shared/domain/indicators';
import { communesOf } from '../../shared/places';
import type { Db } from '../platform/table-spec';
import { buckets, EVER, summed, total } from './report.counts';

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

/** A measure of the person (management, rehab, methadone, post-rehab) running at some time in the period. */
const measureInPeriod = (p: ReportPeriod) => sql`EXISTS (SELECT 1 FROM person_measures m WHERE m.person_id = p.id
  AND m.deleted_at IS NULL AND m.start_date <= ${p.to} AND (m.end_date IS NULL OR m.end_date >= ${p.from}))`;

/**
 * Reached in the period, from the facts kept on the person (migration 2026_12_03_1810_report_facts): a person
 * whose measures leave no uncovered day between the first's start and the last's end is reached exactly when
 * the period meets that span; the few with a gap are tested against their measures. The drill-down lists the set
 * with this condition; the count reads the same set from the kept spans and gaps (onRecordAndReached).
 */
export const REACHED = (p: ReportPeriod) => sql`(CASE WHEN p.reach_gapped = 0
  THEN p.reach_to >= ${p.from} AND p.reach_from <= ${p.to} ELSE ${measureInPeriod(p)} END)`;

/**
 * Persons on record in the area (`onRecord`) and those reached in the period, per commune when `byCommune`, from
 * the counts kept on write (migration 2026_12_03_1900_report_counts). A person whose measures leave no gap is
 * reached exactly when the period meets their span [reach_from, reach_to]: of the R such persons, those whose span
 * ends on or after the period's first day plus those whose span starts on or before its last day, less R (each
 * span does one or both, and both exactly when it meets the period). The few whose measures leave a gap are counted
 * from their spans and gaps (migration 2026_12_04_0000_report_gaps).
 */
async function onRecordAndReached(
  db: Db,
  a: ReportArea,
  p: ReportPeriod,
  byCommune: boolean,
): Promise<Map<string, { onRecord: number; reached: number }>> {
  const by = { commune: byCommune };
  const [onRecord, spans, endsFrom, startsBy] = await Promise.all([
    summed(db, 'onrec', a, null, by),
    summed(db, 'reach', a, null, by),
    summed(db, 'reach_to', a, { from: p.from, to: EVER.to }, by),
    summed(db, 'reach_from', a, { from: EVER.from, to: p.to }, by),
  ]);
  const out = new Map<string, { onRecord: number; reached: number }>();
  const at = (c: string) => out.get(c) ?? out.set(c, { onRecord: 0, reached: 0 }).get(c)!;
  for (const r of onRecord) at(r.commune).onRecord += r.n;
  for (const r of endsFrom) at(r.commune).reached += r.n;
  for (const r of startsBy) at(r.commune).reached += r.n;
  for (const r of spans) at(r.commune).reached -= r.n;
  // The persons with a gap (migration 2026_12_04_0000_report_gaps): those whose span meets the period, less those
  // with a gap holding the whole period (at most one per person): two ranges of one covering index.
  const commune = byCommune ? sql`g.commune_code` : sql`''`;
  const inCommune = a.communeCode === null ? sql`` : sql`AND g.commune_code = ${a.communeCode}`;
  const gapped = await sql<{ c: string; n: number }>`SELECT c, sum(n) AS n FROM (
      SELECT ${commune} AS c, 1 AS n FROM report_gaps g WHERE g.province_code = ${a.provinceCode} AND g.kind = 's'
        AND g.d_to >= ${p.from} AND g.d_from <= ${p.to} ${inCommune}
      UNION ALL
      SELECT ${commune}, -1 FROM report_gaps g WHERE g.province_code = ${a.provinceCode} AND g.kind = 'g'
        AND g.d_to >= ${p.to} AND g.d_from <= ${p.from} ${inCommune})
    GROUP BY 1`.execute(db);
  for (const r of gapped.rows) at(r.c ?? '').reached += Number(r.n);
  return out;
}

/** Persons on record in the area and, of them, those with a measure running at some time in the period. */
export async function managedReached(
  db: Db,
  a: ReportArea,
  p: ReportPeriod,
): Promise<{ onRecord: number; reached: number }> {
  return (await onRecordAndReached(db, a, p, false)).get('') ?? { onRecord: 0, reached: 0 };
}

/**
 * Persons whose first positive test or addiction determination falls in the period, as a set of (pid, first):
 * the count and the drill-down read the same set. The first is kept on the person (`first_positive_on`), so the
 * period is a range of one index (persons_report_first).
 */
export function newAddictsSet(a: ReportArea, p: ReportPeriod): RawBuilder<{ pid: string; first: string }> {
  return sql<{ pid: string; first: string }>`SELECT p.id AS pid, p.first_positive_on AS first FROM persons p
    WHERE ${personArea(a)} AND p.first_positive_on IS NOT NULL AND p.first_positive_on BETWEEN ${p.from} AND ${p.to}
      AND p.deleted_at IS NULL AND p.merged_into IS NULL`;
}

/** Persons whose first positive test or addiction determination falls in the period (kept counts). */
export function newAddicts(db: Db, a: ReportArea, p: ReportPeriod): Promise<number> {
  return total(db, 'first', a, p);
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
export function perCommune(
  db: Db,
  provinceCode: string,
  p: ReportPeriod,
): Promise<Map<string, { onRecord: number; reached: number }>> {
  return onRecordAndReached(db, { provinceCode, communeCode: null }, p, true);
}

/**
 * Persons on record grouped by category, sex and age on the period's last day (age bands are made from it). For a
 * province, from the kept counts per birth year: a birth year whose two possible ages on the day (before and after
 * the birthday) fall in one band is read as a whole, and only the few years at a band's edge per birthday.
 */
export async function personsByCategorySexAge(db: Db, a: ReportArea, day: string) {
  if (a.communeCode === null) return personsByCategorySexAgeKept(db, a, day);
  const r = await sql<{ category: string; sex: string; age: number; n: number }>`SELECT p.category AS category,
      p.sex AS sex,
      CAST(substr(${day}, 1, 4) AS INTEGER) - p.birth_year
        - (CASE WHEN length(p.birth_date) = 10 AND substr(p.birth_date, 6) > substr(${day}, 6) THEN 1 ELSE 0 END) AS age,
      count(*) AS n
    FROM persons p WHERE ${personArea(a)} AND ${ON_RECORD} GROUP BY 1, 2, 3`.execute(db);
  return r.rows.map((x) => ({ ...x, age: Number(x.age), n: Number(x.n) }));
}

async function personsByCategorySexAgeKept(db: Db, a: ReportArea, day: string) {
  const y = Number(day.slice(0, 4));
  const md = day.slice(5);
  // A person with no birth year has no age (counted as 0, as the query over the records gives it).
  const ageOf = (bucket: string, late: boolean) => (bucket === '' ? 0 : y - Number(bucket) - (late ? 1 : 0));
  const years = await buckets(db, 'agey', a);
  const edge = [...new Set(years.map((r) => r.bucket))].filter(
    (b) => b !== '' && ageBand(ageOf(b, false)) !== ageBand(ageOf(b, true)),
  );
  const out: { category: string; sex: string; age: number; n: number }[] = [];
  for (const r of years) {
    if (edge.includes(r.bucket)) continue;
    const [category = '', sex = ''] = r.key.split('|');
    out.push({ category, sex, age: ageOf(r.bucket, false), n: r.n });
  }
  for (const r of await buckets(db, 'aged', a, edge)) {
    const [category = '', sex = '', birthday = ''] = r.key.split('|');
    out.push({ category, sex, age: ageOf(r.bucket, birthday !== '' && birthday > md), n: r.n });
  }
  return out;
}

const KEPT_COLUMN = { ethnicity: 'eth', education: 'edu', occupation: 'occ' } as const;

/** Persons on record grouped by one identity column (ethnicity, education, occupation). */
export async function personsBy(db: Db, a: ReportArea, column: 'ethnicity' | 'education' | 'occupation') {
  if (a.communeCode === null)
    return (await summed(db, KEPT_COLUMN[column], a, null, { key: true }))
      .filter((x) => x.n !== 0)
      .map((x) => ({ key: x.key, n: x.n }));
  const col = sql.ref(`p.${column}`);
  const r = await sql<{ k: string | null; n: number }>`SELECT ${col} AS k, count(*) AS n FROM persons p
    WHERE ${personArea(a)} AND ${ON_RECORD} GROUP BY 1`.execute(db);
  return r.rows.map((x) => ({ key: x.k ?? '', n: Number(x.n) }));
}

/** Persons on record by substance used (a person using two substances counts under each). */
export async function personsBySubstance(db: Db, a: ReportArea) {
  if (a.communeCode === null)
    return (await summed(db, 'sub', a, null, { key: true }))
      .filter((x) => x.n !== 0)
      .map((x) => ({ key: x.key, n: x.n }));
  const r = await sql<{
    k: string;
    n: number;
  }>`SELECT j.value AS k, count(*) AS n FROM persons p, json_each(p.substances) j
    WHERE ${personArea(a)} AND ${ON_RECORD} GROUP BY 1`.execute(db);
  return r.rows.map((x) => ({ key: x.k, n: Number(x.n) }));
}

/** Cases detected in the period per offence article (each case once per article, whatever its clauses). */
export async function casesPerArticle(db: Db, a: ReportArea, p: ReportPeriod): Promise<Map<string, number>> {
  const r = await summed(db, 'art', a, p, { key: true });
  return new Map(r.filter((x) => x.n !== 0).map((x) => [x.key, x.n]));
}

/** Whether a table exists yet (the investigations and rehab tables land in their own migrations). */
export async function tableExists(db: Db, name: string): Promise<boolean> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${name}`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}
