import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CIPHER,
  connectionCipher,
  keyConnection,
  openEncrypted,
  rekeyConnection,
  sqliteVersions,
} from '../../electron/db/connection';
import { ok, setupVault, tempDir } from '../support/host';

/** Opens a file with one cipher named outright, as SQLite3MultipleCiphers would without HoSo's choice. */
function opensWith(file: string, cipher: string, key: Buffer): boolean {
  const raw = new Database(file, { readonly: true });
  try {
    raw.pragma(`cipher='${cipher}'`);
    raw.pragma(`key="x'${key.toString('hex')}'"`);
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    raw.close();
  }
}

/** A database written as versions before 04/12/2026 wrote it: ChaCha20-Poly1305 pages. */
function legacyFile(dir: string, key: Buffer): string {
  const file = path.join(dir, 'legacy.db');
  const raw = new Database(file);
  raw.pragma("cipher='chacha20'");
  raw.pragma(`key="x'${key.toString('hex')}'"`);
  raw.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('một'), ('hai');");
  raw.close();
  return file;
}

describe('page cipher', () => {
  it('writes a new vault in AEGIS-256: the file opens with it and not with ChaCha20', async () => {
    const { host, dataDir } = await setupVault();
    const key = Buffer.from(host.openState().dataKey);
    expect(connectionCipher(host.openState().raw)).toBe('aegis');
    expect(sqliteVersions(host.openState().raw).cipher).toMatch(/\(aegis-256\)$/);
    await ok(host, 'session.lock', {});
    const file = path.join(dataDir, 'hoso.db');
    expect(opensWith(file, 'aegis', key)).toBe(true);
    expect(opensWith(file, 'chacha20', key)).toBe(false);
    expect(opensWith(file, 'aegis', crypto.randomBytes(32))).toBe(false);
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toContain('SQLite format');
  });

  it('detects a flipped bit in a page instead of decrypting it', async () => {
    const dir = tempDir();
    const key = crypto.randomBytes(32);
    const file = path.join(dir, 'flip.db');
    const raw = openEncrypted(file, key);
    raw.pragma('journal_mode = DELETE');
    raw.exec('CREATE TABLE t (v TEXT)');
    const ins = raw.prepare('INSERT INTO t VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 2_000; i++) ins.run(`hàng số ${i}`);
    })();
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const bytes = fs.readFileSync(file);
    const pageSize = 4096;
    expect(bytes.length).toBeGreaterThan(4 * pageSize);
    bytes[3 * pageSize + 100]! ^= 0x01; // one bit of page 4, a leaf of t
    fs.writeFileSync(file, bytes);
    const again = openEncrypted(file, key);
    expect(() => again.prepare('SELECT count(*) AS n, max(v) AS m FROM t').get()).toThrow();
    again.close();
  });

  it('still opens a vault written with ChaCha20 by an earlier version, and a rekey keeps its cipher', () => {
    const dir = tempDir();
    const key = crypto.randomBytes(32);
    const file = legacyFile(dir, key);
    const raw = new Database(file);
    expect(keyConnection(raw, key)).toBe('chacha20');
    expect(raw.prepare('SELECT v FROM t ORDER BY rowid').pluck().all()).toEqual(['một', 'hai']);
    expect(sqliteVersions(raw).cipher).toMatch(/\(chacha20\)$/);
    const next = crypto.randomBytes(32);
    rekeyConnection(raw, next);
    raw.close();
    expect(opensWith(file, 'chacha20', next)).toBe(true);
    expect(opensWith(file, CIPHER, next)).toBe(false);
    expect(() => openEncrypted(file, key)).toThrow(/key rejected/);
    expect(openEncrypted(file, next).prepare('SELECT count(*) FROM t').pluck().get()).toBe(2);
  });

  it('refuses a wrong key under every cipher it knows and leaves the file as it was', () => {
    const dir = tempDir();
    const key = crypto.randomBytes(32);
    const file = legacyFile(dir, key);
    const before = fs.readFileSync(file);
    expect(() => openEncrypted(file, crypto.randomBytes(32))).toThrow(/key rejected/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
