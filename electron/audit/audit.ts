import type { AuditProblem, AuditVerification } from '../../shared/contract/types';
import type { RawDatabase } from '../db/connection';
import { canonicalJson, sha256Hex } from '../vault/crypto';
import { logHoldsCheckpoint, type ParsedCheckpoint } from './checkpoint';

/**
 * The audit log: append-only, hash-chained entries in the encrypted database. Each entry's hash covers its
 * sequence number, content and the previous entry's hash; the head (last seq and hash) is MACed into the
 * vault file by the host, so that removing the newest entries shows too.
 *
 * Entries name who did what to which record, never the values: no names, ID numbers or addresses.
 */
export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditInput {
  accountId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  recordType?: string | null;
  recordId?: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail?: AuditDetail | null;
}

interface AuditRowRaw {
  seq: number;
  at: string;
  account_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  outcome: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** How far from its place a moved entry is looked for, to name it "reordered" rather than "edited". */
const REORDER_WINDOW = 64;

export function genesisHash(workstationId: string): string {
  return sha256Hex(`hoso-audit-genesis:${workstationId}`);
}

export function entryHash(prevHash: string, seq: number, r: Omit<AuditRowRaw, 'seq' | 'prev_hash' | 'hash'>): string {
  return sha256Hex(
    `${prevHash}\n${canonicalJson({
      seq,
      at: r.at,
      accountId: r.account_id,
      username: r.username,
      role: r.role,
      action: r.action,
      recordType: r.record_type,
      recordId: r.record_id,
      outcome: r.outcome,
      detail: r.detail,
    })}`,
  );
}

export class AuditLog {
  private head: { seq: number; hash: string };
  private readonly insert;
  /** Entries the vault's head says existed but the table no longer has: set when the log was truncated. */
  readonly gap: { from: number; to: number } | null = null;
  private readonly floor: { seq: number; hash: string } | null = null;

  /**
   * `vaultHead` is the head MACed in the vault file. If the table ends before it, entries were removed from
   * the end: numbering continues after the vault's head, so the gap stays visible to every later check
   * instead of being papered over by new entries.
   */
  constructor(
    private readonly raw: RawDatabase,
    private readonly workstationId: string,
    vaultHead: { seq: number; hash: string } | null = null,
  ) {
    const last = raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    this.head = last ?? { seq: 0, hash: genesisHash(workstationId) };
    if (vaultHead && vaultHead.seq > this.head.seq) {
      this.gap = { from: this.head.seq + 1, to: vaultHead.seq };
      this.floor = { ...vaultHead };
      this.head = { ...vaultHead };
    }
    this.insert = raw.prepare(
      `INSERT INTO audit_log (seq, at, account_id, username, role, action, record_type, record_id, outcome, detail, prev_hash, hash)
       VALUES (@seq, @at, @account_id, @username, @role, @action, @record_type, @record_id, @outcome, @detail, @prev_hash, @hash)`,
    );
  }

  currentHead(): { seq: number; hash: string } {
    return { ...this.head };
  }

  append(e: AuditInput, at: Date): { seq: number; hash: string } {
    const seq = this.head.seq + 1;
    const row = {
      at: at.toISOString(),
      account_id: e.accountId,
      username: e.username,
      role: e.role,
      action: e.action,
      record_type: e.recordType ?? null,
      record_id: e.recordId ?? null,
      outcome: e.outcome,
      detail: e.detail ? canonicalJson(e.detail) : null,
    };
    const hash = entryHash(this.head.hash, seq, row);
    this.insert.run({ ...row, seq, prev_hash: this.head.hash, hash });
    this.head = { seq, hash };
    return { seq, hash };
  }

  /** Re-reads the head from the table, after a transaction that appended entries was rolled back. */
  resync(): void {
    const last = this.raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    const fromTable = last ?? { seq: 0, hash: genesisHash(this.workstationId) };
    this.head = this.floor && this.floor.seq > fromTable.seq ? { ...this.floor } : fromTable;
  }
}

/**
 * Checks the whole chain and names each problem: an edited entry, a missing one, one moved to another
 * position, a log shorter than the head recorded in the vault file and, given a paper checkpoint
 * (checkpoint.ts), an entry it names that the log no longer holds.
 */
export function verifyAuditChain(
  raw: RawDatabase,
  workstationId: string,
  vaultHead: { seq: number; hash: string } | null,
  checkpoint: ParsedCheckpoint | null = null,
): AuditVerification {
  const problems: AuditProblem[] = [];
  const rows = raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRowRaw[];
  const genesis = genesisHash(workstationId);

  let prevSeq = 0;
  let prevHash = genesis;
  for (const r of rows) {
    if (r.seq !== prevSeq + 1) {
      for (let s = prevSeq + 1; s < r.seq && problems.length < 1000; s++) {
        problems.push({ seq: s, kind: 'missing', message: `entry ${s} is missing` });
      }
    }
    if (entryHash(r.prev_hash, r.seq, r) !== r.hash) {
      // An entry moved to another position still matches its hash at the position it came from.
      let from = -1;
      for (let d = 1; d <= REORDER_WINDOW && from < 0; d++) {
        if (r.seq - d > 0 && entryHash(r.prev_hash, r.seq - d, r) === r.hash) from = r.seq - d;
        else if (entryHash(r.prev_hash, r.seq + d, r) === r.hash) from = r.seq + d;
      }
      const moved = from > 0;
      problems.push(
        moved
          ? { seq: r.seq, kind: 'reordered', from, message: `entry at ${r.seq} was moved from position ${from}` }
          : { seq: r.seq, kind: 'edited', message: `entry ${r.seq} was altered` },
      );
    } else if (r.seq === prevSeq + 1 && r.prev_hash !== prevHash) {
      problems.push({ seq: r.seq, kind: 'edited', message: `entry ${r.seq} does not follow entry ${prevSeq}` });
    }
    prevSeq = r.seq;
    prevHash = r.hash;
  }

  const lastSeq = rows.length ? rows[rows.length - 1]!.seq : 0;
  if (!vaultHead) {
    problems.push({ seq: lastSeq, kind: 'head_invalid', message: 'the audit head in the vault file fails its MAC' });
  } else if (vaultHead.seq > lastSeq) {
    problems.push({
      seq: lastSeq + 1,
      kind: 'truncated',
      from: lastSeq + 1,
      to: vaultHead.seq,
      message: `entries ${lastSeq + 1} to ${vaultHead.seq} were removed from the end`,
    });
  } else if (vaultHead.seq > 0) {
    const atHead = rows.find((r) => r.seq === vaultHead.seq);
    if (atHead && atHead.hash !== vaultHead.hash) {
      problems.push({
        seq: vaultHead.seq,
        kind: 'head_mismatch',
        message: `entry ${vaultHead.seq} differs from the recorded head`,
      });
    }
  }
  let found: { seq: number; found: boolean } | undefined;
  if (checkpoint) {
    found = { seq: checkpoint.seq, found: logHoldsCheckpoint(raw, checkpoint) };
    if (!found.found) {
      problems.push({
        seq: checkpoint.seq,
        kind: 'checkpoint_missing',
        message: `the log no longer holds entry ${checkpoint.seq} as the checkpoint recorded it`,
      });
    }
  }
  return {
    ok: problems.length === 0,
    entries: rows.length,
    headSeq: vaultHead?.seq ?? 0,
    problems,
    ...(found ? { checkpoint: found } : {}),
  };
}
