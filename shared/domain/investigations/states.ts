/**
 * The workflows of tips, cases and hot spots as state machines: which states follow which. Services refuse
 * any other change (a translated error naming `state`), and screens offer only these.
 */

/** Art. 147: a tip is verified, then decided: prosecute, not prosecute, suspend, or transferred. */
export const TipStates = Object.freeze({
  verifying: 'verifying',
  prosecuted: 'prosecuted',
  not_prosecuted: 'not_prosecuted',
  suspended: 'suspended',
  transferred: 'transferred',
} as const);
export type TipState = (typeof TipStates)[keyof typeof TipStates];
export const TIP_STATE_LIST: readonly TipState[] = Object.freeze(Object.values(TipStates));

/** A suspended verification may resume (the reason for suspending it is gone) and then be decided. */
export const TIP_TRANSITIONS: Readonly<Record<TipState, readonly TipState[]>> = Object.freeze({
  verifying: ['prosecuted', 'not_prosecuted', 'suspended', 'transferred'],
  suspended: ['verifying', 'prosecuted', 'not_prosecuted', 'transferred'],
  prosecuted: [],
  not_prosecuted: [],
  transferred: [],
});

/** The decisions a tip may end with (the target states of `tips.decide`). */
export const TIP_DECISIONS = Object.freeze(['prosecuted', 'not_prosecuted', 'suspended', 'transferred'] as const);
export type TipDecision = (typeof TIP_DECISIONS)[number];

/** A tip still runs against its time limit while verifying (a suspended one is stopped). */
export function tipOpen(state: TipState): boolean {
  return state === TipStates.verifying;
}

export const CaseStates = Object.freeze({
  investigating: 'investigating',
  recommended: 'recommended',
  suspended: 'suspended',
  terminated: 'terminated',
  indicted: 'indicted',
  tried: 'tried',
  closed: 'closed',
} as const);
export type CaseState = (typeof CaseStates)[keyof typeof CaseStates];
export const CASE_STATE_LIST: readonly CaseState[] = Object.freeze(Object.values(CaseStates));

/**
 * investigating → recommended for prosecution / suspended / terminated; suspended → investigating (resumed) or
 * terminated; recommended → indicted (or back to investigating when the Procuracy returns the file for more
 * investigation); indicted → tried; tried → closed; terminated → closed.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseState, readonly CaseState[]>> = Object.freeze({
  investigating: ['recommended', 'suspended', 'terminated'],
  suspended: ['investigating', 'terminated'],
  recommended: ['indicted', 'investigating'],
  indicted: ['tried'],
  tried: ['closed'],
  terminated: ['closed'],
  closed: [],
});

/**
 * Resolved (giải quyết): the investigation reached a final disposition — recommended for prosecution,
 * terminated, or any later stage. A suspended case is not resolved.
 */
export function caseResolved(state: CaseState): boolean {
  return state !== CaseStates.investigating && state !== CaseStates.suspended;
}

/** The investigation time limit runs only while investigating. */
export function caseOpen(state: CaseState): boolean {
  return state === CaseStates.investigating;
}

export const HotspotStatuses = Object.freeze({
  active: 'active',
  under_treatment: 'under_treatment',
  eliminated: 'eliminated',
  reformed: 'reformed',
} as const);
export type HotspotStatus = (typeof HotspotStatuses)[keyof typeof HotspotStatuses];
export const HOTSPOT_STATUS_LIST: readonly HotspotStatus[] = Object.freeze(Object.values(HotspotStatuses));

/** active → under treatment → eliminated; eliminated → re-formed (activity is back); re-formed → treated again. */
export const HOTSPOT_TRANSITIONS: Readonly<Record<HotspotStatus, readonly HotspotStatus[]>> = Object.freeze({
  active: ['under_treatment', 'eliminated'],
  under_treatment: ['eliminated', 'active'],
  eliminated: ['reformed'],
  reformed: ['under_treatment', 'eliminated'],
});

export function canMove<S extends string>(table: Readonly<Record<S, readonly S[]>>, from: S, to: S): boolean {
  return table[from]?.includes(to) ?? false;
}
