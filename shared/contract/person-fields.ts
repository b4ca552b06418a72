import { z } from 'zod';
import {
  DeterminationResults,
  MEASURE_KIND_LIST,
  MeasureStatuses,
  PERSON_CATEGORY_LIST,
  Sexes,
  SUBSTANCE_LIST,
  TestMethods,
  TestResults,
} from '../domain/persons';
import { canonicalVietnamese } from '../text/canonical';

/** Field schemas of the persons domain: the forms and the host validate with the very same rules. */
const enumOf = <T extends string>(values: readonly T[], message: string) => z.enum(values as [T, ...T[]], { message });

export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_format' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1900-01-01';
    },
    { message: 'date_invalid' },
  );

/** A full date, or the year alone when that is all that is known. */
export const birthDateSchema = z.union([isoDay, z.string().regex(/^(19|20)\d{2}$/, { message: 'date_format' })], {
  message: 'date_format',
});

/** A name in its canonical form (shared/text/canonical.ts) before it is checked: lookalike letters are not errors. */
export const personNameSchema = z
  .string()
  .transform(canonicalVietnamese)
  .pipe(
    z
      .string()
      .min(2, { message: 'required' })
      .max(120, { message: 'too_long' })
      .regex(/^[\p{L}][\p{L}\p{M} .'-]*$/u, { message: 'name_letters_only' }),
  );

export const citizenIdSchema = z.string().regex(/^(\d{12}|\d{9})$/, { message: 'citizen_id_format' });

export const addressSchema = z
  .object({
    provinceCode: z.string().regex(/^\d{2}$/, { message: 'province_code_format' }),
    communeCode: z.string().regex(/^\d{5}$/, { message: 'commune_code_format' }),
    street: z.string().trim().max(200, { message: 'too_long' }).default(''),
  })
  .strict();

/** A JPEG or PNG as a data URL, at most about 512 KB. */
export const photoSchema = z
  .string()
  .max(700_000, { message: 'photo_too_large' })
  .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+=*$/, { message: 'photo_format' });

export const sexSchema = enumOf(Object.values(Sexes), 'sex_invalid');
export const categorySchema = enumOf(PERSON_CATEGORY_LIST, 'category_invalid');
export const measureKindSchema = enumOf(MEASURE_KIND_LIST, 'measure_kind_invalid');
export const measureStatusSchema = enumOf(Object.values(MeasureStatuses), 'measure_status_invalid');
export const testResultSchema = enumOf(Object.values(TestResults), 'test_result_invalid');
export const testMethodSchema = enumOf(Object.values(TestMethods), 'test_method_invalid');
export const determinationResultSchema = enumOf(Object.values(DeterminationResults), 'determination_result_invalid');
export const substanceSchema = enumOf(SUBSTANCE_LIST, 'substance_invalid');

const text = (max: number) => z.string().trim().max(max, { message: 'too_long' }).nullable();
const optText = (max: number) => text(max).default(null);

/** The person's fields without defaults: a patch must not reset what it does not mention. */
const personShape = {
  fullName: personNameSchema,
  otherNames: z.array(personNameSchema).max(10),
  sex: sexSchema,
  birthDate: birthDateSchema,
  citizenId: citizenIdSchema.nullable(),
  /** Kept with the record when the user overrides a CCCD warning (sex/century or year mismatch). */
  citizenIdOverrideReason: text(500),
  ethnicity: z
    .string()
    .regex(/^\d{2}$/, { message: 'ethnicity_invalid' })
    .nullable(),
  education: text(60),
  occupation: text(120),
  familyContact: text(300),
  permanentAddress: addressSchema.nullable(),
  currentAddress: addressSchema.nullable(),
  substances: z.array(substanceSchema).max(8),
  firstUseDate: birthDateSchema.nullable(),
  /** The owning unit; defaults to the signed-in account's unit. */
  unitId: z.string().uuid({ message: 'id_invalid' }).nullable(),
  photo: photoSchema.nullable(),
};

export const personInputSchema = z
  .object({
    ...personShape,
    otherNames: personShape.otherNames.default([]),
    citizenId: personShape.citizenId.default(null),
    citizenIdOverrideReason: personShape.citizenIdOverrideReason.default(null),
    ethnicity: personShape.ethnicity.default(null),
    education: personShape.education.default(null),
    occupation: personShape.occupation.default(null),
    familyContact: personShape.familyContact.default(null),
    permanentAddress: personShape.permanentAddress.default(null),
    currentAddress: personShape.currentAddress.default(null),
    substances: personShape.substances.default([]),
    firstUseDate: personShape.firstUseDate.default(null),
    unitId: personShape.unitId.optional(),
    photo: personShape.photo.default(null),
  })
  .strict();

export const personPatchSchema = z.object(personShape).partial().strict();

export const measureInputSchema = z
  .object({
    personId: z.string().uuid(),
    kind: measureKindSchema,
    decisionNumber: z.string().trim().min(1, { message: 'required' }).max(60, { message: 'too_long' }),
    decisionDate: isoDay,
    authority: z.string().trim().min(2, { message: 'required' }).max(200, { message: 'too_long' }),
    officer: optText(120),
    startDate: isoDay,
    /** When omitted, computed from the configured duration of the measure kind. */
    endDate: isoDay.nullable().optional(),
    notes: optText(2000),
  })
  .strict()
  .refine((m) => m.startDate >= m.decisionDate, { message: 'start_before_decision', path: ['startDate'] })
  .refine((m) => !m.endDate || m.endDate > m.startDate, { message: 'end_before_start', path: ['endDate'] });

export const testInputSchema = z
  .object({
    personId: z.string().uuid(),
    date: isoDay,
    method: testMethodSchema,
    result: testResultSchema,
    substances: z.array(substanceSchema).max(8).default([]),
    notes: optText(1000),
  })
  .strict()
  .refine((t) => t.result === 'positive' || t.substances.length === 0, {
    message: 'substances_only_if_positive',
    path: ['substances'],
  });

export const determinationInputSchema = z
  .object({
    personId: z.string().uuid(),
    requestedDate: isoDay,
    facility: z.string().trim().min(2, { message: 'required' }).max(200, { message: 'too_long' }),
    resultDate: isoDay.nullable().default(null),
    result: determinationResultSchema,
    formRef: optText(60),
  })
  .strict()
  .refine((d) => d.result === 'pending' || d.resultDate !== null, {
    message: 'result_date_required',
    path: ['resultDate'],
  })
  .refine((d) => !d.resultDate || d.resultDate >= d.requestedDate, {
    message: 'result_before_request',
    path: ['resultDate'],
  });
