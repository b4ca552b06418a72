import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';

/**
 * The host's progress of a long call (`call.progress`) while `active`: done and total, or null until the host
 * reports any (the bar then runs without a figure).
 */
export function useCallProgress(procedure: string, active: boolean): { done: number; total: number } | null {
  const api = useApi();
  const [progress, setProgress] = useState<{ run: number; done: number; total: number } | null>(null);
  // Each active run counts apart: a figure of the last run is not shown at the start of the next.
  const [run, setRun] = useState(0);
  const [wasActive, setWasActive] = useState(active);
  if (active !== wasActive) {
    setWasActive(active);
    if (active) setRun((n) => n + 1);
  }
  useEffect(() => {
    if (!active) return;
    return api.on('call.progress', (p) => {
      if (p.procedure === procedure) setProgress({ run, done: p.done, total: p.total });
    });
  }, [api, procedure, active, run]);
  return active && progress && progress.run === run ? { done: progress.done, total: progress.total } : null;
}

/** A percentage for antd's Progress: the host's figure when it gave one, else a full running bar. */
export function progressPercent(p: { done: number; total: number } | null): number {
  if (!p || p.total <= 0) return 100;
  return Math.min(100, Math.round((p.done / p.total) * 100));
}
