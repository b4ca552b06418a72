import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../electron/db/connection';
import { ADMIN, err, makeHost, ok, setupVault, tempDir } from '../support/host';

describe('recovery key', () => {
  it('sets a new administrator password; a wrong key is refused', async () => {
    const { host, created } = await setupVault();
    await ok(host, 'session.lock', {});
    const wrong = await err(host, 'session.recover', {
      recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
      newPassword: 'mật khẩu sau khôi phục',
    });
    expect(wrong.code).toBe('RECOVERY_FAILED');
    const bad = await err(host, 'session.recover', { recoveryKey: 'not a key', newPassword: 'mật khẩu sau khôi phục' });
    expect(bad.code).toBe('INVALID_INPUT');
    const s = await ok(host, 'session.recover', {
      recoveryKey: created.recoveryKey.toLowerCase().replace(/o/g, '0').replace(/i/g, '1').replace(/b/g, '8'),
      newPassword: 'mật khẩu sau khôi phục',
    });
    expect(s.username).toBe(ADMIN.username);
    await ok(host, 'session.lock', {});
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('AUTH_FAILED');
    await ok(host, 'session.unlock', { username: ADMIN.username, password: 'mật khẩu sau khôi phục' });
  });

  it('produces a printable recovery sheet in Vietnamese and English with the key on it', async () => {
    const { created } = await setupVault();
    expect(created.recoverySheetHtml).toContain(created.recoveryKey);
    expect(created.recoverySheetHtml).toContain('Khóa khôi phục');
    expect(created.recoverySheetHtml).toContain('recovery key');
    expect(created.recoverySheetHtml).toContain('size: A4');
    expect(created.recoverySheetHtml).toMatch(/\d{2}\/\d{2}\/\d{4}/);
  });
});

describe('rekey', () => {
  it('re-encrypts under a new key, backs up first, and every remaining account still signs in', async () => {
    const { host, dataDir, created } = await setupVault();
    await ok(host, 'accounts.create', {
      username: 'dtv1',
      displayName: 'ĐTV',
      role: 'investigator',
      unitId: null,
      password: 'mật khẩu dtv một',
    });
    const gone = await ok(host, 'accounts.create', {
      username: 'daroi',
      displayName: 'Đã rời',
      role: 'leader',
      unitId: null,
      password: 'mật khẩu người rời',
    });
    await ok(host, 'accounts.disable', { accountId: gone.id });
    const oldKey = Buffer.from(host.openState().dataKey);
    expect((await err(host, 'vault.rekey', { password: 'không phải mật khẩu' })).code).toBe('AUTH_FAILED');
    const r = await ok(host, 'vault.rekey', { password: ADMIN.password });
    expect(r.slotsRewrapped).toBe(4); // admin, the setup leader, dtv1, recovery
    expect(fs.existsSync(r.backupPath)).toBe(true);
    expect(await ok(host, 'units.list', {})).toHaveLength(1); // still working on the new key
    await ok(host, 'session.lock', {});
    expect(() => openEncrypted(path.join(dataDir, 'hoso.db'), oldKey)).toThrow();
    await ok(host, 'session.unlock', ADMIN);
    await ok(host, 'session.lock', {});
    await ok(host, 'session.unlock', { username: 'dtv1', password: 'mật khẩu dtv một' });
    await ok(host, 'session.lock', {});
    await ok(host, 'session.recover', { recoveryKey: created.recoveryKey, newPassword: 'mật khẩu sau đổi khóa' });
    const v = await ok(host, 'audit.list' as never, {} as never).catch(() => null);
    expect(v).toBeNull(); // admin cannot read the audit log
  });

  it('finishes a rekey interrupted after the database was re-encrypted', async () => {
    const { host, dataDir } = await setupVault();
    const vaultFile = path.join(dataDir, 'vault.json');
    const oldVault = fs.readFileSync(vaultFile);
    await ok(host, 'vault.rekey', { password: ADMIN.password });
    await host.close();
    // Simulate the crash: the new vault is still "pending" and the old one is in place.
    fs.renameSync(vaultFile, `${vaultFile}.next`);
    fs.writeFileSync(vaultFile, oldVault);
    const { host: h2 } = makeHost(dataDir);
    await ok(h2, 'session.unlock', ADMIN);
    expect(fs.existsSync(`${vaultFile}.next`)).toBe(false);
  });
});

describe('backup and restore', () => {
  it('round-trips: a restore brings back the data as it was, and records itself', async () => {
    const { host, dataDir } = await setupVault();
    const out = path.join(tempDir(), 'sao-luu.hosobak');
    await ok(host, 'units.create', { code: 'XA1', name: 'Xã Một', kind: 'commune_police' });
    const b = await ok(host, 'backup.create', { path: out });
    expect(b.bytes).toBeGreaterThan(1000);
    await ok(host, 'units.create', { code: 'XA2', name: 'Xã Hai', kind: 'commune_police' });
    expect(await ok(host, 'units.list', {})).toHaveLength(3);
    const r = await ok(host, 'backup.restore', { path: out, ...ADMIN });
    expect(r.replacedFolder).toBeTruthy();
    expect(fs.existsSync(path.join(r.replacedFolder!, 'hoso.db'))).toBe(true);
    expect((await ok(host, 'units.list', {})).map((u) => u.code).sort()).toEqual(['PC04-TQ', 'XA1']);
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith('restore-staging'))).toBe(false);
  });

  it('restores onto a fresh workstation with no vault', async () => {
    const { host } = await setupVault();
    const out = path.join(tempDir(), 'b.hosobak');
    await ok(host, 'backup.create', { path: out });
    const fresh = makeHost(tempDir()).host;
    await ok(fresh, 'backup.restore', { path: out, ...ADMIN });
    expect((await ok(fresh, 'app.status', {})).session?.username).toBe(ADMIN.username);
  });

  it('refuses a corrupted or truncated backup, or a wrong password, and leaves live data untouched', async () => {
    const { host, dataDir } = await setupVault();
    const out = path.join(tempDir(), 'b.hosobak');
    await ok(host, 'backup.create', { path: out });
    await ok(host, 'units.create', { code: 'SAU', name: 'Sau sao lưu', kind: 'commune_police' });
    const liveSlots = () => JSON.parse(fs.readFileSync(path.join(dataDir, 'vault.json'), 'utf8')).slots;
    const liveDb = liveSlots();
    const bytes = fs.readFileSync(out);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 100]! ^= 0xff;
    const cases: [string, Buffer][] = [
      ['flipped.hosobak', flipped],
      ['short.hosobak', bytes.subarray(0, bytes.length - 10)],
      ['junk.hosobak', Buffer.from('not a backup at all')],
      ['header.hosobak', Buffer.concat([bytes.subarray(0, 12), Buffer.from('{"format":"x"}'), bytes.subarray(12)])],
    ];
    for (const [name, content] of cases) {
      const f = path.join(tempDir(), name);
      fs.writeFileSync(f, content);
      expect((await err(host, 'backup.restore', { path: f, ...ADMIN })).code).toBe('BACKUP_INVALID');
    }
    expect(
      (await err(host, 'backup.restore', { path: out, username: ADMIN.username, password: 'sai mật khẩu rồi' })).code,
    ).toBe('AUTH_FAILED');
    expect((await err(host, 'backup.restore', { path: '/nonexistent/x.hosobak', ...ADMIN })).code).toBe('IO_ERROR');
    // The key slots are untouched (the vault's audit head moves: a wrong password for a backup is audited).
    expect(liveSlots()).toEqual(liveDb);
    expect((await ok(host, 'units.list', {})).map((u) => u.code)).toContain('SAU');
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('restore-staging') || f === 'replaced')).toEqual([]);
  });

  it('refuses a restore to an account without the permission', async () => {
    const { host } = await setupVault();
    const out = path.join(tempDir(), 'b.hosobak');
    await ok(host, 'backup.create', { path: out });
    await ok(host, 'accounts.create', {
      username: 'ldao',
      displayName: 'Lãnh đạo',
      role: 'leader',
      unitId: null,
      password: 'mật khẩu lãnh đạo',
    });
    await ok(host, 'session.lock', {});
    expect((await err(host, 'backup.restore', { path: out, ...ADMIN })).code).toBe('LOCKED');
    await ok(host, 'session.unlock', { username: 'ldao', password: 'mật khẩu lãnh đạo' });
    await ok(host, 'session.changePassword', {
      currentPassword: 'mật khẩu lãnh đạo',
      newPassword: 'mật khẩu lãnh đạo 2',
    });
    expect((await err(host, 'backup.restore', { path: out, ...ADMIN })).code).toBe('FORBIDDEN');
  });
});
