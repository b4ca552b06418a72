/**
 * The report indicators, defined once: the dashboard, the statistical tables, the exports and `hoso report kpi`
 * all read this list. The host computes each one's numerator and denominator over the records
 * (electron/reports/indicator.queries.ts); the arithmetic is here, shared and unit-tested.
 *
 * Targets are data (a plan's targets), never code: `defaultTarget` only documents what the seed plans say.
 */
export const IndicatorUnits = Object.freeze({
  /** A number of records (cases, communes, persons). */
  count: 'count',
  /** A share in per cent: numerator ÷ denominator × 100; its difference from a target is in points. */
  percent: 'percent',
  /** Change in per cent over the same period one year earlier ("so với cùng kỳ"). */
  growth: 'growth',
  /** Quantities listed per substance and measuring unit, never added across units. */
  breakdown: 'breakdown',
} as const);
export type IndicatorUnit = (typeof IndicatorUnits)[keyof typeof IndicatorUnits];

/** Which way is better: `up` (more is better), `down` (less is better), `none` (a figure to know). */
export type IndicatorDirection = 'up' | 'down' | 'none';

/** The records an indicator is computed from; an indicator whose source has no table yet reports so. */
export const IndicatorSources = Object.freeze({
  persons: 'persons',
  communeStatus: 'communeStatus',
  cases: 'cases',
  tips: 'tips',
  hotSpots: 'hotSpots',
  seizures: 'seizures',
  referrals: 'referrals',
} as const);
export type IndicatorSource = (typeof IndicatorSources)[keyof typeof IndicatorSources];

export interface IndicatorDef {
  id: string;
  label: { vi: string; en: string };
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  source: IndicatorSource;
  /** How the numerator and denominator are counted, for the screen's help and the export's notes. */
  definition: { vi: string; en: string };
  /** What the seed plans set (plan 2406/QĐ-UBND, 3193/KH-UBND, seed 003): documentation only. */
  defaultTarget?: number;
}

const def = (d: IndicatorDef) => Object.freeze(d);

export const INDICATORS = Object.freeze([
  def({
    id: 'casesDetected',
    label: { vi: 'Số vụ phạm tội về ma túy phát hiện, bắt giữ', en: 'Drug crime cases detected' },
    unit: 'count',
    direction: 'up',
    source: 'cases',
    definition: {
      vi: 'Số vụ án ma túy có ngày phát hiện trong kỳ.',
      en: 'Drug cases whose detection date falls in the period.',
    },
  }),
  def({
    id: 'casesDetectedGrowth',
    label: { vi: 'Tăng số vụ phát hiện so với cùng kỳ', en: 'Growth of cases detected over the same period' },
    unit: 'growth',
    direction: 'up',
    source: 'cases',
    definition: {
      vi: '(Số vụ trong kỳ − số vụ cùng kỳ năm trước) ÷ số vụ cùng kỳ năm trước × 100.',
      en: '(Cases in the period − cases in the same period a year earlier) ÷ the latter × 100.',
    },
    defaultTarget: 5,
  }),
  def({
    id: 'casesResolvedRate',
    label: { vi: 'Tỷ lệ vụ án ma túy được giải quyết, xét xử', en: 'Drug cases resolved or tried' },
    unit: 'percent',
    direction: 'up',
    source: 'cases',
    definition: {
      vi: 'Vụ án đã có kết quả giải quyết cuối cùng trong kỳ ÷ vụ án phải giải quyết trong kỳ.',
      en: 'Cases reaching a final disposition in the period ÷ cases open for resolution in the period.',
    },
    defaultTarget: 90,
  }),
  def({
    id: 'tipsVerifiedRateByChannel',
    label: {
      vi: 'Tỷ lệ tin báo vận chuyển qua hàng không, chuyển phát nhanh, đường biển, đường thủy được xác minh',
      en: 'Tips on transport by air, express delivery, sea and waterway verified',
    },
    unit: 'percent',
    direction: 'up',
    source: 'tips',
    definition: {
      vi: 'Tin báo các kênh này tiếp nhận trong kỳ đã xác minh, giải quyết ÷ tin báo các kênh này tiếp nhận trong kỳ; kèm từng kênh.',
      en: 'Tips on these channels received in the period and verified ÷ tips on these channels received; per channel too.',
    },
    defaultTarget: 100,
  }),
  def({
    id: 'hotSpotsEliminatedRate',
    label: { vi: 'Tỷ lệ điểm, tụ điểm phức tạp được triệt xóa', en: 'Hot spots eliminated' },
    unit: 'percent',
    direction: 'up',
    source: 'hotSpots',
    definition: {
      vi: 'Điểm, tụ điểm được triệt xóa trong kỳ ÷ điểm, tụ điểm đang tồn tại trong kỳ.',
      en: 'Hot spots eliminated in the period ÷ hot spots active during the period.',
    },
    defaultTarget: 80,
  }),
  def({
    id: 'hotSpotsReformed',
    label: { vi: 'Số điểm, tụ điểm tái hình thành', en: 'Hot spots re-formed' },
    unit: 'count',
    direction: 'down',
    source: 'hotSpots',
    definition: {
      vi: 'Điểm, tụ điểm đã triệt xóa nhưng hoạt động trở lại trong kỳ.',
      en: 'Eliminated hot spots that became active again in the period.',
    },
    defaultTarget: 0,
  }),
  def({
    id: 'managedReachedRate',
    label: {
      vi: 'Tỷ lệ người nghiện, người sử dụng có hồ sơ quản lý được tiếp cận tư vấn, điều trị, cai nghiện',
      en: 'Managed users and addicts reached by counselling, treatment or rehab',
    },
    unit: 'percent',
    direction: 'up',
    source: 'persons',
    definition: {
      vi: 'Người có hồ sơ (người sử dụng, người nghiện, đang cai, điều trị Methadone, sau cai) có biện pháp quản lý, điều trị hoặc cai nghiện trong kỳ ÷ số người có hồ sơ.',
      en: 'Persons on record (users, addicts, in rehab, on methadone, post-rehab) with a measure, treatment or rehab during the period ÷ persons on record.',
    },
    defaultTarget: 80,
  }),
  def({
    id: 'newAddicts',
    label: { vi: 'Người nghiện, người sử dụng mới phát hiện', en: 'New addicts and users' },
    unit: 'count',
    direction: 'down',
    source: 'persons',
    definition: {
      vi: 'Người có kết quả xét nghiệm dương tính hoặc xác định nghiện lần đầu trong kỳ.',
      en: 'Persons whose first positive test or addiction determination falls in the period.',
    },
  }),
  def({
    id: 'newAddictsGrowth',
    label: { vi: 'Tăng người nghiện mới so với cùng kỳ', en: 'Growth of new addicts over the same period' },
    unit: 'growth',
    direction: 'down',
    source: 'persons',
    definition: {
      vi: '(Người nghiện mới trong kỳ − cùng kỳ năm trước) ÷ cùng kỳ năm trước × 100.',
      en: '(New addicts in the period − in the same period a year earlier) ÷ the latter × 100.',
    },
    defaultTarget: 1,
  }),
  def({
    id: 'drugFreeCommuneRate',
    label: { vi: 'Tỷ lệ xã, phường được công nhận không ma túy', en: 'Communes recognised drug-free' },
    unit: 'percent',
    direction: 'up',
    source: 'communeStatus',
    definition: {
      vi: 'Xã, phường được công nhận “không ma túy” trong năm ÷ tổng số xã, phường của địa bàn.',
      en: 'Communes recognised drug-free in the year ÷ all communes of the area.',
    },
    defaultTarget: 20,
  }),
  def({
    id: 'keyCommunesUnderTreatment',
    label: { vi: 'Xã trọng điểm, phức tạp về ma túy đang chuyển hóa', en: 'Key communes under treatment' },
    unit: 'count',
    direction: 'none',
    source: 'communeStatus',
    definition: {
      vi: 'Xã, phường được xác định là địa bàn trọng điểm (loại I, II, III theo Quyết định 28/2025/QĐ-TTg) trong năm.',
      en: 'Communes classed as key areas (type I, II, III, Decision 28/2025/QĐ-TTg) in the year.',
    },
  }),
  def({
    id: 'seizuresBySubstance',
    label: { vi: 'Tang vật thu giữ theo chất và đơn vị tính', en: 'Seizures by substance and unit' },
    unit: 'breakdown',
    direction: 'none',
    source: 'seizures',
    definition: {
      vi: 'Tổng lượng thu giữ trong kỳ theo từng chất và từng đơn vị tính; không cộng giữa các đơn vị tính.',
      en: 'Quantities seized in the period per substance and per measuring unit; never added across units.',
    },
  }),
  def({
    id: 'referralsByState',
    label: { vi: 'Hồ sơ đề nghị cai nghiện bắt buộc theo trạng thái', en: 'Compulsory-rehab referrals by state' },
    unit: 'breakdown',
    direction: 'none',
    source: 'referrals',
    definition: {
      vi: 'Số hồ sơ lập trong kỳ theo trạng thái hiện tại.',
      en: 'Referrals opened in the period, by their current state.',
    },
  }),
  def({
    id: 'abscondingCount',
    label: { vi: 'Số học viên bỏ trốn', en: 'Residents who absconded' },
    unit: 'count',
    direction: 'down',
    source: 'referrals',
    definition: {
      vi: 'Số lần học viên bỏ trốn khỏi cơ sở cai nghiện trong kỳ.',
      en: 'Times a resident absconded from a rehab facility in the period.',
    },
    defaultTarget: 0,
  }),
] as const satisfies readonly IndicatorDef[]);

export type IndicatorId = (typeof INDICATORS)[number]['id'];
export const INDICATOR_IDS = Object.freeze(INDICATORS.map((i) => i.id)) as readonly IndicatorId[];
const byId = new Map<string, IndicatorDef>(INDICATORS.map((i) => [i.id, i]));
export function indicator(id: string): IndicatorDef | undefined {
  return byId.get(id);
}

// ---------------------------------------------------------------------------------------------------------------
// Arithmetic, the same everywhere.

/** One decimal, as the reports print it (28.2258 → 28.2); exact halves round away from zero. */
export function round1(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 10 + 1e-9)) / 10;
}

/** numerator ÷ denominator × 100, one decimal; null when there is nothing to divide by. */
export function rate(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return round1((numerator / denominator) * 100);
}

/** Growth in per cent over a previous figure, one decimal; null when the previous figure is 0. */
export function growth(current: number, previous: number): number | null {
  if (previous <= 0) return null;
  return round1(((current - previous) / previous) * 100);
}

/** The difference from a target, in points for shares and growths (28.2 % against 20 % → +8.2). */
export function delta(value: number | null, target: number | null): number | null {
  if (value === null || target === null) return null;
  return round1(value - target);
}

/** Whether a value meets its target, by the indicator's direction. */
export function meets(direction: IndicatorDirection, value: number | null, target: number | null): boolean | null {
  if (value === null || target === null || direction === 'none') return null;
  return direction === 'up' ? value >= target : value <= target;
}

/** One line of a breakdown: a key (channel, substance, state…) and for quantities its measuring unit. */
export interface BreakdownLine {
  key: string;
  measure?: string;
  value: number;
  numerator?: number;
  denominator?: number;
}

/**
 * Adds quantities by (substance, measuring unit) only: 2 kg and 300 g of heroin stay two lines, and nothing is
 * ever added across units. Lines come back in a stable order (key, then unit).
 */
export function sumByUnit(rows: readonly { key: string; measure: string; quantity: number }[]): BreakdownLine[] {
  const m = new Map<string, BreakdownLine>();
  for (const r of rows) {
    const k = `${r.key}\u0000${r.measure}`;
    const line = m.get(k) ?? { key: r.key, measure: r.measure, value: 0 };
    line.value = Math.round((line.value + r.quantity) * 1000) / 1000;
    m.set(k, line);
  }
  return [...m.values()].sort((a, b) =>
    a.key === b.key ? (a.measure! < b.measure! ? -1 : 1) : a.key < b.key ? -1 : 1,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Periods.

/** A report period: any range of Vietnam calendar days, both ends included. */
export interface ReportPeriod {
  from: string;
  to: string;
}

export type PeriodKind = 'year' | 'quarter' | 'month' | 'actionMonth' | 'range';

const pad = (n: number) => String(n).padStart(2, '0');
function lastDay(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** The period of a year, a quarter (1–4), a month (1–12) or the June action month (1–30/6). */
export function periodOf(kind: Exclude<PeriodKind, 'range'>, year: number, n = 1): ReportPeriod {
  switch (kind) {
    case 'year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'quarter': {
      const m1 = (n - 1) * 3 + 1;
      return { from: `${year}-${pad(m1)}-01`, to: `${year}-${pad(m1 + 2)}-${pad(lastDay(year, m1 + 2))}` };
    }
    case 'month':
      return { from: `${year}-${pad(n)}-01`, to: `${year}-${pad(n)}-${pad(lastDay(year, n))}` };
    case 'actionMonth':
      return { from: `${year}-06-01`, to: `${year}-06-30` };
  }
}

/** The same period one year earlier ("cùng kỳ năm trước"); 29/02 becomes 28/02. */
export function samePeriodYearBefore(p: ReportPeriod): ReportPeriod {
  const shift = (d: string) => {
    const y = Number(d.slice(0, 4)) - 1;
    const m = Number(d.slice(5, 7));
    const day = Math.min(Number(d.slice(8, 10)), lastDay(y, m));
    return `${y}-${pad(m)}-${pad(day)}`;
  };
  return { from: shift(p.from), to: shift(p.to) };
}

/** The year whose plan targets and commune statuses apply to a period: the year of its last day. */
export function periodYear(p: ReportPeriod): number {
  return Number(p.to.slice(0, 4));
}

// ---------------------------------------------------------------------------------------------------------------
// Plans.

export const PlanScopes = Object.freeze({ national: 'national', province: 'province' } as const);
export type PlanScope = (typeof PlanScopes)[keyof typeof PlanScopes];

/** One target of a plan: for one year, or for every year of the plan when `year` is null. */
export interface PlanTarget {
  indicatorId: string;
  year: number | null;
  value: number;
}

/** The target that applies to a year: that year's own, else the plan's every-year one. */
export function targetFor(targets: readonly PlanTarget[], indicatorId: string, year: number): number | null {
  const own = targets.find((t) => t.indicatorId === indicatorId && t.year === year);
  if (own) return own.value;
  const every = targets.find((t) => t.indicatorId === indicatorId && t.year === null);
  return every ? every.value : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Key areas (Decision 28/2025/QĐ-TTg): the criteria shown beside the records that support them.

export const KeyAreaTypes = Object.freeze({ I: 'I', II: 'II', III: 'III' } as const);
export type KeyAreaType = (typeof KeyAreaTypes)[keyof typeof KeyAreaTypes];
export const KEY_AREA_TYPE_LIST = Object.freeze(Object.values(KeyAreaTypes));

/** Age bands of the ministry's report forms (Circular 13/2022/TT-BCA). */
export const AGE_BANDS = Object.freeze(['lt14', '14to16', '16to18', '18to30', 'gt30'] as const);
export type AgeBand = (typeof AGE_BANDS)[number];
/** The band of an age in whole years: < 14, 14–< 16, 16–< 18, 18–30, > 30. */
export function ageBand(age: number): AgeBand {
  if (age < 14) return 'lt14';
  if (age < 16) return '14to16';
  if (age < 18) return '16to18';
  if (age <= 30) return '18to30';
  return 'gt30';
}
/** Whole years between a birth date and a day (ISO dates). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
