import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../electron/db/connection';
import { ADMIN, err, makeHost, ok, setupVault } from '../support/host';

const MARKERS = ['ZQXMARKER7781', 'Nguyễn Thị Hằng Đặng Mẫu', 'Phường Tân Định Dấu Ấn'];

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function assertNoMarkers(dir: string) {
  const files = filesUnder(dir);
  expect(files.length).toBeGreaterThan(1);
  for (const f of files) {
    const bytes = fs.readFileSync(f);
    for (const m of MARKERS) {
      for (const form of [m, m.normalize('NFD')]) {
        expect(bytes.includes(Buffer.from(form, 'utf8')), `${path.basename(f)} has a marker (utf8)`).toBe(false);
        expect(bytes.includes(Buffer.from(form, 'utf16le')), `${path.basename(f)} has a marker (utf16)`).toBe(false);
      }
    }
  }
}

describe('no plaintext at rest', () => {
  it('leaves no marker string in any file of the data directory, open or locked', async () => {
    const { host, dataDir } = await setupVault();
    await ok(host, 'prefs.set', { language: 'en', idleMinutes: 15 });
    for (const [i, m] of MARKERS.entries()) {
      await ok(host, 'units.create', { code: `U${i}`, name: m, kind: 'commune_police' });
    }
    await ok(host, 'accounts.create', {
      username: 'canbo1',
      displayName: MARKERS[1]!,
      role: 'investigator',
      unitId: null,
      password: 'mật khẩu đủ dài 2',
    });
    await ok(host, 'backup.create', { path: path.join(dataDir, 'backup.hosobak') });
    assertNoMarkers(dataDir); // while open: database, WAL, SHM, vault, preferences, backup
    await ok(host, 'session.lock', {});
    assertNoMarkers(dataDir);
  });

  it('does not open with plain SQLite, nor with a wrong key', async () => {
    const { host, dataDir } = await setupVault();
    await ok(host, 'session.lock', {});
    const dbFile = path.join(dataDir, 'hoso.db');
    const plain = new Database(dbFile);
    expect(() => plain.prepare('SELECT * FROM sqlite_master').all()).toThrow(/not a database/);
    plain.close();
    expect(() => openEncrypted(dbFile, crypto.randomBytes(32))).toThrow(/key rejected/);
    expect(fs.readFileSync(dbFile).subarray(0, 16).toString('latin1')).not.toContain('SQLite format');
  });
});

describe('key slots', () => {
  async function twoAccounts() {
    const v = await setupVault();
    await ok(v.host, 'accounts.create', {
      username: 'dtv1',
      displayName: 'Điều tra viên',
      role: 'investigator',
      unitId: null,
      password: 'mật khẩu dtv1 dài',
    });
    await ok(v.host, 'session.lock', {});
    const file = path.join(v.dataDir, 'vault.json');
    return { ...v, file, vault: JSON.parse(fs.readFileSync(file, 'utf8')) };
  }

  it('refuses a slot whose sealed key was swapped with another account’s', async () => {
    const { dataDir, file, vault } = await twoAccounts();
    const [a, b] = vault.slots.filter((s: { kind: string }) => s.kind === 'account');
    [a.sealedPrivateKey, b.sealedPrivateKey] = [b.sealedPrivateKey, a.sealedPrivateKey];
    fs.writeFileSync(file, JSON.stringify(vault));
    const { host } = makeHost(dataDir);
    expect((await err(host, 'session.unlock', { username: ADMIN.username, password: ADMIN.password })).code).toBe(
      'AUTH_FAILED',
    );
  });

  it('refuses a slot whose KDF parameters were weakened or whose account was changed', async () => {
    const { dataDir, file, vault } = await twoAccounts();
    const admin = vault.slots.find((s: { kind: string }) => s.kind === 'account');
    admin.kdf.iterations = 3 + admin.kdf.iterations; // any change breaks the associated data
    fs.writeFileSync(file, JSON.stringify(vault));
    const { host } = makeHost(dataDir);
    expect((await err(host, 'session.unlock', { username: ADMIN.username, password: ADMIN.password })).code).toBe(
      'AUTH_FAILED',
    );
  });

  it('detects a slot table edited without the data key (a removed or re-added slot)', async () => {
    const { dataDir, file, vault } = await twoAccounts();
    vault.slots = vault.slots.filter((s: { kind: string }) => s.kind !== 'recovery');
    fs.writeFileSync(file, JSON.stringify(vault));
    const { host } = makeHost(dataDir);
    expect((await err(host, 'session.unlock', { username: ADMIN.username, password: ADMIN.password })).code).toBe(
      'VAULT_TAMPERED',
    );
  });

  it('refuses a vault file that is not even well formed, with a clear code', async () => {
    const { dataDir, file } = await twoAccounts();
    fs.writeFileSync(file, '{"format":"hoso-vault"');
    const { host } = makeHost(dataDir);
    expect((await err(host, 'session.unlock', { username: ADMIN.username, password: ADMIN.password })).code).toBe(
      'VAULT_TAMPERED',
    );
  });
});
