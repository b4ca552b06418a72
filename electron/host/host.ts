import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { HostEventName, HostEvents, Preferences } from '../../shared/contract';
import type { SessionInfo } from '../../shared/contract/types';
import { AppError, ErrorCodes, type Result } from '../../shared/domain/errors';
import { permissionsOf, type Role } from '../../shared/domain/roles';
import { grantsRepository } from '../accounts/grant.repository';
import { AuditLog, type AuditInput } from '../audit/audit';
import { latestHlc, type ChangeContext } from '../changelog/changelog';
import { HlcClock } from '../changelog/hlc';
import { createKysely, openEncrypted } from '../db/connection';
import { DataDirLock } from '../db/dir-lock';
import { migrateToLatest } from '../db/migrate';
import { DEFAULT_PREFERENCES, MemoryPreferencesStore, type PreferencesStore } from '../prefs/preferences';
import type { KdfPolicy } from '../vault/kdf-policy';
import { Vault } from '../vault/vault';
import { checkBinding, raiseDbGeneration } from '../vault/binding';
import { DB_FILE, writeVaultFile } from '../vault/vault-file';
import type { OpenState, Session } from './context';
import { safeLog } from './log';
import { route } from './router';

export interface SetupDatabase {
  db: OpenState['db'];
  raw: OpenState['raw'];
  changes(accountId: string | null): ChangeContext;
  close(): Promise<void>;
}

export interface HostOptions {
  dataDir: string;
  preferences?: PreferencesStore;
  now?: () => number;
  kdfPolicy?: KdfPolicy;
  /** Check the idle timeout on a timer (the desktop app); the CLI and tests leave it off. */
  idleTimer?: boolean;
}

/**
 * The host's lifecycle: holds the vault, the open database and the session; opens, locks and remembers
 * preferences. Every call goes through `route` (router.ts), one at a time, in arrival order. Only the composition
 * root (root.ts), the transports and the lifecycle services may hold it; domain services never do.
 */
export class HostCore {
  readonly vault: Vault;
  readonly dataDir: string;
  readonly nowMs: () => number;
  private state: OpenState | null = null;
  private prefs: Preferences | null = null;
  private readonly prefsStore: PreferencesStore;
  private readonly events = new EventEmitter();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  /** Held during each call and while a session is open (dir-lock.ts): one program at a time on the data directory. */
  private readonly dirLock: DataDirLock;

  constructor(opts: HostOptions) {
    this.dataDir = opts.dataDir;
    this.nowMs = opts.now ?? Date.now;
    this.vault = new Vault(opts.dataDir, this.nowMs, opts.kdfPolicy ?? 'tuned');
    this.prefsStore = opts.preferences ?? new MemoryPreferencesStore();
    this.dirLock = new DataDirLock(opts.dataDir);
    if (opts.idleTimer) {
      this.timer = setInterval(() => void this.enqueue(async () => this.checkIdle()), 15_000);
      this.timer.unref();
    }
  }

  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  emit<E extends HostEventName>(event: E, payload: HostEvents[E]): void {
    this.events.emit(event, payload);
  }

  /** The single entry point of every transport. */
  call(name: string, input: unknown): Promise<Result<unknown>> {
    return this.enqueue(() => route(this, name, input));
  }

  /** One turn at a time; each gives the data directory back when it leaves no session open. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const turn = async () => {
      try {
        return await fn();
      } finally {
        this.releaseDataDirIfLocked();
      }
    };
    const run = this.queue.then(turn, turn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  isUnlocked(): boolean {
    return this.state !== null;
  }

  /** The open state, or null while locked. */
  currentState(): OpenState | null {
    return this.state;
  }

  openState(): OpenState {
    if (!this.state) throw new AppError(ErrorCodes.LOCKED, 'the vault is locked');
    return this.state;
  }

  async preferences(): Promise<Preferences> {
    if (!this.prefs) this.prefs = await this.prefsStore.load().catch(() => ({ ...DEFAULT_PREFERENCES }));
    return this.prefs;
  }

  async setPreferences(patch: Partial<Preferences>): Promise<Preferences> {
    const next = { ...(await this.preferences()), ...patch };
    await this.prefsStore.save(next);
    this.prefs = next;
    return next;
  }

  async sessionInfo(): Promise<SessionInfo | null> {
    if (!this.state) return null;
    const s = this.state.session;
    return {
      accountId: s.accountId,
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      unitId: s.unitId,
      permissions: [...permissionsOf(s.role, s.rolePending)],
      rolePending: s.rolePending,
      mustChangePassword: s.mustChangePassword,
      idleMinutes: (await this.preferences()).idleMinutes,
    };
  }

  /**
   * Takes the data directory for this program (the router does before every call; opening the database does
   * too, for the vault's creation, which made the directory). Throws DATA_DIR_IN_USE while another holds it.
   */
  claimDataDir(): void {
    this.dirLock.claim();
  }

  /**
   * Gives the data directory back once no session is open (at the end of each turn: a call, a lock outside a
   * call): while the app waits at its unlock screen, a `hoso` command may run; an unlock meanwhile is refused.
   */
  private releaseDataDirIfLocked(): void {
    if (!this.state) this.dirLock.release();
  }

  /** The database file, the data directory taken first (it may have been made by this very call). */
  private openFile(dataKey: Buffer): OpenState['raw'] {
    this.claimDataDir();
    return openEncrypted(path.join(this.dataDir, DB_FILE), dataKey);
  }

  /** Opens the database with a data key and starts a session for the account. */
  async openDatabase(dataKey: Buffer, accountId: string): Promise<OpenState> {
    const raw = this.openFile(dataKey);
    try {
      const db = createKysely(raw);
      await migrateToLatest(db);
      const account = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
      if (!account) throw new AppError(ErrorCodes.AUTH_FAILED, 'account not found');
      const workstationId = this.vault.workstationId();
      // vault.json and hoso.db must belong together, or the open is refused (vault/binding.ts).
      const head = checkBinding(raw, this.vault.read(), dataKey, (f) => writeVaultFile(this.dataDir, f));
      const session: Session = {
        accountId: account.id,
        username: account.username,
        displayName: account.displayName,
        role: account.role as Role,
        unitId: account.unitId,
        mustChangePassword: account.mustChangePassword === 1,
        rolePending: await grantsRepository.hasPending(db, account.id),
      };
      this.state = {
        raw,
        db,
        dataKey,
        session,
        audit: new AuditLog(raw, workstationId, head),
        hlc: new HlcClock(workstationId, this.nowMs, await latestHlc(db)),
        workstationId,
        lastActivity: this.nowMs(),
      };
      // A log shorter than the vault's head never gets here: checkBinding refused it (DB_ROLLED_BACK), and
      // `audit.reanchor` writes the integrity alert when an administrator accepts the loss.
      if (account.status !== 'active') {
        await this.lock('manual', false);
        throw new AppError(ErrorCodes.ACCOUNT_DISABLED, 'account is disabled');
      }
      return this.state;
    } catch (e) {
      if (!this.state) raw.close();
      throw e;
    }
  }

  /**
   * Opens the database without a session: for setup and recovery, which must write before anyone is
   * signed in. The caller closes it.
   */
  async openDatabaseForSetup(dataKey: Buffer): Promise<SetupDatabase> {
    const raw = this.openFile(dataKey);
    const db = createKysely(raw);
    try {
      await migrateToLatest(db);
    } catch (e) {
      await db.destroy();
      throw e;
    }
    const workstationId = this.vault.workstationId();
    const hlc = new HlcClock(workstationId, this.nowMs, await latestHlc(db));
    return {
      db,
      raw,
      changes: (accountId: string | null): ChangeContext => ({
        hlc,
        workstationId,
        accountId,
        now: () => new Date(this.nowMs()),
      }),
      close: () => db.destroy(),
    };
  }

  /** Closes the database and drops the key. Safe to call when already locked. */
  async lock(reason: HostEvents['session.locked']['reason'], announce = true): Promise<void> {
    const s = this.state;
    if (!s) return;
    if (announce) {
      try {
        s.audit.append(
          this.identity(s, { action: 'session.lock', outcome: 'ok', detail: { reason } }),
          new Date(this.nowMs()),
        );
        this.flushAuditHead(s);
      } catch (e) {
        safeLog('audit on lock failed', e);
      }
    }
    this.state = null;
    try {
      s.raw.pragma('wal_checkpoint(TRUNCATE)');
      await s.db.destroy();
    } catch (e) {
      safeLog('closing the database failed', e);
    }
    s.dataKey.fill(0);
    this.emit('session.locked', { reason });
  }

  /** Replaces the data key held in memory after a rekey. */
  replaceDataKey(next: Buffer): void {
    const s = this.openState();
    s.dataKey.fill(0);
    s.dataKey = next;
  }

  identity(s: OpenState | null, e: Omit<AuditInput, 'accountId' | 'username' | 'role'>): AuditInput {
    return {
      ...e,
      accountId: s?.session.accountId ?? null,
      username: s?.session.username ?? null,
      role: s?.session.role ?? null,
    };
  }

  flushAuditHead(s: OpenState): void {
    const head = s.audit.currentHead();
    const generation = this.vault.setAuditHead(s.dataKey, head.seq, head.hash);
    if (generation !== null) raiseDbGeneration(s.raw, generation);
  }

  /** Locks when the idle time has passed; the router calls it before every call. */
  async checkIdle(): Promise<boolean> {
    const s = this.state;
    if (!s) return false;
    const idleMs = (await this.preferences()).idleMinutes * 60_000;
    if (this.nowMs() - s.lastActivity >= idleMs) {
      await this.lock('idle');
      return true;
    }
    return false;
  }

  /** Locks in turn with the calls, for events outside the API (suspend, screen lock, system idle). */
  requestLock(reason: HostEvents['session.locked']['reason']): Promise<void> {
    return this.enqueue(() => this.lock(reason));
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.enqueue(() => this.lock('manual'));
  }
}
