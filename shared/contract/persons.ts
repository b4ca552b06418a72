import { z } from 'zod';
import { Permissions } from '../domain/roles';
import { procedure } from './define';
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
    permission: P.session,
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
    permission: P.personsWrite,
    audit: null,
  }),
  'persons.get': procedure<PersonFile>()({
    input: z.object({ personId: id }).strict(),
    permission: P.session,
    audit: 'person.read',
  }),
  'persons.photo': procedure<{ photo: string | null }>()({
    input: z.object({ personId: id }).strict(),
    permission: P.personsRead,
    audit: null,
  }),
  'persons.create': procedure<PersonFile>()({
    input: personInputSchema.extend({
      /** The user saw the similar-name candidates and the CCCD warnings and goes ahead. */
      confirmed: z.boolean().default(false),
    }),
    permission: P.personsWrite,
    audit: 'person.create',
  }),
  'persons.update': procedure<PersonFile>()({
    input: z.object({ personId: id, patch: personPatchSchema, confirmed: z.boolean().default(false) }).strict(),
    permission: P.personsWrite,
    audit: 'person.update',
  }),
  'persons.setPhoto': procedure<{ hasPhoto: boolean }>()({
    input: z.object({ personId: id, photo: photoSchema.nullable() }).strict(),
    permission: P.personsWrite,
    audit: 'person.update',
  }),
  'persons.merge': procedure<PersonFile>()({
    input: z
      .object({ keepId: id, mergeId: id })
      .strict()
      .refine((m) => m.keepId !== m.mergeId, { message: 'merge_same_person', path: ['mergeId'] }),
    permission: P.personsMerge,
    audit: 'person.merge',
  }),
  'persons.addMeasure': procedure<Measure>()({
    input: measureInputSchema,
    permission: P.personsWrite,
    audit: 'measure.create',
  }),
  'persons.updateMeasure': procedure<Measure>()({
    input: z
      .object({
        measureId: id,
        status: measureStatusSchema.optional(),
        endDate: isoDay.nullable().optional(),
        notes: z.string().trim().max(2000).nullable().optional(),
      })
      .strict(),
    permission: P.personsWrite,
    audit: 'measure.update',
  }),
  'persons.checkIn': procedure<Measure>()({
    input: z
      .object({ measureId: id, date: isoDay, note: z.string().trim().min(1, { message: 'required' }).max(2000) })
      .strict(),
    permission: P.personsWrite,
    audit: 'measure.check_in',
  }),
  'persons.addTest': procedure<DrugTest>()({
    input: testInputSchema,
    permission: P.personsWrite,
    audit: 'drug_test.create',
  }),
  'persons.addDetermination': procedure<Determination>()({
    input: determinationInputSchema,
    permission: P.personsWrite,
    audit: 'determination.create',
  }),
  'persons.updateDetermination': procedure<Determination>()({
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
    permission: P.personsWrite,
    audit: 'determination.update',
  }),
  'persons.due': procedure<DueList>()({
    input: z.object({ withinDays: z.number().int().min(1).max(365).optional() }).strict(),
    permission: P.personsRead,
    audit: null,
  }),
  'persons.readers': procedure<FileReader[]>()({
    input: z.object({ personId: id }).strict(),
    permission: P.personsReadAudit,
    audit: null,
  }),
  'persons.print': procedure<{ html: string }>()({
    input: z.object({ personId: id, purpose: z.string().trim().max(200).default('') }).strict(),
    permission: P.personsRead,
    audit: 'person.print',
  }),
} as const;
