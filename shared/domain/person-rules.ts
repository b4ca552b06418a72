import type { MeasureKind } from './persons';

/**
 * Rules that law and provincial practice change: kept as data with defaults here, overridable per
 * workstation in the settings table (`settings.update`). Law 120/2025 changed several from 1/7/2026.
 */
export interface PersonRules {
  /** Default length in months of each measure; null = open-ended (ends by decision). */
  measureMonths: Record<MeasureKind, number | null>;
  /** Working days to register for rehab or methadone after a positive determination (Decree 116 Art. 28). */
  registrationWorkingDays: number;
  /** Extra public holidays (YYYY-MM-DD) on top of the built-in list, and built-in ones to ignore. */
  extraHolidays: string[];
  removedHolidays: string[];
  /** The due list looks this many days ahead for measures ending, and this far back for contact. */
  dueWithinDays: number;
  noContactDays: number;
}

export const DEFAULT_PERSON_RULES: PersonRules = Object.freeze({
  measureMonths: {
    user_management: 12,
    voluntary_rehab_community: 6,
    voluntary_rehab_facility: 6,
    compulsory_rehab: 24,
    methadone: null,
    post_rehab_management: 12,
  },
  registrationWorkingDays: 5,
  extraHolidays: [],
  removedHolidays: [],
  dueWithinDays: 30,
  noContactDays: 90,
}) as PersonRules;

/** Adds whole months to a YYYY-MM-DD date, clamping to the month's last day (31/01 + 1 month = 28/02). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
