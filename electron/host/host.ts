import { EventEmitter } from 'node:events';
import { z } from 'zod';
import {
  contract,
  isProcedureName,
  type HostEventName,
  type HostEvents,
  type Preferences,
} from '../../shared/contract';
import type { SessionInfo } from '../../shared/contract/types';
import { AppError, ErrorCodes, type ApiError, type Result } from '../../shared/domain/errors';
import { PUBLIC, roleHas, rolePermissions, type Role } from '../../shared/domain/roles';
import { AuditLog, type AuditInput } from '../audit/audit';
import { latestHlc, type ChangeContext } from '../changelog/changelog';
import { HlcClock } from '../changelog/hlc';
import { createKysely, openEncrypted } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { DEFAULT_PREFERENCES, MemoryPreferencesStore, type PreferencesStore } from '../prefs/preferences';
import type { KdfPolicy } from '../vault/kdf-policy';
import { Vault } from '../vault/vault';
import { DB_FILE } from '../vault/vault-file';
import path from 'node:path';
import type { AuditTarget, CallContext, Handlers, OpenState, Session } from './context';
import { handlers as allHandlers } from './handlers';
import { safeLog } from './log';

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

/** Procedures allowed while an account must still replace a password set by an administrator. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  'app.status',
  'prefs.set',
  'session.lock',
  'session.touch',
  'session.changePassword',
]);
/** Procedures that cannot run inside a transaction (VACUUM INTO, PRAGMA rekey, closing the database). */
const OUTSIDE_TRANSACTION = new Set([
  'vault.rekey',
  'backup.create',
  'backup.restore',
  'session.lock',
  'session.unlock',
  'session.recover',
  'vault.create',
]);

/**
 * The trusted core: holds the vault, the open database and the session, and routes every procedure:
 * session → permission → input → service → audit → `{ok,value}` or `{ok:false,error}`.
 * Calls run one at a time, in arrival order.
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
  private readonly handlers: Handlers;

  constructor(opts: HostOptions, handlers: Handlers = allHandlers) {
    this.dataDir = opts.dataDir;
    this.nowMs = opts.now ?? Date.now;
    this.vault = new Vault(opts.dataDir, this.nowMs, opts.kdfPolicy ?? 'tuned');
    this.prefsStore = opts.preferences ?? new MemoryPreferencesStore();
    this.handlers = handlers;
    if (opts.idleTimer) {
      this.timer = setInterval(() => void this.enqueue(async () => this.checkIdle()), 15_000);
      this.timer.unref();
    }
  }

  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  private emit<E extends HostEventName>(event: E, payload: HostEvents[E]): void {
    this.events.emit(event, payload);
  }

  /** The single entry point of every transport. */
  call(name: string, input: unknown): Promise<Result<unknown>> {
    return this.enqueue(() => this.route(name, input));
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  isUnlocked(): boolean {
    return this.state !== null;
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
      permissions: [...rolePermissions[s.role]],
      mustChangePassword: s.mustChangePassword,
      idleMinutes: (await this.preferences()).idleMinutes,
    };
  }

  /** Opens the database with a data key and starts a session for the account. */
  async openDatabase(dataKey: Buffer, accountId: string): Promise<OpenState> {
    const raw = openEncrypted(path.join(this.dataDir, DB_FILE), dataKey);
    try {
      const db = createKysely(raw);
      await migrateToLatest(db);
      const account = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
      if (!account) throw new AppError(ErrorCodes.AUTH_FAILED, 'account not found');
      const workstationId = this.vault.workstationId();
      const session: Session = {
        accountId: account.id,
        username: account.username,
        displayName: account.displayName,
        role: account.role as Role,
        unitId: account.unitId,
        mustChangePassword: account.mustChangePassword === 1,
      };
      this.state = {
        raw,
        db,
        dataKey,
        session,
        audit: new AuditLog(raw, workstationId, this.vault.auditHead(dataKey)),
        hlc: new HlcClock(workstationId, this.nowMs, await latestHlc(db)),
        workstationId,
        lastActivity: this.nowMs(),
      };
      const gap = this.state.audit.gap;
      if (gap) {
        // Someone removed the newest audit entries while the database was closed. Say so in the log itself.
        this.state.audit.append(
          this.identity(this.state, {
            action: 'audit.integrity_alert',
            outcome: 'failed',
            detail: { missingFrom: gap.from, missingTo: gap.to },
          }),
          new Date(this.nowMs()),
        );
      }
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
    const raw = openEncrypted(path.join(this.dataDir, DB_FILE), dataKey);
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
    this.vault.setAuditHead(s.dataKey, head.seq, head.hash);
  }

  private async checkIdle(): Promise<boolean> {
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

  private async route(name: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isProcedureName(name)) return fail(ErrorCodes.UNKNOWN_PROCEDURE, 'no such procedure');
    const def = contract[name];
    await this.checkIdle();
    const s = this.state;
    if (s) s.lastActivity = this.nowMs();

    if (def.permission !== PUBLIC) {
      if (!s) return fail(ErrorCodes.LOCKED, 'the vault is locked');
      if (!roleHas(s.session.role, def.permission)) {
        this.auditOutside(s, { action: name, outcome: 'denied', detail: { permission: def.permission } });
        return fail(ErrorCodes.FORBIDDEN, 'this role may not use this procedure');
      }
      if (s.session.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(name)) {
        return fail(ErrorCodes.PASSWORD_CHANGE_REQUIRED, 'the password must be changed first');
      }
    }

    const parsed = (def.input as z.ZodType).safeParse(rawInput ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: ErrorCodes.INVALID_INPUT,
          message: 'input does not match the procedure schema',
          issues: parsed.error.issues.map((i) => ({
            path: i.path.join('.'),
            code: /^[a-z_]+$/.test(i.message) ? i.message : i.code,
          })),
        },
      };
    }

    let target: AuditTarget | null = null;
    const handler = this.handlers[name] as (ctx: CallContext, input: unknown) => Promise<unknown>;
    const useTx = s !== null && !OUTSIDE_TRANSACTION.has(name);
    const headBefore = s?.audit.currentHead().seq;
    try {
      let value: unknown;
      if (useTx) {
        value = await s.db.transaction().execute(async (trx) => {
          const out = await handler(
            this.context(trx, (t) => (target = t)),
            parsed.data,
          );
          if (def.audit) this.appendRouterAudit(s, def.audit, 'ok', target);
          return out;
        });
      } else {
        value = await handler(
          this.context(null, (t) => (target = t)),
          parsed.data,
        );
        const after = this.state;
        if (def.audit && after) this.appendRouterAudit(after, def.audit, 'ok', target);
      }
      this.afterCall(headBefore);
      return { ok: true, value };
    } catch (e) {
      s?.audit.resync();
      const error = toApiError(e);
      const after = this.state;
      if (def.audit && after && after === s) {
        this.appendRouterAudit(after, def.audit, 'failed', target, error.code);
      }
      this.afterCall(headBefore);
      return { ok: false, error };
    }
  }

  private afterCall(headBefore: number | undefined): void {
    const s = this.state;
    if (!s) return;
    if (s.audit.currentHead().seq !== headBefore) {
      try {
        this.flushAuditHead(s);
      } catch (e) {
        safeLog('writing the audit head failed', e);
      }
    }
  }

  private appendRouterAudit(
    s: OpenState,
    action: string,
    outcome: AuditInput['outcome'],
    t: AuditTarget | null,
    code?: string,
  ) {
    const detail = { ...(t?.detail ?? {}), ...(code ? { error: code } : {}) };
    s.audit.append(
      this.identity(s, {
        action,
        outcome,
        recordType: t?.recordType ?? null,
        recordId: t?.recordId ?? null,
        detail: Object.keys(detail).length ? detail : null,
      }),
      new Date(this.nowMs()),
    );
  }

  private auditOutside(s: OpenState, e: Omit<AuditInput, 'accountId' | 'username' | 'role'>) {
    try {
      s.audit.append(this.identity(s, e), new Date(this.nowMs()));
      this.flushAuditHead(s);
    } catch (err) {
      safeLog('audit write failed', err);
    }
  }

  private context(trx: OpenState['db'] | null, setTarget: (t: AuditTarget) => void): CallContext {
    const core: HostCore = this; // eslint-disable-line @typescript-eslint/no-this-alias -- closures below outlive `this` binding
    return {
      core,
      vault: core.vault,
      now: () => new Date(core.nowMs()),
      db: () => trx ?? core.openState().db,
      open: () => core.openState(),
      session: () => core.openState().session,
      changes(): ChangeContext {
        const s = core.openState();
        return {
          hlc: s.hlc,
          workstationId: s.workstationId,
          accountId: s.session.accountId,
          now: () => new Date(core.nowMs()),
        };
      },
      audit(e) {
        const s = core.openState();
        s.audit.append(core.identity(s, { outcome: 'ok', ...e }), new Date(core.nowMs()));
      },
      target: setTarget,
    };
  }
}

function fail(code: ApiError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof AppError) return { code: e.code, message: e.message, ...e.extra };
  safeLog('unexpected error', e);
  return { code: ErrorCodes.INTERNAL, message: 'an internal error occurred' };
}
