import fs from 'node:fs';
import path from 'node:path';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { openPlain, type RawDatabase } from './connection';

/** The lock file beside the vault (it holds no data: an empty SQLite file whose lock is the point). */
export const LOCK_FILE = 'hoso.lock';

/**
 * One program at a time on a data directory: the desktop app, or one `hoso` command. Two of them on one vault
 * would each keep their own audit chain head, HLC clock and vault.json in memory and write over each other's
 * (audit appends clash on their sequence number; a backup restore could swap the files under the other).
 *
 * The lock is SQLite's own exclusive lock on `hoso.lock`, held by a connection in exclusive locking mode: the
 * operating system's file lock (fcntl on Linux, LockFileEx on Windows), which it releases when the process ends
 * however it ends (a crash, kill -9, a power cut leave no stale lock to clear by hand). A second connection,
 * in another process or in this one, is refused at once (no busy wait).
 */
export class DataDirLock {
  private conn: RawDatabase | null = null;

  constructor(private readonly dataDir: string) {}

  /**
   * Takes the lock if this program does not hold it yet. A directory that does not exist yet is not locked (there
   * is nothing in it to protect: the call that creates the vault takes the lock once the directory is made).
   */
  claim(): void {
    if (this.conn || !fs.existsSync(this.dataDir)) return;
    const file = path.join(this.dataDir, LOCK_FILE);
    let conn: RawDatabase;
    try {
      conn = openPlain(file);
    } catch (e) {
      // A file the system refuses (permissions, a read-only medium) is said so; anything else (a driver that
      // does not load) fails closed as it is.
      if (!isFileError(e)) throw e;
      throw new AppError(ErrorCodes.IO_ERROR, `the lock file cannot be opened (${codeOf(e)})`);
    }
    try {
      fs.chmodSync(file, 0o600);
      conn.pragma('locking_mode = EXCLUSIVE');
      // An exclusive transaction takes the lock; in exclusive locking mode the connection keeps it after COMMIT.
      conn.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (e) {
      conn.close();
      const code = codeOf(e);
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
        throw new AppError(ErrorCodes.DATA_DIR_IN_USE, 'the data directory is open in another HoSo program');
      throw new AppError(ErrorCodes.IO_ERROR, `the lock file cannot be locked (${code})`);
    }
    this.conn = conn;
  }

  release(): void {
    const c = this.conn;
    this.conn = null;
    c?.close();
  }
}

function isFileError(e: unknown): boolean {
  const code = codeOf(e);
  return code.startsWith('SQLITE_') || /^E[A-Z]+$/.test(code);
}

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}
