import type { VaultFileData } from './vault-file';

/**
 * Failed-unlock throttling, kept in vault.json so that it survives restarts.
 *
 * Two counters, neither of which a stranger can push out of the file:
 * - one per key that can actually open something: an account's slot (keyed by its slot lookup, a value the
 *   file already holds) and the recovery slot. The table is therefore bounded by the slot table; failures
 *   with other names never add an entry and can never evict one.
 * - one global counter of every failed sign-in, whatever name was typed. It stores no name at all, so an
 *   unknown name (or a password typed into the name box) leaves nothing derived from it in the file.
 *
 * A sign-in waits for the later of the two. The global counter counts every failure its account counter
 * counts, with the same schedule, so an unknown name is throttled exactly like a known one and the delays
 * tell nobody which names exist. A successful sign-in clears its account's counter and the global one; it
 * cannot clear another account's counter, so an insider cannot buy free guesses at a colleague's password.
 */

/** Failed unlocks before the delay starts, and its ceiling. argon2's cost is the real defence. */
export const THROTTLE_FREE_TRIES = 3;
export const THROTTLE_MAX_MS = 5 * 60_000;
/** Failures waiting to be written to the audit log at the next sign-in; unknown names are dropped first. */
export const PENDING_FAILURES_MAX = 1000;

export function throttleDelayMs(failures: number): number {
  if (failures < THROTTLE_FREE_TRIES) return 0;
  return Math.min(THROTTLE_MAX_MS, 1000 * 2 ** (failures - THROTTLE_FREE_TRIES));
}

export interface ThrottleCounter {
  failures: number;
  lastFailureAt: number;
}

function waitFor(t: ThrottleCounter | undefined, now: number): number {
  if (!t) return 0;
  return Math.max(0, t.lastFailureAt + throttleDelayMs(t.failures) - now);
}

/** The lookups that may have a counter of their own: the account slots', and the recovery slot's key. */
function knownKeys(file: VaultFileData, recoveryKey: string): Set<string> {
  const keys = new Set<string>([recoveryKey]);
  for (const s of file.slots) if (s.lookup) keys.add(s.lookup);
  return keys;
}

/** Drops counters that belong to no slot (left by older versions, or by a slot since removed). */
export function pruneThrottle(file: VaultFileData, recoveryKey: string): void {
  const known = knownKeys(file, recoveryKey);
  for (const k of Object.keys(file.throttle)) if (!known.has(k)) delete file.throttle[k];
  file.pendingFailures = file.pendingFailures.map((f) =>
    f.lookup && !known.has(f.lookup) ? { ...f, lookup: null } : f,
  );
}

/**
 * Milliseconds before the next try is accepted. `key` is the slot lookup of a known account (or the recovery
 * key), or null for a name that has no slot; `global` says whether the global counter applies (sign-ins).
 */
export function throttleWaitMs(file: VaultFileData, key: string | null, global: boolean, now: number): number {
  return Math.max(key ? waitFor(file.throttle[key], now) : 0, global ? waitFor(file.throttleGlobal, now) : 0);
}

/** Records one failure in `file` (the caller writes it) and returns the delay it starts. */
export function noteFailure(
  file: VaultFileData,
  opts: { key: string | null; global: boolean; now: number; at: string; recoveryKey: string; pending?: boolean },
): number {
  pruneThrottle(file, opts.recoveryKey);
  let delay = 0;
  if (opts.key) {
    const failures = (file.throttle[opts.key]?.failures ?? 0) + 1;
    file.throttle[opts.key] = { failures, lastFailureAt: opts.now };
    delay = throttleDelayMs(failures);
  }
  if (opts.global) {
    const failures = (file.throttleGlobal?.failures ?? 0) + 1;
    file.throttleGlobal = { failures, lastFailureAt: opts.now };
    delay = Math.max(delay, throttleDelayMs(failures));
  }
  // A sign-in failure waits for the audit log until the next sign-in; a re-authentication inside a session is
  // audited by the router at once and is not listed again.
  if (opts.pending === false) return delay;
  const pending = [...file.pendingFailures, { lookup: opts.key, at: opts.at }];
  while (pending.length > PENDING_FAILURES_MAX) {
    // The oldest failure with an unknown name goes first: nobody can flush a known account's failures out of
    // the audit trail by typing random names.
    const unknown = pending.findIndex((f) => f.lookup === null);
    pending.splice(unknown >= 0 ? unknown : 0, 1);
  }
  file.pendingFailures = pending;
  return delay;
}

/** A successful unlock: its own counter and the global one start again. */
export function noteSuccess(file: VaultFileData, opts: { key: string; global: boolean; recoveryKey: string }): void {
  delete file.throttle[opts.key];
  if (opts.global) delete file.throttleGlobal;
  pruneThrottle(file, opts.recoveryKey);
}
