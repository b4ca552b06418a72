import { z } from 'zod';
import {
  EXHIBIT_KIND_LIST,
  HOTSPOT_ACTIVITY_LIST,
  HOTSPOT_KIND_LIST,
  PARTNER_COUNTRY_LIST,
  QUANTITY_UNIT_LIST,
  SEIZED_SUBSTANCE_LIST,
  SUSPECT_MEASURE_LIST,
  SUSPECT_OUTCOME_LIST,
  SUSPECT_ROLE_LIST,
  TIP_CHANNEL_LIST,
  TIP_SOURCE_LIST,
  unitFits,
  type QuantityUnit,
  type SeizedSubstance,
} from '../domain/investigations/catalog';
import { ARTICLE_LIST, clauseOf } from '../domain/investigations/offences';
import { CASE_STATE_LIST, HOTSPOT_STATUS_LIST, TIP_DECISIONS, TIP_STATE_LIST } from '../domain/investigations/states';
import { SEVERITY_LIST } from '../domain/investigations/severity';
import { Permissions } from '../domain/roles';
import { audited, procedure } from './define';
import { isoDay, personInputSchema } from './person-fields';
import type {
  CaseList,
  CaseSummary,
  CaseView,
  DeadlineItem,
  HotspotList,
  HotspotView,
  InvestigationsSeeded,
  PersonCase,
  SeizureView,
  TipList,
  TipView,
} from './investigation-types';

/**
 * Investigations: tips, cases, suspects, seizures, hot spots (issue 10). Tips and hot spots need `tips.*`
 * (commune officers, investigators, leaders); case files — cases, suspects, seizures — need `cases.*`
 * (investigators, leaders). The host scopes every record to the caller's unit, province or commune.
 *
 * Field errors carry translation keys (shared/i18n/investigation-labels.ts, `validation`) and the path of the
 * field they are about.
 */
const P = Permissions;
const enumOf = <T extends string>(values: readonly T[], message: string) => z.enum(values as [T, ...T[]], { message });
const id = z.string().uuid({ message: 'id_invalid' });
const text = (max: number) => z.string().trim().max(max, { message: 'too_long' });
const required = (max: number) => text(max).min(1, { message: 'required' });
const optText = (max: number) => text(max).nullable().default(null);
const communeCode = z.string().regex(/^\d{5}$/, { message: 'commune_code_format' });
/** A local time of receipt, Vietnam time: YYYY-MM-DDTHH:mm (seconds allowed). */
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { message: 'datetime_format' })
  .refine(
    (s) => isoDay.safeParse(s.slice(0, 10)).success && Number(s.slice(11, 13)) < 24 && Number(s.slice(14, 16)) < 60,
    {
      message: 'datetime_format',
    },
  );

export const tipSourceSchema = enumOf(TIP_SOURCE_LIST, 'tip_source_invalid');
export const tipChannelSchema = enumOf(TIP_CHANNEL_LIST, 'tip_channel_invalid');
export const tipStateSchema = enumOf(TIP_STATE_LIST, 'tip_state_invalid');
export const caseStateSchema = enumOf(CASE_STATE_LIST, 'case_state_invalid');
export const severitySchema = enumOf(SEVERITY_LIST, 'severity_invalid');
export const hotspotStatusSchema = enumOf(HOTSPOT_STATUS_LIST, 'hotspot_status_invalid');

/** An offence as (article, clause): an article of Chapter XX, and a clause of it that carries a penalty. */
export const offenceSchema = z
  .object({
    article: z
      .union([z.string(), z.number()])
      .transform((a) => String(a).trim().toLowerCase())
      .pipe(z.string().refine((a) => ARTICLE_LIST.includes(a), { message: 'offence_article_unknown' })),
    clause: z.number({ message: 'offence_clause_unknown' }).int({ message: 'offence_clause_unknown' }),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (ARTICLE_LIST.includes(o.article) && !clauseOf(o.article, o.clause))
      ctx.addIssue({ code: 'custom', path: ['clause'], message: 'offence_clause_unknown' });
  });

export const offencesSchema = z
  .array(offenceSchema)
  .min(1, { message: 'offences_required' })
  .max(20, { message: 'too_many' })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((o, i) => {
      const key = `${o.article}.${o.clause}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'clause'], message: 'offence_duplicate' });
      seen.add(key);
    });
  });

export const extensionInputSchema = {
  decisionNumber: required(60),
  decidedOn: isoDay,
  months: z.number({ message: 'extension_months_invalid' }).int({ message: 'extension_months_invalid' }),
};

// ---------------------------------------------------------------------------------------------------------
// Tips

const tipFields = {
  /** The day of receipt; or give `receivedAt` with the time, whose date is then the day. */
  receivedOn: isoDay.optional(),
  receivedAt: localDateTime.optional(),
  receivedBy: optText(120),
  source: tipSourceSchema,
  channel: tipChannelSchema.default('other'),
  communeCode: communeCode.nullable().default(null),
  place: optText(300),
  summary: required(4000),
  personIds: z.array(id).max(50).default([]),
};

export const tipInputSchema = z
  .object(tipFields)
  .strict()
  .superRefine((t, ctx) => {
    if (!t.receivedOn && !t.receivedAt) ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: 'required' });
    if (t.receivedOn && t.receivedAt && t.receivedAt.slice(0, 10) !== t.receivedOn)
      ctx.addIssue({ code: 'custom', path: ['receivedAt'], message: 'received_at_other_day' });
  });

export const tipPatchSchema = z
  .object({
    receivedOn: isoDay,
    receivedAt: localDateTime.nullable(),
    receivedBy: text(120).nullable(),
    source: tipSourceSchema,
    channel: tipChannelSchema,
    communeCode: communeCode.nullable(),
    place: text(300).nullable(),
    summary: required(4000),
    personIds: z.array(id).max(50),
  })
  .partial()
  .strict();

// ---------------------------------------------------------------------------------------------------------
// Cases

const flagFields = {
  international: z.boolean().default(false),
  partnerCountry: enumOf(PARTNER_COUNTRY_LIST, 'partner_country_invalid').nullable().default(null),
  transnationalRoute: z.boolean().default(false),
  organisedRing: z.boolean().default(false),
};

const caseNumber = z.string().trim().min(1, { message: 'required' }).max(60, { message: 'too_long' });

export const caseInputSchema = z
  .object({
    number: caseNumber,
    prosecutedOn: isoDay,
    /** The prosecution decision's number; defaults to the case number. */
    decisionNumber: text(60).optional(),
    prosecutingUnit: optText(200),
    offences: offencesSchema,
    summary: optText(4000),
    communeCode: communeCode.nullable().default(null),
    tipId: id.nullable().default(null),
    ...flagFields,
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.partnerCountry && !c.international)
      ctx.addIssue({ code: 'custom', path: ['partnerCountry'], message: 'partner_needs_international' });
  });

export const casePatchSchema = z
  .object({
    number: caseNumber,
    prosecutedOn: isoDay,
    decisionNumber: required(60),
    prosecutingUnit: text(200).nullable(),
    offences: offencesSchema,
    summary: text(4000).nullable(),
    communeCode: communeCode.nullable(),
    international: z.boolean(),
    partnerCountry: enumOf(PARTNER_COUNTRY_LIST, 'partner_country_invalid').nullable(),
    transnationalRoute: z.boolean(),
    organisedRing: z.boolean(),
  })
  .partial()
  .strict();

const suspectFields = {
  role: enumOf(SUSPECT_ROLE_LIST, 'suspect_role_invalid'),
  arrestedOn: isoDay.nullable(),
  custodyUntil: isoDay.nullable(),
  measure: enumOf(SUSPECT_MEASURE_LIST, 'suspect_measure_invalid'),
  measureFrom: isoDay.nullable(),
  outcome: enumOf(SUSPECT_OUTCOME_LIST, 'suspect_outcome_invalid'),
  notes: text(2000).nullable(),
};

export const suspectInputSchema = z
  .object({
    caseId: id,
    /** An existing person of the registry … */
    personId: id.optional(),
    /** … or a new one, created through the persons service (not "under management" by this link). */
    newPerson: personInputSchema.optional(),
    /** The user saw the duplicate warnings for the new person and goes ahead. */
    confirmed: z.boolean().default(false),
    role: suspectFields.role,
    arrestedOn: suspectFields.arrestedOn.default(null),
    custodyUntil: suspectFields.custodyUntil.default(null),
    measure: suspectFields.measure.default('none'),
    measureFrom: suspectFields.measureFrom.default(null),
    outcome: suspectFields.outcome.default('pending'),
    notes: suspectFields.notes.default(null),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.personId === !s.newPerson)
      ctx.addIssue({ code: 'custom', path: ['personId'], message: 'suspect_person_required' });
    if (s.arrestedOn && s.custodyUntil && s.custodyUntil < s.arrestedOn)
      ctx.addIssue({ code: 'custom', path: ['custodyUntil'], message: 'end_before_start' });
  });

/** A seizure: a substance with a quantity in a unit that fits it, or an exhibit with a count. */
export const seizureInputSchema = z
  .object({
    caseId: id.optional(),
    tipId: id.optional(),
    kind: z.enum(['substance', 'exhibit'], { message: 'seizure_kind_invalid' }),
    substance: enumOf(SEIZED_SUBSTANCE_LIST, 'substance_invalid').optional(),
    quantity: z.number({ message: 'quantity_invalid' }).finite({ message: 'quantity_invalid' }).optional(),
    unit: enumOf(QUANTITY_UNIT_LIST, 'quantity_unit_invalid').optional(),
    exhibit: enumOf(EXHIBIT_KIND_LIST, 'exhibit_invalid').optional(),
    count: z.number({ message: 'count_invalid' }).int({ message: 'count_invalid' }).optional(),
    description: optText(500),
    seizedOn: isoDay,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.caseId === !s.tipId) ctx.addIssue({ code: 'custom', path: ['caseId'], message: 'seizure_owner_required' });
    const add = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (s.kind === 'substance') {
      if (!s.substance) add('substance', 'required');
      if (s.quantity === undefined) add('quantity', 'required');
      else if (s.quantity <= 0) add('quantity', 'quantity_not_positive');
      else if (Math.round(s.quantity * 1000) / 1000 !== s.quantity) add('quantity', 'quantity_precision');
      if (!s.unit) add('unit', 'quantity_unit_required');
      else if (s.substance && !unitFits(s.substance as SeizedSubstance, s.unit as QuantityUnit))
        add('unit', 'quantity_unit_mismatch');
      if (s.exhibit !== undefined || s.count !== undefined) add('exhibit', 'seizure_mixed');
    } else {
      if (!s.exhibit) add('exhibit', 'required');
      if (s.count === undefined) add('count', 'required');
      else if (s.count <= 0) add('count', 'quantity_not_positive');
      if (s.substance !== undefined || s.quantity !== undefined || s.unit !== undefined)
        add('substance', 'seizure_mixed');
    }
  });

// ---------------------------------------------------------------------------------------------------------
// Hot spots

export const hotspotInputSchema = z
  .object({
    communeCode,
    address: required(300),
    kind: enumOf(HOTSPOT_KIND_LIST, 'hotspot_kind_invalid'),
    activities: z
      .array(enumOf(HOTSPOT_ACTIVITY_LIST, 'hotspot_activity_invalid'))
      .min(1, { message: 'required' })
      .max(3),
    discoveredOn: isoDay,
    notes: optText(2000),
  })
  .strict();

export const hotspotPatchSchema = z
  .object({
    address: required(300),
    kind: enumOf(HOTSPOT_KIND_LIST, 'hotspot_kind_invalid'),
    activities: z
      .array(enumOf(HOTSPOT_ACTIVITY_LIST, 'hotspot_activity_invalid'))
      .min(1, { message: 'required' })
      .max(3),
    discoveredOn: isoDay,
    notes: text(2000).nullable(),
  })
  .partial()
  .strict();

const paging = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
};

export const investigationsContract = {
  'tips.create': procedure<TipView>()({
    input: tipInputSchema,
    access: [P.tipsWrite],
    audit: audited('tip.create', 'tip'),
  }),
  'tips.get': procedure<TipView>()({
    input: z.object({ tipId: id }).strict(),
    access: [P.tipsRead],
    audit: audited('tip.read', 'tip'),
  }),
  'tips.update': procedure<TipView>()({
    input: z.object({ tipId: id, patch: tipPatchSchema }).strict(),
    access: [P.tipsWrite],
    audit: audited('tip.update', 'tip'),
  }),
  /**
   * The handling decision (or `verifying` to resume a suspended verification). Deciding `prosecuted` with
   * `case` opens the case in the same call (needs `cases.write`); the decision date may not precede receipt.
   */
  'tips.decide': procedure<TipView>()({
    input: z
      .object({
        tipId: id,
        decision: enumOf([...TIP_DECISIONS, 'verifying'], 'tip_state_invalid'),
        decidedOn: isoDay,
        decisionNumber: optText(60),
        note: optText(2000),
        /** For a transfer: the agency it went to. */
        transferredTo: optText(200),
        case: caseInputSchema.optional(),
      })
      .strict()
      .superRefine((d, ctx) => {
        if (d.case && d.decision !== 'prosecuted')
          ctx.addIssue({ code: 'custom', path: ['case'], message: 'case_needs_prosecution' });
        if (d.decision === 'transferred' && !d.transferredTo)
          ctx.addIssue({ code: 'custom', path: ['transferredTo'], message: 'required' });
      }),
    access: [P.tipsWrite],
    audit: audited('tip.decide', 'tip'),
  }),
  'tips.extend': procedure<TipView>()({
    input: z.object({ tipId: id, ...extensionInputSchema }).strict(),
    access: [P.tipsWrite],
    audit: audited('tip.extend', 'tip'),
  }),
  /** The tip register: newest first, with the deadline column; `dueWithinDays` keeps the open ones due by then. */
  'tips.list': procedure<TipList>()({
    input: z
      .object({
        state: tipStateSchema.optional(),
        channel: tipChannelSchema.optional(),
        source: tipSourceSchema.optional(),
        communeCode: communeCode.optional(),
        from: isoDay.optional(),
        to: isoDay.optional(),
        open: z.boolean().optional(),
        overdue: z.boolean().optional(),
        dueWithinDays: z.number().int().min(0).max(366).optional(),
        ...paging,
      })
      .strict(),
    access: [P.tipsRead],
    audit: null,
  }),

  'cases.create': procedure<CaseView>()({
    input: caseInputSchema,
    access: [P.casesWrite],
    audit: audited('case.create', 'case'),
  }),
  /** The whole case file; every open is audited. */
  'cases.get': procedure<CaseView>()({
    input: z.object({ caseId: id }).strict(),
    access: [P.casesRead],
    audit: audited('case.read', 'case'),
  }),
  /**
   * The case list of the caller's scope, newest prosecution first, a page at a time with the total. `query`
   * searches as cases.find does (number, suspect's name without diacritics, CCCD); a search is audited as one
   * (case.search, without what was searched), browsing is not (as the tip register).
   */
  'cases.list': procedure<CaseList>()({
    input: z
      .object({
        query: z.string().trim().max(120, { message: 'too_long' }).default(''),
        state: caseStateSchema.optional(),
        severity: severitySchema.optional(),
        /** Only cases still under investigation (their time limit runs). */
        open: z.boolean().optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    access: [P.casesRead],
    audit: null,
  }),
  /**
   * By case number (exact or prefix), a suspect's name (diacritics-insensitive, all words) or a suspect's CCCD.
   * Audited without the query.
   */
  'cases.find': procedure<CaseSummary[]>()({
    input: z
      .object({
        query: z.string().trim().min(1, { message: 'required' }).max(120, { message: 'too_long' }),
        state: caseStateSchema.optional(),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    access: [P.casesRead],
    audit: audited('case.search', 'case'),
  }),
  'cases.update': procedure<CaseView>()({
    input: z.object({ caseId: id, patch: casePatchSchema }).strict(),
    access: [P.casesWrite],
    audit: audited('case.update', 'case'),
  }),
  /** A change of state along the workflow, on a date not before prosecution. */
  'cases.advance': procedure<CaseView>()({
    input: z
      .object({
        caseId: id,
        state: caseStateSchema,
        on: isoDay,
        decisionNumber: optText(60),
        note: optText(2000),
      })
      .strict(),
    access: [P.casesWrite],
    audit: audited('case.advance', 'case'),
  }),
  'cases.extend': procedure<CaseView>()({
    input: z.object({ caseId: id, ...extensionInputSchema }).strict(),
    access: [P.casesWrite],
    audit: audited('case.extend', 'case'),
  }),
  'cases.addSuspect': procedure<CaseView>()({
    input: suspectInputSchema,
    access: [P.casesWrite],
    audit: audited('suspect.create', 'case'),
  }),
  'cases.updateSuspect': procedure<CaseView>()({
    input: z
      .object({
        suspectId: id,
        patch: z.object(suspectFields).partial().strict(),
      })
      .strict(),
    access: [P.casesWrite],
    audit: audited('suspect.update', 'case'),
  }),
  'cases.removeSuspect': procedure<CaseView>()({
    input: z.object({ suspectId: id }).strict(),
    access: [P.casesWrite],
    audit: audited('suspect.remove', 'case'),
  }),
  /** A person's cases, for the person file (roles with `cases.read` only; others get FORBIDDEN). */
  'cases.ofPerson': procedure<PersonCase[]>()({
    input: z.object({ personId: id }).strict(),
    access: [P.casesRead],
    audit: audited('case.of_person', 'person'),
  }),
  /** A4 summary of the case file, built on the host (escaped), audited as a print. */
  'cases.print': procedure<{ html: string }>()({
    input: z.object({ caseId: id, purpose: z.string().trim().max(200).default('') }).strict(),
    access: [P.casesRead],
    audit: audited('case.print', 'case'),
  }),

  /** On a case or on a tip; answers with the seizure and the owner's totals. */
  'seizures.add': procedure<{ seizure: SeizureView; totals: CaseView['totals'] }>()({
    input: seizureInputSchema,
    access: [P.casesWrite],
    audit: audited('seizure.create', 'seizure'),
  }),
  'seizures.remove': procedure<{ removed: true; totals: CaseView['totals'] }>()({
    input: z.object({ seizureId: id }).strict(),
    access: [P.casesWrite],
    audit: audited('seizure.remove', 'seizure'),
  }),

  'hotspots.create': procedure<HotspotView>()({
    input: hotspotInputSchema,
    access: [P.tipsWrite],
    audit: audited('hotspot.create', 'hotspot'),
  }),
  'hotspots.get': procedure<HotspotView>()({
    input: z.object({ hotspotId: id }).strict(),
    access: [P.tipsRead],
    audit: audited('hotspot.read', 'hotspot'),
  }),
  'hotspots.list': procedure<HotspotList>()({
    input: z
      .object({
        communeCode: communeCode.optional(),
        status: hotspotStatusSchema.optional(),
        ...paging,
      })
      .strict(),
    access: [P.tipsRead],
    audit: null,
  }),
  'hotspots.update': procedure<HotspotView>()({
    input: z.object({ hotspotId: id, patch: hotspotPatchSchema }).strict(),
    access: [P.tipsWrite],
    audit: audited('hotspot.update', 'hotspot'),
  }),
  /**
   * Along active → under treatment → eliminated (with the case that did it) → re-formed. Naming a case needs
   * it to be one the caller may read.
   */
  'hotspots.advance': procedure<HotspotView>()({
    input: z
      .object({
        hotspotId: id,
        status: hotspotStatusSchema,
        on: isoDay,
        caseId: id.nullable().default(null),
        note: optText(2000),
      })
      .strict(),
    access: [P.tipsWrite],
    audit: audited('hotspot.advance', 'hotspot'),
  }),

  /** Tips and cases whose limit ends within `withinDays` (overdue first), in the caller's scope. */
  'investigations.deadlines': procedure<DeadlineItem[]>()({
    input: z
      .object({
        withinDays: z.number().int().min(0).max(366).default(7),
        limit: z.number().int().min(1).max(2000).default(500),
      })
      .strict(),
    access: [P.tipsRead, P.casesRead],
    audit: null,
  }),
  /** Synthetic tips, cases, suspects (drawn from seeded persons), seizures and hot spots; deterministic per seed. */
  'investigations.seed': procedure<InvestigationsSeeded>()({
    input: z
      .object({
        cases: z.number().int().min(1).max(2_000_000),
        seed: z.number().int().default(1),
        provinceCode: z
          .string()
          .regex(/^\d{2}$/, { message: 'province_code_format' })
          .default('08'),
        intoLive: z.boolean().default(false),
      })
      .strict(),
    access: [P.casesWrite],
    transaction: false,
    audit: audited('investigations.seed', 'case'),
  }),
} as const;
