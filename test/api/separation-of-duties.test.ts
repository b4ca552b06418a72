import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostCore } from '../../electron/host/host';
import { ADMIN, approveGrants, err, LEADER, ok, setupVault } from '../support/host';

/**
 * Issue 9, item 6: "administrators see no person data" was policy only — an administrator could create a leader
 * account, or change a role (its own too), and then read files. Each test replays one way in.
 */

const TEMP = 'mật khẩu tạm của quản trị';
const OWN = 'mật khẩu tự đặt của chủ tài khoản';

async function vaultWithUnit() {
  const v = await setupVault();
  const unit = (await ok(v.host, 'units.list', {}))[0]!;
  return { ...v, unit };
}

/** The administrator (signed in) creates an account with a password it chose. */
function create(
  host: HostCore,
  username: string,
  role: 'leader' | 'investigator' | 'auditor' | 'admin',
  unitId: string | null,
) {
  return ok(host, 'accounts.create', { username, displayName: `Tài khoản ${username}`, role, unitId, password: TEMP });
}

/** Signs in with the administrator's password and replaces it, as the administrator itself would. */
async function takeOver(host: HostCore, username: string) {
  await ok(host, 'session.lock', {});
  await ok(host, 'session.unlock', { username, password: TEMP });
  await ok(host, 'session.changePassword', { currentPassword: TEMP, newPassword: OWN });
  return ok(host, 'app.status', {});
}

async function signIn(host: HostCore, who: { username: string; password: string }) {
  await host.call('session.lock', {});
  return ok(host, 'session.unlock', who);
}

describe('separation of duties: an administrator cannot make itself a reader of records', () => {
  it('setup makes the first leader with its own password; it reads at once and approves grants', async () => {
    const { host } = await vaultWithUnit();
    const accounts = await ok(host, 'accounts.list', {});
    const leader = accounts.find((a) => a.username === LEADER.username)!;
    expect(leader).toMatchObject({ role: 'leader', status: 'active', hasKeySlot: true, mustChangePassword: false });
    expect(leader.pendingGrant).toBeNull();
    const s = await signIn(host, LEADER);
    expect(s.rolePending).toBe(false);
    expect(s.permissions).toEqual(expect.arrayContaining(['persons.read', 'accounts.approve_grants']));
    expect((await ok(host, 'persons.search', { query: '' })).items).toEqual([]);
    expect(await ok(host, 'accounts.pendingGrants', {})).toEqual({ pending: [], recent: [] });
  });

  it('setup refuses a leader with the administrator’s own account name', async () => {
    const { host } = (await import('../support/host')).makeHost();
    const e = await err(host, 'vault.create', {
      adminUsername: 'quantri',
      adminDisplayName: 'Quản trị',
      password: ADMIN.password,
      leader: { username: 'quantri', displayName: 'Lãnh đạo', password: LEADER.password },
    });
    expect(e).toMatchObject({ code: 'USERNAME_TAKEN', issues: [{ path: 'leader.username', code: 'username_taken' }] });
    expect((await ok(host, 'app.status', {})).vaultExists).toBe(false);
  });

  it('attack: the admin creates a leader and signs in as it — it cannot read persons until a leader approves', async () => {
    const { host, unit } = await vaultWithUnit();
    const created = await create(host, 'lanhdao.gia', 'leader', unit.id);
    expect(created.pendingGrant).toMatchObject({ role: 'leader', kind: 'create' });

    const status = await takeOver(host, 'lanhdao.gia');
    expect(status.session).toMatchObject({ role: 'leader', rolePending: true, permissions: ['session'] });
    expect((await err(host, 'persons.search', { query: 'nguyen' })).code).toBe('ROLE_PENDING_APPROVAL');
    expect((await err(host, 'persons.due', {} as never)).code).toBe('ROLE_PENDING_APPROVAL');
    // Nor can it approve itself.
    expect((await err(host, 'accounts.pendingGrants', {})).code).toBe('ROLE_PENDING_APPROVAL');
    expect((await err(host, 'accounts.approveGrant', { grantId: created.pendingGrant!.id })).code).toBe(
      'ROLE_PENDING_APPROVAL',
    );
    // A restart does not help: the pending grant is in the database, not in memory.
    await signIn(host, { username: 'lanhdao.gia', password: OWN });
    expect((await err(host, 'persons.search', { query: 'nguyen' })).code).toBe('ROLE_PENDING_APPROVAL');

    // Administrators cannot approve: only leaders hold that permission.
    await signIn(host, ADMIN);
    expect((await err(host, 'accounts.approveGrant', { grantId: created.pendingGrant!.id })).code).toBe('FORBIDDEN');
    expect((await err(host, 'accounts.pendingGrants', {})).code).toBe('FORBIDDEN');

    // The real leader sees who asked for what, and approves.
    await signIn(host, LEADER);
    const { pending } = await ok(host, 'accounts.pendingGrants', {});
    expect(pending).toEqual([
      expect.objectContaining({
        id: created.pendingGrant!.id,
        username: 'lanhdao.gia',
        role: 'leader',
        previousRole: null,
        kind: 'create',
        status: 'pending',
        requestedBy: ADMIN.username,
        ownPasswordSet: true,
        unitName: unit.name,
      }),
    ]);
    const approved = await ok(host, 'accounts.approveGrant', { grantId: created.pendingGrant!.id });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: LEADER.username });
    expect(await ok(host, 'accounts.pendingGrants', {})).toMatchObject({
      pending: [],
      recent: [{ status: 'approved' }],
    });

    const now = await signIn(host, { username: 'lanhdao.gia', password: OWN });
    expect(now.rolePending).toBe(false);
    expect(now.permissions).toContain('persons.read');
    expect((await ok(host, 'persons.search', { query: 'nguyen' })).items).toEqual([]);
  });

  it('a grant is approved only after the holder replaced the administrator’s password', async () => {
    const { host, unit } = await vaultWithUnit();
    const created = await create(host, 'dtv.moi', 'investigator', unit.id);
    await signIn(host, LEADER);
    const e = await err(host, 'accounts.approveGrant', { grantId: created.pendingGrant!.id });
    expect(e.code).toBe('GRANT_NEEDS_OWN_PASSWORD');
    expect((await ok(host, 'accounts.pendingGrants', {})).pending[0]).toMatchObject({ ownPasswordSet: false });
  });

  it('attack: the admin changes its own role — refused, and the refusal is audited', async () => {
    const { host } = await vaultWithUnit();
    // A second administrator exists, so "last administrator" is not what stops it.
    await create(host, 'quantri2', 'admin', null);
    const me = (await ok(host, 'app.status', {})).session!;
    for (const role of ['leader', 'investigator', 'auditor', 'admin'] as const) {
      if (role === 'admin') continue;
      expect((await err(host, 'accounts.update', { accountId: me.accountId, role })).code).toBe('SELF_ROLE_CHANGE');
    }
    expect((await ok(host, 'accounts.list', {})).find((a) => a.id === me.accountId)!.role).toBe('admin');
    // The second administrator cannot do it for the first without a leader either.
    await takeOver(host, 'quantri2');
    const promoted = await ok(host, 'accounts.update', { accountId: me.accountId, role: 'leader' });
    expect(promoted.pendingGrant).toMatchObject({ role: 'leader', kind: 'role_change' });
    const s = await signIn(host, ADMIN);
    expect(s).toMatchObject({ role: 'leader', rolePending: true, permissions: ['session'] });
    expect((await err(host, 'persons.search', { query: '' })).code).toBe('ROLE_PENDING_APPROVAL');

    await auditorReads(host, async (entries) => {
      const refused = entries.filter((x) => x.action === 'account.update' && x.outcome === 'failed');
      expect(refused.map((x) => x.detail?.error)).toEqual(['SELF_ROLE_CHANGE', 'SELF_ROLE_CHANGE', 'SELF_ROLE_CHANGE']);
      expect(entries.filter((x) => x.action === 'account.grant_request').map((x) => x.detail?.kind)).toContain(
        'role_change',
      );
    });
  });

  it('attack: the admin promotes another account — pending; rejected it keeps its role, approved it changes', async () => {
    const { host, unit } = await vaultWithUnit();
    await create(host, 'dtv1', 'investigator', unit.id);
    await takeOver(host, 'dtv1');
    await approveGrants(host);
    await signIn(host, ADMIN);
    const dtv = (await ok(host, 'accounts.list', {})).find((a) => a.username === 'dtv1')!;
    expect(dtv.pendingGrant).toBeNull();

    const promoted = await ok(host, 'accounts.update', { accountId: dtv.id, role: 'leader' });
    expect(promoted).toMatchObject({ role: 'leader', pendingGrant: { role: 'leader', kind: 'role_change' } });
    const pendingSession = await signIn(host, { username: 'dtv1', password: OWN });
    expect(pendingSession.permissions).toEqual(['session']);
    expect((await err(host, 'persons.search', { query: '' })).code).toBe('ROLE_PENDING_APPROVAL');

    await signIn(host, LEADER);
    const rejected = await ok(host, 'accounts.rejectGrant', { grantId: promoted.pendingGrant!.id });
    expect(rejected).toMatchObject({ status: 'rejected', previousRole: 'investigator' });
    const back = await signIn(host, { username: 'dtv1', password: OWN });
    expect(back).toMatchObject({ role: 'investigator', rolePending: false });
    expect(back.permissions).toContain('persons.read');
    expect(back.permissions).not.toContain('persons.merge');

    await signIn(host, ADMIN);
    const again = await ok(host, 'accounts.update', { accountId: dtv.id, role: 'leader' });
    await signIn(host, LEADER);
    await ok(host, 'accounts.approveGrant', { grantId: again.pendingGrant!.id });
    const leaderNow = await signIn(host, { username: 'dtv1', password: OWN });
    expect(leaderNow.permissions).toContain('persons.merge');
  });

  it('attack: the admin resets a reader’s password (or re-enables it) — its reading waits for a leader again', async () => {
    const { host, unit } = await vaultWithUnit();
    await create(host, 'dtv1', 'investigator', unit.id);
    await takeOver(host, 'dtv1');
    await approveGrants(host);
    await signIn(host, ADMIN);
    const dtv = (await ok(host, 'accounts.list', {})).find((a) => a.username === 'dtv1')!;
    const reset = await ok(host, 'accounts.resetPassword', { accountId: dtv.id, newPassword: TEMP });
    expect(reset.pendingGrant).toMatchObject({ role: 'investigator', kind: 'password_reset' });
    const s = await takeOver(host, 'dtv1');
    expect(s.session!.permissions).toEqual(['session']);
    expect((await err(host, 'persons.search', { query: '' })).code).toBe('ROLE_PENDING_APPROVAL');

    await signIn(host, ADMIN);
    await ok(host, 'accounts.disable', { accountId: dtv.id });
    const enabled = await ok(host, 'accounts.enable', { accountId: dtv.id, newPassword: TEMP });
    expect(enabled.pendingGrant).toMatchObject({ kind: 'enable' });
    await takeOver(host, 'dtv1');
    expect((await err(host, 'persons.search', { query: '' })).code).toBe('ROLE_PENDING_APPROVAL');
  });

  it('a rejected new account is disabled and the password the admin chose no longer opens the vault', async () => {
    const { host, unit, dataDir } = await vaultWithUnit();
    const created = await create(host, 'lanhdao.gia', 'leader', unit.id);
    await takeOver(host, 'lanhdao.gia');
    await signIn(host, LEADER);
    const r = await ok(host, 'accounts.rejectGrant', { grantId: created.pendingGrant!.id });
    expect(r).toMatchObject({ status: 'rejected', kind: 'create' });
    await host.call('session.lock', {});
    expect((await err(host, 'session.unlock', { username: 'lanhdao.gia', password: OWN })).code).toBe('AUTH_FAILED');
    const vault = JSON.parse(fs.readFileSync(path.join(dataDir, 'vault.json'), 'utf8')) as {
      slots: { accountId: string | null }[];
    };
    expect(vault.slots.some((x) => x.accountId === created.id)).toBe(false);
    await signIn(host, ADMIN);
    expect((await ok(host, 'accounts.list', {})).find((a) => a.id === created.id)).toMatchObject({
      status: 'disabled',
      hasKeySlot: false,
      pendingGrant: null,
    });
  });

  it('an administrator role takes effect at once; the last leader can be neither disabled nor demoted', async () => {
    const { host } = await vaultWithUnit();
    const second = await create(host, 'quantri2', 'admin', null);
    expect(second.pendingGrant).toBeNull();
    const leader = (await ok(host, 'accounts.list', {})).find((a) => a.username === LEADER.username)!;
    expect((await err(host, 'accounts.disable', { accountId: leader.id })).code).toBe('LAST_LEADER');
    expect((await err(host, 'accounts.update', { accountId: leader.id, role: 'admin' })).code).toBe('LAST_LEADER');
    expect((await err(host, 'accounts.update', { accountId: leader.id, role: 'investigator' })).code).toBe(
      'LAST_LEADER',
    );
    // A pending leader does not count: it cannot approve anything yet.
    await create(host, 'lanhdao2', 'leader', null);
    expect((await err(host, 'accounts.disable', { accountId: leader.id })).code).toBe('LAST_LEADER');
  });
});

describe('separation of duties: when no leader is left to approve', () => {
  it('the only leader forgot the password: reset by the admin, approved with the recovery key, never while a leader can', async () => {
    const { host, created } = await vaultWithUnit();
    const leader = (await ok(host, 'accounts.list', {})).find((a) => a.username === LEADER.username)!;
    const reset = await ok(host, 'accounts.resetPassword', { accountId: leader.id, newPassword: TEMP });
    expect(reset.pendingGrant).toMatchObject({ role: 'leader', kind: 'password_reset' });
    // The leader replaces the administrator's password; nobody is left who may approve.
    await takeOver(host, LEADER.username);
    expect((await err(host, 'persons.search', { query: '' })).code).toBe('ROLE_PENDING_APPROVAL');

    await signIn(host, ADMIN);
    const grantId = reset.pendingGrant!.id;
    // A plain approval is not the administrator's to give; a wrong recovery key is refused and audited.
    expect((await err(host, 'accounts.approveGrant', { grantId })).code).toBe('FORBIDDEN');
    const wrongKey = 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH';
    expect((await err(host, 'accounts.approveGrantWithRecoveryKey', { grantId, recoveryKey: wrongKey })).code).toBe(
      'RECOVERY_FAILED',
    );
    const approved = await ok(host, 'accounts.approveGrantWithRecoveryKey', {
      grantId,
      recoveryKey: created.recoveryKey,
    });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: ADMIN.username });
    expect((await signIn(host, { username: LEADER.username, password: OWN })).permissions).toContain('persons.read');

    // Now a leader exists again: the recovery key may not stand in for one.
    await signIn(host, ADMIN);
    const other = await create(host, 'lanhdao2', 'leader', null);
    await takeOver(host, 'lanhdao2');
    await signIn(host, ADMIN);
    expect(
      (
        await err(host, 'accounts.approveGrantWithRecoveryKey', {
          grantId: other.pendingGrant!.id,
          recoveryKey: created.recoveryKey,
        })
      ).code,
    ).toBe('LEADER_AVAILABLE');
  });
});

/** Creates an approved auditor and hands the audit log to `check`. */
async function auditorReads(
  host: HostCore,
  check: (entries: Awaited<ReturnType<typeof auditList>>) => void | Promise<void>,
): Promise<void> {
  await signIn(host, { username: 'quantri2', password: OWN });
  await create(host, 'kiemtoan', 'auditor', null);
  await takeOver(host, 'kiemtoan');
  await approveGrants(host);
  await signIn(host, { username: 'kiemtoan', password: OWN });
  await check(await auditList(host));
}

function auditList(host: HostCore) {
  return ok(host, 'audit.list', { limit: 1000 });
}
