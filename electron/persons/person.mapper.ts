import type { Address, PersonRecord, PersonSummary } from '../../shared/contract/person-types';
import type { PersonCategory, Sex, Substance } from '../../shared/domain/persons';
import type { PersonRow } from '../db/schema';

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

/** Rehab staff see identity and category only. */
export function limitRecord(p: PersonRecord): PersonRecord {
  return {
    ...p,
    otherNames: [],
    citizenIdOverrideReason: null,
    citizenIdWarnings: [],
    ethnicity: null,
    education: null,
    occupation: null,
    familyContact: null,
    permanentAddress: null,
    currentAddress: null,
    substances: [],
    firstUseDate: null,
    lastContactAt: null,
  };
}
