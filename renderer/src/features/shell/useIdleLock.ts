import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
const TOUCH_EVERY_MS = 60_000;
const CHECK_EVERY_MS = 1_000;
/** The warning shown before an idle lock: any key or movement during it keeps the session open. */
export const IDLE_WARNING_MS = 30_000;

/**
 * Locks after `idleMinutes` without keyboard or pointer activity, after a 30-second countdown (returned as
 * `secondsLeft`, null when none is running) that any activity cancels. Tells the host about activity with
 * `session.touch` at most once a minute, so that the host's own idle timer agrees with what the user does.
 * With a timeout of one minute the touch comes every half timeout instead: a touch spaced a full timeout
 * apart would arrive just as the host considers the session idle. When the countdown starts, activity the host
 * has not heard of yet is reported, so that the host does not lock before the countdown ends.
 */
export function useIdleLock(idleMinutes: number, onIdle: () => void): number | null {
  const api = useApi();
  const onIdleRef = useRef(onIdle);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    const idleMs = idleMinutes * 60_000;
    const warnMs = Math.min(IDLE_WARNING_MS, idleMs / 2);
    const touchEveryMs = Math.min(TOUCH_EVERY_MS, idleMs / 2);
    let lastActivity = Date.now();
    let lastTouch = Date.now();
    let locked = false;
    let warning = false;

    const touch = () => {
      lastTouch = Date.now();
      void api.invoke('session.touch', {});
    };
    const activity = () => {
      lastActivity = Date.now();
      if (warning) {
        warning = false;
        setSecondsLeft(null);
      }
      if (lastActivity - lastTouch >= touchEveryMs) touch();
    };
    const check = () => {
      if (locked) return;
      const idle = Date.now() - lastActivity;
      if (idle >= idleMs) {
        locked = true;
        setSecondsLeft(null);
        onIdleRef.current();
      } else if (idle >= idleMs - warnMs) {
        if (!warning) {
          warning = true;
          if (lastActivity > lastTouch) touch();
        }
        setSecondsLeft(Math.max(1, Math.ceil((idleMs - idle) / 1000)));
      }
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, activity, { passive: true, capture: true });
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, activity, { capture: true });
      clearInterval(timer);
    };
  }, [api, idleMinutes]);

  return secondsLeft;
}
