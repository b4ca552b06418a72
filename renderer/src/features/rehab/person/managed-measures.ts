import { useSyncExternalStore } from 'react';
import type { ManagedMeasure } from '../../../../../shared/contract/rehab-types';

/**
 * The measures of the open person's file that a running rehab record keeps (published by the rehab card from its
 * `rehab.person` read, so nothing is read twice). The measures card asks here whether a measure is one of them
 * and, if so, sends its "end" to the rehab card's own dialog: one way to end one thing.
 */
type State = { personId: string; measures: ReadonlyMap<string, ManagedMeasure> } | null;

let state: State = null;
const listeners = new Set<() => void>();
const endListeners = new Set<(m: ManagedMeasure) => void>();

function notify() {
  for (const l of listeners) l();
}

export function publishManagedMeasures(personId: string, measures: readonly ManagedMeasure[] | null): void {
  state = measures ? { personId, measures: new Map(measures.map((m) => [m.measureId, m])) } : null;
  notify();
}

export function clearManagedMeasures(personId: string): void {
  if (state?.personId !== personId) return;
  state = null;
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The rehab record that keeps this measure of this person, or null when the measures card may end it itself. */
export function useManagedMeasure(personId: string, measureId: string): ManagedMeasure | null {
  return useSyncExternalStore(subscribe, () =>
    state?.personId === personId ? (state.measures.get(measureId) ?? null) : null,
  );
}

/** Asks the rehab card to open the dialog that ends this record. */
export function requestRehabEnd(measure: ManagedMeasure): void {
  for (const l of endListeners) l(measure);
}

export function onRehabEndRequest(listener: (m: ManagedMeasure) => void): () => void {
  endListeners.add(listener);
  return () => void endListeners.delete(listener);
}
