import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { DB } from './schema';
import { cachingDatabase } from './statement-cache';

export type RawDatabase = Database.Database;

/**
 * The page cipher of new databases: AEGIS-256 (SQLite3MultipleCiphers' `aegis`), an authenticated cipher, so a
 * flipped bit is detected rather than decrypted. Each page is written with a fresh random 256-bit nonce and a
 * 256-bit tag, under a one-time key bound to the page's number (a page moved elsewhere fails its tag).
 *
 * Chosen over ChaCha20-Poly1305 for what a page costs to read (issue 8): every page the cache misses is decrypted
 * and its tag checked. Measured here on 04/12/2026 (a table scan, 4 KiB pages, OS cache warm): plain SQLite
 * 1.4 µs a page, AEGIS-256 1.8 µs, ChaCha20-Poly1305 9.7 µs (SQLite3MultipleCiphers builds it in portable C), SQLCipher
 * (AES-CBC + HMAC-SHA512) 10.8 µs. AEGIS runs on the AES instructions every x86-64 CPU of the last decade has, picked
 * at run time; without them libaegis' portable code decrypts correctly, only slower.
 */
export const CIPHER = 'aegis' as const;
const CIPHER_ALGORITHM = 'aegis-256';

/**
 * Ciphers of databases written by earlier versions, still opened: a vault made before 04/12/2026 is ChaCha20-Poly1305
 * (`chacha20`) and stays so (converting it would rewrite every page; SQLite3MultipleCiphers does that through a
 * VACUUM held in memory, the size of the file, because the two ciphers reserve different room on a page).
 */
export const LEGACY_CIPHERS = ['chacha20'] as const;
export type PageCipher = typeof CIPHER | (typeof LEGACY_CIPHERS)[number];

/** The cipher each open connection was keyed with: a rekey keeps it (see `rekeyConnection`). */
const cipherOf = new WeakMap<RawDatabase, PageCipher>();

/** Names the cipher (and AEGIS' variant) that the next key or rekey of the connection uses. */
function selectCipher(raw: RawDatabase, cipher: PageCipher): void {
  raw.pragma(`cipher='${cipher}'`);
  if (cipher === CIPHER) raw.pragma(`algorithm='${CIPHER_ALGORITHM}'`);
}

function applyKey(raw: RawDatabase, cipher: PageCipher, dataKey: Buffer): boolean {
  selectCipher(raw, cipher);
  raw.pragma(`key="x'${dataKey.toString('hex')}'"`);
  try {
    raw.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    cipherOf.set(raw, cipher);
    return true;
  } catch {
    return false;
  }
}

/**
 * Applies the cipher and the raw 256-bit key to a freshly opened connection, then proves the key.
 *
 * A wrong key does not fail at PRAGMA key; it fails at the first page read, so sqlite_master is read here. A new
 * (empty) file takes the current cipher; an existing one is tried with the current cipher, then with the ciphers
 * of earlier versions. The key is passed in SQLite's blob-literal form, which tells SQLite3MultipleCiphers to skip
 * its own KDF.
 */
export function keyConnection(raw: RawDatabase, dataKey: Buffer): PageCipher {
  if (dataKey.length !== 32) throw new AppError(ErrorCodes.INTERNAL, 'data key must be 32 bytes');
  for (const cipher of [CIPHER, ...LEGACY_CIPHERS] as PageCipher[]) if (applyKey(raw, cipher, dataKey)) return cipher;
  throw new AppError(ErrorCodes.AUTH_FAILED, 'database key rejected');
}

/** The cipher a keyed connection reads its file with. */
export function connectionCipher(raw: RawDatabase): PageCipher {
  const c = cipherOf.get(raw);
  if (!c) throw new AppError(ErrorCodes.INTERNAL, 'connection not keyed');
  return c;
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

/** A connection to a file that holds no records (the data directory's lock, dir-lock.ts): no key, no cipher. */
export function openPlain(path: string): RawDatabase {
  return new Database(path, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
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
  // The file keeps its cipher: a rekey to another one would move every page's reserved bytes through a VACUUM.
  selectCipher(raw, connectionCipher(raw));
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
  const cipher = cipherOf.get(raw) ?? CIPHER;
  return { sqlite: row.s, cipher: `${row.c} (${cipher === CIPHER ? CIPHER_ALGORITHM : cipher})` };
}
