import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyConnection } from '../../electron/db/connection';
import { verifyAuditChain } from '../../electron/audit/audit';
import { parseBackupFile } from '../../electron/backup/backup';
import { GENERATION_META_KEY } from '../../electron/vault/binding';
import { computeAuditHeadMac } from '../../electron/vault/slots';
import type { HostCore } from '../../electron/host/host';
import { ADMIN, approveGrants, err, makeHost, ok, setupVault, tempDir } from '../support/host';

/**
 * Issue 9, items 1 and 10: someone with the files only puts back an older copy of hoso.db or of vault.json
 * (or mixes the two). Each attack must end in a refusal to open with a clear code, never in a silently
 * accepted older state; the administrator's way out is `audit.reanchor`, which leaves an alert in the log.
 */

const AUDITOR = { username: 'kiemtoan', password: 'mật khẩu kiểm toán 1', own: 'mật khẩu kiểm toán riêng' };

interface Snapshot {
  db: Buffer;
  vault: string;
}

/** The two files as they are now, with the database locked (its WAL checkpointed into the main file). */
function snapshot(dataDir: string): Snapshot {
  expect(
    fs.existsSync(path.join(dataDir, 'hoso.db-wal')) && fs.statSync(path.join(dataDir, 'hoso.db-wal')).size,
  ).toBeFalsy();
  return {
    db: fs.readFileSync(path.join(dataDir, 'hoso.db')),
    vault: fs.readFileSync(path.join(dataDir, 'vault.json'), 'utf8'),
  };
}

function putBackDb(dataDir: string, db: Buffer) {
  for (const f of ['hoso.db-wal', 'hoso.db-shm']) fs.rmSync(path.join(dataDir, f), { force: true });
  fs.writeFileSync(path.join(dataDir, 'hoso.db'), db);
}

interface VaultJson {
  generation?: number;
  auditHead?: { seq: number; hash: string; mac: string };
}

function editVault(dataDir: string, edit: (v: VaultJson) => void) {
  const file = path.join(dataDir, 'vault.json');
  const v = JSON.parse(fs.readFileSync(file, 'utf8')) as VaultJson;
  edit(v);
  fs.writeFileSync(file, JSON.stringify(v, null, 1));
}

async function someWork(host: HostCore, tag: string, n = 3) {
  await ok(host, 'session.unlock', ADMIN);
  for (let i = 0; i < n; i++) {
    await ok(host, 'units.create', { code: `${tag}${i}`, name: `Xã ${tag} ${i}`, kind: 'commune_police' });
  }
  await ok(host, 'session.lock', {});
}

/** A vault with some history, locked, and an older copy of both files taken midway. */
async function withOlderCopy() {
  const v = await setupVault();
  await ok(v.host, 'session.lock', {});
  await someWork(v.host, 'A');
  const older = snapshot(v.dataDir);
  await someWork(v.host, 'B');
  return { ...v, older };
}

async function dbGeneration(dataDir: string, key: Buffer): Promise<number> {
  const raw = new Database(path.join(dataDir, 'hoso.db'), { readonly: true });
  keyConnection(raw, key);
  const row = raw.prepare('SELECT value FROM meta WHERE key = ?').get(GENERATION_META_KEY) as { value: string };
  raw.close();
  return Number(row.value);
}

function vaultJson(dataDir: string) {
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'vault.json'), 'utf8')) as {
    generation: number;
    auditHead: { seq: number; hash: string; mac: string };
  };
}

describe('rollback of hoso.db (issue 9, item 1)', () => {
  it('an older hoso.db with the audit head MAC blanked refuses to open, and the head is never reset', async () => {
    const { host, dataDir, older } = await withOlderCopy();
    putBackDb(dataDir, older.db);
    editVault(dataDir, (v) => (v.auditHead!.mac = ''));
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('VAULT_HEAD_INVALID');
    // Refused again, and nothing wrote a fresh head in between (the attack's second step).
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('VAULT_HEAD_INVALID');
    expect(vaultJson(dataDir).auditHead.mac).toBe('');
    expect(host.isUnlocked()).toBe(false);
  });

  it('an older hoso.db with the head removed from vault.json, or zeroed, refuses to open', async () => {
    const { host, dataDir, older } = await withOlderCopy();
    putBackDb(dataDir, older.db);
    editVault(dataDir, (v) => delete v.auditHead);
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('VAULT_HEAD_INVALID');
    editVault(dataDir, (v) => (v.auditHead = { seq: 0, hash: '', mac: '' }));
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('VAULT_HEAD_INVALID');
  });

  it('an older hoso.db with the head (and generation) taken from the older vault.json refuses to open', async () => {
    const { host, dataDir, older } = await withOlderCopy();
    // A slot change after the older copy: the current vault's slots and generation differ from the old one's.
    await ok(host, 'session.unlock', ADMIN);
    await ok(host, 'session.changePassword', { currentPassword: ADMIN.password, newPassword: 'mật khẩu mới rất dài' });
    await ok(host, 'session.lock', {});
    const admin = { username: ADMIN.username, password: 'mật khẩu mới rất dài' };
    const old = JSON.parse(older.vault) as Required<VaultJson>;
    putBackDb(dataDir, older.db);
    editVault(dataDir, (v) => (v.auditHead = old.auditHead));
    expect((await err(host, 'session.unlock', admin)).code).toBe('VAULT_HEAD_INVALID');
    editVault(dataDir, (v) => (v.generation = old.generation));
    expect((await err(host, 'session.unlock', admin)).code).toBe('VAULT_HEAD_INVALID');
  });

  it('hoso.db from a backup file, beside the current vault.json, refuses to open (DB_ROLLED_BACK)', async () => {
    const { host, dataDir } = await setupVault();
    await ok(host, 'units.create', { code: 'BK1', name: 'Xã trước sao lưu', kind: 'commune_police' });
    const out = path.join(tempDir('hoso-bak-'), 'truoc.hosobak');
    await ok(host, 'backup.create', { path: out });
    await ok(host, 'session.lock', {});
    await someWork(host, 'C');
    putBackDb(dataDir, parseBackupFile(out).db);
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('DB_ROLLED_BACK');
    expect(host.isUnlocked()).toBe(false);
  });

  it('a backup file unpacked by hand over the data directory (its own vault copy and database) refuses to open', async () => {
    const { host, dataDir } = await setupVault();
    const out = path.join(tempDir('hoso-bak-'), 'truoc.hosobak');
    await ok(host, 'backup.create', { path: out });
    await ok(host, 'session.lock', {});
    await someWork(host, 'E');
    const parsed = parseBackupFile(out);
    putBackDb(dataDir, parsed.db);
    fs.writeFileSync(path.join(dataDir, 'vault.json'), JSON.stringify(parsed.vault));
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('VAULT_HEAD_INVALID');
    // The restore procedure (audited, with a password that opens the backup) is the way to use it.
    const fresh = tempDir('hoso-restore-');
    const { host: other } = makeHost(fresh);
    await ok(other, 'backup.restore', { path: out, ...ADMIN });
    await ok(other, 'session.lock', {});
    await ok(other, 'session.unlock', ADMIN);
    await other.close();
  });

  it('the files a restore set aside in replaced/, copied back by hand, refuse to open', async () => {
    const { host, dataDir } = await setupVault();
    const out = path.join(tempDir('hoso-bak-'), 'b.hosobak');
    await ok(host, 'backup.create', { path: out });
    await ok(host, 'units.create', { code: 'SAU', name: 'Sau sao lưu', kind: 'commune_police' });
    const r = await ok(host, 'backup.restore', { path: out, ...ADMIN });
    await ok(host, 'session.lock', {});
    for (const f of ['vault.json', 'hoso.db']) fs.copyFileSync(path.join(r.replacedFolder!, f), path.join(dataDir, f));
    for (const f of ['hoso.db-wal', 'hoso.db-shm']) fs.rmSync(path.join(dataDir, f), { force: true });
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('VAULT_HEAD_INVALID');
  });

  it('recovery with the recovery key does not launder a tampered head', async () => {
    const { host, dataDir, older, created } = await withOlderCopy();
    putBackDb(dataDir, older.db);
    editVault(dataDir, (v) => (v.auditHead!.mac = ''));
    const r = await err(host, 'session.recover', {
      recoveryKey: created.recoveryKey,
      newPassword: 'mật khẩu khôi phục dài',
    });
    expect(r.code).toBe('VAULT_HEAD_INVALID');
    expect(vaultJson(dataDir).auditHead.mac).toBe('');
    expect(
      (await err(host, 'session.unlock', { username: ADMIN.username, password: 'mật khẩu khôi phục dài' })).code,
    ).toBe('VAULT_HEAD_INVALID');
  });

  it('a rollback of both files together is caught by the paper checkpoint taken in between', async () => {
    const { host, dataDir } = await setupVault();
    await ok(host, 'accounts.create', {
      username: AUDITOR.username,
      displayName: 'Kiểm toán viên',
      role: 'auditor',
      unitId: null,
      password: AUDITOR.password,
    });
    await ok(host, 'session.lock', {});
    await ok(host, 'session.unlock', { username: AUDITOR.username, password: AUDITOR.password });
    await ok(host, 'session.changePassword', { currentPassword: AUDITOR.password, newPassword: AUDITOR.own });
    await approveGrants(host);
    const auditor = { username: AUDITOR.username, password: AUDITOR.own };
    const older = snapshot(dataDir);
    await someWork(host, 'D');
    await ok(host, 'session.unlock', auditor);
    const cp = await ok(host, 'audit.checkpoint', {});
    expect(cp.code).toMatch(/^\d+-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    const fine = await ok(host, 'audit.verify', {
      checkpoint: cp.code.toLowerCase().replace(/-/g, ' ').replace(' ', '-'),
    });
    expect(fine).toMatchObject({ ok: true, checkpoint: { seq: cp.seq, found: true } });
    await ok(host, 'session.lock', {});
    // Both files put back together: locally consistent, so the workstation opens...
    putBackDb(dataDir, older.db);
    fs.writeFileSync(path.join(dataDir, 'vault.json'), older.vault);
    await ok(host, 'session.unlock', auditor);
    // ...but the code in the paper register names an entry the log no longer holds.
    const v = await ok(host, 'audit.verify', { checkpoint: cp.code });
    expect(v.ok).toBe(false);
    expect(v.checkpoint).toEqual({ seq: cp.seq, found: false });
    expect(v.problems).toContainEqual(expect.objectContaining({ kind: 'checkpoint_missing', seq: cp.seq }));
    expect((await err(host, 'audit.verify', { checkpoint: 'not a code' })).code).toBe('CHECKPOINT_INVALID');
  });
});

describe('rollback of vault.json (issue 9, item 10)', () => {
  it('an old vault.json put back after a password change: the old password opens the slot, but not the data', async () => {
    const { host, dataDir } = await setupVault();
    await ok(host, 'session.lock', {});
    const older = snapshot(dataDir);
    await ok(host, 'session.unlock', ADMIN);
    await ok(host, 'session.changePassword', { currentPassword: ADMIN.password, newPassword: 'mật khẩu mới rất dài' });
    await ok(host, 'session.lock', {});
    fs.writeFileSync(path.join(dataDir, 'vault.json'), older.vault);
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('VAULT_DB_MISMATCH');
    expect(host.isUnlocked()).toBe(false);
  });

  it('an old vault.json put back to revive a disabled account refuses to open', async () => {
    const { host, dataDir } = await setupVault();
    const gone = await ok(host, 'accounts.create', {
      username: 'daroi',
      displayName: 'Đã rời',
      role: 'admin',
      unitId: null,
      password: 'mật khẩu người rời',
    });
    await ok(host, 'session.lock', {});
    const older = snapshot(dataDir);
    await ok(host, 'session.unlock', ADMIN);
    await ok(host, 'accounts.disable', { accountId: gone.id });
    await ok(host, 'session.lock', {});
    fs.writeFileSync(path.join(dataDir, 'vault.json'), older.vault);
    expect((await err(host, 'session.unlock', { username: 'daroi', password: 'mật khẩu người rời' })).code).toBe(
      'VAULT_DB_MISMATCH',
    );
  });

  it('crash window: a vault written by a slot change whose database write never happened still opens', async () => {
    const { host, dataDir } = await setupVault();
    const key = Buffer.from(host.openState().dataKey);
    const accountId = host.openState().session.accountId;
    await ok(host, 'session.lock', {});
    const before = vaultJson(dataDir).generation;
    expect(await dbGeneration(dataDir, key)).toBe(before);
    // What a crash inside the call leaves: the vault durably rewritten (twice), the database untouched.
    await host.vault.setAccountSlot(key, accountId, ADMIN.username, 'mật khẩu sau sự cố');
    await host.vault.setAccountSlot(key, accountId, ADMIN.username, 'mật khẩu sau sự cố 2');
    expect(vaultJson(dataDir).generation).toBe(before + 2);
    await ok(host, 'session.unlock', { username: ADMIN.username, password: 'mật khẩu sau sự cố 2' });
    await ok(host, 'session.lock', {});
    expect(await dbGeneration(dataDir, key)).toBe(before + 2);
  });

  it('a database put back from just before a password change refuses to open (DB_ROLLED_BACK)', async () => {
    const { host, dataDir } = await setupVault();
    await ok(host, 'session.lock', {});
    const older = snapshot(dataDir);
    await ok(host, 'session.unlock', ADMIN);
    await ok(host, 'session.changePassword', { currentPassword: ADMIN.password, newPassword: 'mật khẩu mới rất dài' });
    await ok(host, 'session.lock', {});
    putBackDb(dataDir, older.db);
    const r = await err(host, 'session.unlock', { username: ADMIN.username, password: 'mật khẩu mới rất dài' });
    expect(r.code).toBe('DB_ROLLED_BACK');
  });
});

describe('vault files written before generations existed', () => {
  it('open once with the old head MAC, and are upgraded in both files', async () => {
    const { host, dataDir } = await setupVault();
    const key = Buffer.from(host.openState().dataKey);
    const workstationId = host.openState().workstationId;
    await ok(host, 'session.lock', {});
    // The format before this change: no generation, a head MAC over (workstation, seq, hash) only.
    editVault(dataDir, (v) => {
      delete v.generation;
      const h = v.auditHead!;
      h.mac = computeAuditHeadMac(key, workstationId, h.seq, h.hash);
    });
    const raw = new Database(path.join(dataDir, 'hoso.db'));
    keyConnection(raw, key);
    raw.prepare('DELETE FROM meta WHERE key = ?').run(GENERATION_META_KEY);
    raw.close();
    await ok(host, 'session.unlock', ADMIN);
    await ok(host, 'session.lock', {});
    expect(vaultJson(dataDir).generation).toBe(1);
    expect(await dbGeneration(dataDir, key)).toBe(1);
    // Taking the generation away again is not "legacy": the MAC no longer matches that form.
    editVault(dataDir, (v) => delete v.generation);
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('VAULT_HEAD_INVALID');
  });
});

describe('re-anchoring after a refusal', () => {
  it('only an active administrator re-anchors; the alert stays in the log and the lost entries stay a gap', async () => {
    const { host, dataDir, older } = await withOlderCopy();
    const headBefore = vaultJson(dataDir).auditHead.seq;
    putBackDb(dataDir, older.db);
    const oldLast = (JSON.parse(older.vault) as { auditHead: { seq: number } }).auditHead.seq;
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('DB_ROLLED_BACK');

    const report = await ok(host, 'audit.reanchor', { ...ADMIN, confirm: false });
    expect(report).toMatchObject({ problem: 'db_behind', changed: false });
    expect((await err(host, 'session.unlock', ADMIN)).code).toBe('DB_ROLLED_BACK');
    expect((await err(host, 'audit.reanchor', { ...ADMIN, password: 'sai mật khẩu', confirm: true })).code).toBe(
      'AUTH_FAILED',
    );
    expect(
      (await err(host, 'audit.reanchor', { username: 'truongphong', password: 'mật khẩu lãnh đạo 1', confirm: true }))
        .code,
    ).toBe('FORBIDDEN');

    const done = await ok(host, 'audit.reanchor', { ...ADMIN, confirm: true });
    expect(done).toMatchObject({ problem: 'db_behind', changed: true });
    expect(done.headSeq).toBe(headBefore + 2);
    await ok(host, 'session.unlock', ADMIN);
    await ok(host, 'session.lock', {});
    expect((await ok(host, 'audit.reanchor', { ...ADMIN, confirm: true })).problem).toBeNull();

    // What the auditor sees: the alert with the lost range, and the gap itself, for good.
    const { rows, verification } = await rawAudit(dataDir, host);
    const alert = rows.find((e) => e.action === 'audit.integrity_alert')!;
    expect(JSON.parse(alert.detail)).toMatchObject({
      problem: 'db_behind',
      missingFrom: oldLast + 1,
      missingTo: headBefore,
    });
    expect(rows.some((e) => e.action === 'audit.reanchor' && e.username === ADMIN.username)).toBe(true);
    expect(verification.ok).toBe(false);
    expect(verification.problems.filter((p) => p.kind === 'missing').map((p) => p.seq)).toEqual(
      Array.from({ length: headBefore - oldLast }, (_, i) => oldLast + 1 + i),
    );
  });
});

/** The audit rows and the chain's verification, read with the data key (the auditor's screen shows the same). */
async function rawAudit(dataDir: string, host: HostCore) {
  await ok(host, 'session.unlock', ADMIN);
  const key = Buffer.from(host.openState().dataKey);
  const workstationId = host.openState().workstationId;
  await ok(host, 'session.lock', {});
  const raw = new Database(path.join(dataDir, 'hoso.db'), { readonly: true });
  keyConnection(raw, key);
  const rows = raw.prepare('SELECT seq, action, username, detail FROM audit_log ORDER BY seq').all() as {
    seq: number;
    action: string;
    username: string | null;
    detail: string;
  }[];
  const verification = verifyAuditChain(raw, workstationId, null);
  raw.close();
  return { rows, verification };
}
