import { createContext, useContext } from 'react';

/** The lists of the investigations area, one per tab. */
export type InvestigationsTab = 'tips' | 'cases' | 'hotspots' | 'deadlines';

/** The screens opened over the lists. */
export type InvestigationsView =
  | { kind: 'tipCreate' }
  | { kind: 'tipEdit'; tipId: string }
  | { kind: 'tip'; tipId: string }
  /** A new case; from a tip being decided to prosecution, with that decision's date and number. */
  | { kind: 'caseCreate'; fromTip: { tipId: string; decidedOn: string; decisionNumber: string | null } | null }
  | { kind: 'caseEdit'; caseId: string }
  | { kind: 'case'; caseId: string }
  | { kind: 'hotspot'; hotspotId: string };

export interface InvestigationsNavigation {
  /** Opens a screen on top of the current one, which stays as it was. */
  open(view: InvestigationsView): void;
  /** Replaces the current screen (a saved form becomes the record it saved). */
  replace(view: InvestigationsView): void;
  /** Back to the screen below; from a list, nothing. */
  back(): void;
  /** Shows a list (and closes every screen opened over it). */
  showTab(tab: InvestigationsTab): void;
  /** Tells the lists kept below that records changed, so they read again when shown. */
  changed(): void;
  /** Bumped by `changed`. */
  version: number;
}

export const InvestigationsNavigationContext = createContext<InvestigationsNavigation | null>(null);

/** Whether the screen is the one shown (screens below the top stay mounted, hidden). */
export const InvestigationScreenActive = createContext(true);

export function useInvestigationScreenActive(): boolean {
  return useContext(InvestigationScreenActive);
}

export function useInvestigationsNavigation(): InvestigationsNavigation {
  const nav = useContext(InvestigationsNavigationContext);
  if (!nav) throw new Error('useInvestigationsNavigation outside InvestigationsPage');
  return nav;
}
