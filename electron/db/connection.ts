import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { DB } from './schema';
import { cachingDatabase } from './statement-cache';

export type RawDatabase = Database.Database;

/** The page cipher: ChaCha20-Poly1305, authenticated, so a flipped bit is detected rather than decrypted. */
export const CIPHER = 'chacha20';

/**
 * Applies the cipher and the raw 256-bit key to a freshly opened connection, then proves the key.
 *
 * A wrong key does not fail at PRAGMA key; it fails at the first page read, so sqlite_master is read here.
 * The key is passed in SQLite's blob-literal form, which tells SQLite3MultipleCiphers to skip its own KDF.
 */
export function keyConnection(raw: RawDatabase, dataKey: Buffer): void {
  if (dataKey.length !== 32) throw new AppError(ErrorCodes.INTERNAL, 'data key must be 32 bytes');
  raw.pragma(`cipher='${CIPHER}'`);
  raw.pragma(`key="x'${dataKey.toString('hex')}'"`);
  try {
    raw.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch {
    throw new AppError(ErrorCodes.AUTH_FAILED, 'database key rejected');
  }
}

/** Connection settings that every open applies after keying. */
export function configureConnection(raw: RawDatabase): void {
  // The bundled SQLite3MultipleCiphers (< 2.6.0) writes temporary files in clear: keep them in memory.
  raw.pragma('temp_store = MEMORY');
  raw.pragma('secure_delete = ON');
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // 128 MiB of decrypted pages (issue 8): every miss of the encrypted file costs a read, a decryption and a MAC
  // check where plain SQLite copies from the OS cache, so at a million people the cache's size is what keeps name
  // search within 1.25x plain. The app holds one connection; the memory budget (400 MB) is measured with it.
  raw.pragma('cache_size = -131072');
}

let nativeBinding: string | undefined;

/**
 * Under `npm start` the Node build of better-sqlite3 does not match Electron's ABI: main passes the path of
 * an Electron build to the worker, which sets it here before any database opens. Never taken from the
 * environment, so the environment cannot choose which native code a packaged app loads.
 */
export function useSqliteBinding(file: string): void {
  nativeBinding = file;
}

export function openEncrypted(path: string, dataKey: Buffer): RawDatabase {
  const raw = new Database(path, nativeBinding ? { nativeBinding } : undefined);
  // Owner-only: SQLite gives the -wal and -shm files the database file's mode.
  fs.chmodSync(path, 0o600);
  try {
    keyConnection(raw, dataKey);
    configureConnection(raw);
    return raw;
  } catch (e) {
    raw.close();
    throw e;
  }
}

/** Re-encrypts the whole database under a new key. SQLite3MultipleCiphers refuses rekey in WAL mode. */
export function rekeyConnection(raw: RawDatabase, newKey: Buffer): void {
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.pragma('journal_mode = DELETE');
  raw.pragma(`rekey="x'${newKey.toString('hex')}'"`);
  raw.pragma('journal_mode = WAL');
}

/**
 * Kysely's camelCase plugin with its name conversions remembered: it converts every key of every row read (and
 * every name of every query built) character by character, which was a tenth of a bundle export's time.
 */
class RememberingCamelCasePlugin extends CamelCasePlugin {
  private readonly camel = new Map<string, string>();
  private readonly snake = new Map<string, string>();

  protected override camelCase(str: string): string {
    let v = this.camel.get(str);
    if (v === undefined) {
      if (this.camel.size > 10_000) this.camel.clear();
      this.camel.set(str, (v = super.camelCase(str)));
    }
    return v;
  }

  protected override snakeCase(str: string): string {
    let v = this.snake.get(str);
    if (v === undefined) {
      if (this.snake.size > 10_000) this.snake.clear();
      this.snake.set(str, (v = super.snakeCase(str)));
    }
    return v;
  }
}

export function createKysely(raw: RawDatabase): Kysely<DB> {
  // Prepared statements are kept by SQL text (statement-cache.ts): Kysely would prepare every query afresh.
  return new Kysely<DB>({
    dialect: new SqliteDialect({ database: cachingDatabase(raw) }),
    plugins: [new RememberingCamelCasePlugin()],
  });
}

export function sqliteVersions(raw: RawDatabase): { sqlite: string; cipher: string } {
  const row = raw.prepare('SELECT sqlite_version() AS s, sqlite3mc_version() AS c').get() as { s: string; c: string };
  return { sqlite: row.s, cipher: `${row.c} (${CIPHER})` };
}
