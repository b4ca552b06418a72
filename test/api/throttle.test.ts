import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noteFailure, noteSuccess, THROTTLE_MAX_MS, throttleWaitMs } from '../../electron/vault/throttle';
import type { VaultFileData } from '../../electron/vault/vault-file';
import { ADMIN, err, LEADER, makeHost, ok, setupVault, tempDir, TestClock } from '../support/host';

/** Issue 9, items 8, 9 and 12: the sign-in and restore throttles, and what failed sign-ins leave behind. */

const vaultText = (dir: string) => fs.readFileSync(path.join(dir, 'vault.json'), 'utf8');
const readVault = (dir: string): VaultFileData => JSON.parse(vaultText(dir));

/** The vault's own keyed hash of a typed name (what the old code kept for every name typed at sign-in). */
function lookupOf(file: VaultFileData, name: string): string {
  return crypto
    .createHmac('sha256', Buffer.from(file.lookupSalt, 'base64'))
    .update(name.normalize('NFC').toLowerCase())
    .digest('hex');
}

/** The recovery slot's fixed throttle key (derived from no typed input). */
function recoveryKeyOf(file: VaultFileData): string {
  const lookup = crypto
    .createHmac('sha256', Buffer.from(file.lookupSalt, 'base64'))
    .update('recovery', 'utf8')
    .digest('base64');
  return crypto.createHash('sha256').update(lookup).digest('hex');
}

/** Fails the target account until its delay has reached `failures` tries; returns the last error. */
async function failTarget(host: Parameters<typeof ok>[0], clock: TestClock, failures: number) {
  let last;
  for (let i = 0; i < failures; i += 1) {
    last = await err(host, 'session.unlock', { username: ADMIN.username, password: `sai mật khẩu ${i}` });
    expect(last.code).toBe('AUTH_FAILED');
    if (i < failures - 1) clock.advance(last.retryAfterMs ?? 0);
  }
  return last!;
}

describe('item 8: the sign-in throttle has no eviction an attacker controls', () => {
  it('attack: failures with 300 random names reset the target account’s delay — now the target stays throttled', async () => {
    const clock = new TestClock();
    const { host, dataDir } = await setupVault(undefined, clock);
    await ok(host, 'session.lock', {});
    const last = await failTarget(host, clock, 9);
    expect(last.retryAfterMs).toBe(64_000);
    // The old attack: more random-name failures than the table held (256), inside the target's delay.
    for (let i = 0; i < 300; i += 1) {
      const e = await err(host, 'session.unlock', { username: `ten.ngau.nhien.${i}`, password: 'bất kỳ mật khẩu nào' });
      // Each costs the attacker the same wait as the target (the global counter), so none is even tried.
      expect(e.code).toBe('AUTH_THROTTLED');
    }
    const target = await err(host, 'session.unlock', ADMIN);
    expect(target.code).toBe('AUTH_THROTTLED');
    expect(target.retryAfterMs).toBe(64_000);
    // Nothing in the file grew: only slots have counters.
    const file = readVault(dataDir);
    const slotLookups = new Set(file.slots.map((s) => s.lookup).filter(Boolean));
    expect(Object.keys(file.throttle).every((k) => slotLookups.has(k))).toBe(true);
    clock.advance(64_000);
    await ok(host, 'session.unlock', ADMIN);
  });

  it('someone else’s successful sign-in clears the global counter but never the target’s own (no free guesses for an insider)', async () => {
    const clock = new TestClock();
    const { host } = await setupVault(undefined, clock);
    await ok(host, 'session.lock', {});
    const last = await failTarget(host, clock, 12);
    expect(last.retryAfterMs).toBe(THROTTLE_MAX_MS);
    clock.advance(THROTTLE_MAX_MS);
    // A colleague (or the attacker with an account of their own) signs in: the global counter starts again.
    await ok(host, 'session.unlock', LEADER);
    await ok(host, 'session.lock', {});
    await err(host, 'session.unlock', { username: 'khongcoai', password: 'bất kỳ mật khẩu nào' });
    // The target's next wrong try still costs the full delay; under the old table it was free again.
    const again = await err(host, 'session.unlock', { username: ADMIN.username, password: 'sai lần nữa' });
    expect(again.code).toBe('AUTH_FAILED');
    expect(again.retryAfterMs).toBe(THROTTLE_MAX_MS);
  });

  it('an unknown name is throttled exactly like a known one (the delays do not tell which names exist)', async () => {
    const clock = new TestClock();
    const { host } = await setupVault(undefined, clock);
    await ok(host, 'session.lock', {});
    const known: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const e = await err(host, 'session.unlock', { username: ADMIN.username, password: `sai ${i}` });
      known.push(e.retryAfterMs ?? 0);
      clock.advance(e.retryAfterMs ?? 0);
    }
    clock.advance(THROTTLE_MAX_MS);
    await ok(host, 'session.unlock', ADMIN); // clears both counters
    await ok(host, 'session.lock', {});
    const unknown: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const e = await err(host, 'session.unlock', { username: 'khongcoai', password: `sai ${i}` });
      expect(e.code).toBe('AUTH_FAILED');
      unknown.push(e.retryAfterMs ?? 0);
      clock.advance(e.retryAfterMs ?? 0);
    }
    expect(unknown).toEqual(known);
    expect(known).toEqual([0, 0, 1000, 2000, 4000]);
  });

  it('no eviction: 10,000 failures with distinct unknown names and a success elsewhere leave a known counter intact', () => {
    const target = 'a'.repeat(64);
    const other = 'b'.repeat(64);
    const recovery = 'c'.repeat(64);
    const file = {
      lookupSalt: '',
      slots: [{ lookup: target }, { lookup: other }],
      throttle: {},
      pendingFailures: [],
    } as unknown as VaultFileData;
    let now = 0;
    for (let i = 0; i < 9; i += 1) noteFailure(file, { key: target, global: true, now, at: '', recoveryKey: recovery });
    for (let i = 0; i < 10_000; i += 1) {
      now += 1;
      noteFailure(file, { key: null, global: true, now, at: '', recoveryKey: recovery });
    }
    noteSuccess(file, { key: other, global: true, recoveryKey: recovery });
    expect(file.throttle[target]).toEqual({ failures: 9, lastFailureAt: 0 });
    expect(Object.keys(file.throttle)).toEqual([target]);
    // The audit trail keeps the target's failures; unknown ones are dropped first when the list is full.
    expect(file.pendingFailures).toHaveLength(1000);
    expect(file.pendingFailures.filter((f) => f.lookup === target)).toHaveLength(9);
    expect(file.pendingFailures.every((f) => f.lookup === target || f.lookup === null)).toBe(true);
    expect(throttleWaitMs(file, target, true, 0)).toBe(64_000);
  });
});

describe('item 8: re-authentication inside a session is throttled too', () => {
  it('attack: unlimited guesses at the administrator’s password on an unattended unlocked screen (rekey, recovery rotation, password change) — now throttled', async () => {
    const clock = new TestClock();
    const { host, dataDir } = await setupVault(undefined, clock);
    const tries = [
      () => err(host, 'vault.rekey', { password: 'đoán một' }),
      () => err(host, 'vault.rotateRecovery', { password: 'đoán hai' }),
      () => err(host, 'session.changePassword', { currentPassword: 'đoán ba', newPassword: 'mật khẩu mới đủ dài 1' }),
    ];
    const codes: string[] = [];
    for (const t of [...tries, tries[0]!]) codes.push((await t()).code);
    // Three free tries, then the same delay as at the sign-in screen, before any argon2 work is spent.
    expect(codes).toEqual(['AUTH_FAILED', 'AUTH_FAILED', 'AUTH_FAILED', 'AUTH_THROTTLED']);
    // Re-authentications are audited by the router at once; they are not queued as failed sign-ins.
    expect(readVault(dataDir).pendingFailures).toEqual([]);
    clock.advance(1000);
    await ok(host, 'vault.rotateRecovery', { password: ADMIN.password });
  });
});

describe('item 12: names typed at sign-in leave nothing in vault.json unless they are accounts', () => {
  it('attack: a password typed into the name box is kept as a fast HMAC in vault.json — now nothing derived from it is stored', async () => {
    const clock = new TestClock();
    const { host, dataDir } = await setupVault(undefined, clock);
    await ok(host, 'session.lock', {});
    const typed = 'matkhau.bimat.2026'; // a password typed where the name goes
    for (let i = 0; i < 3; i += 1) {
      const e = await err(host, 'session.unlock', { username: typed, password: ADMIN.password });
      clock.advance(e.retryAfterMs ?? 0);
    }
    const file = readVault(dataDir);
    const text = vaultText(dataDir);
    const h = lookupOf(file, typed);
    expect(text).not.toContain(h);
    expect(text).not.toContain(Buffer.from(h, 'hex').toString('base64'));
    expect(text).not.toContain(Buffer.from(h, 'hex').toString('base64url'));
    // Every counter left in the file belongs to a slot (or is the recovery slot's fixed key).
    const allowed = new Set([...file.slots.map((s) => s.lookup), recoveryKeyOf(file)]);
    expect(Object.keys(file.throttle).every((k) => allowed.has(k))).toBe(true);
    expect(file.pendingFailures).toHaveLength(3);
    expect(file.pendingFailures.every((f) => f.lookup === null)).toBe(true);
    expect(file.throttleGlobal?.failures).toBe(3);

    // The failures are still audited at the next sign-in, as tries with an unknown name.
    clock.advance(THROTTLE_MAX_MS);
    await ok(host, 'session.unlock', ADMIN);
    const rows = host
      .openState()
      .raw.prepare("SELECT detail FROM audit_log WHERE action = 'session.signin' AND outcome = 'failed'")
      .all() as { detail: string }[];
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(JSON.parse(r.detail)).toMatchObject({ knownAccount: false });
    expect(vaultText(dataDir)).not.toMatch(/"throttleGlobal"/);
  });

  it('a vault.json written by the old version loses the hashes of unknown names at the next try', async () => {
    const clock = new TestClock();
    const { host, dataDir } = await setupVault(undefined, clock);
    await ok(host, 'session.lock', {});
    const file = readVault(dataDir);
    const legacy = lookupOf(file, 'tenla.ai.do');
    file.throttle[legacy] = { failures: 2, lastFailureAt: clock.ms - 10 };
    file.pendingFailures = [{ lookup: legacy, at: new Date(clock.ms).toISOString() }];
    fs.writeFileSync(path.join(dataDir, 'vault.json'), JSON.stringify(file, null, 1));
    await err(host, 'session.unlock', { username: ADMIN.username, password: 'sai mật khẩu rồi' });
    expect(vaultText(dataDir)).not.toContain(legacy);
  });
});

describe('item 9: password tries against a backup are throttled', () => {
  it('attack: unlimited password guesses against a backup through backup.restore — now throttled, across restarts', async () => {
    const clock = new TestClock();
    const { host } = await setupVault(undefined, clock);
    const backup = path.join(tempDir(), 'sao-luu.hosobak');
    await ok(host, 'backup.create', { path: backup });
    // Anyone holding the backup, on a workstation without a vault: no sign-in is needed to try.
    const fresh = tempDir();
    const { host: h1 } = makeHost(fresh, clock);
    const waits: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const e = await err(h1, 'backup.restore', { path: backup, username: ADMIN.username, password: `đoán ${i}` });
      expect(e.code).toBe('AUTH_FAILED');
      waits.push(e.retryAfterMs ?? 0);
      if (i < 3) clock.advance(e.retryAfterMs ?? 0);
    }
    expect(waits).toEqual([0, 0, 1000, 2000]);
    const throttled = await err(h1, 'backup.restore', { path: backup, ...ADMIN });
    expect(throttled.code).toBe('AUTH_THROTTLED');
    // A restart (a new CLI process) does not reset the count, and the file holds no name.
    const { host: h2 } = makeHost(fresh, clock);
    expect((await err(h2, 'backup.restore', { path: backup, ...ADMIN })).code).toBe('AUTH_THROTTLED');
    const counter = fs.readFileSync(path.join(fresh, 'restore-throttle.json'), 'utf8');
    expect(Object.keys(JSON.parse(counter)).sort()).toEqual(['failures', 'lastFailureAt']);
    clock.advance(2000);
    await ok(h2, 'backup.restore', { path: backup, ...ADMIN });
    expect(fs.existsSync(path.join(fresh, 'restore-throttle.json'))).toBe(false);
  });

  it('a signed-in administrator’s wrong guesses at a backup are throttled and audited', async () => {
    const clock = new TestClock();
    const { host } = await setupVault(undefined, clock);
    const backup = path.join(tempDir(), 'sao-luu.hosobak');
    await ok(host, 'backup.create', { path: backup });
    for (let i = 0; i < 4; i += 1) {
      const e = await err(host, 'backup.restore', { path: backup, username: LEADER.username, password: `đoán ${i}` });
      expect(e.code).toBe('AUTH_FAILED');
      if (i < 3) clock.advance(e.retryAfterMs ?? 0);
    }
    expect((await err(host, 'backup.restore', { path: backup, ...ADMIN })).code).toBe('AUTH_THROTTLED');
    const rows = host
      .openState()
      .raw.prepare("SELECT detail FROM audit_log WHERE action = 'backup.restore' AND outcome = 'failed'")
      .all() as { detail: string }[];
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.detail).not.toContain(LEADER.username);
  });
});
