import { addDays, addWorkingDays, dayNumber, defaultHolidays } from '../working-days';
import { addMonths } from '../person-rules';
import type { DecisionKind, DossierItem, ReferralState } from './codes';
import { DEFAULT_REHAB_RULES, type LawVersion, type RehabRules, type TimeLimit, type Transition } from './rules';

/**
 * Pure rehabilitation rules over the data in ./rules.ts: shared by the host (which enforces them) and the
 * renderer (which shows them before the host is asked). Dates are 'YYYY-MM-DD'.
 */

/** Holidays of the years a limit may span: the default list, plus and minus a unit's corrections. */
export function holidaysAround(
  date: string,
  extra: readonly string[] = [],
  removed: readonly string[] = [],
): Set<string> {
  const year = Number(date.slice(0, 4));
  const set = new Set<string>([...defaultHolidays(year - 1), ...defaultHolidays(year), ...defaultHolidays(year + 1)]);
  for (const d of extra) set.add(d);
  for (const d of removed) set.delete(d);
  return set;
}

/** Whole years of age on a day, from a full birth date or a year alone (counted from 1 January: the older age). */
export function ageOn(birthDate: string, on: string): number {
  if (/^\d{4}$/.test(birthDate)) return Number(on.slice(0, 4)) - Number(birthDate);
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function isMinor(birthDate: string, on: string, rules: RehabRules = DEFAULT_REHAB_RULES): boolean {
  const age = ageOn(birthDate, on);
  return age >= rules.minorAge.min && age < rules.minorAge.maxExclusive;
}

/** The dates a referral's limits run from. */
export interface ReferralDates {
  /** The day the current state was entered. */
  stateOn: string;
  acceptedOn?: string | null;
  decisionOn?: string | null;
  /** For `deferred`: the day the deferral ends. */
  deferredUntil?: string | null;
  /** For `admitted`: the planned discharge of the open stay. */
  plannedDischargeOn?: string | null;
}

/** The time limit that applies to a state, for a minor's or a complex matter. */
export function limitOf(
  state: ReferralState,
  flags: { minor: boolean; complex: boolean },
  rules: RehabRules = DEFAULT_REHAB_RULES,
): TimeLimit | null {
  const pick = (table: Partial<Record<ReferralState, TimeLimit | null>>) =>
    Object.prototype.hasOwnProperty.call(table, state) ? table[state] : undefined;
  if (flags.minor && flags.complex) {
    const v = pick(rules.minorComplexLimits);
    if (v !== undefined) return v;
  }
  if (flags.minor) {
    const v = pick(rules.minorLimits);
    if (v !== undefined) return v;
  }
  if (flags.complex) {
    const v = pick(rules.complexLimits);
    if (v !== undefined) return v;
  }
  return rules.limits[state];
}

/**
 * The current state's deadline (YYYY-MM-DD): the last day by which the next step is due. A limit in days ends at
 * the end of its last day; a limit in working days skips weekends and the holidays given.
 */
export function deadlineOf(
  state: ReferralState,
  dates: ReferralDates,
  flags: { minor: boolean; complex: boolean },
  holidays: Iterable<string> | null = null,
  rules: RehabRules = DEFAULT_REHAB_RULES,
): string | null {
  if (rules.terminal.includes(state)) return null;
  if (state === 'admitted') return dates.plannedDischargeOn ?? null;
  if (state === 'deferred') return dates.deferredUntil ?? null;
  const limit = limitOf(state, flags, rules);
  if (!limit) return null;
  const start =
    limit.from === 'accepted'
      ? (dates.acceptedOn ?? dates.stateOn)
      : limit.from === 'decision'
        ? (dates.decisionOn ?? dates.stateOn)
        : dates.stateOn;
  if (limit.unit === 'calendar') return addDays(start, limit.days);
  return addWorkingDays(start, limit.days, holidays ?? holidaysAround(start));
}

/** Days from today to the deadline: 0 on the last day, negative once overdue, null without a deadline. */
export function daysLeft(deadline: string | null, today: string): number | null {
  return deadline === null ? null : dayNumber(deadline) - dayNumber(today);
}

/** The transitions open from a state, given the recorded decision. */
export function transitionsFrom(
  state: ReferralState,
  decision: DecisionKind | null,
  rules: RehabRules = DEFAULT_REHAB_RULES,
): Transition[] {
  return rules.transitions.filter(
    (t) => t.from === state && (!t.decisions || (decision !== null && t.decisions.includes(decision))),
  );
}

export function nextStates(
  state: ReferralState,
  decision: DecisionKind | null,
  rules: RehabRules = DEFAULT_REHAB_RULES,
): ReferralState[] {
  return transitionsFrom(state, decision, rules).map((t) => t.to);
}

/** The law version in force on a day (the latest whose `from` is not after it). */
export function lawOn(on: string, rules: RehabRules = DEFAULT_REHAB_RULES): LawVersion {
  const sorted = [...rules.laws].sort((a, b) => a.from.localeCompare(b.from));
  let found = sorted[0]!;
  for (const law of sorted) if (law.from <= on) found = law;
  return found;
}

/** The term range (months) the law in force on the decision day allows for this person. */
export function termRange(
  decisionOn: string,
  minor: boolean,
  repeat: boolean,
  rules: RehabRules = DEFAULT_REHAB_RULES,
): { min: number; max: number; law: LawVersion } {
  const law = lawOn(decisionOn, rules);
  const group = minor ? law.minor : law.adult;
  const range = repeat ? group.repeatMonths : group.firstMonths;
  return { ...range, law };
}

export function termAllowed(
  months: number,
  decisionOn: string,
  minor: boolean,
  repeat: boolean,
  rules: RehabRules = DEFAULT_REHAB_RULES,
): boolean {
  const r = termRange(decisionOn, minor, repeat, rules);
  return Number.isInteger(months) && months >= r.min && months <= r.max;
}

/**
 * The planned discharge of a stay: the term in months from admission (a month ends on the same-numbered day, or
 * the month's last day), less the days held at a facility while the referral was pending.
 */
export function plannedDischarge(admittedOn: string, termMonths: number, heldDays = 0): string {
  return addDays(addMonths(admittedOn, termMonths), -Math.max(0, heldDays));
}

/** Calendar days from `from` to `to` inclusive (time held at a facility while pending), 0 if either is missing. */
export function heldDaysBetween(from: string | null | undefined, to: string | null | undefined): number {
  if (!from || !to || to < from) return 0;
  return dayNumber(to) - dayNumber(from) + 1;
}

/** The checklist items a referral needs: always, plus the minor's and the history's when they apply. */
export function requiredItems(
  flags: { minor: boolean; byHistory: boolean },
  rules: RehabRules = DEFAULT_REHAB_RULES,
): DossierItem[] {
  return rules.checklist
    .filter(
      (c) =>
        c.required === 'always' ||
        (c.required === 'minor' && flags.minor) ||
        (c.required === 'history' && flags.byHistory),
    )
    .map((c) => c.item);
}

/** What the eligibility rule reads of a person's file. */
export interface EligibilityFacts {
  determinations: readonly { result: string; resultDate: string | null }[];
  measures: readonly { kind: string; status: string }[];
}

/** Whether a person may be referred: a positive addiction determination, or a qualifying history. */
export function eligibility(
  facts: EligibilityFacts,
  on: string,
  rules: RehabRules = DEFAULT_REHAB_RULES,
): { eligible: boolean; ground: 'determination' | 'history' | null } {
  const months = rules.eligibility.determinationMonths;
  const positive = facts.determinations.some(
    (d) =>
      d.result === 'addicted' &&
      (months === null || (d.resultDate !== null && addMonths(d.resultDate, months) >= on && d.resultDate <= on)),
  );
  if (positive) return { eligible: true, ground: 'determination' };
  const history = facts.measures.some(
    (m) =>
      rules.eligibility.historyMeasureKinds.includes(m.kind) && rules.eligibility.historyStatuses.includes(m.status),
  );
  return history ? { eligible: true, ground: 'history' } : { eligible: false, ground: null };
}

/** The day a voluntary registration must be made by, after a positive determination (Decree 116 Art. 28). */
export function registrationDeadline(
  determinedOn: string,
  holidays: Iterable<string> | null = null,
  rules: RehabRules = DEFAULT_REHAB_RULES,
): string {
  return addWorkingDays(
    determinedOn,
    rules.voluntary.registrationWorkingDays,
    holidays ?? holidaysAround(determinedOn),
  );
}

export function voluntaryTermAllowed(months: number, rules: RehabRules = DEFAULT_REHAB_RULES): boolean {
  return Number.isInteger(months) && months >= rules.voluntary.minMonths && months <= rules.voluntary.maxMonths;
}

/** The post-rehab management measure that follows a discharge: its start and end. */
export function postRehabPeriod(
  dischargedOn: string,
  rules: RehabRules = DEFAULT_REHAB_RULES,
): { startDate: string; endDate: string } {
  return { startDate: dischargedOn, endDate: addDays(addMonths(dischargedOn, rules.postRehabMonths), -1) };
}
