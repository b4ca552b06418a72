import type { PersonRecord } from '../contract/person-types';

/** What a file may lack while still being saved: the law asks for a name, sex and (at least) a year of birth. */
export const MISSING_FIELDS = [
  'citizenId',
  'fullBirthDate',
  'ethnicity',
  'education',
  'occupation',
  'permanentAddress',
  'currentAddress',
  'substances',
  'firstUseDate',
] as const;
export type MissingField = (typeof MISSING_FIELDS)[number];

/**
 * The details a file saved with what was known still lacks, in the order of the form, for "Còn thiếu: …" on
 * the file. The statistics of Circular 13/2022 count by ethnicity, residence, education, occupation and
 * substance, so these are the ones worth completing.
 */
export function missingFields(
  p: Pick<
    PersonRecord,
    | 'citizenId'
    | 'birthDate'
    | 'ethnicity'
    | 'education'
    | 'occupation'
    | 'permanentAddress'
    | 'currentAddress'
    | 'substances'
    | 'firstUseDate'
  >,
): MissingField[] {
  const lacks: Record<MissingField, boolean> = {
    citizenId: !p.citizenId,
    fullBirthDate: /^\d{4}$/.test(p.birthDate),
    ethnicity: !p.ethnicity,
    education: !p.education,
    occupation: !p.occupation,
    permanentAddress: !p.permanentAddress,
    currentAddress: !p.currentAddress,
    substances: p.substances.length === 0,
    firstUseDate: !p.firstUseDate,
  };
  return MISSING_FIELDS.filter((f) => lacks[f]);
}
