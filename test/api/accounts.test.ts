import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, approveGrants, err, makeHost, ok, setupVault, TestClock } from '../support/host';

const DTV = { username: 'dtv1', password: 'mật khẩu điều tra 1' };

async function withInvestigator() {
  const v = await setupVault();
  const unit = (await ok(v.host, 'units.list', {}))[0]!;
  const acc = await ok(v.host, 'accounts.create', {
    username: DTV.username,
    displayName: 'Trần Văn Điều',
    role: 'investigator',
    unitId: unit.id,
    password: DTV.password,
  });
  return { ...v, acc, unit };
}

describe('accounts', () => {
  it('an account created by an administrator signs in and must change its password first', async () => {
    const { host, acc, unit } = await withInvestigator();
    expect(acc).toMatchObject({
      username: 'dtv1',
      role: 'investigator',
      unitId: unit.id,
      unitName: unit.name,
      status: 'active',
      hasKeySlot: true,
      mustChangePassword: true,
    });
    await ok(host, 'session.lock', {});
    const s = await ok(host, 'session.unlock', DTV);
    expect(s.mustChangePassword).toBe(true);
    expect((await err(host, 'units.list', {})).code).toBe('PASSWORD_CHANGE_REQUIRED');
    // Seeding is a procedure like any other: the router's rule holds for it too.
    expect((await err(host, 'persons.seed', { count: 1, seed: 1, provinceCode: '08' })).code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect(
      (
        await err(host, 'session.changePassword', {
          currentPassword: 'sai mật khẩu 123',
          newPassword: 'mật khẩu mới dtv 2',
        })
      ).code,
    ).toBe('AUTH_FAILED');
    await ok(host, 'session.changePassword', { currentPassword: DTV.password, newPassword: 'mật khẩu mới dtv 2' });
    expect((await ok(host, 'units.list', {})).length).toBe(1);
    await ok(host, 'session.lock', {});
    expect((await err(host, 'session.unlock', DTV)).code).toBe('AUTH_FAILED');
    await ok(host, 'session.unlock', { username: DTV.username, password: 'mật khẩu mới dtv 2' });
  });

  it('a password change replaces that account’s slot (a new key pair) and no other', async () => {
    const { host, dataDir } = await withInvestigator();
    const before = JSON.parse(fs.readFileSync(path.join(dataDir, 'vault.json'), 'utf8'));
    await ok(host, 'session.changePassword', {
      currentPassword: ADMIN.password,
      newPassword: 'mật khẩu quản trị mới 9',
    });
    const after = JSON.parse(fs.readFileSync(path.join(dataDir, 'vault.json'), 'utf8'));
    const adminId = (await ok(host, 'app.status', {})).session!.accountId;
    expect(after.slots).toHaveLength(before.slots.length);
    for (const s of after.slots) {
      const old = before.slots.find((b: { accountId: string | null; kind: string }) =>
        s.kind === 'recovery' ? b.kind === 'recovery' : b.accountId === s.accountId,
      );
      if (s.accountId === adminId) {
        // A new key pair (issue 9 item 5): whoever knew the old password or key matches no slot any more.
        expect(s.publicKey).not.toEqual(old.publicKey);
        expect(s.sealedPrivateKey).not.toEqual(old.sealedPrivateKey);
        expect(s.lookup).toEqual(old.lookup);
      } else expect(s).toEqual(old);
    }
  });

  it('disabling removes the key slot, so the account cannot sign in; enabling gives a new one', async () => {
    const { host, acc } = await withInvestigator();
    const d = await ok(host, 'accounts.disable', { accountId: acc.id });
    expect(d).toMatchObject({ status: 'disabled', hasKeySlot: false });
    await ok(host, 'session.lock', {});
    expect((await err(host, 'session.unlock', DTV)).code).toBe('AUTH_FAILED');
    await ok(host, 'session.unlock', ADMIN);
    const e = await ok(host, 'accounts.enable', { accountId: acc.id, newPassword: 'mật khẩu kích hoạt lại' });
    expect(e).toMatchObject({ status: 'active', hasKeySlot: true, mustChangePassword: true });
    await ok(host, 'session.lock', {});
    await ok(host, 'session.unlock', { username: DTV.username, password: 'mật khẩu kích hoạt lại' });
  });

  it('the last active administrator can be neither disabled nor demoted; a second one can', async () => {
    const { host } = await setupVault();
    const me = (await ok(host, 'accounts.list', {}))[0]!;
    expect((await err(host, 'accounts.disable', { accountId: me.id })).code).toBe('LAST_ADMIN');
    // Nobody changes their own role (separation of duties: see separation-of-duties.test.ts).
    expect((await err(host, 'accounts.update', { accountId: me.id, role: 'leader' })).code).toBe('SELF_ROLE_CHANGE');
    const second = await ok(host, 'accounts.create', {
      username: 'quantri2',
      displayName: 'Quản trị 2',
      role: 'admin',
      unitId: null,
      password: 'mật khẩu quản trị 2',
    });
    await ok(host, 'accounts.disable', { accountId: second.id });
    expect((await ok(host, 'accounts.list', {})).find((a) => a.id === second.id)!.status).toBe('disabled');
  });

  it('refuses a taken account name and an unknown unit with field-level codes', async () => {
    const { host } = await withInvestigator();
    const taken = await err(host, 'accounts.create', {
      username: 'DTV1',
      displayName: 'Trùng tên',
      role: 'leader',
      unitId: null,
      password: 'mật khẩu đủ dài',
    });
    expect(taken).toMatchObject({ code: 'USERNAME_TAKEN', issues: [{ path: 'username', code: 'username_taken' }] });
    const noUnit = await err(host, 'accounts.create', {
      username: 'moi',
      displayName: 'Mới',
      role: 'leader',
      unitId: '0195a4f0-0000-7000-8000-000000000000',
      password: 'mật khẩu đủ dài',
    });
    expect(noUnit.issues).toEqual([{ path: 'unitId', code: 'unit_not_found' }]);
    expect((await ok(host, 'accounts.list', {})).map((a) => a.username)).toEqual(['dtv1', 'quantri', 'truongphong']);
  });
});

describe('sign-in throttling', () => {
  it('delays after repeated failures, keeps the delay across restarts, and audits the failures later', async () => {
    const clock = new TestClock();
    const { host, dataDir } = await setupVault(undefined, clock);
    await ok(host, 'session.lock', {});
    const wrong = { username: ADMIN.username, password: 'sai mật khẩu rồi' };
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const e = await err(host, 'session.unlock', wrong);
      expect(e.code).toBe('AUTH_FAILED');
      waits.push(e.retryAfterMs ?? 0);
      clock.advance(e.retryAfterMs ?? 0);
    }
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    expect(waits[3]!).toBeGreaterThan(waits[2]!);
    await err(host, 'session.unlock', wrong);
    // A new process (restart) on the same data directory still makes the right password wait.
    const restarted = makeHost(dataDir, clock).host;
    const throttled = await err(restarted, 'session.unlock', ADMIN);
    expect(throttled.code).toBe('AUTH_THROTTLED');
    expect(throttled.retryAfterMs).toBeGreaterThan(0);
    clock.advance(throttled.retryAfterMs!);
    await ok(restarted, 'session.unlock', ADMIN);
    await ok(restarted, 'accounts.create', {
      username: 'ktv',
      displayName: 'Kiểm toán',
      role: 'auditor',
      unitId: null,
      password: 'mật khẩu kiểm toán',
    });
    await ok(restarted, 'session.lock', {});
    await ok(restarted, 'session.unlock', { username: 'ktv', password: 'mật khẩu kiểm toán' });
    await ok(restarted, 'session.changePassword', {
      currentPassword: 'mật khẩu kiểm toán',
      newPassword: 'mật khẩu kiểm toán 2',
    });
    // The auditor's role reads the log: it waits for the setup leader's approval.
    await approveGrants(restarted);
    await ok(restarted, 'session.unlock', { username: 'ktv', password: 'mật khẩu kiểm toán 2' });
    const failed = (await ok(restarted, 'audit.list', { action: 'session.signin', limit: 50 })).filter(
      (e) => e.outcome === 'failed',
    );
    expect(failed).toHaveLength(5);
    expect(failed.every((f) => f.username === ADMIN.username)).toBe(true);
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const { host } = await setupVault();
    await ok(host, 'session.lock', {});
    const e = await err(host, 'session.unlock', { username: 'khongcoai', password: 'bất kỳ mật khẩu nào' });
    expect(e.code).toBe('AUTH_FAILED');
  });
});

describe('idle lock', () => {
  it('locks after the idle timeout and emits the event', async () => {
    const clock = new TestClock();
    const { host } = await setupVault(undefined, clock);
    await ok(host, 'prefs.set', { idleMinutes: 5 });
    const events: string[] = [];
    host.on('session.locked', (e) => events.push(e.reason));
    clock.advance(4 * 60_000);
    await ok(host, 'units.list', {});
    clock.advance(5 * 60_000);
    expect((await err(host, 'units.list', {})).code).toBe('LOCKED');
    expect(events).toEqual(['idle']);
  });
});
