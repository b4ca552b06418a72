import { z } from 'zod';
import { addMonths, DEFAULT_PERSON_RULES, type PersonRules } from '../../shared/domain/person-rules';
import type { MeasureKind } from '../../shared/domain/persons';
import { addWorkingDays, defaultHolidays, vietnamDay } from '../../shared/domain/working-days';
import type { Db } from '../changelog/changelog';
import { settingsRepository } from '../platform/settings.repository';

/** The persons rules in force: defaults overridden by the `person_rules` setting of this workstation. */
const overridesSchema = z
  .object({
    measureMonths: z.record(z.string(), z.number().int().min(1).max(120).nullable()).optional(),
    registrationWorkingDays: z.number().int().min(1).max(60).optional(),
    extraHolidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
      .max(200)
      .optional(),
    removedHolidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
      .max(200)
      .optional(),
    dueWithinDays: z.number().int().min(1).max(365).optional(),
    noContactDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();

export async function loadRules(db: Db): Promise<PersonRules> {
  const value = await settingsRepository.get(db, 'person_rules');
  if (value === null) return DEFAULT_PERSON_RULES;
  const parsed = overridesSchema.safeParse(JSON.parse(value));
  if (!parsed.success) return DEFAULT_PERSON_RULES;
  const o = parsed.data;
  return {
    ...DEFAULT_PERSON_RULES,
    ...o,
    measureMonths: {
      ...DEFAULT_PERSON_RULES.measureMonths,
      ...(o.measureMonths as Partial<PersonRules['measureMonths']>),
    },
  } as PersonRules;
}

export function holidaysAround(rules: PersonRules, isoDate: string): string[] {
  const y = Number(isoDate.slice(0, 4));
  const removed = new Set(rules.removedHolidays);
  return [...defaultHolidays(y), ...defaultHolidays(y + 1), ...rules.extraHolidays].filter((d) => !removed.has(d));
}

export function registrationDeadline(rules: PersonRules, resultDate: string): string {
  return addWorkingDays(resultDate, rules.registrationWorkingDays, holidaysAround(rules, resultDate));
}

/** The computed end of a measure: start + the configured months, the day before the anniversary. */
export function measureEnd(rules: PersonRules, kind: MeasureKind, startDate: string): string | null {
  const months = rules.measureMonths[kind];
  if (!months) return null;
  const end = new Date(`${addMonths(startDate, months)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

export function todayIso(now: Date): string {
  // Workstations are in Vietnam (UTC+7): "today" is the local calendar day there.
  return vietnamDay(now);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
