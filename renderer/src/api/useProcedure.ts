import { useCallback, useEffect, useState } from 'react';
import type { InputOf, OutputOf, ProcedureName } from '../../../shared/contract';
import type { ApiError } from '../../../shared/domain/errors';
import { useApi } from './api-context';

export interface ProcedureState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  /** Shows a value the caller already has (a write's answer) without asking the host again. */
  replace(data: T): void;
}

/**
 * Runs a read procedure when the screen mounts (and again on `reload` or when `input` changes by value).
 * The result lives in the component only: a lock unmounts it, so nothing read survives a lock.
 */
export function useProcedure<K extends ProcedureName>(name: K, input: InputOf<K>): ProcedureState<OutputOf<K>> {
  const api = useApi();
  const key = JSON.stringify(input);
  const [round, setRound] = useState(0);
  const [state, setState] = useState<{ data: OutputOf<K> | null; error: ApiError | null; done: string | null }>({
    data: null,
    error: null,
    done: null,
  });
  useEffect(() => {
    let current = true;
    void api.invoke(name, JSON.parse(key) as InputOf<K>).then((r) => {
      if (!current) return;
      const done = `${key}#${round}`;
      setState(r.ok ? { data: r.value, error: null, done } : { data: null, error: r.error, done });
    });
    return () => {
      current = false;
    };
  }, [api, name, key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const replace = useCallback(
    (data: OutputOf<K>) => setState({ data, error: null, done: `${key}#${round}` }),
    [key, round],
  );
  return { data: state.data, error: state.error, loading: state.done !== `${key}#${round}`, reload, replace };
}
