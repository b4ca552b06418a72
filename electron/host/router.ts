import { z } from 'zod';
import { contract, isProcedureName } from '../../shared/contract';
import type { ProcedureAccess } from '../../shared/contract/define';
import { AppError, ErrorCodes, type ApiError, type Result } from '../../shared/domain/errors';
import { PUBLIC, permissionsOf, type Role } from '../../shared/domain/roles';
import type { AuditInput } from '../audit/audit';
import { BatchWriter } from '../platform/batch';
import { RecordFamilies, scopesOf, type RecordFamily } from '../platform/scope';
import type { AuditTarget, CallContext, DomainContext, OpenState } from './context';
import { domainHandlers, lifecycleHandlers } from './handlers';
import type { HostCore } from './host';
import { safeLog } from './log';

/** A key an input may name back in an error: a field name, never free text someone typed (a name, an ID). */
const FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** The caller's role holds at least one of the procedure's permissions. */
export function mayCall(role: Role, access: ProcedureAccess, rolePending = false): boolean {
  if (access === PUBLIC) return true;
  // A role awaiting a leader's approval holds only `session` (separation of duties, accounts/grant.service.ts).
  return access.some((p) => permissionsOf(role, rolePending).includes(p));
}

type AnyHandler = (ctx: CallContext, input: unknown) => Promise<unknown>;

/**
 * The one gate: session → permission (any-of, from the contract) → forced password change → input → service in
 * its transaction with the router's audit entry → `{ok,value}` or `{ok:false,error}`. Every policy it applies is
 * read from the procedure's declaration in shared/contract; services never re-check it.
 */
export async function route(core: HostCore, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isProcedureName(name)) return fail(ErrorCodes.UNKNOWN_PROCEDURE, 'no such procedure');
  // One program at a time on the data directory (db/dir-lock.ts): held from here to the end of the call (the
  // host's turn), and on while the call leaves a session open.
  try {
    core.claimDataDir();
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
  const def = contract[name];
  await core.checkIdle();
  const s = core.currentState();
  if (s) s.lastActivity = core.nowMs();

  if (def.access !== PUBLIC) {
    if (!s) return fail(ErrorCodes.LOCKED, 'the vault is locked');
    if (!mayCall(s.session.role, def.access)) {
      auditNow(core, s, { action: name, outcome: 'denied', detail: { permission: def.access.join('|') } });
      return fail(ErrorCodes.FORBIDDEN, 'this role may not use this procedure');
    }
    if (s.session.mustChangePassword && !def.beforePasswordChange) {
      return fail(ErrorCodes.PASSWORD_CHANGE_REQUIRED, 'the password must be changed first');
    }
    if (!mayCall(s.session.role, def.access, s.session.rolePending)) {
      auditNow(core, s, {
        action: name,
        outcome: 'denied',
        detail: { permission: def.access.join('|'), pending: true },
      });
      return fail(ErrorCodes.ROLE_PENDING_APPROVAL, 'this role awaits a leader’s approval');
    }
  }

  const parsed = (def.input as z.ZodType).safeParse(rawInput ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: ErrorCodes.INVALID_INPUT,
        message: 'input does not match the procedure schema',
        issues: parsed.error.issues.flatMap((i) =>
          // A field the schema does not know is named (by its key, when it reads as one), not its parent object.
          i.code === 'unrecognized_keys'
            ? i.keys.map((k) => ({ path: [...i.path, FIELD_KEY.test(k) ? k : '?'].join('.'), code: i.code }))
            : [{ path: i.path.join('.'), code: /^[a-z_]+$/.test(i.message) ? i.message : issueCode(i, rawInput) }],
        ),
      },
    };
  }

  const domain = (domainHandlers as unknown as Record<string, AnyHandler | undefined>)[name];
  const handler = domain ?? (lifecycleHandlers as Record<string, AnyHandler>)[name]!;
  let target: AuditTarget | null = null;
  const setTarget = (t: AuditTarget) => (target = t);
  const useTx = s !== null && def.transaction;
  const headBefore = s?.audit.currentHead().seq;
  const audit = def.audit;
  // A call that writes a great deal (a bundle's import) asks for the WAL to be checkpointed after it, not inside
  // its commit: SQLite would otherwise copy every page the call wrote back into the database before answering.
  let deferred = false;
  const defer = () => {
    if (deferred || !s) return;
    s.raw.pragma('wal_autocheckpoint = 0');
    deferred = true;
  };
  try {
    let value: unknown;
    if (useTx) {
      value = await s.db.transaction().execute(async (trx) => {
        const ctx = domain
          ? await domainContext(core, s, trx, setTarget, name, false, defer)
          : lifecycleContext(core, trx, setTarget);
        const out = await handler(ctx as CallContext, parsed.data);
        if (audit) routerAudit(core, s, audit, 'ok', target);
        return out;
      });
    } else {
      const ctx =
        domain && s
          ? await domainContext(core, s, s.db, setTarget, name, true, defer)
          : lifecycleContext(core, null, setTarget);
      value = await handler(ctx as CallContext, parsed.data);
      const after = core.currentState();
      if (audit && after) routerAudit(core, after, audit, 'ok', target);
    }
    afterCall(core, headBefore);
    return { ok: true, value };
  } catch (e) {
    s?.audit.resync();
    const error = toApiError(e);
    const after = core.currentState();
    if (audit && after && after === s) routerAudit(core, after, audit, 'failed', target, error.code);
    afterCall(core, headBefore);
    return { ok: false, error };
  } finally {
    if (deferred && s) checkpointLater(core, s);
  }
}

/**
 * Gives the connection its automatic checkpoints back and checkpoints what a call that deferred it wrote once
 * its answer is on its way (a timer, so the caller is answered first). The WAL holds the committed call until
 * then: a crash before it loses nothing (the next open replays the WAL); locking the vault checkpoints too.
 */
function checkpointLater(core: HostCore, s: OpenState): void {
  try {
    s.raw.pragma('wal_autocheckpoint = 1000');
  } catch (e) {
    safeLog('restoring automatic checkpoints failed', e);
  }
  setTimeout(() => {
    if (core.currentState() !== s) return;
    try {
      s.raw.pragma('wal_checkpoint(PASSIVE)');
    } catch (e) {
      safeLog('checkpoint after a call failed', e);
    }
  }, 0);
}

/**
 * What a domain service may touch: the session, the call's transaction, the change writer, the audit writer,
 * the clock and the caller's record scope. Never the data key, the raw connection or the host.
 */
async function domainContext(
  core: HostCore,
  s: OpenState,
  db: OpenState['db'],
  setTarget: (t: AuditTarget) => void,
  procedure: string,
  batchAllowed: boolean,
  deferCheckpoint: () => void,
): Promise<DomainContext> {
  const session = Object.freeze({ ...s.session });
  // Computed before the handler runs (scope() is synchronous), for every family with one lookup of the unit.
  const scopes = await scopesOf(db, session);
  const now = () => new Date(core.nowMs());
  const changes = () => ({ hlc: s.hlc, workstationId: s.workstationId, accountId: session.accountId, now });
  let batch: BatchWriter | null = null;
  return Object.freeze({
    now,
    db: () => db,
    session: () => session,
    scope: (family: RecordFamily = RecordFamilies.persons) => scopes.get(family)!,
    changes,
    audit: (e: Parameters<DomainContext['audit']>[0]) => {
      s.audit.append(core.identity(s, { outcome: 'ok', ...e }), now());
    },
    target: setTarget,
    batch: () => {
      if (!batchAllowed) throw new AppError(ErrorCodes.INTERNAL, 'batch writes need a procedure outside a transaction');
      return (batch ??= new BatchWriter(s.raw, changes()));
    },
    progress: (done: number, total: number) => core.emit('call.progress', { procedure, done, total }),
    deferCheckpoint,
  });
}

/** The lifecycle services (session, vault, accounts, backup, audit verification) also reach the host. */
function lifecycleContext(
  core: HostCore,
  trx: OpenState['db'] | null,
  setTarget: (t: AuditTarget) => void,
): CallContext {
  const now = () => new Date(core.nowMs());
  return {
    core,
    vault: core.vault,
    now,
    db: () => trx ?? core.openState().db,
    open: () => core.openState(),
    session: () => core.openState().session,
    scope: () => {
      throw new AppError(ErrorCodes.INTERNAL, 'lifecycle services have no record scope');
    },
    changes() {
      const s = core.openState();
      return { hlc: s.hlc, workstationId: s.workstationId, accountId: s.session.accountId, now };
    },
    audit(e) {
      const s = core.openState();
      s.audit.append(core.identity(s, { outcome: 'ok', ...e }), now());
    },
    target: setTarget,
  };
}

function afterCall(core: HostCore, headBefore: number | undefined): void {
  const s = core.currentState();
  if (!s) return;
  if (s.audit.currentHead().seq !== headBefore) {
    try {
      core.flushAuditHead(s);
    } catch (e) {
      safeLog('writing the audit head failed', e);
    }
  }
}

function routerAudit(
  core: HostCore,
  s: OpenState,
  audit: NonNullable<(typeof contract)[keyof typeof contract]['audit']>,
  outcome: AuditInput['outcome'],
  t: AuditTarget | null,
  code?: string,
) {
  const detail = { ...(t?.detail ?? {}), ...(code ? { error: code } : {}) };
  s.audit.append(
    core.identity(s, {
      action: audit.action,
      outcome,
      recordType: t?.recordType ?? audit.recordType,
      recordId: t?.recordId ?? null,
      detail: Object.keys(detail).length ? detail : null,
    }),
    new Date(core.nowMs()),
  );
}

function auditNow(core: HostCore, s: OpenState, e: Omit<AuditInput, 'accountId' | 'username' | 'role'>) {
  try {
    s.audit.append(core.identity(s, e), new Date(core.nowMs()));
    core.flushAuditHead(s);
  } catch (err) {
    safeLog('audit write failed', err);
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

/** A field left out is "required", not a value of the wrong type (zod reports both as `invalid_type`). */
function issueCode(i: z.core.$ZodIssue, input: unknown): string {
  if (i.code !== 'invalid_type' || i.path.length === 0) return i.code;
  let at: unknown = input;
  for (const key of i.path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return 'required';
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at === undefined ? 'required' : i.code;
}
