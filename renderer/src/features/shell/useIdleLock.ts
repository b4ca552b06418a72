import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
const TOUCH_EVERY_MS = 60_000;
const CHECK_EVERY_MS = 1_000;

/**
 * Locks after `idleMinutes` without keyboard or pointer activity, and tells the host about activity with
 * `session.touch` at most once a minute, so that the host's own idle timer agrees with what the user does.
 * With a timeout of one minute the touch comes every half timeout instead: a touch spaced a full timeout
 * apart would arrive just as the host considers the session idle.
 */
export function useIdleLock(idleMinutes: number, onIdle: () => void): void {
  const api = useApi();
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    const idleMs = idleMinutes * 60_000;
    const touchEveryMs = Math.min(TOUCH_EVERY_MS, idleMs / 2);
    let lastActivity = Date.now();
    let lastTouch = Date.now();
    let locked = false;

    const activity = () => {
      lastActivity = Date.now();
      if (lastActivity - lastTouch >= touchEveryMs) {
        lastTouch = lastActivity;
        void api.invoke('session.touch', {});
      }
    };
    const check = () => {
      if (!locked && Date.now() - lastActivity >= idleMs) {
        locked = true;
        onIdleRef.current();
      }
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, activity, { passive: true, capture: true });
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, activity, { capture: true });
      clearInterval(timer);
    };
  }, [api, idleMinutes]);
}
