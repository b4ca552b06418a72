import { createContext, useContext } from 'react';

/** The screens of the persons area. */
export type PersonsView =
  { kind: 'list' } | { kind: 'create' } | { kind: 'file'; personId: string } | { kind: 'edit'; personId: string };

export interface PersonsNavigation {
  /** Opens a screen on top of the current one, which stays as it was (typed values, scroll, results). */
  open(view: PersonsView): void;
  /** Replaces the current screen (a saved form becomes the file it saved). */
  replace(view: PersonsView): void;
  /** Back to the screen below; from the list, nothing. */
  back(): void;
  /** Tells the list (kept below) that persons changed, so it searches again when shown. */
  changed(): void;
  /** Bumped by `changed`. */
  version: number;
}

export const PersonsNavigationContext = createContext<PersonsNavigation | null>(null);

/** Whether the screen is the one shown (screens below the top stay mounted, hidden). */
export const ScreenActiveContext = createContext(true);

export function useScreenActive(): boolean {
  return useContext(ScreenActiveContext);
}

export function usePersonsNavigation(): PersonsNavigation {
  const nav = useContext(PersonsNavigationContext);
  if (!nav) throw new Error('usePersonsNavigation outside PersonsPage');
  return nav;
}
