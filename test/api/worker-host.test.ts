import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostEvents, InputOf, OutputOf, ProcedureName } from '../../shared/contract';
import type { Result } from '../../shared/domain/errors';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';
import { WorkerHostClient } from '../../electron/host/worker-client';
import { ADMIN, tempDir } from '../support/host';

/** The bundle Electron's main process starts; `npm run check` builds it before the unit tests run. */
const WORKER_BUNDLE = path.resolve('dist/electron/host-worker.cjs');

type Locked = HostEvents['session.locked'];

describe('the host worker (dist/electron/host-worker.cjs) driven as Electron main drives it', () => {
  const client = new WorkerHostClient();
  const prefs = new MemoryPreferencesStore();
  const locks: Locked[] = [];
  let waiters: ((e: Locked) => void)[] = [];

  async function call<K extends ProcedureName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
    return (await client.call(name, input)) as Result<OutputOf<K>>;
  }
  async function ok<K extends ProcedureName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
    const r = await call(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code}`);
    return r.value;
  }
  function nextLock(): Promise<Locked> {
    return new Promise((resolve) => waiters.push(resolve));
  }

  beforeAll(async () => {
    if (!fs.existsSync(WORKER_BUNDLE)) execFileSync(process.execPath, ['build/build-node.mjs'], { stdio: 'inherit' });
    client.on('session.locked', (e) => {
      locks.push(e);
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve(e);
    });
    // The floor argon2 cost (64 MiB, 3 passes) is still real argon2id; "tuned" would spend ~0.7 s per slot.
    await client.start(WORKER_BUNDLE, tempDir('hoso-worker-'), prefs, { kdfPolicy: 'floor' });
  });

  afterAll(async () => {
    await client.close();
  });

  it('creates a vault, and the administrator is signed in', async () => {
    expect((await ok('app.status', {})).vaultExists).toBe(false);
    const created = await ok('vault.create', {
      adminUsername: ADMIN.username,
      adminDisplayName: 'Quản trị viên',
      password: ADMIN.password,
      leader: { username: 'truongphong', displayName: 'Trưởng phòng', password: 'mật khẩu lãnh đạo 1' },
    });
    expect(created.session.role).toBe('admin');
    expect(created.recoveryKey).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect((await ok('app.status', {})).unlocked).toBe(true);
  });

  it('locks on request and posts session.locked to the parent', async () => {
    const event = nextLock();
    expect(await ok('session.lock', {})).toEqual({ locked: true });
    expect(await event).toEqual({ reason: 'manual' });
    expect((await ok('app.status', {})).unlocked).toBe(false);
    const r = await call('accounts.list', {});
    expect(r.ok ? null : r.error.code).toBe('LOCKED');
  });

  it('refuses a wrong password with AUTH_FAILED and opens with the right one', async () => {
    const wrong = await call('session.unlock', { username: ADMIN.username, password: 'không phải mật khẩu' });
    expect(wrong.ok ? null : wrong.error.code).toBe('AUTH_FAILED');
    const session = await ok('session.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(session.username).toBe(ADMIN.username);
    expect(await ok('accounts.list', {})).toHaveLength(2);
  });

  it('locks when main reports a system event, and the event reaches the parent', async () => {
    const before = locks.length;
    const event = nextLock();
    client.lock('suspend');
    expect(await event).toEqual({ reason: 'suspend' });
    expect(locks.length).toBe(before + 1);
    expect((await ok('app.status', {})).unlocked).toBe(false);
  });

  it('keeps preferences with the parent: the worker reads and writes them over the port', async () => {
    expect((await ok('app.status', {})).preferences).toEqual({ language: 'vi', idleMinutes: 10 });
    // Locked (the last test ended with a system lock): only the language may change; the rest needs a session.
    expect(await ok('prefs.setLanguage', { language: 'en' })).toEqual({ language: 'en', idleMinutes: 10 });
    await ok('session.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(await ok('prefs.set', { idleMinutes: 15 })).toEqual({ language: 'en', idleMinutes: 15 });
    expect(await prefs.load()).toEqual({ language: 'en', idleMinutes: 15 });
    expect((await ok('app.status', {})).preferences).toEqual({ language: 'en', idleMinutes: 15 });
  });

  it('answers an unknown procedure with UNKNOWN_PROCEDURE, and input that is not plain data with INVALID_INPUT', async () => {
    const r = await client.call('vault.destroy', {});
    expect(r.ok ? null : r.error.code).toBe('UNKNOWN_PROCEDURE');
    const bad = await client.call('app.status', { callback: () => 1 });
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_INPUT');
  });
});

describe('a stopped host worker', () => {
  it('answers every call with INTERNAL once closed, instead of hanging', async () => {
    if (!fs.existsSync(WORKER_BUNDLE)) execFileSync(process.execPath, ['build/build-node.mjs'], { stdio: 'inherit' });
    const client = new WorkerHostClient();
    await client.start(WORKER_BUNDLE, tempDir('hoso-worker-'), new MemoryPreferencesStore(), { kdfPolicy: 'floor' });
    expect((await client.call('app.status', {})).ok).toBe(true);
    await client.close();
    const r = await client.call('app.status', {});
    expect(r.ok ? null : r.error.code).toBe('INTERNAL');
  });
});

describe('the SQLite binding main passes to the worker (npm start uses an Electron build of it)', () => {
  const nodeBinary = path.resolve('node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node');

  async function createVaultWith(sqliteBinding: string) {
    const client = new WorkerHostClient();
    await client.start(WORKER_BUNDLE, tempDir('hoso-worker-'), new MemoryPreferencesStore(), {
      kdfPolicy: 'floor',
      sqliteBinding,
    });
    try {
      return await client.call('vault.create', {
        adminUsername: ADMIN.username,
        adminDisplayName: 'Quản trị viên',
        password: ADMIN.password,
        leader: { username: 'truongphong', displayName: 'Trưởng phòng', password: 'mật khẩu lãnh đạo 1' },
      });
    } finally {
      await client.close();
    }
  }

  it('opens the database through the binary at that path', async () => {
    const copy = path.join(tempDir('hoso-binding-'), 'better_sqlite3.node');
    fs.copyFileSync(nodeBinary, copy);
    expect((await createVaultWith(copy)).ok).toBe(true);
  });

  it('fails closed when that path holds no binary', async () => {
    const r = await createVaultWith(path.join(tempDir('hoso-binding-'), 'missing.node'));
    expect(r.ok ? null : r.error.code).toBe('INTERNAL');
  });
});
