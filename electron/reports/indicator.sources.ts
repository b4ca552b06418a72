import { sql, type RawBuilder } from 'kysely';
import type { ReportArea } from '../../shared/contract/reports';
import { growth, rate, samePeriodYearBefore, type ReportPeriod } from '../../shared/domain/indicators';
import type { Db } from '../platform/table-spec';
import { tableExists } from './indicator.queries';

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

const casesIn = (db: Db, a: ReportArea, p: ReportPeriod) =>
  count(
    db,
    sql<{ n: number }>`SELECT count(*) AS n FROM drug_cases c WHERE ${area('c', a)} AND c.deleted_at IS NULL
      AND c.prosecuted_on BETWEEN ${p.from} AND ${p.to}`,
  );

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
      // Two ranges of drug_cases_report_resolved: the open cases (null first), then those resolved from `from`.
      const open = await count(
        db,
        sql<{ n: number }>`SELECT count(*) AS n FROM drug_cases c WHERE ${area('c', a)} AND c.deleted_at IS NULL
          AND c.resolved_on IS NULL AND c.prosecuted_on <= ${p.to}`,
      );
      const r = await sql<{
        d: number;
        n: number;
      }>`SELECT count(*) AS d, coalesce(sum(c.resolved_on <= ${p.to}), 0) AS n
        FROM drug_cases c WHERE ${area('c', a)} AND c.deleted_at IS NULL AND c.resolved_on >= ${p.from}
          AND c.prosecuted_on <= ${p.to}`.execute(db);
      const d = open + Number(r.rows[0]?.d ?? 0);
      const n = Number(r.rows[0]?.n ?? 0);
      return { value: rate(n, d), numerator: n, denominator: d };
    },
  },
  tipsVerifiedRateByChannel: {
    table: 'tips',
    async count(db, a, p) {
      const r = await sql<{ channel: string; d: number; n: number }>`SELECT t.channel AS channel, count(*) AS d,
          sum(t.state IN ('prosecuted', 'not_prosecuted', 'transferred')) AS n
        FROM tips t WHERE ${area('t', a)} AND t.deleted_at IS NULL AND t.received_on BETWEEN ${p.from} AND ${p.to}
          AND t.channel IN (${sql.join(PLAN_CHANNELS.map((c) => sql`${c}`))})
        GROUP BY t.channel`.execute(db);
      const by = new Map(r.rows.map((x) => [x.channel, { d: Number(x.d), n: Number(x.n) }]));
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
      // Added per (substance, measuring unit) only: grams and kilograms of heroin stay two lines.
      const r = await sql<{ substance: string; unit: string; total: number }>`SELECT s.substance AS substance,
          s.unit AS unit, sum(CAST(s.quantity AS REAL)) AS total
        FROM seizures s WHERE ${area('s', a)} AND s.deleted_at IS NULL AND s.seized_on BETWEEN ${p.from} AND ${p.to}
          AND s.substance IS NOT NULL AND s.quantity IS NOT NULL AND s.unit IS NOT NULL
        GROUP BY s.substance, s.unit ORDER BY s.substance, s.unit`.execute(db);
      const breakdown = r.rows.map((x) => ({
        key: x.substance,
        measure: x.unit,
        value: Math.round(Number(x.total) * 1000) / 1000,
      }));
      return { value: null, numerator: null, denominator: null, breakdown };
    },
  },
  referralsByState: {
    table: 'rehab_referrals',
    async count(db, a, p) {
      const r = await sql<{ state: string; n: number }>`SELECT r.state AS state, count(*) AS n FROM rehab_referrals r
        WHERE ${area('r', a)} AND r.deleted_at IS NULL AND r.discovered_on BETWEEN ${p.from} AND ${p.to}
        GROUP BY r.state ORDER BY r.state`.execute(db);
      const breakdown = r.rows.map((x) => ({ key: x.state, value: Number(x.n) }));
      const n = breakdown.reduce((s, b) => s + b.value, 0);
      return { value: n, numerator: n, denominator: null, breakdown };
    },
  },
  abscondingCount: {
    table: 'rehab_stays',
    async count(db, a, p) {
      const n = await count(
        db,
        sql<{ n: number }>`SELECT count(*) AS n FROM rehab_stays s, json_each(s.incidents) i
          WHERE ${area('s', a)} AND s.deleted_at IS NULL AND json_extract(i.value, '$.kind') = 'absconded'
            AND json_extract(i.value, '$.on') BETWEEN ${p.from} AND ${p.to}`,
      );
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
  const r = await sql<{ article: string; clause: number | null; n: number }>`SELECT
      json_extract(o.value, '$.article') AS article, json_extract(o.value, '$.clause') AS clause,
      count(DISTINCT c.id) AS n
    FROM drug_cases c, json_each(c.offences) o
    WHERE ${area('c', a)} AND c.deleted_at IS NULL AND c.prosecuted_on BETWEEN ${p.from} AND ${p.to}
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return r.rows.map((x) => ({
    article: String(x.article),
    clause: x.clause === null ? null : Number(x.clause),
    n: Number(x.n),
  }));
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
  const arrests = cases
    ? toMap(
        (
          await sql<{ c: string; n: number }>`SELECT c.commune_code AS c, count(*) AS n
            FROM case_suspects s JOIN drug_cases c ON c.id = s.case_id
            WHERE c.province_code = ${provinceCode} AND c.deleted_at IS NULL AND s.deleted_at IS NULL
              AND s.arrested_on BETWEEN ${from} AND ${to} AND c.commune_code IS NOT NULL
            GROUP BY c.commune_code`.execute(db)
        ).rows,
      )
    : null;
  const cultivation = cases
    ? toMap(
        (
          await sql<{ c: string; n: number }>`SELECT c.commune_code AS c, count(*) AS n FROM drug_cases c
            WHERE c.province_code = ${provinceCode} AND c.deleted_at IS NULL AND c.commune_code IS NOT NULL
              AND c.prosecuted_on BETWEEN ${from} AND ${to}
              AND EXISTS (SELECT 1 FROM json_each(c.offences) o WHERE json_extract(o.value, '$.article') = '247')
            GROUP BY c.commune_code`.execute(db)
        ).rows,
      )
    : null;
  return { hotSpots, arrests, cultivation };
}
