import { v7 as uuidv7 } from 'uuid';
import type { GrantKind, RoleGrantView } from '../../shared/contract/grants';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { isReadingRole, type Role } from '../../shared/domain/roles';
import type { CallContext, HandlerGroup } from '../host/context';
import { accountsRepository } from './account.repository';
import { grantsRepository } from './grant.repository';

/**
 * Separation of duties (issue 9, item 6). An administrator manages accounts but never reads records; so a role
 * that reads records, when an administrator gives it, is only a *grant* until a leader approves it:
 *
 * - a new account with such a role, a role change to one, a password reset or re-enabling of an account that
 *   holds one (the administrator then knows its password) each open a pending grant;
 * - while a grant is pending the account's session holds only `session` (see `permissionsOf`);
 * - a leader approves it once the account holder has replaced the administrator's password, or rejects it: a
 *   rejected role change restores the previous role, any other rejected grant disables the account and removes
 *   its key slot (the administrator knows that password);
 * - nobody changes their own role, and the last approved leader is neither disabled nor given another role;
 * - every request and decision is in the audit log, and leaders see the pending grants and recent decisions.
 */

type GrantProcs =
  'accounts.pendingGrants' | 'accounts.approveGrant' | 'accounts.approveGrantWithRecoveryKey' | 'accounts.rejectGrant';

/** Closes an account's pending grant without a decision (replaced by a newer one, or the account disabled). */
export async function supersedePendingGrant(ctx: CallContext, accountId: string) {
  const pending = await grantsRepository.pendingFor(ctx.db(), accountId);
  if (!pending) return undefined;
  await grantsRepository.decide(ctx.db(), pending.id, 'superseded', ctx.session().accountId, ctx.now().toISOString());
  return pending;
}

/**
 * Called by the account service whenever an administrator gives `role` to an account (create, role change,
 * password reset, enable). Opens a pending grant when the role reads records; returns its id, or null when
 * the role takes effect at once (administrator).
 */
export async function requestGrant(
  ctx: CallContext,
  account: { id: string; role: string },
  role: Role,
  kind: GrantKind,
): Promise<string | null> {
  const replaced = await supersedePendingGrant(ctx, account.id);
  if (!isReadingRole(role)) return null;
  // A grant that replaces a pending one inherits what was last in force: a new account never had a role, and a
  // role change still restores the role held before the first, unapproved, change.
  let effectiveKind: GrantKind = kind;
  let previousRole: string | null = kind === 'create' ? null : account.role;
  if (replaced) {
    if (replaced.kind === 'create') effectiveKind = 'create';
    previousRole = replaced.kind === 'create' ? null : replaced.previousRole;
  }
  const id = uuidv7();
  await grantsRepository.insert(ctx.db(), {
    id,
    accountId: account.id,
    role,
    previousRole,
    kind: effectiveKind,
    status: 'pending',
    requestedBy: ctx.session().accountId,
    requestedAt: ctx.now().toISOString(),
    decidedBy: null,
    decidedAt: null,
  });
  ctx.audit({
    action: 'account.grant_request',
    recordType: 'role_grant',
    recordId: id,
    detail: { accountId: account.id, role, kind: effectiveKind },
  });
  return id;
}

/** Nobody changes their own role: an administrator would otherwise make itself a reader. */
export function assertNotOwnRole(ctx: CallContext, accountId: string): void {
  if (accountId === ctx.session().accountId) {
    throw new AppError(ErrorCodes.SELF_ROLE_CHANGE, 'an account cannot change its own role');
  }
}

/** The last leader whose role is in force cannot go: nobody could approve a grant again. */
export async function assertNotLastLeader(
  ctx: CallContext,
  row: { id: string; role: string; status: string },
): Promise<void> {
  if (row.role !== 'leader' || row.status !== 'active') return;
  if (await grantsRepository.hasPending(ctx.db(), row.id)) return;
  if ((await grantsRepository.countApprovedLeaders(ctx.db())) <= 1) {
    throw new AppError(ErrorCodes.LAST_LEADER, 'this is the last leader');
  }
}

async function pendingGrant(ctx: CallContext, grantId: string) {
  const g = await grantsRepository.byId(ctx.db(), grantId);
  if (!g || g.status !== 'pending') throw new AppError(ErrorCodes.NOT_FOUND, 'no pending grant with that id');
  ctx.target({ recordType: 'role_grant', recordId: g.id, detail: { accountId: g.accountId, role: g.role } });
  if (g.accountId === ctx.session().accountId) {
    throw new AppError(ErrorCodes.SELF_ROLE_CHANGE, 'an account cannot decide its own grant');
  }
  return g;
}

async function approve(ctx: CallContext, g: { id: string; accountId: string }): Promise<RoleGrantView> {
  const account = await accountsRepository.byId(ctx.db(), g.accountId);
  if (!account || account.status !== 'active') {
    throw new AppError(ErrorCodes.ACCOUNT_DISABLED, 'account is disabled');
  }
  if (account.mustChangePassword === 1) {
    throw new AppError(ErrorCodes.GRANT_NEEDS_OWN_PASSWORD, 'the account still has the password an admin chose');
  }
  await grantsRepository.decide(ctx.db(), g.id, 'approved', ctx.session().accountId, ctx.now().toISOString());
  return oneView(ctx, g.id);
}

async function oneView(ctx: CallContext, id: string): Promise<RoleGrantView> {
  const [v] = await grantsRepository.views(ctx.db(), { id });
  if (!v) throw new AppError(ErrorCodes.NOT_FOUND, 'grant not found');
  return v;
}

export const grantHandlers: HandlerGroup<GrantProcs> = {
  async 'accounts.pendingGrants'(ctx, input) {
    return {
      pending: await grantsRepository.views(ctx.db(), { pending: true }),
      recent: input.recent ? await grantsRepository.views(ctx.db(), { pending: false, limit: input.recent }) : [],
    };
  },

  async 'accounts.approveGrant'(ctx, input) {
    return approve(ctx, await pendingGrant(ctx, input.grantId));
  },

  async 'accounts.approveGrantWithRecoveryKey'(ctx, input) {
    const g = await pendingGrant(ctx, input.grantId);
    ctx.target({
      recordType: 'role_grant',
      recordId: g.id,
      detail: { accountId: g.accountId, role: g.role, via: 'recovery_key' },
    });
    if (g.role !== 'leader') throw new AppError(ErrorCodes.FORBIDDEN, 'only a leader grant can be approved this way');
    if ((await grantsRepository.countApprovedLeaders(ctx.db())) > 0) {
      throw new AppError(ErrorCodes.LEADER_AVAILABLE, 'a leader can approve this grant');
    }
    const key = await ctx.vault.unlockRecovery(input.recoveryKey);
    const same = key.equals(ctx.open().dataKey);
    key.fill(0);
    if (!same) throw new AppError(ErrorCodes.RECOVERY_FAILED, 'the recovery key does not open this vault');
    return approve(ctx, g);
  },

  async 'accounts.rejectGrant'(ctx, input) {
    const g = await pendingGrant(ctx, input.grantId);
    const now = ctx.now().toISOString();
    await grantsRepository.decide(ctx.db(), g.id, 'rejected', ctx.session().accountId, now);
    if (g.kind === 'role_change' && g.previousRole) {
      // The holder chose their own password: they keep the role they had.
      await accountsRepository.update(ctx.db(), g.accountId, { role: g.previousRole, updatedAt: now });
    } else {
      // The administrator knows this account's password: it must not open the data key.
      await accountsRepository.update(ctx.db(), g.accountId, { status: 'disabled', updatedAt: now });
      ctx.vault.removeAccountSlot(ctx.open().dataKey, g.accountId);
    }
    return oneView(ctx, g.id);
  },
};
