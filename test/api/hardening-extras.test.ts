import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vacuumIntoPrivateFile } from '../../electron/backup/backup';
import { openEncrypted } from '../../electron/db/connection';
import { appKdfPolicy, policyFromEnv } from '../../electron/vault/kdf-policy';
import { ok, setupVault, tempDir } from '../support/host';

/** Issue 9, extras: the VACUUM INTO copy's mode, and HOSO_KDF=floor outside tests. */

const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe('the VACUUM INTO copy (backups, and the backup a rekey takes first)', () => {
  it('attack: SQLite creates the VACUUM INTO file world-readable (0644) — now it is owner-only (0600)', async () => {
    const { host } = await setupVault();
    const raw = host.openState().raw;
    const dir = tempDir();
    const previous = process.umask(0o022); // the usual umask, under which SQLite's own file is 0644
    try {
      // The premise: what SQLite does on its own.
      const plain = path.join(dir, 'plain.db');
      raw.prepare('VACUUM INTO ?').run(plain);
      expect(mode(plain)).toBe(0o644);
      // The fix: the file exists, owner-only, before SQLite writes into it; it is still a valid copy.
      const copy = path.join(dir, 'copy.db');
      vacuumIntoPrivateFile(raw, copy);
      expect(mode(copy)).toBe(0o600);
      openEncrypted(copy, host.openState().dataKey).close();
    } finally {
      process.umask(previous);
    }
  });

  it('backup.create writes its temporary copy and the backup file 0600, and leaves no temporary file', async () => {
    const { host, dataDir } = await setupVault();
    const raw = host.openState().raw;
    const seen: number[] = [];
    const prepare = raw.prepare.bind(raw);
    // A pass-through spy: the statement runs for real; the test only looks at the file it wrote.
    raw.prepare = ((sql: string) => {
      const st = prepare(sql);
      if (!sql.startsWith('VACUUM INTO')) return st;
      return {
        run: (file: string) => {
          const r = st.run(file);
          seen.push(mode(file));
          return r;
        },
      };
    }) as typeof raw.prepare;
    const out = path.join(tempDir(), 'b.hosobak');
    try {
      await ok(host, 'backup.create', { path: out });
    } finally {
      raw.prepare = prepare;
    }
    expect(seen).toEqual([0o600]);
    expect(mode(out)).toBe(0o600);
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('HOSO_KDF=floor is for tests and development only', () => {
  it('a packaged app ignores HOSO_KDF=floor; a development run and the CLI honour it', () => {
    expect(appKdfPolicy(true, { HOSO_KDF: 'floor' })).toBe('tuned');
    expect(appKdfPolicy(false, { HOSO_KDF: 'floor' })).toBe('floor');
    expect(appKdfPolicy(false, {})).toBe('tuned');
    expect(policyFromEnv({ HOSO_KDF: 'floor' })).toBe('floor');
  });

  it('the host worker bundle never reads HOSO_KDF (main passes the policy it chose)', () => {
    // Built by the global setup (build/build-node.mjs). The worker's only policy is the one main hands it.
    const worker = fs.readFileSync(path.resolve('dist/electron/host-worker.cjs'), 'utf8');
    expect(worker).not.toContain('HOSO_KDF');
    const main = fs.readFileSync(path.resolve('dist/electron/main.cjs'), 'utf8');
    expect(main).toMatch(/isPackaged/);
  });
});
