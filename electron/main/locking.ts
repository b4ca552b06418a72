import { powerMonitor } from 'electron';
import type { WorkerHostClient } from '../host/worker-client';
import type { ElectronPreferencesStore } from './preferences';

/** How often the system's idle time is read. The host's own idle timer runs at the same pace. */
const IDLE_POLL_MS = 15_000;

/**
 * Locks the vault when the person walks away: on system suspend, on screen lock (Windows and macOS report
 * it; most Linux desktops do not), and when the whole system (not only this window) has been idle for the
 * preferred number of minutes. The host also locks on its own clock, from the renderer's activity.
 */
export function watchForLock(host: WorkerHostClient, prefs: ElectronPreferencesStore): void {
  powerMonitor.on('suspend', () => host.lock('suspend'));
  powerMonitor.on('lock-screen', () => host.lock('screen_lock'));
  // One lock per idle stretch: the flag is re-armed once the person is back.
  let lockedThisStretch = false;
  const timer = setInterval(() => {
    const idle = powerMonitor.getSystemIdleTime() >= prefs.current().idleMinutes * 60;
    if (idle && !lockedThisStretch) host.lock('idle');
    lockedThisStretch = idle;
  }, IDLE_POLL_MS);
  timer.unref();
}
