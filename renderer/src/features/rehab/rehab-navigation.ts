import { createContext, useContext } from 'react';

/** The tabs of the rehab area's home screen. */
export type RehabTab = 'board' | 'roster' | 'handovers' | 'facilities';

/** The screens of the rehab area. */
export type RehabView = { kind: 'home' } | { kind: 'referral'; referralId: string } | { kind: 'stay'; stayId: string };

export interface RehabNavigation {
  /** Opens a screen on top of the current one, which stays as it was (filters, scroll). */
  open(view: RehabView): void;
  /** Back to the screen below; from the home screen, nothing. */
  back(): void;
  /** Tells the screens kept below that records changed, so they read again when shown. */
  changed(): void;
  /** Bumped by `changed`. */
  version: number;
}

export const RehabNavigationContext = createContext<RehabNavigation | null>(null);

/** Whether the screen is the one shown (screens below the top stay mounted, hidden). */
export const RehabScreenActiveContext = createContext(true);

export function useRehabScreenActive(): boolean {
  return useContext(RehabScreenActiveContext);
}

export function useRehabNavigation(): RehabNavigation {
  const nav = useContext(RehabNavigationContext);
  if (!nav) throw new Error('useRehabNavigation outside RehabPage');
  return nav;
}
