import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { HostEventName, Preferences } from '../../shared/contract';
import { ErrorCodes, type Result } from '../../shared/domain/errors';
import { sanitizePreferences, type PreferencesStore } from '../prefs/preferences';
import { useSqliteBinding } from '../db/connection';
import { createHost, type Host } from './root';
import { safeLog } from './log';
import type { FromWorker, HostWorkerData, ToWorker } from './worker-client';

/**
 * The host worker: HostCore in a worker thread of the Electron main process (bundled to
 * dist/electron/host-worker.cjs). It answers `{id, procedure, input}` with `{id, result}`, posts host events,
 * and asks the parent for preferences, which main keeps in electron-store.
 */

/** Every host event, forwarded to the parent. A new event in HostEvents does not compile until listed here. */
const FORWARDED_EVENTS: Readonly<Record<HostEventName, true>> = Object.freeze({
  'session.locked': true,
  'call.progress': true,
});

/** Preferences that live with the parent: each load and save is a request over the port. */
class ParentPreferencesStore implements PreferencesStore {
  private nextId = 1;
  private readonly waiting = new Map<number, (p: Preferences | null) => void>();

  constructor(private readonly port: MessagePort) {}

  async load(): Promise<Preferences> {
    const p = await this.ask((id) => ({ type: 'prefs.load', id }));
    if (!p) throw new Error('the parent could not load preferences');
    return sanitizePreferences(p);
  }

  async save(prefs: Preferences): Promise<void> {
    const p = await this.ask((id) => ({ type: 'prefs.save', id, prefs: sanitizePreferences(prefs) }));
    if (!p) throw new Error('the parent could not save preferences');
  }

  answer(id: number, prefs: Preferences | null): void {
    this.waiting.get(id)?.(prefs);
    this.waiting.delete(id);
  }

  private ask(message: (id: number) => FromWorker): Promise<Preferences | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.port.postMessage(message(id));
    });
  }
}

function reply(port: MessagePort, id: number, result: Result<unknown>): void {
  try {
    port.postMessage({ type: 'result', id, result } satisfies FromWorker);
  } catch (e) {
    // A value that cannot be cloned is a bug in a service; the caller still gets an answer.
    safeLog('posting a result failed', e);
    const error = { code: ErrorCodes.INTERNAL, message: 'an internal error occurred' };
    port.postMessage({ type: 'result', id, result: { ok: false, error } } satisfies FromWorker);
  }
}

function serve(port: MessagePort, host: Host, prefs: ParentPreferencesStore): void {
  port.on('message', (m: ToWorker) => {
    switch (m.type) {
      case 'call':
        host.call(m.procedure, m.input).then(
          (result) => reply(port, m.id, result),
          (e) => {
            safeLog('a call failed outside the router', e);
            reply(port, m.id, {
              ok: false,
              error: { code: ErrorCodes.INTERNAL, message: 'an internal error occurred' },
            });
          },
        );
        return;
      case 'lock':
        void host.requestLock(m.reason);
        return;
      case 'prefs.reply':
        prefs.answer(m.id, m.prefs);
        return;
      case 'close':
        host.close().then(
          () => process.exit(0),
          (e) => {
            safeLog('closing the host failed', e);
            process.exit(1);
          },
        );
        return;
    }
  });
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the host worker must run in a worker thread');
  const data = workerData as HostWorkerData;
  if (data.sqliteBinding) useSqliteBinding(data.sqliteBinding);
  const prefs = new ParentPreferencesStore(port);
  const host = createHost({
    dataDir: data.dataDir,
    preferences: prefs,
    // Main decides (appKdfPolicy: a packaged app always tunes); the worker never reads the environment for it.
    kdfPolicy: data.kdfPolicy ?? 'tuned',
    idleTimer: true,
  });
  for (const event of Object.keys(FORWARDED_EVENTS) as HostEventName[]) {
    host.on(event, (payload) => port.postMessage({ type: 'event', event, payload } as FromWorker));
  }
  serve(port, host, prefs);
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

main().catch((e) => {
  safeLog('the host worker could not start', e);
  process.exit(1);
});
