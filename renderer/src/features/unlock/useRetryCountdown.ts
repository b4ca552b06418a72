import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/domain/errors';

/**
 * The delay the host imposes after failed sign-ins, as a live countdown. `startFrom(error)` starts it when the
 * error carries `retryAfterMs` (AUTH_THROTTLED, and the failure that begins the delay); `secondsLeft` is 0
 * when another try may go ahead.
 */
export function useRetryCountdown(): { secondsLeft: number; startFrom(error: ApiError): void } {
  const [clock, setClock] = useState<{ until: number; now: number } | null>(null);
  const startFrom = useCallback((error: ApiError) => {
    const now = Date.now();
    setClock(error.retryAfterMs && error.retryAfterMs > 0 ? { until: now + error.retryAfterMs, now } : null);
  }, []);
  const until = clock?.until ?? null;
  const running = clock !== null && clock.now < clock.until;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setClock((c) => (c ? { ...c, now: Date.now() } : c)), 250);
    return () => clearInterval(timer);
  }, [running, until]);
  return { secondsLeft: clock ? Math.max(0, Math.ceil((clock.until - clock.now) / 1000)) : 0, startFrom };
}
