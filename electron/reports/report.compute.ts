import type { CommuneRow, IndicatorResult, KpiReport, ReportArea, StatTable } from '../../shared/contract/reports';
import { educationLevelLabels, ethnicity, occupationLabels } from '../../shared/domain/ethnicities';
import {
  AGE_BANDS,
  ageBand,
  delta,
  growth,
  INDICATORS,
  meets,
  periodYear,
  rate,
  round1,
  samePeriodYearBefore,
  targetFor,
  type IndicatorDef,
  type IndicatorSource,
  type ReportPeriod,
} from '../../shared/domain/indicators';
import { PERSON_CATEGORY_LIST, type PersonCategory } from '../../shared/domain/persons';
import { personLabels } from '../../shared/i18n/person-labels';
import { communesOf } from '../../shared/places';
import { compareVietnamese } from '../../shared/text/fold';
import type { RecordFamily } from '../platform/scope';
import type { Db } from '../platform/table-spec';
import { statusesOf, statusView } from './commune-status.service';
import * as Q from './indicator.queries';
import { casesByArticle, keyAreaFigures, sourceCounter } from './indicator.sources';
import { articleLabel, breakdownLabel, measureLabel } from '../../shared/i18n/report-labels';
import { ARTICLE_LIST } from '../../shared/domain/investigations/offences';
import { planForYear } from './plan.service';
import { areaName } from './report.area';
import { figureStore, type FigureStore } from './report.cache';

/** Which record family's reading permission an indicator's source needs (fail-closed: no view, no figure). */
const SOURCE_FAMILY: Record<IndicatorSource, RecordFamily> = {
  persons: 'persons',
  communeStatus: 'reference',
  cases: 'cases',
  tips: 'tips',
  hotSpots: 'tips',
  seizures: 'cases',
  referrals: 'rehab',
};

export function sourceFamily(source: IndicatorSource): RecordFamily {
  return SOURCE_FAMILY[source];
}

/** What the caller may see per family: from the router's scopes. */
export type Visible = (family: RecordFamily) => boolean;

interface Raw {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  breakdown?: IndicatorResult['breakdown'];
}

/**
 * The counters of each indicator. An indicator whose records have no table in this build has no counter and
 * reports `no_source` (investigations and rehab indicators until their tables land).
 */
type Counter = (db: Db, a: ReportArea, p: ReportPeriod) => Promise<Raw>;
const COUNTERS: Partial<Record<string, Counter>> = {
  async managedReachedRate(db, a, p) {
    const { onRecord: d, reached: n } = await Q.managedReached(db, a, p);
    return { numerator: n, denominator: d, value: rate(n, d) };
  },
  async newAddicts(db, a, p) {
    const n = await Q.newAddicts(db, a, p);
    return { numerator: n, denominator: null, value: n };
  },
  async newAddictsGrowth(db, a, p) {
    const [n, prev] = await Promise.all([Q.newAddicts(db, a, p), Q.newAddicts(db, a, samePeriodYearBefore(p))]);
    return { numerator: n, denominator: prev, value: growth(n, prev) };
  },
  async drugFreeCommuneRate(db, a, p) {
    const c = await Q.drugFreeCommunes(db, a, periodYear(p));
    return { ...c, value: rate(c.numerator!, c.denominator!) };
  },
  async keyCommunesUnderTreatment(db, a, p) {
    const c = await Q.keyCommunes(db, a, periodYear(p));
    return { ...c, value: c.numerator };
  },
};

/** Lets another module's counters be added (the investigations and rehab indicators, as their tables land). */
export function registerCounter(id: string, counter: Counter): void {
  COUNTERS[id] = counter;
}

/**
 * One indicator's figure for an area and period. The caller's families are checked first; the figure itself
 * depends only on the records, so it is kept (report.cache.ts) while the change log's head stays the same.
 */
export async function computeOne(
  db: Db,
  def: IndicatorDef,
  a: ReportArea,
  p: ReportPeriod,
  visible: Visible,
  store: FigureStore | null = null,
): Promise<Raw & { status: IndicatorResult['status'] }> {
  if (!visible(SOURCE_FAMILY[def.source]))
    return { status: 'not_visible', value: null, numerator: null, denominator: null };
  const key = `${def.id}|${a.provinceCode}|${a.communeCode ?? ''}|${p.from}|${p.to}`;
  const hit = store?.get<Raw & { status: IndicatorResult['status'] }>(key);
  if (hit) return hit;
  const r = await countOne(db, def, a, p);
  store?.set(key, r);
  return r;
}

async function countOne(
  db: Db,
  def: IndicatorDef,
  a: ReportArea,
  p: ReportPeriod,
): Promise<Raw & { status: IndicatorResult['status'] }> {
  const own = COUNTERS[def.id];
  if (own) return { status: 'ok', ...(await own(db, a, p)) };
  const other = await sourceCounter(db, def.id);
  const r = other ? await other(db, a, p) : null;
  if (!r) return { status: 'no_source', value: null, numerator: null, denominator: null };
  return { status: 'ok', ...r };
}

function trendLabel(p: ReportPeriod): string {
  const y = p.to.slice(0, 4);
  return p.from.slice(0, 4) === y && p.from.endsWith('-01-01') && p.to.endsWith('-12-31') ? y : `${p.from.slice(0, 4)}`;
}

export async function computeKpi(
  db: Db,
  area: ReportArea,
  period: ReportPeriod,
  visible: Visible,
  /**
   * `cache`: the database's id (its workstation id) to keep figures under while its change log's head stays
   * the same (report.cache.ts); without it every figure is counted again.
   */
  opts: { planId?: string; trendYears?: number; cache?: string } = {},
): Promise<KpiReport> {
  const year = periodYear(period);
  const plan = await planForYear(db, area.provinceCode, year, opts.planId);
  const store = opts.cache ? await figureStore(db, opts.cache) : null;
  const indicators: IndicatorResult[] = [];
  for (const def of INDICATORS) {
    const r = await computeOne(db, def, area, period, visible, store);
    const target = plan ? targetFor(plan.targets, def.id, year) : null;
    const result: IndicatorResult = {
      id: def.id,
      label: def.label,
      unit: def.unit,
      direction: def.direction,
      source: def.source,
      status: r.status,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      target,
      delta: def.unit === 'breakdown' ? null : delta(r.value, target),
      meets: meets(def.direction, r.value, target),
      ...(r.breakdown ? { breakdown: r.breakdown } : {}),
    };
    if (opts.trendYears && r.status === 'ok' && def.unit !== 'breakdown') {
      const trend: { label: string; value: number | null }[] = [];
      let q = period;
      for (let i = 0; i < opts.trendYears; i++) {
        q = samePeriodYearBefore(q);
        trend.unshift({ label: trendLabel(q), value: (await computeOne(db, def, area, q, visible, store)).value });
      }
      trend.push({ label: trendLabel(period), value: r.value });
      result.trend = trend;
    }
    indicators.push(result);
  }
  return {
    period,
    area: { ...area, name: areaName(area) },
    plan: plan ? { id: plan.id, title: plan.title, decisionNumber: plan.decisionNumber } : null,
    indicators,
  };
}

/** Which families the caller reads, as part of a kept figure's key (what a table shows depends on it). */
const familiesKey = (visible: Visible) =>
  (['persons', 'tips', 'cases', 'rehab', 'reference'] as const).map((f) => (visible(f) ? 1 : 0)).join('');

/**
 * A whole table of figures kept like an indicator's (report.cache.ts) under `cache` (the database's id): the
 * XLSX after a look at the same tables on screen, or a second export, does not count them again.
 */
async function kept<T>(db: Db, cache: string | undefined, key: string, count: () => Promise<T>): Promise<T> {
  const store = cache ? await figureStore(db, cache) : null;
  const hit = store?.get<T>(key);
  if (hit !== undefined) return hit;
  const value = await count();
  store?.set(key, value);
  return value;
}

export function computeCommuneTable(
  db: Db,
  area: ReportArea,
  year: number,
  visible: Visible,
  cache?: string,
): Promise<CommuneRow[]> {
  const key = `communes|${familiesKey(visible)}|${area.provinceCode}|${area.communeCode ?? ''}|${year}`;
  return kept(db, cache, key, () => countCommuneTable(db, area, year, visible));
}

async function countCommuneTable(db: Db, area: ReportArea, year: number, visible: Visible): Promise<CommuneRow[]> {
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const statuses = await statusesOf(db, area.provinceCode, year);
  const figures = visible('persons') ? await Q.perCommune(db, area.provinceCode, period) : new Map();
  const key = await keyAreaFigures(db, area.provinceCode, year, { tips: visible('tips'), cases: visible('cases') });
  const share = (n: number | null, population: number | null) =>
    n === null || !population ? null : Math.round((n / population) * 100_000) / 1000;
  const communes = communesOf(area.provinceCode).filter(
    (c) => area.communeCode === null || c.code === area.communeCode,
  );
  return communes
    .map((c) => {
      const s = statusView(c.code, year, statuses.get(c.code));
      const f = figures.get(c.code) ?? { onRecord: 0, reached: 0 };
      return {
        ...s,
        onRecord: f.onRecord,
        reached: f.reached,
        onRecordShare: share(f.onRecord, s.population),
        criteria: {
          hotSpots: key.hotSpots ? (key.hotSpots.get(c.code) ?? 0) : null,
          arrests: key.arrests ? (key.arrests.get(c.code) ?? 0) : null,
          arrestShare: key.arrests ? share(key.arrests.get(c.code) ?? 0, s.population) : null,
          cultivationCases: key.cultivation ? (key.cultivation.get(c.code) ?? 0) : null,
        },
      };
    })
    .sort((a, b) => compareVietnamese(a.communeName, b.communeName));
}

const L = personLabels;
const both = (vi: string, en: string) => ({ vi, en });
const BAND_LABELS: Record<string, { vi: string; en: string }> = {
  lt14: both('Dưới 14', 'Under 14'),
  '14to16': both('14 – dưới 16', '14 – under 16'),
  '16to18': both('16 – dưới 18', '16 – under 18'),
  '18to30': both('18 – 30', '18 – 30'),
  gt30: both('Trên 30', 'Over 30'),
};

export function computeTables(
  db: Db,
  area: ReportArea,
  period: ReportPeriod,
  visible: Visible,
  cache?: string,
): Promise<StatTable[]> {
  const key = `tables|${familiesKey(visible)}|${area.provinceCode}|${area.communeCode ?? ''}|${period.from}|${period.to}`;
  return kept(db, cache, key, () => countTables(db, area, period, visible));
}

async function countTables(db: Db, area: ReportArea, period: ReportPeriod, visible: Visible): Promise<StatTable[]> {
  return [
    ...(visible('persons') ? await personTables(db, area, period) : []),
    ...(visible('cases') ? await caseTables(db, area, period) : []),
    ...(visible('rehab') ? await rehabTables(db, area, period) : []),
  ];
}

async function personTables(db: Db, area: ReportArea, period: ReportPeriod): Promise<StatTable[]> {
  const byCat = await Q.personsByCategorySexAge(db, area, period.to);
  const columns = AGE_BANDS.flatMap((b) =>
    (['male', 'female'] as const).map((s) => ({
      key: `${b}.${s}`,
      label: both(`${BAND_LABELS[b]!.vi} · ${L.vi.sex[s]}`, `${BAND_LABELS[b]!.en} · ${L.en.sex[s]}`),
    })),
  );
  columns.push({ key: 'total', label: both('Tổng', 'Total') });
  const categories = PERSON_CATEGORY_LIST.filter((c) => c !== 'unclassified') as PersonCategory[];
  const rows: StatTable['rows'] = categories.map((cat) => {
    const values = columns.map(() => 0);
    for (const r of byCat.filter((x) => x.category === cat)) {
      const i = columns.findIndex((c) => c.key === `${ageBand(r.age)}.${r.sex}`);
      if (i >= 0) values[i]! += r.n;
      values[values.length - 1]! += r.n;
    }
    return { key: cat, label: both(L.vi.category[cat], L.en.category[cat]), values };
  });
  rows.push({
    key: 'total',
    label: both('Tổng cộng', 'Total'),
    values: columns.map((_, i) => rows.reduce((s, r) => s + r.values[i]!, 0)),
  });
  const single = async (
    id: string,
    title: { vi: string; en: string },
    rowHead: { vi: string; en: string },
    lines: { key: string; n: number }[],
    label: (k: string) => { vi: string; en: string },
  ): Promise<StatTable> => ({
    id,
    title,
    rowHead,
    columns: [{ key: 'persons', label: both('Số người', 'Persons') }],
    rows: lines
      .map((l) => ({ key: l.key, label: label(l.key), values: [l.n] }))
      .sort((a, b) => compareVietnamese(a.label.vi, b.label.vi)),
    status: 'ok',
  });
  const unknown = both('Chưa rõ', 'Unknown');
  const labelOf = (m: Readonly<Record<string, { vi: string; en: string }>>) => (k: string) =>
    m[k] ?? (k ? both(k, k) : unknown);
  return [
    {
      id: 'personsByCategoryAgeSex',
      title: both(
        'Người sử dụng, người nghiện theo diện, độ tuổi và giới tính',
        'Users and addicts by category, age band and sex',
      ),
      rowHead: both('Diện quản lý', 'Category'),
      columns,
      rows,
      status: 'ok',
    },
    await single(
      'personsByEthnicity',
      both('Theo dân tộc', 'By ethnicity'),
      both('Dân tộc', 'Ethnicity'),
      await Q.personsBy(db, area, 'ethnicity'),
      (k) => {
        const e = ethnicity(k);
        return e ? both(e.name, e.nameEn) : k ? both(k, k) : unknown;
      },
    ),
    await single(
      'personsByEducation',
      both('Theo trình độ học vấn', 'By education'),
      both('Trình độ', 'Education'),
      await Q.personsBy(db, area, 'education'),
      labelOf(educationLevelLabels),
    ),
    await single(
      'personsByOccupation',
      both('Theo nghề nghiệp', 'By occupation'),
      both('Nghề nghiệp', 'Occupation'),
      await Q.personsBy(db, area, 'occupation'),
      labelOf(occupationLabels),
    ),
    await single(
      'personsBySubstance',
      both('Theo chất ma túy sử dụng', 'By substance used'),
      both('Chất', 'Substance'),
      await Q.personsBySubstance(db, area),
      (k) => both(L.vi.substance?.[k as never] ?? k, L.en.substance?.[k as never] ?? k),
    ),
  ];
}

export { round1 };

const CLAUSES = [1, 2, 3, 4] as const;

/** Seizures by substance × measuring unit, and cases by offence article × clause (the case-file tables). */
async function caseTables(db: Db, area: ReportArea, period: ReportPeriod): Promise<StatTable[]> {
  const out: StatTable[] = [];
  const seizures = await sourceCounter(db, 'seizuresBySubstance');
  if (seizures) {
    const lines = (await seizures(db, area, period))?.breakdown ?? [];
    const units = [...new Set(lines.map((l) => l.measure!))].sort();
    const substances = [...new Set(lines.map((l) => l.key))];
    out.push({
      id: 'seizuresBySubstance',
      title: both('Tang vật ma túy thu giữ theo chất và đơn vị tính', 'Drugs seized by substance and measuring unit'),
      rowHead: both('Chất ma túy', 'Substance'),
      columns: units.map((u) => ({ key: u, label: both(measureLabel('vi', u), measureLabel('en', u)) })),
      rows: substances
        .map((k) => ({
          key: k,
          label: both(breakdownLabel('vi', 'seizuresBySubstance', k), breakdownLabel('en', 'seizuresBySubstance', k)),
          values: units.map((u) => lines.find((l) => l.key === k && l.measure === u)?.value ?? 0),
        }))
        .sort((a, b) => compareVietnamese(a.label.vi, b.label.vi)),
      status: 'ok',
      decimals: 3,
    });
  }
  const articles = await casesByArticle(db, area, period);
  if (articles) {
    const totals = await Q.casesPerArticle(db, area, period);
    const present = ARTICLE_LIST.filter((a) => articles.some((x) => x.article === a));
    const rows: StatTable['rows'] = present.map((article) => ({
      key: article,
      label: both(articleLabel('vi', article), articleLabel('en', article)),
      values: [
        ...CLAUSES.map((c) => articles.find((x) => x.article === article && x.clause === c)?.n ?? 0),
        totals.get(article) ?? 0,
      ],
    }));
    out.push({
      id: 'casesByArticle',
      title: both(
        'Vụ án ma túy khởi tố theo điều, khoản Bộ luật Hình sự',
        'Drug cases by article and clause of the Criminal Code',
      ),
      rowHead: both('Điều', 'Article'),
      columns: [
        ...CLAUSES.map((c) => ({ key: `clause${c}`, label: both(`Khoản ${c}`, `Clause ${c}`) })),
        { key: 'cases', label: both('Số vụ', 'Cases') },
      ],
      rows,
      status: 'ok',
    });
  }
  return out;
}

/** Referrals opened in the period by state, and the escapes from a facility in the period. */
async function rehabTables(db: Db, area: ReportArea, period: ReportPeriod): Promise<StatTable[]> {
  const referrals = await sourceCounter(db, 'referralsByState');
  const escapes = await sourceCounter(db, 'abscondingCount');
  if (!referrals) return [];
  const lines = (await referrals(db, area, period))?.breakdown ?? [];
  const total = lines.reduce((s, l) => s + l.value, 0);
  const absconded = escapes ? ((await escapes(db, area, period))?.value ?? 0) : 0;
  return [
    {
      id: 'referralsByState',
      title: both(
        'Hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc theo trạng thái',
        'Compulsory-rehab referrals by state',
      ),
      rowHead: both('Trạng thái', 'State'),
      columns: [{ key: 'referrals', label: both('Số hồ sơ', 'Referrals') }],
      rows: [
        ...lines.map((l) => ({
          key: l.key,
          label: both(breakdownLabel('vi', 'referralsByState', l.key), breakdownLabel('en', 'referralsByState', l.key)),
          values: [l.value],
        })),
        { key: 'total', label: both('Tổng cộng', 'Total'), values: [total] },
      ],
      status: 'ok',
    },
    {
      id: 'abscondings',
      title: both('Học viên bỏ trốn khỏi cơ sở cai nghiện', 'Residents who absconded from a facility'),
      rowHead: both('Chỉ tiêu', 'Figure'),
      columns: [{ key: 'times', label: both('Số lần', 'Times') }],
      rows: [
        { key: 'absconded', label: both('Số lần bỏ trốn trong kỳ', 'Escapes in the period'), values: [absconded] },
      ],
      status: 'ok',
    },
  ];
}
