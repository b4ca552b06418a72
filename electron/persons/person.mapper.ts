import type { Address, PersonRecord, PersonSummary } from '../../shared/contract/person-types';
import type { PersonCategory, Sex, Substance } from '../../shared/domain/persons';
import type { Role } from '../../shared/domain/roles';
import type { PersonRow } from '../db/schema';
import { fieldVisible } from '../platform/record-access';
import type { PersonScope } from './person.scope';
import { personTable } from './person.table';

/** Row ↔ domain mapping for persons: the rest of the code never sees raw rows. */
function address(province: string | null, commune: string | null, street: string | null): Address | null {
  return province && commune ? { provinceCode: province, communeCode: commune, street: street ?? '' } : null;
}

function jsonArray<T>(text: string | null): T[] {
  if (!text) return [];
  const v = JSON.parse(text) as unknown;
  return Array.isArray(v) ? (v as T[]) : [];
}

export type SummaryColumns = Pick<
  PersonRow,
  | 'id'
  | 'fullName'
  | 'sex'
  | 'birthDate'
  | 'citizenId'
  | 'category'
  | 'curProvince'
  | 'curCommune'
  | 'unitId'
  | 'updatedAt'
>;

export const SUMMARY_COLUMNS = [
  'id',
  'fullName',
  'sex',
  'birthDate',
  'citizenId',
  'category',
  'curProvince',
  'curCommune',
  'unitId',
  'updatedAt',
] as const;

export function rowToSummary(r: SummaryColumns): PersonSummary {
  return {
    id: r.id,
    fullName: r.fullName,
    sex: r.sex as Sex,
    birthDate: r.birthDate,
    citizenId: r.citizenId,
    category: r.category as PersonCategory,
    provinceCode: r.curProvince,
    communeCode: r.curCommune,
    unitId: r.unitId,
    updatedAt: r.updatedAt,
  };
}

export function rowToRecord(r: PersonRow, hasPhoto: boolean): PersonRecord {
  return {
    ...rowToSummary(r),
    otherNames: jsonArray<string>(r.otherNames),
    citizenIdOverrideReason: r.citizenIdOverrideReason,
    citizenIdWarnings: jsonArray<string>(r.citizenIdWarnings),
    ethnicity: r.ethnicity,
    education: r.education,
    occupation: r.occupation,
    familyContact: r.familyContact,
    permanentAddress: address(r.permProvince, r.permCommune, r.permStreet),
    currentAddress: address(r.curProvince, r.curCommune, r.curStreet),
    substances: jsonArray<Substance>(r.substances),
    firstUseDate: r.firstUseDate,
    hasPhoto,
    lastContactAt: r.lastContactAt,
    mergedInto: r.mergedInto,
    createdAt: r.createdAt,
  };
}

/** Summary fields and the columns they show, for the role's allow-list (person.table.ts `views`). */
const SUMMARY_SOURCE: Record<keyof PersonSummary, keyof PersonRow | null> = {
  id: null,
  fullName: 'fullName',
  sex: 'sex',
  birthDate: 'birthDate',
  citizenId: 'citizenId',
  category: 'category',
  provinceCode: 'curProvince',
  communeCode: 'curCommune',
  unitId: 'unitId',
  updatedAt: null,
};

/** A summary as the role may see it: a field whose column is not in the role's view is null. */
export function projectSummary(role: Role, s: PersonSummary): PersonSummary {
  const out = { ...s } as Record<string, unknown>;
  for (const [field, column] of Object.entries(SUMMARY_SOURCE)) {
    if (column && !fieldVisible(personTable, role, column)) out[field] = null;
  }
  return out as unknown as PersonSummary;
}

/** The most results one search returns: a limited view looks people up, it does not list them. */
export function resultCap(scope: PersonScope): number {
  return scope.limited ? 50 : 100_000;
}
