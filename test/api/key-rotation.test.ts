import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../electron/db/connection';
import { publicOf } from '../../electron/vault/crypto';
import { openSlot } from '../../electron/vault/slots';
import type { Slot, VaultFileData } from '../../electron/vault/vault-file';
import { ADMIN, err, LEADER, ok, setupVault } from '../support/host';

/**
 * Issue 9, item 5: neither a password change nor a rekey revoked a leaked slot key. Each attack below keeps
 * what an insider could have kept (a copy of vault.json, an old password, the recovery key it saw) and tries
 * to open the database after the fix the README prescribes.
 */

const readVault = (dir: string): VaultFileData => JSON.parse(fs.readFileSync(path.join(dir, 'vault.json'), 'utf8'));
const dbFile = (dir: string) => path.join(dir, 'hoso.db');

/** True when the key opens the live database file (a wrong key fails on the first read). */
function opensDatabase(dir: string, dataKey: Buffer): boolean {
  try {
    const raw = openEncrypted(dbFile(dir), dataKey);
    raw.close();
    return true;
  } catch {
    return false;
  }
}

/** Every way a stolen private key could open a slot of `vault`: it is some slot's key, or it unwraps one. */
async function privateKeyOpensAnySlot(vault: VaultFileData, stolen: Slot, secret: string): Promise<boolean> {
  const { privateKey } = await openSlot(stolen, secret);
  const pub = publicOf(privateKey);
  if (vault.slots.some((s) => s.publicKey === pub)) return true;
  // The forgery the old code allowed: graft the old sealed private key onto the current slot of the same id.
  for (const s of vault.slots.filter((x) => x.id === stolen.id)) {
    const forged: Slot = { ...s, kdf: stolen.kdf, sealedPrivateKey: stolen.sealedPrivateKey };
    try {
      await openSlot(forged, secret);
      return true;
    } catch {
      /* refused, as it should be */
    }
  }
  return false;
}

/** An administrator account with a password of its own (admins need no leader's approval). */
async function ownAdmin(host: Parameters<typeof ok>[0], username: string, password: string) {
  const acc = await ok(host, 'accounts.create', {
    username,
    displayName: 'Quản trị hai',
    role: 'admin',
    unitId: null,
    password: 'mật khẩu tạm thời 1',
  });
  await ok(host, 'session.lock', {});
  await ok(host, 'session.unlock', { username, password: 'mật khẩu tạm thời 1' });
  await ok(host, 'session.changePassword', { currentPassword: 'mật khẩu tạm thời 1', newPassword: password });
  await ok(host, 'session.lock', {});
  return acc;
}

describe('item 5: a leaked slot key is revoked by a password change (or reset) and a rekey', () => {
  it('attack: an old password with a copy of the old vault.json opens the database after a password change and a rekey — now refused', async () => {
    const { host, dataDir } = await setupVault();
    const oldPassword = ADMIN.password;
    const stolenVault = readVault(dataDir); // copied while the old password was valid
    const stolenSlot = stolenVault.slots.find(
      (s) => s.kind === 'account' && s.accountId === host.openState().session.accountId,
    )!;
    const newPassword = 'mật khẩu mới sau khi lộ';
    await ok(host, 'session.changePassword', { currentPassword: oldPassword, newPassword });
    const afterChange = readVault(dataDir);
    const mine = afterChange.slots.find((s) => s.accountId === stolenSlot.accountId)!;
    expect(mine.publicKey).not.toBe(stolenSlot.publicKey); // a new key pair, not the old one re-sealed
    await ok(host, 'vault.rekey', { password: newPassword });
    await ok(host, 'session.lock', {});

    const rekeyed = readVault(dataDir);
    expect(await privateKeyOpensAnySlot(rekeyed, stolenSlot, oldPassword)).toBe(false);
    const { dataKey: oldDataKey } = await openSlot(stolenSlot, oldPassword);
    expect(opensDatabase(dataDir, oldDataKey)).toBe(false);
    expect((await err(host, 'session.unlock', { username: ADMIN.username, password: oldPassword })).code).toBe(
      'AUTH_FAILED',
    );
    await ok(host, 'session.unlock', { username: ADMIN.username, password: newPassword });
  });

  it('an administrator reset gives a new key pair too: a private key copied before it opens nothing after the rekey', async () => {
    const { host, dataDir } = await setupVault();
    const acc = await ownAdmin(host, 'quantri2', 'mật khẩu quản trị hai');
    const stolenSlot = readVault(dataDir).slots.find((s) => s.accountId === acc.id)!;
    await ok(host, 'session.unlock', ADMIN);
    await ok(host, 'accounts.resetPassword', { accountId: acc.id, newPassword: 'mật khẩu đặt lại 1' });
    await ok(host, 'vault.rekey', { password: ADMIN.password });
    const vault = readVault(dataDir);
    expect(vault.slots.find((s) => s.accountId === acc.id)!.publicKey).not.toBe(stolenSlot.publicKey);
    expect(await privateKeyOpensAnySlot(vault, stolenSlot, 'mật khẩu quản trị hai')).toBe(false);
    const { dataKey } = await openSlot(stolenSlot, 'mật khẩu quản trị hai');
    expect(opensDatabase(dataDir, dataKey)).toBe(false);
  });

  it('rekey after a departure: the departed administrator’s old private key, old vault.json slot and the recovery key it saw open nothing', async () => {
    const { host, dataDir, created } = await setupVault();
    const departed = await ownAdmin(host, 'daroi', 'mật khẩu người sắp rời');
    // What the departing administrator keeps: the vault file, its password (so its private key), the data
    // key that slot unwraps, and the recovery key it was shown.
    const stolenVault = readVault(dataDir);
    const stolenSlot = stolenVault.slots.find((s) => s.accountId === departed.id)!;
    const stolenRecovery = stolenVault.slots.find((s) => s.kind === 'recovery')!;
    const stolen = await openSlot(stolenSlot, 'mật khẩu người sắp rời');
    expect(opensDatabase(dataDir, stolen.dataKey)).toBe(true); // the leak is real before the procedure

    // The README procedure: disable the account, issue a new recovery key, rekey.
    await ok(host, 'session.unlock', ADMIN);
    await ok(host, 'accounts.disable', { accountId: departed.id });
    const rotated = await ok(host, 'vault.rotateRecovery', { password: ADMIN.password });
    await ok(host, 'vault.rekey', { password: ADMIN.password });
    await ok(host, 'session.lock', {});

    const now = readVault(dataDir);
    expect(opensDatabase(dataDir, stolen.dataKey)).toBe(false);
    expect(now.slots.some((s) => s.publicKey === publicOf(stolen.privateKey))).toBe(false);
    expect(await privateKeyOpensAnySlot(now, stolenSlot, 'mật khẩu người sắp rời')).toBe(false);
    // The old recovery key: its old slot yields only the old data key; the new recovery slot refuses it.
    const oldRecovery = created.recoveryKey.replace(/-/g, '');
    expect(opensDatabase(dataDir, (await openSlot(stolenRecovery, oldRecovery)).dataKey)).toBe(false);
    await expect(
      openSlot(
        now.slots.find((s) => s.kind === 'recovery')!,
        oldRecovery,
      ),
    ).rejects.toThrow();
    expect(
      (await err(host, 'session.recover', { recoveryKey: created.recoveryKey, newPassword: 'mật khẩu chiếm quyền 1' }))
        .code,
    ).toBe('RECOVERY_FAILED');
    expect((await err(host, 'session.unlock', { username: 'daroi', password: 'mật khẩu người sắp rời' })).code).toBe(
      'AUTH_FAILED',
    );
    // Everyone who stays still signs in, and the new recovery key works.
    await ok(host, 'session.unlock', LEADER);
    await ok(host, 'session.lock', {});
    await ok(host, 'session.recover', { recoveryKey: rotated.recoveryKey, newPassword: 'mật khẩu sau khôi phục 1' });
  });
});

describe('item 5: vault.rotateRecovery (hoso recovery rotate)', () => {
  it('issues a new key and sheet, the old key stops working, and the rotation is audited without the key', async () => {
    const { host, dataDir, created } = await setupVault();
    expect((await err(host, 'vault.rotateRecovery', { password: 'không phải mật khẩu' })).code).toBe('AUTH_FAILED');
    const before = readVault(dataDir).slots.find((s) => s.kind === 'recovery')!;
    const r = await ok(host, 'vault.rotateRecovery', { password: ADMIN.password });
    expect(r.recoveryKey).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
    expect(r.recoveryKey).not.toBe(created.recoveryKey);
    expect(r.recoverySheetHtml).toContain(r.recoveryKey);
    expect(r.recoverySheetHtml).toContain('Issued by administrator');
    expect(r.recoverySheetHtml).toContain(ADMIN.username);
    const after = readVault(dataDir).slots.filter((s) => s.kind === 'recovery');
    expect(after).toHaveLength(1);
    expect(after[0]!.publicKey).not.toBe(before.publicKey);

    const rows = host
      .openState()
      .raw.prepare("SELECT outcome, detail FROM audit_log WHERE action = 'vault.recovery_rotate' ORDER BY seq")
      .all() as { outcome: string; detail: string | null }[];
    expect(rows.map((x) => x.outcome)).toEqual(['failed', 'ok']);
    for (const row of rows) expect(row.detail ?? '').not.toContain(r.recoveryKey.slice(0, 9));

    await ok(host, 'session.lock', {});
    expect(
      (await err(host, 'session.recover', { recoveryKey: created.recoveryKey, newPassword: 'mật khẩu khôi phục 1' }))
        .code,
    ).toBe('RECOVERY_FAILED');
    await ok(host, 'session.recover', { recoveryKey: r.recoveryKey, newPassword: 'mật khẩu khôi phục 1' });
  });

  it('is refused to a role that does not manage the vault', async () => {
    const { host } = await setupVault();
    await ok(host, 'session.lock', {});
    await ok(host, 'session.unlock', LEADER);
    expect((await err(host, 'vault.rotateRecovery', { password: LEADER.password })).code).toBe('FORBIDDEN');
  });
});
