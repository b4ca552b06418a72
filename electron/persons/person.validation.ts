import type { z } from 'zod';
import type { personInputSchema } from '../../shared/contract/person-fields';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { isValidCommune } from '../../shared/places';
import { checkCitizenId } from '../../shared/validation/citizen-id';
import { ETHNICITY_CODES } from './person.reference';

type PersonInput = z.output<typeof personInputSchema>;
type Issue = { path: string; code: string };

/**
 * Checks that need reference data (communes, ethnic groups, the CCCD's encoded birth year and sex).
 * Errors block; CCCD warnings are returned for the caller to confirm with a reason.
 */
export function validatePerson(
  p: Pick<PersonInput, 'sex' | 'birthDate' | 'citizenId' | 'ethnicity' | 'permanentAddress' | 'currentAddress'>,
) {
  const issues: Issue[] = [];
  for (const [key, a] of [
    ['permanentAddress', p.permanentAddress],
    ['currentAddress', p.currentAddress],
  ] as const) {
    if (a && !isValidCommune(a.provinceCode, a.communeCode))
      issues.push({ path: `${key}.communeCode`, code: 'commune_unknown' });
  }
  if (p.ethnicity && !ETHNICITY_CODES.has(p.ethnicity)) issues.push({ path: 'ethnicity', code: 'ethnicity_invalid' });
  let warnings: string[] = [];
  if (p.citizenId) {
    const check = checkCitizenId(p.citizenId, { sex: p.sex, birthDate: p.birthDate });
    for (const e of check.errors) issues.push({ path: 'citizenId', code: e });
    warnings = [...check.warnings];
  }
  if (issues.length) throw new AppError(ErrorCodes.INVALID_INPUT, 'person fails reference checks', { issues });
  return { citizenIdWarnings: warnings };
}

/** Warnings need an explicit confirmation and a kept reason before the record is saved. */
export function requireConfirmation(
  warnings: string[],
  similar: number,
  confirmed: boolean,
  overrideReason: string | null | undefined,
): void {
  const issues: Issue[] = [
    ...warnings.map((w) => ({ path: 'citizenId', code: w })),
    ...(similar ? [{ path: 'fullName', code: 'similar_person_exists' }] : []),
  ];
  if (issues.length && !confirmed) {
    throw new AppError(ErrorCodes.NEEDS_CONFIRMATION, 'warnings need confirmation', { issues });
  }
  if (warnings.length && !overrideReason?.trim()) {
    throw new AppError(ErrorCodes.INVALID_INPUT, 'a reason is needed to override a CCCD warning', {
      issues: [{ path: 'citizenIdOverrideReason', code: 'required' }],
    });
  }
}
