import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { RawDatabase } from '../db/connection';

/**
 * Anchors for the audit chain outside the workstation.
 *
 * Nothing local stops an account holder who has the data key and the files from rewriting the log and
 * re-MACing its head. What they cannot rewrite is a head someone already wrote down elsewhere:
 *
 * - **Paper checkpoints.** `hoso audit checkpoint` (and the audit screen) gives the current head as a short
 *   code, `SEQ-XXXX-XXXX-XXXX-XXXX`: the entry's number and the first 80 bits of its chained SHA-256 hash in
 *   base32 (no 0/1/8/9, so it copies by hand without O/I/B confusion). Written into the unit's paper register
 *   with the date, it is checked later with `hoso audit verify --checkpoint CODE`: the chain must verify and
 *   still hold that entry with that hash. Rewriting anything at or before it means finding another chain whose
 *   entry there hashes to the same 80 bits (about 2^80 tries).
 * - **Bundles (coming).** Each bundle carries the sender's head, and the receiver keeps it (see
 *   `senderHeadForBundle` / `recordPeerHead` below), so a rewrite made before the last export shows from the
 *   other workstation.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** 80 bits of the hash: 16 base32 characters. */
const DIGEST_HEX = 20;

function base32(hex: string): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of Buffer.from(hex, 'hex')) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** The code for an entry: its number, then the hash digest in groups of four. */
export function checkpointCode(seq: number, hash: string): string {
  const digest = base32(hash.slice(0, DIGEST_HEX));
  return `${seq}-${digest.match(/.{4}/g)!.join('-')}`;
}

export interface ParsedCheckpoint {
  seq: number;
  digest: string;
}

/**
 * Reads a code as people copy it: any case, spaces or dashes anywhere after the number, and 0/1/8 typed for
 * O/I/B (base32 never uses them).
 */
export function parseCheckpoint(text: string): ParsedCheckpoint {
  const m = /^\s*(\d{1,15})\s*[-\s]\s*([A-Za-z0-9\s-]+?)\s*$/.exec(text);
  const digest = m?.[2]!.replace(/[\s-]/g, '').toUpperCase().replace(/0/g, 'O').replace(/1/g, 'I').replace(/8/g, 'B');
  const seq = m ? Number(m[1]) : NaN;
  if (!m || !digest || !/^[A-Z2-7]{16}$/.test(digest) || !Number.isSafeInteger(seq) || seq < 1) {
    throw new AppError(ErrorCodes.CHECKPOINT_INVALID, 'not a checkpoint code');
  }
  return { seq, digest };
}

/** Whether the log still holds the entry the checkpoint names, with the same hash. */
export function logHoldsCheckpoint(raw: RawDatabase, cp: ParsedCheckpoint): boolean {
  const row = raw.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(cp.seq) as { hash: string } | undefined;
  return row !== undefined && base32(row.hash.slice(0, DIGEST_HEX)) === cp.digest;
}

/** The head one workstation's bundle carries for its receivers. */
export interface BundleAuditHead {
  workstationId: string;
  seq: number;
  /** The entry's full chained hash (hex). */
  hash: string;
  /** When the sender exported it (ISO). */
  at: string;
}

/** What the receiver concluded from a peer's head, for its own audit entry. */
export interface PeerHeadReceipt {
  previous: { seq: number; hash: string } | null;
  /**
   * `advanced` (or first), `same`, or `regressed`: the head is older than one received before, or names the same
   * entry with another hash; the peer's log was rolled back or rewritten since its earlier export.
   */
  verdict: 'first' | 'advanced' | 'same' | 'regressed';
}

/**
 * Hook for the bundle exchange (not called yet): the head the sender puts in every bundle's manifest. Call it
 * in the export's transaction, after the export's own audit entry, so the head covers the export itself.
 */
export function senderHeadForBundle(
  state: { workstationId: string; audit: { currentHead(): { seq: number; hash: string } } },
  at: Date,
): BundleAuditHead {
  const head = state.audit.currentHead();
  return { workstationId: state.workstationId, seq: head.seq, hash: head.hash, at: at.toISOString() };
}

const peerKey = (workstationId: string) => `peer_audit_head:${workstationId}`;

/**
 * Hook for the bundle exchange (not called yet): keeps the newest head received from a peer, in this
 * workstation's `meta` table, and says how it relates to the one kept before. The import must call it only
 * after the bundle's signature verified, in the import's transaction, and write an `audit.integrity_alert`
 * when the verdict is `regressed`. A regressed head does not replace the one kept (it is only flagged), so
 * the evidence of the earlier head survives.
 */
export function recordPeerHead(raw: RawDatabase, head: BundleAuditHead, receivedAt: Date): PeerHeadReceipt {
  const row = raw.prepare('SELECT value FROM meta WHERE key = ?').get(peerKey(head.workstationId)) as
    { value: string } | undefined;
  const previous = row ? (JSON.parse(row.value) as { seq: number; hash: string; regressed?: boolean }) : null;
  let verdict: PeerHeadReceipt['verdict'];
  if (!previous) verdict = 'first';
  else if (head.seq < previous.seq || (head.seq === previous.seq && head.hash !== previous.hash)) verdict = 'regressed';
  else verdict = head.seq === previous.seq ? 'same' : 'advanced';
  const kept = verdict === 'regressed' ? { ...previous!, regressed: true } : { seq: head.seq, hash: head.hash };
  raw
    .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(peerKey(head.workstationId), JSON.stringify({ ...kept, at: head.at, receivedAt: receivedAt.toISOString() }));
  return { previous: previous ? { seq: previous.seq, hash: previous.hash } : null, verdict };
}
