import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError, ErrorCodes } from '../../shared/domain/errors';

/**
 * The vault file (vault.json) beside the database: key slots, their MAC, the MACed audit head and the
 * failed-unlock counters. It holds no secret in clear and no personal data: account names appear only as
 * keyed hashes ("lookup"), and the data key only wrapped.
 */
const b64 = z
  .string()
  .regex(/^[A-Za-z0-9+/_-]*=*$/)
  .max(4096);
const sealedSchema = z.object({ iv: b64, ct: b64, tag: b64 }).strict();

export const slotSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(['account', 'recovery']),
    accountId: z.string().uuid().nullable(),
    lookup: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    kdf: z
      .object({
        alg: z.literal('argon2id'),
        version: z.literal(19),
        memoryKiB: z.number().int().positive().max(4_194_304),
        iterations: z.number().int().positive().max(1000),
        parallelism: z.number().int().min(1).max(16),
        salt: b64,
      })
      .strict(),
    publicKey: b64,
    sealedPrivateKey: sealedSchema,
    wrappedDataKey: sealedSchema.extend({ epk: b64 }).strict(),
    createdAt: z.string().max(40),
  })
  .strict();
export type Slot = z.infer<typeof slotSchema>;

const vaultFileSchema = z
  .object({
    format: z.literal('hoso-vault'),
    version: z.literal(1),
    workstationId: z.string().uuid(),
    lookupSalt: b64,
    slots: z.array(slotSchema).max(10_000),
    slotsMac: b64,
    /** Raised by every change of who can open the data; also kept in the database (see binding.ts). */
    generation: z.number().int().nonnegative().optional(),
    /** A file without one reads as an unsigned head, which refuses to open (binding.ts) rather than failing to parse. */
    auditHead: z
      .object({ seq: z.number().int().nonnegative(), hash: z.string().max(128), mac: b64 })
      .strict()
      .default({ seq: 0, hash: '', mac: '' }),
    throttle: z.record(
      z.string().regex(/^[0-9a-f]{64}$/),
      z.object({ failures: z.number().int().nonnegative(), lastFailureAt: z.number() }).strict(),
    ),
    /** Every failed sign-in, whatever the name (see throttle.ts); absent until the first failure. */
    throttleGlobal: z
      .object({ failures: z.number().int().nonnegative(), lastFailureAt: z.number() })
      .strict()
      .optional(),
    /** `lookup` is null for a name that has no slot: nothing derived from an unknown name is kept. */
    pendingFailures: z
      .array(
        z
          .object({
            lookup: z
              .string()
              .regex(/^[0-9a-f]{64}$/)
              .nullable(),
            at: z.string().max(40),
          })
          .strict(),
      )
      .max(10_000),
  })
  .strict();
export type VaultFileData = z.infer<typeof vaultFileSchema>;

export const VAULT_FILE = 'vault.json';
export const DB_FILE = 'hoso.db';

export function vaultFilePath(dataDir: string): string {
  return path.join(dataDir, VAULT_FILE);
}

export function vaultExists(dataDir: string): boolean {
  return fs.existsSync(vaultFilePath(dataDir));
}

export function readVaultFile(dataDir: string): VaultFileData {
  let text: string;
  try {
    text = fs.readFileSync(vaultFilePath(dataDir), 'utf8');
  } catch {
    throw new AppError(ErrorCodes.VAULT_NOT_FOUND, 'no vault in this data directory');
  }
  return parseVaultFile(text);
}

export function parseVaultFile(text: string): VaultFileData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(ErrorCodes.VAULT_TAMPERED, 'vault file is not valid JSON');
  }
  const parsed = vaultFileSchema.safeParse(json);
  if (!parsed.success) throw new AppError(ErrorCodes.VAULT_TAMPERED, 'vault file does not have the expected shape');
  return parsed.data;
}

/**
 * Writes atomically: a crash leaves either the old file or the new one, never half of one. `durable: false`
 * skips the fsync, for the audit head, which may lag after a crash (a head behind the log is not tampering)
 * and is written after every audited call.
 */
export function writeVaultFile(dataDir: string, data: VaultFileData, durable = true): void {
  writeFileAtomic(vaultFilePath(dataDir), JSON.stringify(data, null, 1), durable);
}

export function writeFileAtomic(file: string, content: string | Buffer, durable = true): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    if (typeof content === 'string') fs.writeSync(fd, content);
    else fs.writeSync(fd, content);
    if (durable) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
