import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InputOf, OutputOf, ProcedureName } from '../../shared/contract';
import type { ApiError, Result } from '../../shared/domain/errors';
import type { HostCore } from '../../electron/host/host';
import { createHost } from '../../electron/host/root';
import { JsonPreferencesStore } from '../../electron/prefs/preferences';

/** A controllable clock: tests move time instead of sleeping. */
export class TestClock {
  constructor(public ms = Date.parse('2026-11-23T08:00:00Z')) {}
  now = () => this.ms;
  advance(ms: number) {
    this.ms += ms;
  }
}

export function tempDir(prefix = 'hoso-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function makeHost(dataDir = tempDir(), clock = new TestClock()) {
  const host = createHost({
    dataDir,
    now: clock.now,
    kdfPolicy: 'floor',
    preferences: new JsonPreferencesStore(path.join(dataDir, 'preferences.json')),
  });
  return { host, dataDir, clock };
}

export async function call<K extends ProcedureName>(
  host: HostCore,
  name: K,
  input: InputOf<K>,
): Promise<Result<OutputOf<K>>> {
  return (await host.call(name, input)) as Result<OutputOf<K>>;
}

export async function ok<K extends ProcedureName>(host: HostCore, name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const r = await call(host, name, input);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export async function err<K extends ProcedureName>(host: HostCore, name: K, input: InputOf<K>): Promise<ApiError> {
  const r = await call(host, name, input);
  if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
  return r.error;
}

export const ADMIN = { username: 'quantri', password: 'mật khẩu rất dài 1' };
/** The first leader, made at setup with its own password: it approves roles that read records. */
export const LEADER = { username: 'truongphong', password: 'mật khẩu lãnh đạo 1' };

/**
 * Signs in as the setup leader and approves every pending grant whose holder has set their own password
 * (separation of duties: a role that reads records, given by an administrator, waits for a leader). Leaves the
 * host locked.
 */
export async function approveGrants(host: HostCore): Promise<number> {
  await host.call('session.lock', {});
  await ok(host, 'session.unlock', LEADER);
  const { pending } = await ok(host, 'accounts.pendingGrants', {});
  let n = 0;
  for (const g of pending.filter((p) => p.ownPasswordSet)) {
    await ok(host, 'accounts.approveGrant', { grantId: g.id });
    n += 1;
  }
  await ok(host, 'session.lock', {});
  return n;
}

/** A fresh vault with its first administrator signed in, plus one unit. */
export async function setupVault(dataDir?: string, clock?: TestClock) {
  const h = makeHost(dataDir, clock);
  const created = await ok(h.host, 'vault.create', {
    adminUsername: ADMIN.username,
    adminDisplayName: 'Quản trị viên',
    password: ADMIN.password,
    leader: { username: LEADER.username, displayName: 'Trưởng phòng', password: LEADER.password },
    unit: { code: 'PC04-TQ', name: 'Phòng Cảnh sát điều tra tội phạm về ma túy', kind: 'province_department' },
  });
  return { ...h, created };
}
