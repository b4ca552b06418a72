import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InputOf, OutputOf, ProcedureName } from '../../shared/contract';
import type { ApiError, Result } from '../../shared/domain/errors';
import { HostCore } from '../../electron/host/host';
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
  const host = new HostCore({
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

/** A fresh vault with its first administrator signed in, plus one unit. */
export async function setupVault(dataDir?: string, clock?: TestClock) {
  const h = makeHost(dataDir, clock);
  const created = await ok(h.host, 'vault.create', {
    adminUsername: ADMIN.username,
    adminDisplayName: 'Quản trị viên',
    password: ADMIN.password,
    unit: { code: 'PC04-TQ', name: 'Phòng Cảnh sát điều tra tội phạm về ma túy', kind: 'province_department' },
  });
  return { ...h, created };
}
