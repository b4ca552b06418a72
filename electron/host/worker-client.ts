import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { HostEventName, HostEvents, Preferences } from '../../shared/contract';
import type { BridgeEvent } from '../../shared/contract/bridge';
import { ErrorCodes, type Result } from '../../shared/domain/errors';
import type { PreferencesStore } from '../prefs/preferences';
import type { KdfPolicy } from '../vault/kdf-policy';
import { safeLog } from './log';

export type LockReason = HostEvents['session.locked']['reason'];
export type HostEventMessage = {
  [E in HostEventName]: { type: 'event'; event: E; payload: HostEvents[E] };
}[HostEventName];

/** What the parent posts to the host worker. */
export type ToWorker =
  | { type: 'call'; id: number; procedure: string; input: unknown }
  | { type: 'lock'; reason: LockReason }
  | { type: 'prefs.reply'; id: number; prefs: Preferences | null }
  | { type: 'close' };

/** What the host worker posts to the parent. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result<unknown> }
  | HostEventMessage
  | { type: 'prefs.load'; id: number }
  | { type: 'prefs.save'; id: number; prefs: Preferences };

/** The worker's `workerData`. */
export interface HostWorkerData {
  dataDir: string;
  /** Chosen by main (appKdfPolicy); when absent the worker tunes. The worker never reads HOSO_KDF itself. */
  kdfPolicy: KdfPolicy | null;
  /** Path of a better-sqlite3 binary built for Electron's ABI (development runs only), or null. */
  sqliteBinding: string | null;
}

export interface StartOptions {
  kdfPolicy?: KdfPolicy;
  sqliteBinding?: string | null;
}

const HOST_STOPPED: Result<never> = { ok: false, error: { code: ErrorCodes.INTERNAL, message: 'the host stopped' } };
/** How long close() waits for the worker to lock and close the database before terminating it. */
const CLOSE_GRACE_MS = 10_000;

/**
 * The Electron main process's handle on the services: HostCore runs in a worker thread, so argon2 and SQLite
 * never block the window, and main only forwards `{id, procedure, input}` and `{id, result}` messages.
 * Preferences stay with the parent (electron-store lives in main); the worker asks for them over the port.
 */
export class WorkerHostClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  private readonly events = new EventEmitter();
  private readonly anyEventListeners: ((e: BridgeEvent) => void)[] = [];
  private readonly crashListeners: ((code: number) => void)[] = [];
  private closing = false;
  private onReady: (() => void) | null = null;

  /** Starts the worker and resolves once its host is constructed. */
  async start(workerFile: string, dataDir: string, prefs: PreferencesStore, opts: StartOptions = {}): Promise<void> {
    if (this.worker) throw new Error('the host worker is already running');
    const workerData: HostWorkerData = {
      dataDir,
      kdfPolicy: opts.kdfPolicy ?? null,
      sqliteBinding: opts.sqliteBinding ?? null,
    };
    const worker = new Worker(workerFile, { workerData });
    this.worker = worker;
    worker.on('message', (m: FromWorker) => this.onMessage(m, prefs));
    worker.on('error', (e) => safeLog('host worker error', e));
    const started = new Promise<void>((resolve, reject) => {
      this.onReady = resolve;
      worker.once('exit', (code) => reject(new Error(`the host worker stopped during start (code ${code})`)));
    });
    worker.on('exit', (code) => this.onExit(code));
    await started;
  }

  /** Runs a procedure in the worker. Never rejects: a stopped worker answers INTERNAL. */
  call(procedure: string, input: unknown): Promise<Result<unknown>> {
    const worker = this.worker;
    if (!worker || this.closing) return Promise.resolve(HOST_STOPPED);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.post({ type: 'call', id, procedure, input });
      } catch {
        // Only plain data crosses to the worker (IPC has already cloned it once); anything else is bad input.
        this.pending.delete(id);
        resolve({ ok: false, error: { code: ErrorCodes.INVALID_INPUT, message: 'input is not plain data' } });
      }
    });
  }

  /**
   * Locks the vault for a reason seen outside the host (suspend, screen lock, system idle). Queued behind any
   * call in progress, like every procedure.
   */
  lock(reason: LockReason): void {
    this.post({ type: 'lock', reason });
  }

  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  /** Every host event, whatever its name: what the IPC transport passes on to the window. */
  onAnyEvent(listener: (e: BridgeEvent) => void): void {
    this.anyEventListeners.push(listener);
  }

  /** Called when the worker dies without being asked to (a crash): the vault is closed with it. */
  onUnexpectedExit(listener: (code: number) => void): void {
    this.crashListeners.push(listener);
  }

  /** Locks the vault, closes the database and stops the worker. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.closing) return;
    this.closing = true;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.post({ type: 'close' });
    const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), CLOSE_GRACE_MS).unref());
    if ((await Promise.race([exited, grace])) === 'timeout') await worker.terminate();
  }

  private post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  private onMessage(m: FromWorker, prefs: PreferencesStore): void {
    switch (m.type) {
      case 'ready':
        this.onReady?.();
        this.onReady = null;
        return;
      case 'result': {
        const resolve = this.pending.get(m.id);
        this.pending.delete(m.id);
        resolve?.(m.result);
        return;
      }
      case 'event':
        this.events.emit(m.event, m.payload);
        for (const listener of this.anyEventListeners) listener({ event: m.event, payload: m.payload } as BridgeEvent);
        return;
      case 'prefs.load':
        prefs.load().then(
          (p) => this.post({ type: 'prefs.reply', id: m.id, prefs: p }),
          (e) => {
            safeLog('loading preferences failed', e);
            this.post({ type: 'prefs.reply', id: m.id, prefs: null });
          },
        );
        return;
      case 'prefs.save':
        prefs.save(m.prefs).then(
          () => this.post({ type: 'prefs.reply', id: m.id, prefs: m.prefs }),
          (e) => {
            safeLog('saving preferences failed', e);
            this.post({ type: 'prefs.reply', id: m.id, prefs: null });
          },
        );
        return;
    }
  }

  private onExit(code: number): void {
    this.worker = null;
    for (const resolve of this.pending.values()) resolve(HOST_STOPPED);
    this.pending.clear();
    if (!this.closing) for (const listener of this.crashListeners) listener(code);
  }
}
