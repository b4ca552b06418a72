import { sql, type RawBuilder } from 'kysely';
import type { ReportArea } from '../../shared/contract/reports';
import { growth, rate, samePeriodYearBefore, type ReportPeriod } from '../../shared/domain/indicators';
import type { Db } from '../platform/table-spec';
import { tableExists } from './indicator.queries';
import { EVER, summed, total } from './report.counts';

/**
 * The indicators over the investigations records (tips, cases, seizures, hot spots: migration
 * 2026_12_03_1200_investigations) and the rehabilitation records (referrals, stays: 2026_12_03_1300). Read-only
 * aggregates over those tables' place columns, written here so the reports need no code of theirs; each answers
 * `null` while its table is not in the database (the indicator then says it has no source).
 */
export interface Raw {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  breakdown?: { key: string; measure?: string; value: number; numerator?: number; denominator?: number }[];
}
type Counter = (db: Db, a: ReportArea, p: ReportPeriod) => Promise<Raw | null>;

export const area = (alias: string, a: ReportArea): RawBuilder<unknown> => {
  const prov = sql.ref(`${alias}.province_code`);
  const com = sql.ref(`${alias}.commune_code`);
  return a.communeCode === null
    ? sql`${prov} = ${a.provinceCode}`
    : sql`${prov} = ${a.provinceCode} AND ${com} = ${a.communeCode}`;
};

async function count(db: Db, q: RawBuilder<{ n: number }>): Promise<number> {
  return Number((await q.execute(db)).rows[0]?.n ?? 0);
}

/** Cases prosecuted in the period (kept counts, migration 2026_12_03_1900_report_counts). */
const casesIn = (db: Db, a: ReportArea, p: ReportPeriod) => total(db, 'cases', a, p);

/**
 * Cases open at some time in the period or resolved in it (the denominator of cases resolved), and of them the
 * ones resolved in it (the numerator): prosecuted by the period's last day, and not resolved before its first.
 * `resolved_on` is the day the case first reached a final disposition (recommended, terminated or a later
 * stage), kept on the case from its state history (migration 2026_12_03_1810_report_facts), so no history is read.
 */
export const resolvableIn = (p: ReportPeriod, part: 'numerator' | 'denominator'): RawBuilder<unknown> =>
  part === 'numerator'
    ? sql`c.prosecuted_on <= ${p.to} AND c.resolved_on BETWEEN ${p.from} AND ${p.to}`
    : sql`c.prosecuted_on <= ${p.to} AND (c.resolved_on IS NULL OR c.resolved_on >= ${p.from})`;

/** The channels the plans count (air, express delivery, sea, inland waterway). */
export const PLAN_CHANNELS = ['air', 'express', 'sea', 'inland_waterway'] as const;

export const SOURCE_COUNTERS: Record<string, { table: string; count: Counter }> = {
  casesDetected: {
    table: 'drug_cases',
    async count(db, a, p) {
      const n = await casesIn(db, a, p);
      return { value: n, numerator: n, denominator: null };
    },
  },
  casesDetectedGrowth: {
    table: 'drug_cases',
    async count(db, a, p) {
      const [n, prev] = await Promise.all([casesIn(db, a, p), casesIn(db, a, samePeriodYearBefore(p))]);
      return { value: growth(n, prev), numerator: n, denominator: prev };
    },
  },
  casesResolvedRate: {
    table: 'drug_cases',
    async count(db, a, p) {
      // From the kept counts: every case prosecuted by the period's last day, less those resolved before its
      // first; resolved in it. A case resolved on or after the day it was prosecuted is counted by its resolution
      // day alone (resolved before `from` means prosecuted before `to`); the few resolved before the day they were
      // prosecuted (a history entered so) are counted from the records, through their own small index.
      const [prosecuted, resolvedEver, resolvedFrom, resolvedIn, early] = await Promise.all([
        total(db, 'cases', a, { from: EVER.from, to: p.to }),
        total(db, 'resolved', a, EVER),
        total(db, 'resolved', a, { from: p.from, to: EVER.to }),
        total(db, 'resolved', a, p),
        sql<{ before: number; inside: number }>`SELECT coalesce(sum(c.resolved_on < ${p.from}), 0) AS before,
            coalesce(sum(c.resolved_on BETWEEN ${p.from} AND ${p.to}), 0) AS inside
          FROM drug_cases c INDEXED BY drug_cases_report_early WHERE ${area('c', a)} AND c.deleted_at IS NULL
            AND c.resolved_on < c.prosecuted_on AND c.prosecuted_on <= ${p.to}`.execute(db),
      ]);
      const e = early.rows[0] ?? { before: 0, inside: 0 };
      const d = prosecuted - (resolvedEver - resolvedFrom) - Number(e.before);
      const n = resolvedIn + Number(e.inside);
      return { value: rate(n, d), numerator: n, denominator: d };
    },
  },
  tipsVerifiedRateByChannel: {
    table: 'tips',
    async count(db, a, p) {
      // Kept counts per channel and whether verified (key `channel|1` or `channel|0`).
      const by = new Map<string, { d: number; n: number }>();
      for (const x of await summed(db, 'tips', a, p, { key: true })) {
        const [channel = '', verified] = x.key.split('|');
        const c = by.get(channel) ?? by.set(channel, { d: 0, n: 0 }).get(channel)!;
        c.d += x.n;
        if (verified === '1') c.n += x.n;
      }
      const breakdown = PLAN_CHANNELS.map((c) => {
        const x = by.get(c) ?? { d: 0, n: 0 };
        return { key: c, value: rate(x.n, x.d) ?? 0, numerator: x.n, denominator: x.d };
      });
      const n = breakdown.reduce((s, b) => s + b.numerator, 0);
      const d = breakdown.reduce((s, b) => s + b.denominator, 0);
      return { value: rate(n, d), numerator: n, denominator: d, breakdown };
    },
  },
  hotSpotsEliminatedRate: {
    table: 'hotspots',
    async count(db, a, p) {
      const r = await sql<{ d: number; n: number }>`SELECT count(*) AS d,
          coalesce(sum(h.eliminated_on BETWEEN ${p.from} AND ${p.to}), 0) AS n
        FROM hotspots h WHERE ${area('h', a)} AND h.deleted_at IS NULL AND h.discovered_on <= ${p.to}
          AND (h.eliminated_on IS NULL OR h.eliminated_on >= ${p.from})`.execute(db);
      const d = Number(r.rows[0]?.d ?? 0);
      const n = Number(r.rows[0]?.n ?? 0);
      return { value: rate(n, d), numerator: n, denominator: d };
    },
  },
  hotSpotsReformed: {
    table: 'hotspots',
    async count(db, a, p) {
      const n = await count(
        db,
        sql<{ n: number }>`SELECT count(*) AS n FROM hotspots h WHERE ${area('h', a)} AND h.deleted_at IS NULL
          AND h.reformed_on BETWEEN ${p.from} AND ${p.to}`,
      );
      return { value: n, numerator: n, denominator: null };
    },
  },
  seizuresBySubstance: {
    table: 'seizures',
    async count(db, a, p) {
      // Added per (substance, measuring unit) only: grams and kilograms of heroin stay two lines (kept sums).
      const r = (await summed(db, 'seized', a, p, { key: true }))
        .filter((x) => x.n !== 0)
        .map((x) => {
          const cut = x.key.lastIndexOf('|');
          return { substance: x.key.slice(0, cut), unit: x.key.slice(cut + 1), total: x.q };
        })
        .sort((x, y) =>
          x.substance === y.substance ? (x.unit < y.unit ? -1 : 1) : x.substance < y.substance ? -1 : 1,
        );
      const breakdown = r.map((x) => ({
        key: x.substance,
        measure: x.unit,
        value: Math.round(x.total * 1000) / 1000,
      }));
      return { value: null, numerator: null, denominator: null, breakdown };
    },
  },
  referralsByState: {
    table: 'rehab_referrals',
    async count(db, a, p) {
      const breakdown = (await summed(db, 'referrals', a, p, { key: true }))
        .filter((x) => x.n !== 0)
        .sort((x, y) => (x.key < y.key ? -1 : 1))
        .map((x) => ({ key: x.key, value: x.n }));
      const n = breakdown.reduce((s, b) => s + b.value, 0);
      return { value: n, numerator: n, denominator: null, breakdown };
    },
  },
  abscondingCount: {
    table: 'rehab_stays',
    async count(db, a, p) {
      const n = await total(db, 'absconded', a, p);
      return { value: n, numerator: n, denominator: null };
    },
  },
};

/** The counter of an indicator over another module's table, or null while that table does not exist. */
export async function sourceCounter(db: Db, id: string): Promise<Counter | null> {
  const s = SOURCE_COUNTERS[id];
  if (!s) return null;
  return (await tableExists(db, s.table)) ? s.count : null;
}

/** Cases detected in the period by offence article and clause (a case charged under two articles counts under each). */
export async function casesByArticle(
  db: Db,
  a: ReportArea,
  p: ReportPeriod,
): Promise<{ article: string; clause: number | null; n: number }[] | null> {
  if (!(await tableExists(db, 'drug_cases'))) return null;
  // Kept counts per `article|clause` (a case once per article and clause).
  return (await summed(db, 'artc', a, p, { key: true }))
    .filter((x) => x.n !== 0)
    .map((x) => {
      const [article = '', clause = ''] = x.key.split('|');
      return { article, clause: clause === '' ? null : Number(clause), n: x.n };
    })
    .sort((x, y) => (x.article === y.article ? (x.clause ?? -1) - (y.clause ?? -1) : x.article < y.article ? -1 : 1));
}

/**
 * Per commune of a province, the records behind the Decision 28/2025 criteria for a year: hot spots of use or
 * harbouring active in the year, suspects arrested in the year on the commune's cases, cultivation cases
 * (Art. 247). Each map is null while its table is missing or when the caller may not read those records.
 */
export async function keyAreaFigures(
  db: Db,
  provinceCode: string,
  year: number,
  visible: { tips: boolean; cases: boolean },
): Promise<{
  hotSpots: Map<string, number> | null;
  arrests: Map<string, number> | null;
  cultivation: Map<string, number> | null;
}> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const toMap = (rows: { c: string; n: number }[]) => new Map(rows.map((r) => [r.c, Number(r.n)]));
  const hotSpots =
    visible.tips && (await tableExists(db, 'hotspots'))
      ? toMap(
          (
            await sql<{ c: string; n: number }>`SELECT h.commune_code AS c, count(*) AS n FROM hotspots h
              WHERE h.province_code = ${provinceCode} AND h.deleted_at IS NULL AND h.discovered_on <= ${to}
                AND (h.eliminated_on IS NULL OR h.eliminated_on >= ${from})
                AND EXISTS (SELECT 1 FROM json_each(h.activities) a WHERE a.value IN ('use', 'harbouring'))
              GROUP BY h.commune_code`.execute(db)
          ).rows,
        )
      : null;
  const cases = visible.cases && (await tableExists(db, 'drug_cases'));
  const perCommune = async (metric: string, key: string | null) => {
    const rows = await summed(
      db,
      metric,
      { provinceCode, communeCode: null },
      { from, to },
      {
        commune: true,
        key: key !== null,
      },
    );
    return toMap(rows.filter((r) => key === null || r.key === key).map((r) => ({ c: r.commune, n: r.n })));
  };
  // Suspects arrested in the year on the commune's cases, and its cultivation cases (Art. 247): kept counts.
  const arrests = cases ? await perCommune('arrests', null) : null;
  const cultivation = cases ? await perCommune('art', '247') : null;
  return { hotSpots, arrests, cultivation };
}
