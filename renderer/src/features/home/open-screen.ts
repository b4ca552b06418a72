import { createContext, useContext } from 'react';
import type { DraftScreen } from '../drafts/draft-screen';

/**
 * Opens a page on one of its screens (a person's file in the persons page): the page reads it on mounting, as
 * it reads a draft's screen after an unlock (useRestoredView). Provided by MainLayout.
 */
const OpenScreenContext = createContext<(screen: DraftScreen) => void>(() => undefined);
export const OpenScreenProvider = OpenScreenContext.Provider;

export function useOpenScreen(): (screen: DraftScreen) => void {
  return useContext(OpenScreenContext);
}
