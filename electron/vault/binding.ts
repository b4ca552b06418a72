import { AppError, ErrorCodes, type ErrorCode } from '../../shared/domain/errors';
import type { RawDatabase } from '../db/connection';
import { canonicalJson, hmac, safeEqual, subKey } from './crypto';
import { computeAuditHeadMac } from './slots';
import type { VaultFileData } from './vault-file';

/**
 * Binds vault.json to hoso.db, so that neither file can be swapped for an older copy of itself unnoticed.
 *
 * - The **generation** is a counter in vault.json and in the database's `meta` table. Every vault write that
 *   changes who can open the data (a slot added, replaced or removed, a password change, a recovery key
 *   rotation, a rekey) raises it: see `Vault.seal`. The database's copy is raised when the host next writes
 *   the audit head (after every call), and at unlock.
 * - The **anchor MAC** (the audit head's MAC in vault.json) covers the workstation, the generation, the slot
 *   table's MAC and the audit head. Keyed from the data key: someone with the files only cannot make one, so a
 *   head, a generation or a slot table taken from an older vault.json does not verify beside today's others.
 *
 * On every open (`checkBinding`), before a session starts:
 * 1. the anchor must verify: a blanked, missing or mixed-in head refuses with `VAULT_HEAD_INVALID`; never reset;
 * 2. the database must still hold the entry the head names: a database that ends before it (an older copy)
 *    refuses with `DB_ROLLED_BACK`; one whose entry there differs (another history) with `VAULT_DB_MISMATCH`;
 * 3. the database's generation must not be newer than the vault's: an older vault.json (an old password, a
 *    removed slot brought back) refuses with `VAULT_DB_MISMATCH`.
 *
 * Crash window. The vault is always written first (durably, inside the call) and the database's generation
 * after the call. A crash in between leaves vault = database + k, with the database at or past the vault's
 * head: that is accepted and the database's copy is raised. The same state made on purpose (an older
 * database put back) is caught by step 2, because every call that changes the vault is audited and the head
 * written after it names that entry. Only a database that lost nothing the vault ever saw passes.
 *
 * What no local check can catch: both files replaced together by a consistent older pair (a raw copy of the
 * data directory). Against that, and against account holders who hold the data key, the audit head is
 * anchored outside the workstation: see electron/audit/checkpoint.ts.
 *
 * Refusals are cleared only by an administrator with `hoso audit reanchor`, which writes an integrity alert
 * into the log and anchors the files as they are (electron/audit/reanchor.service.ts).
 */

export const GENERATION_META_KEY = 'vault_generation';

type AnchorFields = Pick<VaultFileData, 'workstationId' | 'slotsMac' | 'auditHead'> & { generation?: number };

export function computeAnchorMac(
  dataKey: Buffer,
  a: { workstationId: string; generation: number; slotsMac: string; seq: number; hash: string },
): string {
  const key = subKey(dataKey, 'vault anchor mac v2');
  try {
    return hmac(
      key,
      canonicalJson({ v: 2, w: a.workstationId, g: a.generation, slots: a.slotsMac, seq: a.seq, hash: a.hash }),
    );
  } finally {
    key.fill(0);
  }
}

/**
 * Whether the vault file's anchor verifies under this data key. A file written before generations existed
 * (no `generation`) carries the older head-only MAC; it is accepted once and upgraded on open.
 */
export function anchorValid(dataKey: Buffer, file: AnchorFields): boolean {
  const { seq, hash, mac } = file.auditHead;
  if (!mac) return false;
  const expected =
    file.generation === undefined
      ? computeAuditHeadMac(dataKey, file.workstationId, seq, hash)
      : computeAnchorMac(dataKey, {
          workstationId: file.workstationId,
          generation: file.generation,
          slotsMac: file.slotsMac,
          seq,
          hash,
        });
  return safeEqual(expected, mac);
}

/** Recomputes the anchor MAC for the file's current generation, slot MAC and head. */
export function writeAnchor(dataKey: Buffer, file: VaultFileData): void {
  const generation = file.generation ?? 0;
  file.generation = generation;
  file.auditHead.mac = computeAnchorMac(dataKey, {
    workstationId: file.workstationId,
    generation,
    slotsMac: file.slotsMac,
    seq: file.auditHead.seq,
    hash: file.auditHead.hash,
  });
}

/**
 * Raises the generation and re-anchors, after the slot table changed (`Vault.seal`). `wasValid` is whether the
 * anchor verified before the change: an invalid one stays invalid (its MAC is cleared), so that a legitimate
 * slot change, e.g. a recovery, can never launder a head someone tampered with.
 */
export function bumpGeneration(dataKey: Buffer, file: VaultFileData, wasValid: boolean): void {
  file.generation = (file.generation ?? 0) + 1;
  if (wasValid) writeAnchor(dataKey, file);
  else file.auditHead.mac = '';
}

export function readDbGeneration(raw: RawDatabase): number {
  const row = raw.prepare('SELECT value FROM meta WHERE key = ?').get(GENERATION_META_KEY) as
    { value: string } | undefined;
  const n = row ? Number(row.value) : 0;
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/** Raises the database's copy of the generation; never lowers it. */
export function raiseDbGeneration(raw: RawDatabase, generation: number): void {
  raw
    .prepare(
      `INSERT INTO meta (key, value) VALUES (?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE CAST(meta.value AS INTEGER) < CAST(excluded.value AS INTEGER)`,
    )
    .run(GENERATION_META_KEY, String(generation));
}

export function lastAuditEntry(raw: RawDatabase): { seq: number; hash: string } | null {
  return (
    (raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined) ?? null
  );
}

export type BindingProblem =
  | { kind: 'head_invalid'; claimedSeq: number }
  | { kind: 'db_behind'; headSeq: number; dbLastSeq: number }
  | { kind: 'history_differs'; headSeq: number }
  | { kind: 'vault_older'; vaultGeneration: number; dbGeneration: number };

/** What is wrong between this vault file and this database, or null when they belong together. */
export function diagnoseBinding(raw: RawDatabase, file: VaultFileData, dataKey: Buffer): BindingProblem | null {
  if (!anchorValid(dataKey, file)) return { kind: 'head_invalid', claimedSeq: file.auditHead.seq };
  const head = file.auditHead;
  const last = lastAuditEntry(raw);
  const lastSeq = last?.seq ?? 0;
  if (lastSeq < head.seq) return { kind: 'db_behind', headSeq: head.seq, dbLastSeq: lastSeq };
  if (head.seq > 0) {
    const row = raw.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(head.seq) as { hash: string } | undefined;
    if (!row || row.hash !== head.hash) return { kind: 'history_differs', headSeq: head.seq };
  }
  const vaultGeneration = file.generation ?? 0;
  const dbGeneration = readDbGeneration(raw);
  if (dbGeneration > vaultGeneration) return { kind: 'vault_older', vaultGeneration, dbGeneration };
  return null;
}

const REFUSALS: Record<BindingProblem['kind'], [ErrorCode, string]> = {
  head_invalid: [ErrorCodes.VAULT_HEAD_INVALID, 'the audit head in the vault file is missing or fails its MAC'],
  db_behind: [ErrorCodes.DB_ROLLED_BACK, 'the database ends before the audit head recorded in the vault file'],
  history_differs: [ErrorCodes.VAULT_DB_MISMATCH, 'the database holds another history than the vault file names'],
  vault_older: [ErrorCodes.VAULT_DB_MISMATCH, 'the vault file is older than the database'],
};

export function refusalFor(p: BindingProblem): AppError {
  const [code, message] = REFUSALS[p.kind];
  return new AppError(code, message);
}

/**
 * The check made on every open. Returns the verified head; throws the refusal otherwise. Completes what a
 * crash interrupted (the database's generation behind the vault's) and upgrades a vault file written before
 * generations existed; `write` persists the upgraded vault file (durably).
 */
export function checkBinding(
  raw: RawDatabase,
  file: VaultFileData,
  dataKey: Buffer,
  write: (file: VaultFileData) => void,
): { seq: number; hash: string } {
  const problem = diagnoseBinding(raw, file, dataKey);
  if (problem) throw refusalFor(problem);
  if (file.generation === undefined) {
    bumpGeneration(dataKey, file, true);
    write(file);
  }
  raiseDbGeneration(raw, file.generation!);
  return { seq: file.auditHead.seq, hash: file.auditHead.hash };
}

/**
 * Copies of vault.json that the app itself leaves around (inside a backup file, in `replaced/` after a restore)
 * carry no valid anchor: put back by hand, with or without their database, they refuse to open like any head
 * someone blanked. Only the restore procedure, which holds the data key, anchors one again (`anchorToDatabase`),
 * and it is audited. A raw copy of the data directory made outside the app is the one rollback left to the
 * paper checkpoints.
 */
export function unanchored<T extends { auditHead: VaultFileData['auditHead'] }>(file: T): T {
  return { ...file, auditHead: { ...file.auditHead, mac: '' } };
}

/** Anchors a vault file to the database it was restored with: its head, and the larger generation of the two. */
export function anchorToDatabase(raw: RawDatabase, file: VaultFileData, dataKey: Buffer): void {
  const last = lastAuditEntry(raw);
  file.generation = Math.max(file.generation ?? 0, readDbGeneration(raw));
  file.auditHead = { seq: last?.seq ?? 0, hash: last?.hash ?? '', mac: '' };
  writeAnchor(dataKey, file);
  raiseDbGeneration(raw, file.generation);
}
