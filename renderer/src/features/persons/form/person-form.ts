import { z } from 'zod';
import {
  addressSchema,
  birthDateSchema,
  citizenIdSchema,
  personNameSchema,
  sexSchema,
  substanceSchema,
  type Address,
  type InputOf,
  type PersonRecord,
} from '../../../../../shared/contract';
import type { Substance } from '../../../../../shared/domain/persons';
import { isValidCommune } from '../../../../../shared/places';
import { dateTextIssue } from '../../../../../shared/text/typed-date';

/**
 * The person form: what the screen holds (strings for text boxes, '' for "not given") validated with the
 * contract's own field schemas, and the conversions to and from the contract's shapes.
 */
const addressFormSchema = z.object({ provinceCode: z.string(), communeCode: z.string(), street: z.string() });
type AddressForm = z.infer<typeof addressFormSchema>;

/**
 * An address is optional: a province alone (as the form opens, from the account's unit) is no address yet and
 * is not saved; once a street is typed, the commune is needed, and it must be one of the province's.
 */
function checkAddress(a: AddressForm, key: string, ctx: z.RefinementCtx): void {
  if (!addressSchema.shape.street.safeParse(a.street).success) {
    ctx.addIssue({ code: 'custom', path: [key, 'street'], message: 'too_long' });
  }
  if (!a.provinceCode && (a.communeCode || a.street.trim())) {
    ctx.addIssue({ code: 'custom', path: [key, 'provinceCode'], message: 'required' });
  } else if (a.provinceCode && !a.communeCode && a.street.trim()) {
    ctx.addIssue({ code: 'custom', path: [key, 'communeCode'], message: 'required' });
  } else if (a.communeCode && !isValidCommune(a.provinceCode, a.communeCode)) {
    ctx.addIssue({ code: 'custom', path: [key, 'communeCode'], message: 'commune_unknown' });
  }
}

/** "Tí, Tèo" → ["Tí", "Tèo"]. */
export function splitNames(text: string): string[] {
  return text
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
}

const otherNamesSchema = z.string().superRefine((text, ctx) => {
  const names = splitNames(text);
  if (names.length > 10) ctx.addIssue({ code: 'custom', message: 'too_many_names' });
  for (const name of names) {
    const r = personNameSchema.safeParse(name);
    if (!r.success) {
      ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? 'invalid' });
      return;
    }
  }
});

/** A date field's value: a full date or, with "year only", a year; typed text that is neither says why. */
function partialDate(value: string, yearOnly: boolean, path: string, ctx: z.RefinementCtx): void {
  if (value === '') return;
  if (!yearOnly && /^\d{4}$/.test(value)) {
    ctx.addIssue({ code: 'custom', path: [path], message: 'date_year_only' });
  } else if (!birthDateSchema.safeParse(value).success) {
    const issue = dateTextIssue(value);
    ctx.addIssue({
      code: 'custom',
      path: [path],
      message: yearOnly && issue === 'date_year_only' ? 'date_format' : issue,
    });
  }
}

export const personFormSchema = z
  .object({
    fullName: personNameSchema,
    otherNames: otherNamesSchema,
    sex: z.union([sexSchema, z.literal('')]).refine((s) => s !== '', { message: 'sex_required' }),
    birthDate: z.string().min(1, { message: 'required' }),
    birthYearOnly: z.boolean(),
    citizenId: z.string().refine((s) => s.trim() === '' || citizenIdSchema.safeParse(s.replace(/\s+/g, '')).success, {
      message: 'citizen_id_format',
    }),
    citizenIdOverrideReason: z.string().max(500, { message: 'too_long' }),
    ethnicity: z.string(),
    education: z.string(),
    occupation: z.string(),
    familyContact: z.string().max(300, { message: 'too_long' }),
    permanentAddress: addressFormSchema,
    currentAddress: addressFormSchema,
    sameAddress: z.boolean(),
    substances: z.array(substanceSchema).max(8),
    firstUseDate: z.string(),
    firstUseYearOnly: z.boolean(),
    unitId: z.string(),
  })
  .superRefine((v, ctx) => {
    partialDate(v.birthDate, v.birthYearOnly, 'birthDate', ctx);
    partialDate(v.firstUseDate, v.firstUseYearOnly, 'firstUseDate', ctx);
    checkAddress(v.permanentAddress, 'permanentAddress', ctx);
    // "Same as permanent" hides the current address: it is neither shown nor checked.
    if (!v.sameAddress) checkAddress(v.currentAddress, 'currentAddress', ctx);
    const dates = birthDateSchema.safeParse(v.firstUseDate).success && birthDateSchema.safeParse(v.birthDate).success;
    if (dates && v.firstUseDate.slice(0, 4) < v.birthDate.slice(0, 4)) {
      ctx.addIssue({ code: 'custom', path: ['firstUseDate'], message: 'first_use_before_birth' });
    }
  });

export type PersonFormValues = z.input<typeof personFormSchema>;

/** Field names the host's issues may point at (applyApiError puts each on its field). */
export const PERSON_FIELDS = [
  'fullName',
  'otherNames',
  'sex',
  'birthDate',
  'citizenId',
  'citizenIdOverrideReason',
  'ethnicity',
  'education',
  'occupation',
  'familyContact',
  'permanentAddress.provinceCode',
  'permanentAddress.communeCode',
  'permanentAddress.street',
  'currentAddress.provinceCode',
  'currentAddress.communeCode',
  'currentAddress.street',
  'substances',
  'firstUseDate',
  'unitId',
] as const;

const EMPTY_ADDRESS = { provinceCode: '', communeCode: '', street: '' };

/** A new person's form: the province and commune of the account's unit are where its people usually live. */
export function emptyPersonForm(defaults: {
  unitId: string | null;
  provinceCode: string | null;
  communeCode?: string | null;
}): PersonFormValues {
  const commune =
    defaults.provinceCode && defaults.communeCode && isValidCommune(defaults.provinceCode, defaults.communeCode)
      ? defaults.communeCode
      : '';
  const address = { ...EMPTY_ADDRESS, provinceCode: defaults.provinceCode ?? '', communeCode: commune };
  return {
    fullName: '',
    otherNames: '',
    sex: '',
    birthDate: '',
    birthYearOnly: false,
    citizenId: '',
    citizenIdOverrideReason: '',
    ethnicity: '',
    education: '',
    occupation: '',
    familyContact: '',
    permanentAddress: address,
    currentAddress: address,
    sameAddress: true,
    substances: [],
    firstUseDate: '',
    firstUseYearOnly: true,
    unitId: defaults.unitId ?? '',
  };
}

function addressOf(a: AddressForm): Address | null {
  return a.provinceCode && a.communeCode
    ? { provinceCode: a.provinceCode, communeCode: a.communeCode, street: a.street.trim() }
    : null;
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

type PersonFields = Omit<InputOf<'persons.create'>, 'confirmed' | 'photo'>;

/** The contract's person fields from valid form values. */
export function toPersonFields(v: PersonFormValues): PersonFields {
  const permanent = addressOf(v.permanentAddress);
  return {
    fullName: v.fullName.trim(),
    otherNames: splitNames(v.otherNames),
    sex: v.sex as 'male' | 'female',
    birthDate: v.birthDate,
    citizenId: orNull(v.citizenId.replace(/\s+/g, '')),
    citizenIdOverrideReason: orNull(v.citizenIdOverrideReason),
    ethnicity: orNull(v.ethnicity),
    education: orNull(v.education),
    occupation: orNull(v.occupation),
    familyContact: orNull(v.familyContact),
    permanentAddress: permanent,
    currentAddress: v.sameAddress ? permanent : addressOf(v.currentAddress),
    substances: v.substances as Substance[],
    firstUseDate: orNull(v.firstUseDate),
    unitId: orNull(v.unitId),
  };
}

/** Only what changed: an update must not re-confirm CCCD warnings it did not touch, nor reset other fields. */
export function changedFields(before: PersonFields, after: PersonFields): Partial<PersonFields> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof PersonFields)[]) {
    if (JSON.stringify(after[key] ?? null) !== JSON.stringify(before[key] ?? null)) patch[key] = after[key];
  }
  return patch as Partial<PersonFields>;
}

export function formFromRecord(p: PersonRecord): PersonFormValues {
  const address = (a: Address | null) => (a ? { ...a } : { ...EMPTY_ADDRESS });
  const same = JSON.stringify(p.permanentAddress) === JSON.stringify(p.currentAddress);
  return {
    fullName: p.fullName,
    otherNames: p.otherNames.join(', '),
    sex: p.sex,
    birthDate: p.birthDate,
    birthYearOnly: /^\d{4}$/.test(p.birthDate),
    citizenId: p.citizenId ?? '',
    citizenIdOverrideReason: p.citizenIdOverrideReason ?? '',
    ethnicity: p.ethnicity ?? '',
    education: p.education ?? '',
    occupation: p.occupation ?? '',
    familyContact: p.familyContact ?? '',
    permanentAddress: address(p.permanentAddress),
    currentAddress: address(p.currentAddress),
    sameAddress: same,
    substances: p.substances,
    firstUseDate: p.firstUseDate ?? '',
    firstUseYearOnly: !p.firstUseDate || /^\d{4}$/.test(p.firstUseDate),
    unitId: p.unitId ?? '',
  };
}
