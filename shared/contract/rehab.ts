import { z } from 'zod';
import { Permissions } from '../domain/roles';
import {
  DECISION_KIND_LIST,
  DOSSIER_ITEM_LIST,
  FACILITY_KIND_LIST,
  METHADONE_STATUS_LIST,
  METHADONE_STOP_REASON_LIST,
  PENDING_CUSTODY_LIST,
  REFERRAL_STATE_LIST,
  STAY_INCIDENT_LIST,
  STAY_STAGE_LIST,
  VOLUNTARY_SETTING_LIST,
  VOLUNTARY_STATUS_LIST,
} from '../domain/rehab/codes';
import { audited, procedure } from './define';
import { isoDay } from './person-fields';
import type {
  FacilityRoster,
  FacilityView,
  HandoverItem,
  MethadoneView,
  PersonRehab,
  ReferralBoard,
  ReferralDossier,
  RehabSeedResult,
  StayView,
  VoluntaryView,
} from './rehab-types';

/**
 * Rehabilitation (issue 11): facilities, compulsory-rehab referrals, voluntary rehab, methadone, stays and the
 * post-rehab hand-over. Field messages are translation keys (shared/i18n/rehab-labels.ts `issues`); the host adds
 * the rules that need the database (scope, eligibility, the law's term for the person's age, capacity) with the
 * same keys, naming the field.
 */
const P = Permissions;
const id = z.string().uuid({ message: 'id_invalid' });
const enumOf = <T extends string>(values: readonly T[], message: string) => z.enum(values as [T, ...T[]], { message });
const text = (max: number) => z.string().trim().max(max, { message: 'too_long' });
const optionalText = (max: number) => text(max).nullable().optional();

export const facilityKindSchema = enumOf(FACILITY_KIND_LIST, 'facility_kind_invalid');
export const referralStateSchema = enumOf(REFERRAL_STATE_LIST, 'referral_state_invalid');
export const decisionKindSchema = enumOf(DECISION_KIND_LIST, 'decision_kind_invalid');
export const dossierItemSchema = enumOf(DOSSIER_ITEM_LIST, 'dossier_item_invalid');
export const stayStageSchema = enumOf(STAY_STAGE_LIST, 'stay_stage_invalid');
export const stayIncidentSchema = enumOf(STAY_INCIDENT_LIST, 'stay_incident_invalid');
export const methadoneStatusSchema = enumOf(METHADONE_STATUS_LIST, 'methadone_status_invalid');
export const methadoneStopReasonSchema = enumOf(METHADONE_STOP_REASON_LIST, 'methadone_stop_reason_invalid');

/** A scan of a dossier document: a JPEG, PNG or PDF as a data URL, at most about 2 MB. */
export const scanSchema = z
  .string()
  .max(2_800_000, { message: 'scan_too_large' })
  .regex(/^data:(image\/jpeg|image\/png|application\/pdf);base64,[A-Za-z0-9+/]+=*$/, { message: 'scan_format' });

/** A facility's fields, without defaults: a patch (`facilities.update`) fills in nothing it does not name. */
const facilityFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,32}$/, { message: 'facility_code_format' }),
  name: z.string().trim().min(2, { message: 'required' }).max(200, { message: 'too_long' }),
  kind: facilityKindSchema,
  provinceCode: z.string().regex(/^\d{2}$/, { message: 'province_code_format' }),
  communeCode: z
    .string()
    .regex(/^\d{5}$/, { message: 'commune_code_format' })
    .nullable(),
  capacity: z.number().int({ message: 'capacity_invalid' }).min(0, { message: 'capacity_invalid' }).max(100_000),
  /** The rehab-centre unit whose staff work at this facility. */
  unitId: id.nullable(),
};

export const facilityInputSchema = z
  .object({
    ...facilityFields,
    communeCode: facilityFields.communeCode.default(null),
    unitId: facilityFields.unitId.default(null),
  })
  .strict();

export const facilityPatchSchema = z.object(facilityFields).omit({ code: true }).partial().strict();

export const referralCreateSchema = z
  .object({
    personId: id,
    /** Voluntary rehab has its own records (`voluntary.create`); a referral is compulsory. */
    kind: z.literal('compulsory', { message: 'referral_kind_invalid' }).default('compulsory'),
    discoveredOn: isoDay,
    facilityId: id.nullable().default(null),
    complex: z.boolean().default(false),
    pendingCustody: enumOf(PENDING_CUSTODY_LIST, 'pending_custody_invalid').default('family'),
    notes: text(2000).nullable().default(null),
  })
  .strict();

/**
 * One step of a referral: `to` the next state, `on` its date, and what that state needs: the court's decision
 * (`decided`), the facility (`admitted`, `transferred`), a reason (deferred, exempted, suspended), the day a
 * deferral ends. `capacityOverride` admits to a full facility (leaders only).
 */
export const referralAdvanceSchema = z
  .object({
    referralId: id,
    to: referralStateSchema,
    on: isoDay,
    note: text(2000).nullable().default(null),
    decisionKind: decisionKindSchema.optional(),
    termMonths: z.number().int({ message: 'term_invalid' }).min(1, { message: 'term_invalid' }).max(60).optional(),
    decisionNumber: text(60).optional(),
    court: text(200).optional(),
    complex: z.boolean().optional(),
    facilityId: id.optional(),
    deferredUntil: isoDay.optional(),
    reason: text(500).optional(),
    capacityOverride: z.boolean().default(false),
  })
  .strict();

export const referralPatchSchema = z
  .object({
    facilityId: id.nullable().optional(),
    complex: z.boolean().optional(),
    pendingCustody: enumOf(PENDING_CUSTODY_LIST, 'pending_custody_invalid').optional(),
    heldFrom: isoDay.nullable().optional(),
    heldTo: isoDay.nullable().optional(),
    notes: optionalText(2000),
  })
  .strict();

export const voluntaryInputSchema = z
  .object({
    personId: id,
    setting: enumOf(VOLUNTARY_SETTING_LIST, 'voluntary_setting_invalid'),
    facilityId: id.nullable().default(null),
    registeredOn: isoDay,
    startOn: isoDay.nullable().default(null),
    termMonths: z.number().int({ message: 'term_invalid' }).min(1, { message: 'term_invalid' }).max(60),
    notes: text(2000).nullable().default(null),
  })
  .strict();

export const voluntaryUpdateSchema = z
  .object({
    voluntaryId: id,
    status: enumOf(VOLUNTARY_STATUS_LIST, 'voluntary_status_invalid').optional(),
    startOn: isoDay.nullable().optional(),
    endedOn: isoDay.nullable().optional(),
    termMonths: z.number().int({ message: 'term_invalid' }).min(1, { message: 'term_invalid' }).max(60).optional(),
    facilityId: id.nullable().optional(),
    notes: optionalText(2000),
  })
  .strict();

export const methadoneStartSchema = z
  .object({ personId: id, clinicId: id, startedOn: isoDay, notes: text(2000).nullable().default(null) })
  .strict();

export const methadoneStopSchema = z
  .object({ methadoneId: id, on: isoDay, reason: methadoneStopReasonSchema })
  .strict();

export const methadoneUpdateSchema = z
  .object({
    methadoneId: id,
    status: methadoneStatusSchema.optional(),
    on: isoDay,
    clinicId: id.optional(),
    notes: optionalText(2000),
  })
  .strict();

/**
 * A scan saved as a file outside the encrypted database: an export of personal data, so the user names the
 * file (an absolute path that must not exist yet: the host never overwrites) and states a purpose; the audit
 * entry records who, which referral and document, and the purpose.
 */
export const documentExportSchema = z
  .object({
    referralId: id,
    item: dossierItemSchema,
    purpose: z.string().trim().min(3, { message: 'export_purpose_required' }).max(200, { message: 'too_long' }),
    path: z
      .string()
      .trim()
      .min(1, { message: 'required' })
      .max(4096, { message: 'too_long' })
      .refine((p) => /^(\/|[A-Za-z]:[\\/])/.test(p), { message: 'export_path_absolute' }),
  })
  .strict();

export const rehabContract = {
  'facilities.create': procedure<FacilityView>()({
    input: facilityInputSchema,
    access: [P.facilitiesManage],
    audit: audited('facility.create', 'facility'),
  }),
  /** Reference data every signed-in role may list (names, kinds, capacity, occupancy). */
  'facilities.list': procedure<FacilityView[]>()({
    input: z
      .object({
        kind: facilityKindSchema.optional(),
        provinceCode: z
          .string()
          .regex(/^\d{2}$/)
          .optional(),
      })
      .strict(),
    access: [P.session],
    audit: null,
  }),
  'facilities.update': procedure<FacilityView>()({
    input: z.object({ facilityId: id, patch: facilityPatchSchema }).strict(),
    access: [P.facilitiesManage],
    audit: audited('facility.update', 'facility'),
  }),

  'referrals.create': procedure<ReferralDossier>()({
    input: referralCreateSchema,
    access: [P.referralsWrite],
    audit: audited('referral.create', 'referral'),
  }),
  /** The whole dossier: person summary, state, history, deadline, checklist, documents, decision, stay. */
  'referrals.get': procedure<ReferralDossier>()({
    input: z.object({ referralId: id }).strict(),
    access: [P.referralsRead],
    audit: audited('referral.read', 'referral'),
  }),
  /** The caller's referrals by state with their time limits, overdue first. */
  'referrals.board': procedure<ReferralBoard>()({
    input: z
      .object({
        state: referralStateSchema.optional(),
        facilityId: id.optional(),
        communeCode: z
          .string()
          .regex(/^\d{5}$/, { message: 'commune_code_format' })
          .optional(),
        overdueOnly: z.boolean().default(false),
        /** Include completed, closed, exempted and died referrals. */
        includeClosed: z.boolean().default(false),
        /** Items per state column. */
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    access: [P.referralsRead],
    audit: audited('referral.board', 'referral'),
  }),
  'referrals.advance': procedure<ReferralDossier>()({
    input: referralAdvanceSchema,
    access: [P.referralsWrite],
    audit: audited('referral.advance', 'referral'),
  }),
  'referrals.update': procedure<ReferralDossier>()({
    input: z.object({ referralId: id, patch: referralPatchSchema }).strict(),
    access: [P.referralsWrite],
    audit: audited('referral.update', 'referral'),
  }),
  /** Ticks a checklist item (or unticks it) and attaches, replaces or removes its scan (encrypted in the DB). */
  'referrals.setDocument': procedure<ReferralDossier>()({
    input: z
      .object({
        referralId: id,
        item: dossierItemSchema,
        done: z.boolean(),
        on: isoDay.optional(),
        note: optionalText(500),
        /** A new scan; null removes the scan; absent leaves it. */
        scan: scanSchema.nullable().optional(),
      })
      .strict(),
    access: [P.referralsWrite],
    audit: audited('referral.document', 'referral'),
  }),
  'referrals.document': procedure<{ item: string; scan: string | null }>()({
    input: z.object({ referralId: id, item: dossierItemSchema }).strict(),
    access: [P.referralsRead],
    audit: audited('referral.document_read', 'referral'),
  }),
  /** A document's scan written to a file the user names: an export of personal data (see the schema). */
  'referrals.exportDocument': procedure<{ path: string; bytes: number }>()({
    input: documentExportSchema,
    access: [P.referralsRead],
    audit: audited('referral.document_export', 'referral'),
  }),
  /** The dossier cover (A4 HTML). */
  'referrals.print': procedure<{ html: string }>()({
    input: z.object({ referralId: id, purpose: z.string().trim().max(200).default('') }).strict(),
    access: [P.referralsRead],
    audit: audited('referral.print', 'referral'),
  }),

  'voluntary.create': procedure<VoluntaryView>()({
    input: voluntaryInputSchema,
    access: [P.referralsWrite],
    audit: audited('voluntary.create', 'voluntary_rehab'),
  }),
  'voluntary.get': procedure<VoluntaryView>()({
    input: z.object({ voluntaryId: id }).strict(),
    access: [P.referralsRead],
    audit: audited('voluntary.read', 'voluntary_rehab'),
  }),
  'voluntary.update': procedure<VoluntaryView>()({
    input: voluntaryUpdateSchema,
    access: [P.referralsWrite],
    audit: audited('voluntary.update', 'voluntary_rehab'),
  }),

  'methadone.start': procedure<MethadoneView>()({
    input: methadoneStartSchema,
    access: [P.referralsWrite],
    audit: audited('methadone.start', 'methadone'),
  }),
  'methadone.stop': procedure<MethadoneView>()({
    input: methadoneStopSchema,
    access: [P.referralsWrite],
    audit: audited('methadone.stop', 'methadone'),
  }),
  /** Pause, resume (treating) or transfer to another clinic. */
  'methadone.update': procedure<MethadoneView>()({
    input: methadoneUpdateSchema,
    access: [P.referralsWrite],
    audit: audited('methadone.update', 'methadone'),
  }),
  'methadone.get': procedure<MethadoneView>()({
    input: z.object({ methadoneId: id }).strict(),
    access: [P.referralsRead],
    audit: audited('methadone.read', 'methadone'),
  }),

  /** Admits the person of a decided referral (or a voluntary registration at a facility) to a facility. */
  'stays.admit': procedure<StayView>()({
    input: z
      .object({
        referralId: id.optional(),
        voluntaryId: id.optional(),
        facilityId: id,
        admittedOn: isoDay,
        capacityOverride: z.boolean().default(false),
        note: text(500).nullable().default(null),
      })
      .strict(),
    access: [P.referralsWrite],
    audit: audited('stay.admit', 'stay'),
  }),
  'stays.stage': procedure<StayView>()({
    input: z.object({ stayId: id, stage: stayStageSchema, on: isoDay }).strict(),
    access: [P.referralsWrite],
    audit: audited('stay.stage', 'stay'),
  }),
  /** Absconding (the referral becomes `absconded`), return (back to `admitted`), a violation. */
  'stays.incident': procedure<StayView>()({
    input: z
      .object({ stayId: id, kind: stayIncidentSchema, on: isoDay, note: text(500).nullable().default(null) })
      .strict(),
    access: [P.referralsWrite],
    audit: audited('stay.incident', 'stay'),
  }),
  /**
   * Sets the planned discharge and/or discharges (`on`, with the certificate number). A discharge completes the
   * referral and hands the person back to the commune: a post-rehab management measure in their file.
   */
  'stays.discharge': procedure<StayView>()({
    input: z
      .object({
        stayId: id,
        plannedOn: isoDay.optional(),
        on: isoDay.optional(),
        certificateNumber: text(60).optional(),
      })
      .strict(),
    access: [P.referralsWrite],
    audit: audited('stay.discharge', 'stay'),
  }),
  'stays.get': procedure<StayView>()({
    input: z.object({ stayId: id }).strict(),
    access: [P.referralsRead],
    audit: audited('stay.read', 'stay'),
  }),
  /** A facility's residents, stages, discharges due in the month, absconded (rehab staff: their own facility). */
  'stays.roster': procedure<FacilityRoster>()({
    input: z
      .object({
        facilityId: id.optional(),
        /** YYYY-MM; default the current month. */
        month: z
          .string()
          .regex(/^\d{4}-\d{2}$/, { message: 'month_format' })
          .optional(),
        /** Which list `offset` pages (the screen's current tab); the other lists give their first page. */
        view: z.enum(['residents', 'dischargesDue', 'absconded', 'incoming']).default('residents'),
        offset: z.number().int().min(0).default(0),
        /** Rows per list (a page of the screen's table). */
        limit: z.number().int().min(1).max(10_000).default(50),
      })
      .strict(),
    access: [P.referralsRead],
    audit: audited('stay.roster', 'facility'),
  }),
  /** The discharge certificate (A4 HTML). */
  'stays.printCertificate': procedure<{ html: string }>()({
    input: z.object({ stayId: id, purpose: z.string().trim().max(200).default('') }).strict(),
    access: [P.referralsRead],
    audit: audited('stay.print', 'stay'),
  }),

  /** The people discharged and handed back to a commune for post-rehab management (default: the caller's). */
  'rehab.handovers': procedure<HandoverItem[]>()({
    input: z
      .object({
        communeCode: z
          .string()
          .regex(/^\d{5}$/, { message: 'commune_code_format' })
          .optional(),
        from: isoDay.optional(),
        to: isoDay.optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    access: [P.referralsRead],
    audit: audited('rehab.handovers', 'stay'),
  }),
  /** Everything of the rehab family on one person (the person's file shows it). */
  'rehab.person': procedure<PersonRehab>()({
    input: z.object({ personId: id }).strict(),
    access: [P.referralsRead],
    audit: audited('rehab.person_read', 'person'),
  }),
  /** Synthetic facilities, referrals in every state, stays, voluntary rehab and methadone over seeded persons. */
  'rehab.seed': procedure<RehabSeedResult>()({
    input: z
      .object({
        referrals: z.number().int().min(1).max(1_000_000),
        seed: z.number().int().default(1),
        intoLive: z.boolean().default(false),
      })
      .strict(),
    access: [P.referralsWrite],
    transaction: false,
    audit: audited('rehab.seed', 'referral'),
  }),
} as const;
