import { useTranslation } from 'react-i18next';
import {
  educationLevelLabels,
  ethnicity as ethnicityByCode,
  occupationLabels,
  type EducationLevel,
  type Occupation,
} from '../../../../shared/domain/ethnicities';
import { personLabels, type PersonLabels } from '../../../../shared/i18n/person-labels';
import { commune, formatAddress, province } from '../../../../shared/places';
import type { Address } from '../../../../shared/contract';

export type PersonLanguage = 'vi' | 'en';

/**
 * The persons domain's code labels (shared with the dossier and the CLI) in the user's language, with the
 * reference lists whose labels live beside their codes.
 */
export interface PersonVocabulary extends PersonLabels {
  language: PersonLanguage;
  ethnicity(code: string | null): string;
  education(code: string | null): string;
  occupation(code: string | null): string;
}

export function usePersonLabels(): PersonVocabulary {
  const { i18n } = useTranslation();
  const language: PersonLanguage = i18n.language === 'en' ? 'en' : 'vi';
  return {
    ...personLabels[language],
    language,
    ethnicity: (code) => {
      const e = code ? ethnicityByCode(code) : undefined;
      return e ? (language === 'en' ? e.nameEn : e.name) : (code ?? '');
    },
    // Values outside the lists (older or imported records) are shown as written rather than hidden.
    education: (code) => (code ? (educationLevelLabels[code as EducationLevel]?.[language] ?? code) : ''),
    occupation: (code) => (code ? (occupationLabels[code as Occupation]?.[language] ?? code) : ''),
  };
}

/** A commune by name with its province ("Phường Minh Xuân, Tuyên Quang"); codes only when unknown. */
export function placeName(communeCode: string | null, provinceCode: string | null): string {
  if (!communeCode && !provinceCode) return '';
  const c = communeCode ? commune(communeCode) : undefined;
  const p = province(c?.provinceCode ?? provinceCode ?? '');
  return [c?.name ?? communeCode, p?.name ?? provinceCode].filter(Boolean).join(', ');
}

/** An address as written on documents: street, commune, province. */
export function addressLine(a: Address | null): string {
  return a ? formatAddress(a) : '';
}
