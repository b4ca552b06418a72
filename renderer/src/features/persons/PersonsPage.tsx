import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useRestoredView } from '../drafts/draft-screen';
import { PersonFilePage } from './file/PersonFilePage';
import { PersonFormPage } from './form/PersonFormPage';
import { PersonsListPage } from './list/PersonsListPage';
import {
  PersonsNavigationContext,
  ScreenActiveContext,
  type PersonsNavigation,
  type PersonsView,
} from './persons-navigation';
import './persons.css';

interface StackEntry {
  key: number;
  view: PersonsView;
  /** Where the window was scrolled when another screen was opened on top. */
  scrollY: number;
}

function screenOf(view: PersonsView): ReactNode {
  switch (view.kind) {
    case 'list':
      return <PersonsListPage />;
    case 'create':
      return <PersonFormPage personId={null} />;
    case 'edit':
      return <PersonFormPage personId={view.personId} />;
    case 'file':
      return <PersonFilePage personId={view.personId} />;
  }
}

/**
 * Persons under management: list, forms and files as a stack of screens. Screens below the top stay mounted
 * (hidden), so that following a link from a half-filled form to a similar person's file and coming back
 * loses nothing, and the list keeps its search and scroll position.
 */
export function PersonsPage() {
  const counter = useRef(3);
  const view = useRestoredView<PersonsView>('persons');
  const restored = view && view.kind !== 'list' ? view : null; // a draft's form, or a file opened from home
  // After an unlock, the form whose draft was left open is on top again (an edit above its file, where saving
  // returns to).
  const [stack, setStack] = useState<StackEntry[]>(() => [
    { key: 0, view: { kind: 'list' }, scrollY: 0 },
    ...(restored?.kind === 'edit'
      ? [{ key: 1, view: { kind: 'file' as const, personId: restored.personId }, scrollY: 0 }]
      : []),
    ...(restored ? [{ key: 2, view: restored, scrollY: 0 }] : []),
  ]);
  const [version, setVersion] = useState(0);

  const open = useCallback((view: PersonsView) => {
    const scrollY = window.scrollY;
    setStack((s) => [
      ...s.slice(0, -1),
      { ...s[s.length - 1]!, scrollY },
      { key: counter.current++, view, scrollY: 0 },
    ]);
    window.scrollTo(0, 0);
  }, []);

  const replace = useCallback((view: PersonsView) => {
    setStack((s) => [...s.slice(0, -1), { key: counter.current++, view, scrollY: 0 }]);
    window.scrollTo(0, 0);
  }, []);

  const back = useCallback(() => {
    setStack((s) => {
      if (s.length === 1) return s;
      const below = s[s.length - 2]!;
      // After the screen below is shown again; its height is back by then.
      requestAnimationFrame(() => window.scrollTo(0, below.scrollY));
      return s.slice(0, -1);
    });
  }, []);

  const changed = useCallback(() => setVersion((v) => v + 1), []);

  const navigation = useMemo<PersonsNavigation>(
    () => ({ open, replace, back, changed, version }),
    [open, replace, back, changed, version],
  );

  return (
    <PersonsNavigationContext.Provider value={navigation}>
      {stack.map((entry, i) => (
        <div key={entry.key} hidden={i !== stack.length - 1}>
          <ScreenActiveContext.Provider value={i === stack.length - 1}>
            {screenOf(entry.view)}
          </ScreenActiveContext.Provider>
        </div>
      ))}
    </PersonsNavigationContext.Provider>
  );
}
