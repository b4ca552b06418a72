import { useCallback, useEffect, useRef, useState } from 'react';
import { useWatch, type FieldValues, type Path, type PathValue, type UseFormReturn } from 'react-hook-form';
import { useApi } from '../../api/api-context';
import { useSession } from '../../app/session-context';
import type { DraftScreen } from './draft-screen';

/** How long typing must pause before the draft is written (a lock writes it at once). */
export const DRAFT_DEBOUNCE_MS = 800;

export interface DraftState {
  /** Still asking the host whether a draft exists: the form should not be shown as final yet. */
  loading: boolean;
  /** When the draft brought back into the form was written, or null when the form opened clean. */
  restoredAt: string | null;
  /** "Bỏ bản nháp": forgets the draft and puts the form back as it opened. */
  discard(): void;
  /** The record was saved: its draft is no longer needed. Call after a successful save. */
  saved(): Promise<void>;
}

interface DraftOptions<T> {
  /** The form's values now; every change is written (debounced) once the form has opened. */
  value: T;
  /** The screen to return to after an unlock (see draft-screen.ts). */
  screen: DraftScreen | null;
  /** Puts a draft's values into the form. */
  onRestore(value: T): void;
  /** Puts the form back as it opened (after "Bỏ bản nháp"). */
  onDiscard(): void;
}

/**
 * A form's unsaved values, kept inside the encrypted database as the user types (`drafts.save`, debounced) so that
 * a lock does not throw them away: the renderer keeps nothing once locked, and after unlocking the form opens with
 * its draft and says so. `formKey` names the form for the signed-in account (`persons.create`,
 * `persons.edit:<id>`); null turns drafts off.
 */
export function useDraft<T>(formKey: string | null, opts: DraftOptions<T>): DraftState {
  const api = useApi();
  const { registerDraftFlush } = useSession();
  const [loading, setLoading] = useState(formKey !== null);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const optsRef = useRef(opts);
  /** The JSON of the form's values at the last render: what a lock writes if it differs from `baseline`. */
  const latest = useRef<string | null>(null);
  const payload = JSON.stringify({ value: opts.value });
  useEffect(() => {
    optsRef.current = opts;
    latest.current = payload;
  });
  /** The JSON of what the host holds (or of the form as it opened): nothing is written while equal. */
  const baseline = useRef<string | null>(null);
  const pending = useRef<{ payload: string; timer: ReturnType<typeof setTimeout> } | null>(null);
  const active = useRef(true);
  /** The host has not yet said whether the form has a draft (see `flush`). */
  const asking = useRef(false);

  const send = useCallback(
    (payload: string) => {
      if (!formKey) return null;
      baseline.current = payload;
      const screen = optsRef.current.screen;
      return api.invoke('drafts.save', { formKey, payload, screen: screen ? JSON.stringify(screen) : null });
    },
    [api, formKey],
  );

  /**
   * Writes the form now if it differs from what the host holds. It looks at the form itself, not only at a write
   * waiting for its debounce: a lock pressed in the moment between the host's answer about a draft and the next
   * render still writes what was typed before that answer.
   */
  const flush = useCallback(() => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    const now = latest.current;
    if (baseline.current === null || now === null || now === baseline.current) return null;
    // Before the host has answered, nothing is written: a draft left at the last lock is not replaced by a form
    // that never showed it (and a lock does not wait on the answer while the unlock screen is already up).
    return asking.current ? null : send(now);
  }, [send]);

  // Opening: bring back a draft the account left in this form.
  useEffect(() => {
    active.current = true;
    if (!formKey) return;
    // The form as it opened is not a draft. It is taken now, not once the host has answered: what is typed while
    // the host is asked (a quick typist, a busy machine) is a change to be written like any other.
    baseline.current = latest.current;
    let current = true;
    asking.current = true;
    void api.invoke('drafts.get', { formKey }).then((r) => {
      if (!current) return;
      asking.current = false;
      if (r.ok && r.value) {
        try {
          const parsed = JSON.parse(r.value.payload) as { value: T };
          optsRef.current.onRestore(parsed.value);
          // The form shows the draft from the next render on; a lock before that has nothing new to write.
          baseline.current = latest.current = JSON.stringify({ value: parsed.value });
          setRestoredAt(r.value.updatedAt);
        } catch {
          // A draft that no longer reads is dropped rather than half applied.
          void api.invoke('drafts.discard', { formKey });
        }
      }
      setLoading(false);
    });
    return () => {
      current = false;
    };
  }, [api, formKey]);

  // Typing: the draft follows the form, a moment after the last change.
  useEffect(() => {
    if (loading || !formKey) return;
    if (baseline.current === null) {
      baseline.current = payload; // the form as "Bỏ bản nháp" put it back is not a draft
      return;
    }
    if (payload === baseline.current) {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = null;
      return;
    }
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = { payload, timer: setTimeout(() => void flush(), DRAFT_DEBOUNCE_MS) };
  }, [payload, loading, formKey, flush]);

  // A lock writes what is pending before the host closes; leaving the screen writes it too.
  useEffect(() => {
    const unregister = registerDraftFlush(flush);
    return () => {
      unregister();
      active.current = false;
      void flush();
    };
  }, [registerDraftFlush, flush]);

  const discard = useCallback(() => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    baseline.current = null;
    setRestoredAt(null);
    optsRef.current.onDiscard();
    if (formKey) void api.invoke('drafts.discard', { formKey });
  }, [api, formKey]);

  const saved = useCallback(async () => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    // Nothing more is written for this form once it is saved, even if the screen stays a moment: the form as it is
    // now (a save may have tidied a value since the submit began) is what the host holds, not a draft.
    baseline.current = latest.current;
    setRestoredAt(null);
    if (formKey) await api.invoke('drafts.discard', { formKey });
  }, [api, formKey]);

  return { loading, restoredAt, discard, saved };
}

/**
 * `useDraft` for a react-hook-form form, in one line: `const draft = useFormDraft('rehab.referral:new', form,
 * { page: 'rehab', view })`, then `<DraftNotice draft={draft} />` above the form and `await draft.saved()` after
 * a successful save. The form's own defaults stay what "Bỏ bản nháp" goes back to.
 */
export function useFormDraft<T extends FieldValues, TTransformed = T>(
  formKey: string | null,
  form: Pick<UseFormReturn<T, unknown, TTransformed>, 'control' | 'reset'> &
    Partial<Pick<UseFormReturn<T, unknown, TTransformed>, 'setValue'>>,
  screen: DraftScreen | null,
): DraftState {
  const value = useWatch({ control: form.control }) as T;
  return useDraft<T>(formKey, {
    value,
    screen,
    onRestore: (v) => {
      form.reset(v, { keepDefaultValues: true });
      // The fields the draft fills count as visited, as they were when the draft was written, so that what a form
      // shows once a field has been left (the name's letter-case hint) comes back with them. Needs `setValue`.
      if (form.setValue)
        for (const [name, field] of Object.entries(v))
          if (filled(field)) form.setValue(name as Path<T>, field as PathValue<T, Path<T>>, { shouldTouch: true });
    },
    onDiscard: () => form.reset(),
  });
}

/** Whether a draft's field holds something typed or chosen. */
function filled(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}
