import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import type { PageKey } from '../shell/navigation';

/** Where a form lives: the page of the sidebar and, inside it, the page's own view (a stack entry). */
export interface DraftScreen {
  page: PageKey;
  view?: unknown;
}

interface ReturnState {
  /** The drafts were looked up: the page may be drawn. */
  ready: boolean;
  /** The screen of the newest draft, until the user goes elsewhere. */
  screen: DraftScreen | null;
}

const RestoredScreenContext = createContext<DraftScreen | null>(null);
export const RestoredScreenProvider = RestoredScreenContext.Provider;

/**
 * After signing in (an unlock after Ctrl+L or the idle lock), the app returns to the screen of the account's
 * newest draft, where the form brings the draft back. `leave()` forgets it once the user goes elsewhere.
 */
export function useDraftReturn(): ReturnState & { leave(): void } {
  const api = useApi();
  const [state, setState] = useState<ReturnState>({ ready: false, screen: null });
  useEffect(() => {
    let current = true;
    void api.invoke('drafts.list', {}).then((r) => {
      if (!current) return;
      let screen: DraftScreen | null = null;
      if (r.ok) {
        for (const d of r.value) {
          try {
            const parsed = d.screen ? (JSON.parse(d.screen) as DraftScreen) : null;
            if (parsed && typeof parsed.page === 'string') {
              screen = parsed;
              break;
            }
          } catch {
            // an unreadable screen is no place to return to
          }
        }
      }
      setState({ ready: true, screen });
    });
    return () => {
      current = false;
    };
  }, [api]);
  const leave = useCallback(() => setState((s) => (s.screen ? { ...s, screen: null } : s)), []);
  return { ...state, leave };
}

/** The view a page should open on after an unlock (its draft's), or null: read it when the page mounts. */
export function useRestoredView<V>(page: PageKey): V | null {
  const screen = useContext(RestoredScreenContext);
  return screen && screen.page === page && screen.view ? (screen.view as V) : null;
}
