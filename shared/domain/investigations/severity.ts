import { clauseOf, penaltyRank, type MaxPenalty, type OffenceRef } from './offences';

/** Criminal Code Art. 9: the four classes of crime, by the heaviest penalty of the clause. */
export const Severities = Object.freeze({
  less_serious: 'less_serious',
  serious: 'serious',
  very_serious: 'very_serious',
  especially_serious: 'especially_serious',
} as const);
export type Severity = (typeof Severities)[keyof typeof Severities];
export const SEVERITY_LIST: readonly Severity[] = Object.freeze(Object.values(Severities));

/** Art. 9: ≤ 3 years (or non-custodial) less serious; ≤ 7 serious; ≤ 15 very serious; above, life or death. */
export function severityOfPenalty(max: MaxPenalty): Severity {
  if (max === 'life' || max === 'death' || max > 15) return Severities.especially_serious;
  if (max > 7) return Severities.very_serious;
  if (max > 3) return Severities.serious;
  return Severities.less_serious;
}

/**
 * A case's severity: that of its gravest clause (the highest maximum penalty). `null` when the case records
 * no offence yet; an unknown article or clause throws (inputs are checked before they get here).
 */
export function caseSeverity(offences: readonly OffenceRef[]): Severity | null {
  let worst: MaxPenalty | null = null;
  for (const o of offences) {
    const cl = clauseOf(o.article, o.clause);
    if (!cl) throw new Error(`unknown offence ${o.article}.${o.clause}`);
    if (worst === null || penaltyRank(cl.maxPenalty) > penaltyRank(worst)) worst = cl.maxPenalty;
  }
  return worst === null ? null : severityOfPenalty(worst);
}
