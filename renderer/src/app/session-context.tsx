import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { HostEvents, Preferences, SessionInfo } from '../../../shared/contract';
import { useApi } from '../api/api-context';

export type LockReason = HostEvents['session.locked']['reason'];

/** Where the app stands: the host decides, the renderer follows. */
export type Phase =
  | { kind: 'loading' }
  | { kind: 'unreachable' }
  /** Another HoSo program (a `hoso` command) has the data directory: wait for it and try again. */
  | { kind: 'in-use' }
  | { kind: 'setup' }
  | { kind: 'locked'; reason: LockReason | null }
  | { kind: 'signed-in'; session: SessionInfo };

interface SessionState {
  phase: Phase;
  preferences: Preferences;
  /** Changes on every sign-in and lock; the signed-in tree is keyed by it so that nothing outlives a lock. */
  generation: number;
  signedIn(session: SessionInfo): void;
  updateSession(patch: Partial<SessionInfo>): void;
  setPreferences(preferences: Preferences): void;
  /** Locks the host and the renderer (button, Ctrl+L, idle); unsaved drafts are written first. */
  lock(reason: 'manual' | 'idle'): Promise<void>;
  /**
   * The account name last signed in during this app session, offered again on the unlock screen. Kept in memory
   * only (never its password, never on disk); a reload forgets it.
   */
  lastUsername: string | null;
  /**
   * Forms with a draft not yet written (drafts/useDraft.ts) register here, so that a lock writes it before the
   * host closes. The function sends its pending `drafts.save` at once and returns its answer, or null.
   */
  registerDraftFlush(flush: () => Promise<unknown> | null): () => void;
  /** Asks the host again (after `in-use`: the other program may have ended). */
  retry(): void;
}

const SessionContext = createContext<SessionState | null>(null);
const DEFAULT_PREFERENCES: Preferences = { language: 'vi', idleMinutes: 10 };

export function SessionProvider({ children, onLocked }: { children: ReactNode; onLocked: () => void }) {
  const api = useApi();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [preferences, setPreferences] = useState<Preferences>(DEFAULT_PREFERENCES);
  const [generation, setGeneration] = useState(0);
  const [lastUsername, setLastUsername] = useState<string | null>(null);
  const draftFlushes = useRef(new Set<() => Promise<unknown> | null>());

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void api.invoke('app.status', {}).then((r) => {
      if (cancelled) return;
      if (!r.ok) {
        setPhase({ kind: r.error.code === 'DATA_DIR_IN_USE' ? 'in-use' : 'unreachable' });
        return;
      }
      setPreferences(r.value.preferences);
      if (!r.value.vaultExists) setPhase({ kind: 'setup' });
      else if (r.value.session) {
        setLastUsername(r.value.session.username);
        setPhase({ kind: 'signed-in', session: r.value.session });
      } else setPhase({ kind: 'locked', reason: null });
    });
    return () => {
      cancelled = true;
    };
  }, [api, attempt]);
  const retry = useCallback(() => {
    setPhase({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const markLocked = useCallback(
    (reason: LockReason | null) => {
      setPhase((current) => {
        if (['locked', 'setup', 'unreachable', 'in-use'].includes(current.kind)) return current;
        return { kind: 'locked', reason };
      });
      setGeneration((g) => g + 1);
      onLocked();
    },
    [onLocked],
  );

  useEffect(() => {
    // A lock event can arrive after this renderer has already signed in again (unlocking a host that is
    // open locks the old session first), so the host is asked before the screen is cleared.
    const offEvent = api.on('session.locked', (payload) => {
      void api.invoke('app.status', {}).then((r) => {
        if (!r.ok || !r.value.unlocked) markLocked(payload.reason);
      });
    });
    const offAnswer = api.onLockedAnswer(() => markLocked(null));
    return () => {
      offEvent();
      offAnswer();
    };
  }, [api, markLocked]);

  const value = useMemo<SessionState>(
    () => ({
      phase,
      preferences,
      generation,
      lastUsername,
      signedIn(session) {
        setLastUsername(session.username);
        setGeneration((g) => g + 1);
        setPhase({ kind: 'signed-in', session });
      },
      updateSession(patch) {
        setPhase((current) =>
          current.kind === 'signed-in' ? { kind: 'signed-in', session: { ...current.session, ...patch } } : current,
        );
      },
      setPreferences,
      retry,
      async lock(reason) {
        // Drafts still waiting for their debounce are sent now, before the screen is cleared (which unmounts
        // the forms holding them); the screen is cleared at once, even if the host is slow to answer, and the
        // host locks only once the drafts are written inside it.
        const pending = [...draftFlushes.current].map((flush) => flush()).filter((p) => p !== null);
        markLocked(reason);
        await Promise.allSettled(pending);
        await api.invoke('session.lock', {});
      },
      registerDraftFlush(flush) {
        draftFlushes.current.add(flush);
        return () => void draftFlushes.current.delete(flush);
      },
    }),
    [api, phase, preferences, generation, lastUsername, markLocked, retry],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in session; only for screens rendered inside the signed-in tree. */
export function useSignedInSession(): SessionInfo {
  const { phase } = useSession();
  if (phase.kind !== 'signed-in') throw new Error('useSignedInSession while not signed in');
  return phase.session;
}
