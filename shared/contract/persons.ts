import { z } from 'zod';
import { Permissions } from '../domain/roles';
import { audited, procedure } from './define';
import {
  categorySchema,
  citizenIdSchema,
  determinationInputSchema,
  isoDay,
  measureInputSchema,
  measureStatusSchema,
  personInputSchema,
  personNameSchema,
  personPatchSchema,
  birthDateSchema,
  photoSchema,
  testInputSchema,
} from './person-fields';
import type {
  Determination,
  DrugTest,
  DueList,
  DuplicateCheck,
  FileReader,
  Measure,
  PersonFile,
  PersonSearchResult,
  Written,
} from './person-types';

const P = Permissions;
const id = z.string().uuid({ message: 'id_invalid' });

/**
 * Persons under management. Reads are scoped by unit in the host (commune officers: their commune;
 * investigators and leaders: their unit and province; rehab staff: identity and category only).
 */
export const personsContract = {
  'persons.search': procedure<PersonSearchResult>()({
    input: z
      .object({
        query: z.string().trim().max(120).default(''),
        citizenId: z
          .string()
          .regex(/^\d{3,12}$/, { message: 'citizen_id_format' })
          .optional(),
        provinceCode: z
          .string()
          .regex(/^\d{2}$/)
          .optional(),
        communeCode: z
          .string()
          .regex(/^\d{5}$/)
          .optional(),
        category: categorySchema.optional(),
        measureStatus: measureStatusSchema.optional(),
        limit: z.number().int().min(1).max(100_000).default(200),
      })
      .strict(),
    access: [P.personsRead, P.personsReadLimited],
    audit: null,
  }),
  'persons.checkDuplicates': procedure<DuplicateCheck>()({
    input: z
      .object({
        fullName: personNameSchema,
        birthDate: birthDateSchema,
        sex: z.enum(['male', 'female']).optional(),
        citizenId: citizenIdSchema.nullable().default(null),
        excludeId: id.optional(),
      })
      .strict(),
    access: [P.personsWrite],
    audit: null,
  }),
  'persons.get': procedure<PersonFile>()({
    input: z.object({ personId: id }).strict(),
    access: [P.personsRead, P.personsReadLimited],
    audit: audited('person.read', 'person'),
  }),
  'persons.photo': procedure<{ photo: string | null }>()({
    input: z.object({ personId: id }).strict(),
    access: [P.personsRead],
    audit: null,
  }),
  'persons.create': procedure<PersonFile>()({
    input: personInputSchema.extend({
      /** The user saw the similar-name candidates and the CCCD warnings and goes ahead. */
      confirmed: z.boolean().default(false),
    }),
    access: [P.personsWrite],
    audit: audited('person.create', 'person'),
  }),
  'persons.update': procedure<PersonFile>()({
    input: z.object({ personId: id, patch: personPatchSchema, confirmed: z.boolean().default(false) }).strict(),
    access: [P.personsWrite],
    audit: audited('person.update', 'person'),
  }),
  'persons.setPhoto': procedure<{ hasPhoto: boolean }>()({
    input: z.object({ personId: id, photo: photoSchema.nullable() }).strict(),
    access: [P.personsWrite],
    audit: audited('person.update', 'person'),
  }),
  'persons.merge': procedure<PersonFile>()({
    input: z
      .object({ keepId: id, mergeId: id })
      .strict()
      .refine((m) => m.keepId !== m.mergeId, { message: 'merge_same_person', path: ['mergeId'] }),
    access: [P.personsMerge],
    audit: audited('person.merge', 'person'),
  }),
  'persons.addMeasure': procedure<Written<Measure>>()({
    input: measureInputSchema,
    access: [P.personsWrite],
    audit: audited('measure.create', 'measure'),
  }),
  'persons.updateMeasure': procedure<Written<Measure>>()({
    input: z
      .object({
        measureId: id,
        status: measureStatusSchema.optional(),
        endDate: isoDay.nullable().optional(),
        notes: z.string().trim().max(2000).nullable().optional(),
      })
      .strict(),
    access: [P.personsWrite],
    audit: audited('measure.update', 'measure'),
  }),
  'persons.checkIn': procedure<Written<Measure>>()({
    input: z
      .object({ measureId: id, date: isoDay, note: z.string().trim().min(1, { message: 'required' }).max(2000) })
      .strict(),
    access: [P.personsWrite],
    audit: audited('measure.check_in', 'measure'),
  }),
  'persons.addTest': procedure<Written<DrugTest>>()({
    input: testInputSchema,
    access: [P.personsWrite],
    audit: audited('drug_test.create', 'drug_test'),
  }),
  'persons.addDetermination': procedure<Written<Determination>>()({
    input: determinationInputSchema,
    access: [P.personsWrite],
    audit: audited('determination.create', 'determination'),
  }),
  'persons.updateDetermination': procedure<Written<Determination>>()({
    input: z
      .object({
        determinationId: id,
        result: z.enum(['pending', 'addicted', 'not_addicted']).optional(),
        resultDate: isoDay.nullable().optional(),
        formRef: z.string().trim().max(60).nullable().optional(),
        /** The day the person registered for rehab or methadone, which stops the 5-working-day clock. */
        registeredAt: isoDay.nullable().optional(),
      })
      .strict(),
    access: [P.personsWrite],
    audit: audited('determination.update', 'determination'),
  }),
  /** Synthetic people for trials and benchmarks; refuses a database with real records unless `intoLive`. */
  'persons.seed': procedure<{ persons: number; measures: number; tests: number; determinations: number; ms: number }>()(
    {
      input: z
        .object({
          count: z.number().int().min(1).max(5_000_000),
          seed: z.number().int().default(1),
          provinceCode: z
            .string()
            .regex(/^\d{2}$/, { message: 'province_code_format' })
            .default('08'),
          intoLive: z.boolean().default(false),
        })
        .strict(),
      access: [P.personsWrite],
      transaction: false,
      audit: audited('persons.seed', 'person'),
    },
  ),
  'persons.due': procedure<DueList>()({
    input: z.object({ withinDays: z.number().int().min(1).max(365).optional() }).strict(),
    access: [P.personsRead],
    audit: null,
  }),
  'persons.readers': procedure<FileReader[]>()({
    input: z.object({ personId: id }).strict(),
    access: [P.personsReadAudit],
    audit: null,
  }),
  'persons.print': procedure<{ html: string }>()({
    input: z.object({ personId: id, purpose: z.string().trim().max(200).default('') }).strict(),
    access: [P.personsRead],
    audit: audited('person.print', 'person'),
  }),
} as const;
