import { sql, type RawBuilder } from 'kysely';
import type { ReportArea } from '../../shared/contract/reports';
import { communesOf } from '../../shared/places';
import type { Db } from '../platform/table-spec';

/**
 * Sums over the counts kept on write (migration 2026_12_03_1900_report_counts): a period is the months it covers
 * whole plus the days of the months it covers in part, so a year is ≤ 12 month rows per place. The figures are the
 * same as counting the records (test/db/report-counts.test.ts compares them after every kind of write).
 */

/** The first and last days a date range can name (an open end of a range). */
export const EVER = { from: '0000-01-01', to: '9999-12-31' } as const;

const nextMonth = (m: string) => {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${m.slice(0, 4)}-${String(mo + 1).padStart(2, '0')}`;
};
const prevMonth = (m: string) => {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 1 ? `${String(y - 1).padStart(4, '0')}-12` : `${m.slice(0, 4)}-${String(mo - 1).padStart(2, '0')}`;
};

/**
 * The rows of [from, to] (ISO days, compared as text like the records' own BETWEEN): the months M lying whole inside
 * (from ≤ M-01 and M-31 ≤ to, so a month ending on its 30th is whole only when `to` passes its 31st: its days are
 * read instead, and a record's day is counted exactly when it lies in the range), and the day rows around them.
 * Each is one range of the table's key, read apart (an OR of them is read as one scan of the place's rows).
 */
export function rangeRows(from: string, to: string): RawBuilder<unknown>[] {
  if (from > to) return [];
  const fm = from.slice(0, 7);
  const tm = to.slice(0, 7);
  const am = from <= `${fm}-01` ? fm : nextMonth(fm);
  const bm = to >= `${tm}-31` ? tm : prevMonth(tm);
  if (am > bm) return [sql`grain = 'd' AND bucket BETWEEN ${from} AND ${to}`];
  return [
    sql`grain = 'm' AND bucket BETWEEN ${am} AND ${bm}`,
    sql`grain = 'd' AND bucket >= ${from} AND bucket < ${`${am}-01`}`,
    sql`grain = 'd' AND bucket > ${`${bm}-31`} AND bucket <= ${to}`,
  ];
}

/** The place rows: the whole province (`*`), one commune, or (per commune) each commune of the province. */
function placeRows(a: ReportArea, perCommune: boolean): RawBuilder<unknown> {
  if (perCommune) {
    const codes = communesOf(a.provinceCode).map((c) => c.code);
    return sql`province_code = ${a.provinceCode} AND commune_code IN (${sql.join(codes.length ? codes : [''])})`;
  }
  return sql`province_code = ${a.provinceCode} AND commune_code = ${a.communeCode ?? '*'}`;
}

export interface Summed {
  key: string;
  commune: string;
  n: number;
  q: number;
}

/**
 * A metric's sum over a date range (dated metrics) or over its undated rows (`range` null; `bucket` picks one
 * bucket, such as a birth year), per key and/or commune when asked.
 */
export async function summed(
  db: Db,
  metric: string,
  a: ReportArea,
  range: { from: string; to: string } | null,
  by: { key?: boolean; commune?: boolean; bucket?: string } = {},
): Promise<Summed[]> {
  const when =
    range === null
      ? [sql`grain = '' ${by.bucket === undefined ? sql`` : sql`AND bucket = ${by.bucket}`}`]
      : rangeRows(range.from, range.to);
  if (!when.length) return [];
  const key = by.key ? sql`key` : sql`''`;
  const commune = by.commune ? sql`commune_code` : sql`''`;
  const parts = when.map(
    (w) => sql`SELECT ${key} AS key, ${commune} AS commune, n, q FROM report_counts
      WHERE metric = ${metric} AND ${placeRows(a, by.commune === true)} AND ${w}`,
  );
  const r = await sql<{ key: string; commune: string; n: number; q: number }>`SELECT key, commune,
      coalesce(sum(n), 0) AS n, coalesce(sum(q), 0) AS q
    FROM (${sql.join(parts, sql` UNION ALL `)}) GROUP BY 1, 2`.execute(db);
  return r.rows.map((x) => ({ key: x.key, commune: x.commune, n: Number(x.n), q: Number(x.q) }));
}

/** A metric's total over a range (or its undated rows). */
export async function total(
  db: Db,
  metric: string,
  a: ReportArea,
  range: { from: string; to: string } | null,
): Promise<number> {
  return (await summed(db, metric, a, range)).reduce((s, x) => s + x.n, 0);
}

/** A metric's undated rows per bucket and key (the persons' birth years, with category and sex). */
export async function buckets(
  db: Db,
  metric: string,
  a: ReportArea,
  only?: string[],
): Promise<{ bucket: string; key: string; n: number }[]> {
  const r = await sql<{ bucket: string; key: string; n: number }>`SELECT bucket, key, sum(n) AS n FROM report_counts
    WHERE metric = ${metric} AND ${placeRows(a, false)} AND grain = ''
      ${only ? sql`AND bucket IN (${sql.join(only.length ? only : [''])})` : sql``}
    GROUP BY 1, 2 HAVING sum(n) <> 0`.execute(db);
  return r.rows.map((x) => ({ bucket: x.bucket, key: x.key, n: Number(x.n) }));
}
