import { v7 as uuidv7 } from 'uuid';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { GrantKind } from '../../shared/contract/grants';
import type { Role } from '../../shared/domain/roles';
import type { CallContext, HandlerGroup } from '../host/context';
import { unitRepository } from '../units/unit.repository';
import { toAccountView } from './account.mapper';
import { accountsRepository as repo } from './account.repository';
import { assertNotLastLeader, assertNotOwnRole, requestGrant, supersedePendingGrant } from './grant.service';
import { grantsRepository } from './grant.repository';

type AccountProcs =
  | 'accounts.list'
  | 'accounts.create'
  | 'accounts.update'
  | 'accounts.disable'
  | 'accounts.enable'
  | 'accounts.resetPassword';

async function view(ctx: CallContext, id: string) {
  const row = (await repo.listWithUnits(ctx.db())).find((r) => r.id === id);
  if (!row) throw new AppError(ErrorCodes.NOT_FOUND, 'account not found');
  return { ...toAccountView(row, ctx.vault.hasSlot(id)), ...(await pendingOf(ctx, id)) };
}

async function pendingOf(ctx: CallContext, id: string) {
  const g = await grantsRepository.pendingFor(ctx.db(), id);
  return { pendingGrant: g ? { id: g.id, role: g.role as Role, kind: g.kind as GrantKind } : null };
}

async function existing(ctx: CallContext, id: string) {
  const row = await repo.byId(ctx.db(), id);
  if (!row) throw new AppError(ErrorCodes.NOT_FOUND, 'account not found');
  ctx.target({ recordType: 'account', recordId: id });
  return row;
}

async function assertUnit(ctx: CallContext, unitId: string | null | undefined) {
  if (!unitId) return;
  if (!(await unitRepository.liveExists(ctx.db(), unitId)))
    throw new AppError(ErrorCodes.INVALID_INPUT, 'unit not found', {
      issues: [{ path: 'unitId', code: 'unit_not_found' }],
    });
}

/** The last active administrator can be neither disabled nor given another role. */
async function assertNotLastAdmin(ctx: CallContext, row: { role: string; status: string }) {
  if (row.role === 'admin' && row.status === 'active' && (await repo.countActiveAdmins(ctx.db())) <= 1) {
    throw new AppError(ErrorCodes.LAST_ADMIN, 'this is the last active administrator');
  }
}

export const accountHandlers: HandlerGroup<AccountProcs> = {
  async 'accounts.list'(ctx) {
    const slots = new Set(ctx.vault.read().slots.map((s) => s.accountId));
    const out = [];
    for (const r of await repo.listWithUnits(ctx.db())) {
      out.push({ ...toAccountView(r, slots.has(r.id)), ...(await pendingOf(ctx, r.id)) });
    }
    return out;
  },

  async 'accounts.create'(ctx, input) {
    if (await repo.byUsername(ctx.db(), input.username)) {
      throw new AppError(ErrorCodes.USERNAME_TAKEN, 'that account name is taken', {
        issues: [{ path: 'username', code: 'username_taken' }],
      });
    }
    await assertUnit(ctx, input.unitId);
    const id = uuidv7();
    const now = ctx.now().toISOString();
    await repo.insert(ctx.db(), {
      id,
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      unitId: input.unitId,
      status: 'active',
      // A password chosen by an administrator is replaced by its owner at first sign-in.
      mustChangePassword: 1,
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
    });
    // The slot is written last: if the transaction fails before, no slot exists for a missing account.
    // A role that reads records waits for a leader: the administrator chose this password.
    const grant = await requestGrant(ctx, { id, role: input.role }, input.role, 'create');
    await ctx.vault.setAccountSlot(ctx.open().dataKey, id, input.username, input.password);
    ctx.target({ recordType: 'account', recordId: id, detail: { role: input.role, pendingApproval: grant !== null } });
    return view(ctx, id);
  },

  async 'accounts.update'(ctx, input) {
    const row = await existing(ctx, input.accountId);
    const roleChange = input.role !== undefined && input.role !== row.role;
    if (roleChange) {
      assertNotOwnRole(ctx, row.id);
      await assertNotLastAdmin(ctx, row);
      await assertNotLastLeader(ctx, row);
    }
    if (input.unitId !== undefined) await assertUnit(ctx, input.unitId);
    const grant =
      roleChange && row.status === 'active' ? await requestGrant(ctx, row, input.role as Role, 'role_change') : null;
    await repo.update(ctx.db(), row.id, {
      displayName: input.displayName ?? row.displayName,
      role: input.role ?? row.role,
      unitId: input.unitId === undefined ? row.unitId : input.unitId,
      updatedAt: ctx.now().toISOString(),
    });
    ctx.target({
      recordType: 'account',
      recordId: row.id,
      detail: input.role ? { role: input.role, pendingApproval: grant !== null } : {},
    });
    return view(ctx, row.id);
  },

  async 'accounts.disable'(ctx, input) {
    const row = await existing(ctx, input.accountId);
    if (row.status === 'disabled') return view(ctx, row.id);
    await assertNotLastAdmin(ctx, row);
    await assertNotLastLeader(ctx, row);
    if (row.id === ctx.session().accountId) throw new AppError(ErrorCodes.CONFLICT, 'an account cannot disable itself');
    await supersedePendingGrant(ctx, row.id);
    await repo.update(ctx.db(), row.id, { status: 'disabled', updatedAt: ctx.now().toISOString() });
    // Disabling removes the key slot: the account can no longer unwrap the data key at all.
    ctx.vault.removeAccountSlot(ctx.open().dataKey, row.id);
    return view(ctx, row.id);
  },

  async 'accounts.enable'(ctx, input) {
    const row = await existing(ctx, input.accountId);
    await repo.update(ctx.db(), row.id, {
      status: 'active',
      mustChangePassword: 1,
      updatedAt: ctx.now().toISOString(),
    });
    // The administrator chose the password: a role that reads records waits for a leader again.
    if (!(await grantsRepository.hasPending(ctx.db(), row.id))) {
      await requestGrant(ctx, row, row.role as Role, row.status === 'active' ? 'password_reset' : 'enable');
    }
    await ctx.vault.setAccountSlot(ctx.open().dataKey, row.id, row.username, input.newPassword);
    return view(ctx, row.id);
  },

  async 'accounts.resetPassword'(ctx, input) {
    const row = await existing(ctx, input.accountId);
    if (row.status !== 'active') throw new AppError(ErrorCodes.ACCOUNT_DISABLED, 'account is disabled');
    await repo.update(ctx.db(), row.id, { mustChangePassword: 1, updatedAt: ctx.now().toISOString() });
    // Whoever chose the new password could sign in as this account: its reading role waits for a leader again
    // (a grant already pending stays, its owner must now replace this password before it can be approved).
    if (!(await grantsRepository.hasPending(ctx.db(), row.id))) {
      await requestGrant(ctx, row, row.role as Role, 'password_reset');
    }
    await ctx.vault.setAccountSlot(ctx.open().dataKey, row.id, row.username, input.newPassword);
    return view(ctx, row.id);
  },
};
