import type { Db } from '../platform/table-spec';
import type { Manifest } from './bundle';
import { exchangeRepository as repo } from './exchange.repository';

/**
 * Where a bundle stands in the sequence from its sender (docs/bundle-format.md §6, step 5), from the manifest and
 * the bundles this station received before. A bundle states its basis: the last bundle the sender knew acknowledged
 * when it selected the changes (everything after it travels). So a receiver whose last bundle `last` satisfies
 * basis ≤ last < seq misses nothing: the numbers between last and seq are skipped (a lost stick) and recorded as
 * superseded by this one. A manifest without a basis (the first format) is read as basis = seq − 1.
 */
export type SequenceVerdict =
  /** Importable; `skipped` are the numbers it supersedes (lost on the way), empty when it follows the last one. */
  | { kind: 'ready'; skipped: number[] }
  | { kind: 'already_imported' }
  | { kind: 'replayed' }
  /** A number skipped when a later bundle was imported: that one already carried all of this one. */
  | { kind: 'superseded'; by: number }
  /** The receiver is behind the basis: these numbers must be imported first. */
  | { kind: 'gap'; missing: number[] }
  | { kind: 'invalid'; reason: string };

/** The basis a manifest states, or the first format's implicit one (the previous bundle). */
export function basisOf(m: Manifest): { seq: number; hash: string | null } {
  return m.basis ?? { seq: m.seq - 1, hash: m.prevHash };
}

export async function sequenceVerdict(db: Db, peerId: string, m: Manifest, fileHash: string): Promise<SequenceVerdict> {
  const basis = basisOf(m);
  if (basis.seq >= m.seq) return { kind: 'invalid', reason: 'basis out of range' };
  const last = await repo.lastBundle(db, 'in', peerId);
  const lastSeq = last?.seq ?? 0;
  if (m.seq <= lastSeq) {
    const same = await repo.bundle(db, 'in', peerId, m.seq);
    if (same) return { kind: same.hash === fileHash ? 'already_imported' : 'replayed' };
    // Never imported, yet a later one was: skipped as lost, its changes carried by the next one imported.
    return { kind: 'superseded', by: (await repo.nextReceived(db, peerId, m.seq)) ?? lastSeq };
  }
  if (basis.seq > lastSeq) {
    const missing = Array.from({ length: Math.min(basis.seq - lastSeq, 1000) }, (_, i) => lastSeq + 1 + i);
    return { kind: 'gap', missing };
  }
  // The basis must be a bundle this station imported, with the same hash (a receipt acknowledged only those).
  if ((basis.seq === 0) !== (basis.hash === null)) return { kind: 'invalid', reason: 'basis hash' };
  if (basis.seq > 0) {
    const b = await repo.bundle(db, 'in', peerId, basis.seq);
    if (!b || b.hash !== basis.hash) return { kind: 'invalid', reason: 'chain: basis differs' };
  }
  // Following the last bundle: chained to it.
  if (m.seq === lastSeq + 1) {
    if (m.prevHash !== (last?.hash ?? null)) return { kind: 'invalid', reason: 'chain: previous bundle hash differs' };
    return { kind: 'ready', skipped: [] };
  }
  const skipped = Array.from({ length: Math.min(m.seq - lastSeq - 1, 1000) }, (_, i) => lastSeq + 1 + i);
  return { kind: 'ready', skipped };
}

/** Per peer, the numbers never imported below the last one imported: each was superseded by a later bundle. */
export function supersededOf(seqs: readonly number[]): number[] {
  const out: number[] = [];
  let expect = 1;
  for (const s of seqs) {
    for (; expect < s && out.length < 1000; expect++) out.push(expect);
    expect = s + 1;
  }
  return out;
}
