import { z } from 'zod';
import {
  INDICATOR_IDS,
  KEY_AREA_TYPE_LIST,
  PlanScopes,
  type AgeBand,
  type BreakdownLine,
  type IndicatorDirection,
  type IndicatorSource,
  type IndicatorUnit,
  type KeyAreaType,
  type PlanScope,
  type PlanTarget,
} from '../domain/indicators';
import { Permissions } from '../domain/roles';
import { audited, procedure } from './define';
import { isoDay } from './person-fields';

const P = Permissions;
const id = z.string().uuid({ message: 'id_invalid' });
const year = z.number().int().min(2000, { message: 'year_range' }).max(2100, { message: 'year_range' });
const provinceCode = z.string().regex(/^\d{2}$/, { message: 'province_code_format' });
const communeCode = z.string().regex(/^\d{5}$/, { message: 'commune_code_format' });
const decisionText = z.string().trim().min(1, { message: 'required' }).max(200, { message: 'too_long' });

// ---------------------------------------------------------------------------------------------------------------
// Views.

export interface PlanView {
  id: string;
  title: string;
  decisionNumber: string;
  decisionDate: string;
  authority: string;
  scope: PlanScope;
  provinceCode: string | null;
  fromYear: number;
  toYear: number;
  targets: PlanTarget[];
  updatedAt: string;
}

export interface CommuneStatusView {
  communeCode: string;
  communeName: string;
  provinceCode: string;
  year: number;
  population: number | null;
  drugFree: boolean;
  drugFreeDecision: string | null;
  drugFreeDate: string | null;
  keyAreaType: KeyAreaType | null;
  keyAreaDecision: string | null;
}

/** Where a report is about: a province (every commune of it) or one commune. */
export interface ReportArea {
  provinceCode: string;
  communeCode: string | null;
}

export type IndicatorStatus = 'ok' | 'no_source' | 'not_visible';

export interface IndicatorResult {
  id: string;
  label: { vi: string; en: string };
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  source: IndicatorSource;
  /** `no_source`: the records it counts have no table yet; `not_visible`: the caller's role does not read them. */
  status: IndicatorStatus;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  /** value − target: points for shares and growths, records for counts. */
  delta: number | null;
  meets: boolean | null;
  breakdown?: BreakdownLine[];
  /** The same period in earlier years, oldest first (for the trend chart). */
  trend?: { label: string; value: number | null }[];
}

export interface KpiReport {
  period: { from: string; to: string };
  area: ReportArea & { name: string };
  plan: { id: string; title: string; decisionNumber: string } | null;
  indicators: IndicatorResult[];
}

export interface CommuneRow extends CommuneStatusView {
  /** Users and addicts on record living in the commune. */
  onRecord: number;
  /** Of them, with a measure, treatment or rehab during the year. */
  reached: number;
  /** onRecord ÷ population × 100, three decimals (Decision 28/2025 criterion: ≥ 0.5 % for type I). */
  onRecordShare: number | null;
  /**
   * The other Decision 28/2025 criteria beside the records that support them, for the year; null where the
   * caller's role does not read those records or their table is not in this database.
   */
  criteria: KeyAreaCriteria;
}

export interface KeyAreaCriteria {
  /** Hot spots of use or harbouring active at some time in the year (places organising or harbouring use). */
  hotSpots: number | null;
  /** Suspects arrested in the year on cases placed in the commune. */
  arrests: number | null;
  /** arrests ÷ population × 100, three decimals. */
  arrestShare: number | null;
  /** Cases of cultivating drug plants (Criminal Code Art. 247) prosecuted in the year in the commune. */
  cultivationCases: number | null;
}

export interface StatTable {
  id: string;
  title: { vi: string; en: string };
  /** Column keys after the row key; the row key's label is `rowHead`. */
  columns: { key: string; label: { vi: string; en: string } }[];
  rowHead: { vi: string; en: string };
  rows: { key: string; label: { vi: string; en: string }; values: number[] }[];
  status: IndicatorStatus;
  /** Decimals the values carry (quantities seized: 3); whole numbers when absent. */
  decimals?: number;
}

/** The kinds of record a drill-down lists (a commune for the commune-status indicators). */
export const DRILL_RECORD_TYPES = [
  'person',
  'case',
  'tip',
  'hotspot',
  'seizure',
  'referral',
  'stay',
  'commune',
] as const;
export type DrillRecordType = (typeof DRILL_RECORD_TYPES)[number];

/**
 * One record behind a number. `title` is what names it (a person's name, a case's number, a hot spot's address,
 * a commune's name) and is null where the caller's view of that table does not include it; `detail` is a code
 * (state, channel, substance, category) the screen translates.
 */
export interface DrillRow {
  recordType: DrillRecordType;
  /** The record's id (a commune's code for communes). */
  id: string;
  title: string | null;
  /** A state code (case, tip, hot spot, referral, stay) or a person's category. */
  detail: string | null;
  /** A second code: a tip's channel, a hot spot's kind, a seizure's substance, a commune's key-area type. */
  kind: string | null;
  /** The date that put it in the set (detection, receipt, first positive test, …), ISO. */
  date: string | null;
  communeCode: string | null;
  communeName: string | null;
  /** The person a referral, stay or new-addict row is about, when the caller may open their file. */
  personId: string | null;
  /** The case a seizure belongs to. */
  caseId: string | null;
  /** Quantity and measuring unit of a seizure. */
  quantity: number | null;
  measure: string | null;
}

export interface DrillDown {
  indicatorId: string;
  part: 'numerator' | 'denominator';
  key: string | null;
  recordType: DrillRecordType;
  /** How many records the whole set has (the indicator's numerator or denominator, within the caller's scope). */
  total: number;
  offset: number;
  rows: DrillRow[];
}

export interface ReportFile {
  fileName: string;
  mimeType: string;
  /** Where the host wrote the file when a path was given (the screen's export); null otherwise. */
  path: string | null;
  bytes: number;
  /** The file's bytes, base64, when no path was given (the CLI writes them itself); '' otherwise. */
  base64: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs.

export const planTargetSchema = z
  .object({
    indicatorId: z.enum(INDICATOR_IDS as unknown as [string, ...string[]], { message: 'indicator_unknown' }),
    year: year.nullable().default(null),
    value: z.number({ message: 'number_required' }).min(-1000).max(1_000_000),
  })
  .strict();

export const planInputSchema = z
  .object({
    title: z.string().trim().min(2, { message: 'required' }).max(300, { message: 'too_long' }),
    decisionNumber: decisionText,
    decisionDate: isoDay,
    authority: decisionText,
    scope: z.enum([PlanScopes.national, PlanScopes.province], { message: 'plan_scope_invalid' }),
    provinceCode: provinceCode.nullable().default(null),
    fromYear: year,
    toYear: year,
    targets: z.array(planTargetSchema).max(500).default([]),
  })
  .strict()
  .refine((p) => p.toYear >= p.fromYear, { message: 'plan_years_order', path: ['toYear'] })
  // A province plan without its code (a template) becomes the caller's province's; a national one has none.
  .refine((p) => p.scope === 'province' || p.provinceCode === null, {
    message: 'plan_national_no_province',
    path: ['provinceCode'],
  })
  .refine((p) => p.targets.every((t) => t.year === null || (t.year >= p.fromYear && t.year <= p.toYear)), {
    message: 'plan_target_year_outside',
    path: ['targets'],
  });
export type PlanInput = z.input<typeof planInputSchema>;

const periodFields = {
  from: isoDay,
  to: isoDay,
  provinceCode: provinceCode.optional(),
  communeCode: communeCode.optional(),
};
const periodOrder = (p: { from: string; to: string }) => p.from <= p.to;
export const reportQuerySchema = z
  .object({
    ...periodFields,
    planId: id.optional(),
    /** How many earlier years of the same period the trend shows (0: none). */
    trendYears: z.number().int().min(0).max(10).default(0),
  })
  .strict()
  .refine(periodOrder, { message: 'period_order', path: ['to'] });
export type ReportQuery = z.input<typeof reportQuerySchema>;

const statusPatch = {
  population: z.number().int().min(0).max(10_000_000).nullable().optional(),
  drugFree: z.boolean().optional(),
  drugFreeDecision: decisionText.nullable().optional(),
  drugFreeDate: isoDay.nullable().optional(),
  keyAreaType: z
    .enum(KEY_AREA_TYPE_LIST as unknown as [string, ...string[]], { message: 'key_area_type_invalid' })
    .nullable()
    .optional(),
  keyAreaDecision: decisionText.nullable().optional(),
};

const drillFields = {
  ...periodFields,
  indicatorId: z.enum(INDICATOR_IDS as unknown as [string, ...string[]], { message: 'indicator_unknown' }),
  part: z.enum(['numerator', 'denominator'], { message: 'drill_part_invalid' }),
  /** A breakdown line's key (channel, substance, state, key-area type) to list only its records. */
  key: z.string().trim().min(1).max(60).optional(),
  /** With a substance's key, its measuring unit. */
  measure: z.string().trim().min(1).max(20).optional(),
};
export const drillQuerySchema = z
  .object({
    ...drillFields,
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine(periodOrder, { message: 'period_order', path: ['to'] });
export type DrillQuery = z.input<typeof drillQuerySchema>;

export const reportsContract = {
  'plans.list': procedure<PlanView[]>()({
    input: z.object({}).strict(),
    access: [P.reportsRead, P.reportsManage],
    audit: null,
  }),
  /** Creates a plan (no id) or replaces one's fields and targets. */
  'plans.save': procedure<PlanView>()({
    input: z.object({ planId: id.optional(), plan: planInputSchema }).strict(),
    access: [P.reportsManage],
    audit: audited('plan.save', 'report_plan'),
  }),
  'plans.delete': procedure<{ deleted: true }>()({
    input: z.object({ planId: id }).strict(),
    access: [P.reportsManage],
    audit: audited('record.delete', 'report_plan'),
  }),

  /** Every commune of a province (default: the caller's) with its status in a year. */
  'communeStatus.list': procedure<CommuneStatusView[]>()({
    input: z.object({ year, provinceCode: provinceCode.optional() }).strict(),
    access: [P.reportsRead, P.reportsManage],
    audit: null,
  }),
  'communeStatus.set': procedure<CommuneStatusView>()({
    input: z
      .object({ communeCode, year, ...statusPatch })
      .strict()
      .refine((s) => s.drugFree !== true || (s.drugFreeDecision ?? null) !== null, {
        message: 'drug_free_decision_required',
        path: ['drugFreeDecision'],
      }),
    access: [P.reportsManage],
    audit: audited('commune_status.set', 'commune_status'),
  }),
  /** Marks many communes drug-free (or not) in a year from one decision of the province. */
  'communeStatus.setMany': procedure<{ updated: number }>()({
    input: z
      .object({
        year,
        communeCodes: z.array(communeCode).min(1, { message: 'communes_required' }).max(5000),
        drugFree: z.boolean(),
        drugFreeDecision: decisionText.nullable().default(null),
        drugFreeDate: isoDay.nullable().default(null),
      })
      .strict()
      .refine((s) => !s.drugFree || s.drugFreeDecision !== null, {
        message: 'drug_free_decision_required',
        path: ['drugFreeDecision'],
      }),
    access: [P.reportsManage],
    audit: audited('commune_status.set', 'commune_status'),
  }),
  /** Commune populations from CSV text: `commune code,population` per line (a header line is skipped). */
  'communeStatus.importPopulation': procedure<{ updated: number }>()({
    input: z
      .object({ year, csv: z.string().min(1, { message: 'required' }).max(2_000_000, { message: 'too_long' }) })
      .strict(),
    access: [P.reportsManage],
    audit: audited('commune_status.set', 'commune_status'),
  }),

  /** Every indicator for a period and area, with the plan's targets and differences. Audited (who, period, area). */
  'reports.kpi': procedure<KpiReport>()({
    input: reportQuerySchema,
    access: [P.reportsRead],
    audit: audited('report.view', 'report'),
  }),
  /** The map-free commune table: every commune of the area with its status and key figures for a year. */
  'reports.communes': procedure<CommuneRow[]>()({
    input: z.object({ year, provinceCode: provinceCode.optional(), communeCode: communeCode.optional() }).strict(),
    access: [P.reportsRead],
    audit: audited('report.view', 'report'),
  }),
  /** The ministry's statistical tables (persons by category × age band × sex, by ethnicity, …). */
  'reports.tables': procedure<StatTable[]>()({
    input: z
      .object(periodFields)
      .strict()
      .refine(periodOrder, { message: 'period_order', path: ['to'] }),
    access: [P.reportsRead],
    audit: audited('report.view', 'report'),
  }),
  /** The indicators and tables as a file the user chose (XLSX, CSV or an A4 PDF); aggregated, without names. */
  'reports.export': procedure<ReportFile>()({
    input: z
      .object({
        ...periodFields,
        planId: id.optional(),
        /** XLSX and CSV for spreadsheets; PDF: the A4 report (indicators and statistical tables). */
        format: z.enum(['xlsx', 'csv', 'pdf'], { message: 'format_invalid' }),
        /** An absolute path on this workstation (e.g. a USB stick) to write the file to; it must not exist yet. */
        path: z
          .string()
          .trim()
          .min(1, { message: 'required' })
          .max(4096, { message: 'too_long' })
          .refine((p) => /^(\/|[A-Za-z]:[\\/])/.test(p), { message: 'path_absolute' })
          .optional(),
      })
      .strict()
      .refine(periodOrder, { message: 'period_order', path: ['to'] }),
    access: [P.reportsRead],
    audit: audited('report.export', 'report'),
  }),
  /**
   * The records behind one indicator's numerator or denominator, a page at a time, within the caller's scope
   * (never more than their own lists show). Audited: who, which indicator and part, period, area, how many.
   */
  'reports.drilldown': procedure<DrillDown>()({
    input: drillQuerySchema,
    access: [P.reportsRead],
    audit: audited('report.drilldown', 'report'),
  }),
  /**
   * A drill-down's records as a file (names included): asks for a purpose, written into the audit entry with
   * who, indicator, period, area and how many records left.
   */
  'reports.drilldownExport': procedure<ReportFile>()({
    input: z
      .object({
        ...drillFields,
        format: z.enum(['xlsx', 'csv'], { message: 'format_invalid' }),
        purpose: z.string().trim().min(3, { message: 'purpose_required' }).max(200, { message: 'too_long' }),
        path: z
          .string()
          .trim()
          .min(1, { message: 'required' })
          .max(4096, { message: 'too_long' })
          .refine((p) => /^(\/|[A-Za-z]:[\\/])/.test(p), { message: 'path_absolute' })
          .optional(),
      })
      .strict()
      .refine(periodOrder, { message: 'period_order', path: ['to'] }),
    access: [P.reportsRead],
    audit: audited('report.export', 'report'),
  }),
  /** The A4 print (or PDF through the print dialog) of the dashboard: recorded before the dialog opens. */
  'reports.print': procedure<{ recorded: true }>()({
    input: z
      .object(periodFields)
      .strict()
      .refine(periodOrder, { message: 'period_order', path: ['to'] }),
    access: [P.reportsRead],
    audit: audited('report.export', 'report'),
  }),
} as const;

export type { AgeBand, BreakdownLine, KeyAreaType, PlanScope, PlanTarget };
