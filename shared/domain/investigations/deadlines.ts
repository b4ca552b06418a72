import { addDays, dayNumber, defaultHolidays, isWeekend } from '../working-days';
import { Severities, type Severity } from './severity';

/**
 * Statutory time limits of the Criminal Procedure Code 2015, counted as its Art. 134 says:
 * - a limit in days ends at 24:00 of its last day; the day the limit starts from (the day of receipt) is not
 *   counted (as in Civil Code Art. 147), so 20 days from 01/03 ends on 21/03;
 * - a limit in months ends on the same-numbered day of the later month, or on that month's last day where
 *   there is none: 31/01 + 1 month = 28/02 (29/02 in a leap year); 30/11 + 3 months = 28/02 or 29/02;
 * - a limit that ends on a rest day (Saturday, Sunday, public holiday) ends on the next working day instead.
 * All dates are Vietnam calendar days (ISO YYYY-MM-DD); the rest-day shift uses the holidays of
 * working-days.ts unless others are given. Extensions run from the limit as it stood before the rest-day shift:
 * each adds its months to the previous unshifted end (the shift only ever protects the last day).
 */

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** Calendar-month arithmetic: the same-numbered day `months` later, or that month's last day (Art. 134). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month0 = ((m % 12) + 12) % 12;
  const day = Math.min(d, daysInMonth(year, month0 + 1));
  return `${String(year).padStart(4, '0')}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** The default holidays of the year before, of, and after a date's year (memoised: deadlines are computed often). */
function holidaysAround(date: string): ReadonlySet<string> {
  const y = Number(date.slice(0, 4));
  let set = holidayCache.get(y);
  if (!set) {
    set = new Set([...defaultHolidays(y - 1), ...defaultHolidays(y), ...defaultHolidays(y + 1)]);
    if (holidayCache.size > 200) holidayCache.clear();
    holidayCache.set(y, set);
  }
  return set;
}

/** A limit's last day moved off a rest day: the first working day on or after it. */
export function onWorkingDay(date: string, holidays?: Iterable<string>): string {
  const h = holidays ? new Set(holidays) : holidaysAround(date);
  let d = date;
  for (let i = 0; i < 30 && (isWeekend(d) || h.has(d)); i++) d = addDays(d, 1);
  return d;
}

/** Days from `today` to `deadline` (negative when overdue; 0 on the last day). */
export function daysBetween(today: string, deadline: string): number {
  return dayNumber(deadline) - dayNumber(today);
}

/** One extension decision as a limit counts it. */
export interface ExtensionRef {
  months: number;
}

/** The rules of one kind of limit: the first period and each allowed extension's maximum in months. */
export interface LimitRule {
  /** The first period: days or months from the start date. */
  first: { days: number } | { months: number };
  /** The longest each successive extension may be (its count is the number of extensions allowed). */
  extensions: readonly number[];
  /**
   * Whether the first extension runs from the start date (tips: "may be extended, but not beyond 2 months" —
   * the whole limit becomes at most 2 months from receipt) or, like the later ones, from the previous end.
   */
  firstExtensionFromStart: boolean;
}

/** Art. 147: 20 days from receipt; complex matters up to 2 months; once more up to 2 months. */
export const TIP_LIMIT: LimitRule = Object.freeze({
  first: { days: 20 },
  extensions: Object.freeze([2, 2]),
  firstExtensionFromStart: true,
});

/**
 * Art. 172: from the prosecution decision, 2 / 3 / 4 / 4 months by severity; extensions: less serious once
 * ≤ 2 months; serious twice, ≤ 3 then ≤ 2; very serious twice ≤ 4 each; especially serious three times ≤ 4
 * each (at most 4 / 8 / 12 / 16 months in all; the 20 DOMAIN.md gives for especially serious cases includes
 * the further extension of Art. 172(3), which the Procuracy grants in exceptional cases and is not modelled).
 */
export const CASE_LIMITS: Readonly<Record<Severity, LimitRule>> = Object.freeze({
  [Severities.less_serious]: Object.freeze({ first: { months: 2 }, extensions: [2], firstExtensionFromStart: false }),
  [Severities.serious]: Object.freeze({ first: { months: 3 }, extensions: [3, 2], firstExtensionFromStart: false }),
  [Severities.very_serious]: Object.freeze({
    first: { months: 4 },
    extensions: [4, 4],
    firstExtensionFromStart: false,
  }),
  [Severities.especially_serious]: Object.freeze({
    first: { months: 4 },
    extensions: [4, 4, 4],
    firstExtensionFromStart: false,
  }),
});

/** The unshifted end of a limit after the given extensions (in order). */
function rawEnd(rule: LimitRule, start: string, extensions: readonly ExtensionRef[]): string {
  let end = 'days' in rule.first ? addDays(start, rule.first.days) : addMonths(start, rule.first.months);
  extensions.forEach((e, i) => {
    end = i === 0 && rule.firstExtensionFromStart ? addMonths(start, e.months) : addMonths(end, e.months);
  });
  return end;
}

/** The last day of a limit (Art. 134, rest days shifted to the next working day). */
export function limitDeadline(
  rule: LimitRule,
  start: string,
  extensions: readonly ExtensionRef[] = [],
  holidays?: Iterable<string>,
): string {
  return onWorkingDay(rawEnd(rule, start, extensions), holidays);
}

export function tipDeadline(receivedOn: string, extensions: readonly ExtensionRef[] = [], holidays?: Iterable<string>) {
  return limitDeadline(TIP_LIMIT, receivedOn, extensions, holidays);
}

export function caseDeadline(
  severity: Severity,
  prosecutedOn: string,
  extensions: readonly ExtensionRef[] = [],
  holidays?: Iterable<string>,
): string {
  return limitDeadline(CASE_LIMITS[severity], prosecutedOn, extensions, holidays);
}

/** Why an extension is refused: a translation key naming what is wrong, and the field it is about. */
export interface ExtensionProblem {
  path: 'months' | 'decidedOn';
  code:
    | 'extension_limit_reached'
    | 'extension_too_long'
    | 'extension_months_invalid'
    | 'extension_after_deadline'
    | 'extension_before_start';
}

/**
 * Whether one more extension of `months`, decided on `decidedOn`, is within the law: the number of extensions
 * allowed, the longest each may be, and a decision taken between the start and the current last day.
 */
export function checkExtension(
  rule: LimitRule,
  start: string,
  previous: readonly ExtensionRef[],
  next: { months: number; decidedOn: string },
  holidays?: Iterable<string>,
): ExtensionProblem | null {
  if (previous.length >= rule.extensions.length) return { path: 'months', code: 'extension_limit_reached' };
  if (!Number.isInteger(next.months) || next.months < 1) return { path: 'months', code: 'extension_months_invalid' };
  if (next.months > rule.extensions[previous.length]!) return { path: 'months', code: 'extension_too_long' };
  if (next.decidedOn < start) return { path: 'decidedOn', code: 'extension_before_start' };
  if (next.decidedOn > limitDeadline(rule, start, previous, holidays))
    return { path: 'decidedOn', code: 'extension_after_deadline' };
  return null;
}

/** The most months one more extension may add (0 when none is left). */
export function nextExtensionMax(rule: LimitRule, count: number): number {
  return rule.extensions[count] ?? 0;
}
