import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { RawDatabase } from '../db/connection';
import { openEncrypted } from '../db/connection';
import { anchorToDatabase, unanchored } from '../vault/binding';
import { Vault } from '../vault/vault';
import {
  DB_FILE,
  parseVaultFile,
  VAULT_FILE,
  writeFileAtomic,
  writeVaultFile,
  type VaultFileData,
} from '../vault/vault-file';
import type { KdfPolicy } from '../vault/kdf-policy';

/**
 * A backup file: magic, a length-prefixed JSON header (format, time, workstation, the vault's slots, the
 * database's size and SHA-256), then the database bytes, still encrypted under the data key. It is exactly as
 * safe as the vault: anyone who could unlock the workstation at backup time can open it.
 */
const MAGIC = Buffer.from('HOSOBAK1', 'ascii');
const MAX_HEADER = 16 * 1024 * 1024;

const headerSchema = z
  .object({
    format: z.literal('hoso-backup'),
    version: z.literal(1),
    createdAt: z.string().max(40),
    workstationId: z.string().uuid(),
    dbBytes: z.number().int().positive(),
    dbSha256: z.string().regex(/^[0-9a-f]{64}$/),
    vault: z.unknown(),
  })
  .strict();

/**
 * VACUUM INTO writes a consistent, compacted copy encrypted with the same cipher and key. SQLite would create
 * the file with the process's default mode (0644 under the usual umask); it accepts an existing empty file,
 * so the file is made first, owner-only, and SQLite writes into it.
 */
export function vacuumIntoPrivateFile(raw: RawDatabase, file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
  fs.chmodSync(file, 0o600); // the umask may have narrowed the mode further, never widened it; say it exactly
  raw.prepare('VACUUM INTO ?').run(file);
}

export async function createBackupFile(raw: RawDatabase, vault: Vault, outPath: string) {
  const dir = path.dirname(path.resolve(outPath));
  if (!fs.existsSync(dir)) throw new AppError(ErrorCodes.IO_ERROR, 'the backup folder does not exist');
  const tmp = path.join(vault.dataDir, `backup-${process.pid}-${Date.now()}.tmp`);
  try {
    vacuumIntoPrivateFile(raw, tmp);
    const db = fs.readFileSync(tmp);
    const v = vault.read();
    const header = Buffer.from(
      JSON.stringify({
        format: 'hoso-backup',
        version: 1,
        createdAt: new Date().toISOString(),
        workstationId: v.workstationId,
        dbBytes: db.length,
        dbSha256: crypto.createHash('sha256').update(db).digest('hex'),
        // Without its anchor: only the restore procedure makes this copy a live vault again (binding.ts).
        vault: unanchored({ ...v, throttle: {}, throttleGlobal: undefined, pendingFailures: [] }),
      }),
    );
    const len = Buffer.alloc(4);
    len.writeUInt32BE(header.length);
    const file = Buffer.concat([MAGIC, len, header, db]);
    writeFileAtomic(outPath, file);
    return {
      path: path.resolve(outPath),
      bytes: file.length,
      sha256: crypto.createHash('sha256').update(file).digest('hex'),
    };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export interface ParsedBackup {
  vault: VaultFileData;
  db: Buffer;
  createdAt: string;
  workstationId: string;
  sha256: string;
}

const invalid = (why: string) => new AppError(ErrorCodes.BACKUP_INVALID, `backup file is not valid: ${why}`);

/** Parses and checks a backup without trusting anything in it. */
export function parseBackupFile(file: string): ParsedBackup {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    throw new AppError(ErrorCodes.IO_ERROR, 'the backup file cannot be read');
  }
  if (buf.length < 12 || !buf.subarray(0, 8).equals(MAGIC)) throw invalid('not a HoSo backup');
  const hlen = buf.readUInt32BE(8);
  if (hlen > MAX_HEADER || 12 + hlen > buf.length) throw invalid('header length');
  let header: z.infer<typeof headerSchema>;
  try {
    header = headerSchema.parse(JSON.parse(buf.subarray(12, 12 + hlen).toString('utf8')));
  } catch {
    throw invalid('header');
  }
  const db = buf.subarray(12 + hlen);
  if (db.length !== header.dbBytes) throw invalid('database size');
  if (crypto.createHash('sha256').update(db).digest('hex') !== header.dbSha256) throw invalid('database checksum');
  let vault: VaultFileData;
  try {
    vault = parseVaultFile(JSON.stringify(header.vault));
  } catch {
    throw invalid('vault');
  }
  return {
    vault,
    db,
    createdAt: header.createdAt,
    workstationId: header.workstationId,
    sha256: crypto.createHash('sha256').update(buf).digest('hex'),
  };
}

/**
 * Unpacks a backup into a staging folder and proves it opens: the account's slot unwraps the key, the
 * database accepts it and passes SQLite's integrity check. Nothing live is touched. Returns the folder.
 */
export async function stageBackup(
  parsed: ParsedBackup,
  dataDir: string,
  username: string,
  password: string,
  kdfPolicy: KdfPolicy,
): Promise<string> {
  const staging = path.join(dataDir, `restore-staging-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
  try {
    writeFileAtomic(path.join(staging, VAULT_FILE), JSON.stringify(parsed.vault, null, 1));
    writeFileAtomic(path.join(staging, DB_FILE), parsed.db);
    const v = new Vault(staging, Date.now, kdfPolicy);
    const { dataKey } = await v.unlockAccount(username, password);
    let raw: RawDatabase | undefined;
    try {
      raw = openEncrypted(path.join(staging, DB_FILE), dataKey);
      const check = raw.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw invalid('integrity check');
      const staged = v.read();
      anchorToDatabase(raw, staged, dataKey);
      writeVaultFile(staging, staged);
      raw.pragma('wal_checkpoint(TRUNCATE)');
    } catch (e) {
      if (e instanceof AppError && e.code === ErrorCodes.BACKUP_INVALID) throw e;
      throw invalid('database does not open with the key');
    } finally {
      raw?.close();
      dataKey.fill(0);
    }
    for (const f of [`${DB_FILE}-wal`, `${DB_FILE}-shm`]) fs.rmSync(path.join(staging, f), { force: true });
    return staging;
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (e instanceof AppError && (e.code === ErrorCodes.AUTH_FAILED || e.code === ErrorCodes.AUTH_THROTTLED)) {
      throw new AppError(ErrorCodes.AUTH_FAILED, 'the account or password does not open this backup');
    }
    throw e;
  }
}

/** The set-aside vault.json loses its anchor: copied back by hand it refuses to open (binding.ts). */
function unanchorKeptVault(file: string): void {
  if (!fs.existsSync(file)) return;
  try {
    writeFileAtomic(file, JSON.stringify(unanchored(parseVaultFile(fs.readFileSync(file, 'utf8'))), null, 1));
  } catch {
    // Not a vault file this version reads: nothing to disarm.
  }
}

/**
 * Swaps the staged files in; the replaced ones are kept in a dated folder, never deleted (their vault file
 * without its anchor, so that putting them back takes `hoso audit reanchor`, which is audited).
 */
export function swapInStaged(staging: string, dataDir: string, stamp: string): string {
  const keep = path.join(dataDir, 'replaced', stamp);
  fs.mkdirSync(keep, { recursive: true, mode: 0o700 });
  for (const f of [VAULT_FILE, DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) {
    const live = path.join(dataDir, f);
    if (fs.existsSync(live)) fs.renameSync(live, path.join(keep, f));
  }
  unanchorKeptVault(path.join(keep, VAULT_FILE));
  fs.renameSync(path.join(staging, DB_FILE), path.join(dataDir, DB_FILE));
  fs.renameSync(path.join(staging, VAULT_FILE), path.join(dataDir, VAULT_FILE));
  fs.rmSync(staging, { recursive: true, force: true });
  return keep;
}
