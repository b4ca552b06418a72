import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { keyConnection } from '../../electron/db/connection';
import { describe, expect, it } from 'vitest';
import { ADMIN, approveGrants, err, makeHost, ok, setupVault } from '../support/host';

const AUDITOR = { username: 'kiemtoan', password: 'mật khẩu kiểm toán 1' };
const TEMPORARY = 'mật khẩu tạm của quản trị';

/**
 * A vault with an auditor and some history, then locked. The auditor sets its own password over the one the
 * administrator gave, and the setup leader approves the role (separation of duties).
 */
async function withHistory() {
  const v = await setupVault();
  await ok(v.host, 'accounts.create', {
    username: AUDITOR.username,
    displayName: 'Kiểm toán viên',
    role: 'auditor',
    unitId: null,
    password: TEMPORARY,
  });
  await ok(v.host, 'accounts.resetPassword', {
    accountId: (await ok(v.host, 'accounts.list', {})).find((a) => a.username === AUDITOR.username)!.id,
    newPassword: TEMPORARY,
  });
  for (let i = 0; i < 5; i++)
    await ok(v.host, 'units.create', { code: `X${i}`, name: `Xã số ${i}`, kind: 'commune_police' });
  await ok(v.host, 'session.lock', {});
  await ok(v.host, 'session.unlock', { username: AUDITOR.username, password: TEMPORARY });
  await ok(v.host, 'session.changePassword', { currentPassword: TEMPORARY, newPassword: AUDITOR.password });
  await approveGrants(v.host);
  return v;
}

/** Opens the database directly with the data key, as an attacker who has it would. */
async function tamper(dataDir: string, sqlText: string) {
  const { host } = makeHost(dataDir);
  await ok(host, 'session.unlock', ADMIN);
  const key = Buffer.from(host.openState().dataKey);
  await ok(host, 'session.lock', {});
  const raw = new Database(path.join(dataDir, 'hoso.db'));
  keyConnection(raw, key);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  raw.exec(sqlText);
  raw.close();
}

async function verifyAs(dataDir: string) {
  const { host } = makeHost(dataDir);
  const s = await ok(host, 'session.unlock', AUDITOR);
  if (s.mustChangePassword)
    await ok(host, 'session.changePassword', {
      currentPassword: AUDITOR.password,
      newPassword: `${AUDITOR.password}!`,
    });
  const v = await ok(host, 'audit.verify', {});
  await host.close();
  return v;
}

describe('audit log', () => {
  it('records sign-in, account and unit changes without sensitive values, and verifies intact', async () => {
    const { dataDir } = await withHistory();
    const { host } = makeHost(dataDir);
    await ok(host, 'session.unlock', AUDITOR);
    await ok(host, 'session.changePassword', {
      currentPassword: AUDITOR.password,
      newPassword: 'mật khẩu mới kiểm toán',
    });
    const entries = await ok(host, 'audit.list', { limit: 500 });
    const actions = entries.map((e) => e.action);
    for (const a of [
      'vault.create',
      'account.create',
      'unit.create',
      'session.signin',
      'session.lock',
      'account.password_reset',
      'account.password_change',
    ]) {
      expect(actions).toContain(a);
    }
    const text = JSON.stringify(entries);
    expect(text).not.toContain(AUDITOR.password);
    expect(text).not.toContain('Xã số');
    expect((await ok(host, 'audit.verify', {})).ok).toBe(true);
    expect((await ok(host, 'audit.accounts', {})).map((a) => a.username)).toEqual([
      'kiemtoan',
      'quantri',
      'truongphong',
    ]);
    // Days are the workstation's calendar days. The test clock stands at 2026-11-23 08:00 UTC, which is that
    // same date in every time zone from UTC−8 to UTC+15.
    expect((await ok(host, 'audit.list', { from: '2026-11-23', to: '2026-11-23', limit: 500 })).length).toBeGreaterThan(
      0,
    );
    expect(await ok(host, 'audit.list', { from: '2026-11-24', limit: 500 })).toEqual([]);
  });

  it('names an edited entry', async () => {
    const { dataDir } = await withHistory();
    await tamper(dataDir, "UPDATE audit_log SET action = 'unit.delete' WHERE seq = 5");
    const v = await verifyAs(dataDir);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual(expect.objectContaining({ seq: 5, kind: 'edited' }));
  });

  it('names a deleted entry', async () => {
    const { dataDir } = await withHistory();
    await tamper(dataDir, 'DELETE FROM audit_log WHERE seq = 4');
    const v = await verifyAs(dataDir);
    expect(v.problems).toContainEqual(expect.objectContaining({ seq: 4, kind: 'missing' }));
  });

  it('names reordered entries', async () => {
    const { dataDir } = await withHistory();
    await tamper(
      dataDir,
      'UPDATE audit_log SET seq = -1 WHERE seq = 6; UPDATE audit_log SET seq = 6 WHERE seq = 7; UPDATE audit_log SET seq = 7 WHERE seq = -1;',
    );
    const v = await verifyAs(dataDir);
    expect(v.problems).toContainEqual(expect.objectContaining({ seq: 6, kind: 'reordered' }));
    expect(v.problems).toContainEqual(expect.objectContaining({ seq: 7, kind: 'reordered' }));
  });

  it('names a truncated log, using the head MACed in the vault file', async () => {
    const { dataDir } = await withHistory();
    let lastSeq: number;
    {
      const { host } = makeHost(dataDir);
      await ok(host, 'session.unlock', ADMIN);
      lastSeq = host.openState().audit.currentHead().seq;
      await ok(host, 'session.lock', {});
    }
    // Remove the newest entries, beyond what the tamper helper's own sign-in will add.
    await tamper(dataDir, `DELETE FROM audit_log WHERE seq > ${lastSeq - 3}`);
    // The log now ends before the head MACed in the vault file: the workstation refuses to open until an
    // administrator accepts it (vault/binding.ts), which writes an alert and keeps numbering after the head.
    const { host } = makeHost(dataDir);
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('DB_ROLLED_BACK');
    expect((await ok(host, 'audit.reanchor', { ...ADMIN, confirm: true })).problem).toBe('db_behind');
    const v = await verifyAs(dataDir);
    expect(v.ok).toBe(false);
    // The removed entries stay visible as a gap, even after new entries were written since.
    expect(v.problems.filter((p) => p.kind === 'missing').map((p) => p.seq)).toContain(lastSeq - 2);
  });
});

describe('permissions', () => {
  it('refuses a procedure to a role without its permission, and audits the refusal', async () => {
    const { host, dataDir } = await withHistory();
    await ok(host, 'session.unlock', ADMIN);
    // An administrator manages accounts but may not read the audit log.
    expect((await err(host, 'audit.list', { limit: 10 })).code).toBe('FORBIDDEN');
    await ok(host, 'session.lock', {});
    const { host: h2 } = makeHost(dataDir);
    await ok(h2, 'session.unlock', AUDITOR);
    await ok(h2, 'session.changePassword', {
      currentPassword: AUDITOR.password,
      newPassword: 'đổi mật khẩu kiểm toán',
    });
    expect((await err(h2, 'accounts.list', {})).code).toBe('FORBIDDEN');
    expect((await err(h2, 'backup.create', { path: '/tmp/x.hosobak' })).code).toBe('FORBIDDEN');
    const denied = (await ok(h2, 'audit.list', { limit: 100 })).filter((e) => e.outcome === 'denied');
    expect(denied.map((d) => d.action)).toEqual(
      expect.arrayContaining(['audit.list', 'accounts.list', 'backup.create']),
    );
  });

  it('refuses every session procedure while locked and rejects malformed input with field issues', async () => {
    const { host } = await setupVault();
    const bad = await err(host, 'accounts.create', {
      username: 'A B',
      displayName: '',
      role: 'king' as never,
      unitId: null,
      password: 'short',
    });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.issues!.map((i) => i.path)).toEqual(
      expect.arrayContaining(['username', 'displayName', 'role', 'password']),
    );
    expect(bad.issues!.find((i) => i.path === 'password')!.code).toBe('password_too_short');
    expect((await host.call('no.such', {})).ok).toBe(false);
    await ok(host, 'session.lock', {});
    expect((await err(host, 'units.list', {})).code).toBe('LOCKED');
  });
});
