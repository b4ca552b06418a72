import fs from 'node:fs';
import path from 'node:path';
import type { ExchangePolicy, PeerKind } from '../../shared/contract/exchange';
import type {
  BundleHistoryItem,
  BundleInspected,
  OutgoingPreview,
  PeerGap,
} from '../../shared/contract/exchange-screens';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import type { Db } from '../platform/table-spec';
import { readBundle, verifySignature, type Manifest } from './bundle';
import { exchangeRepository as repo } from './exchange.repository';
import type { ExchangePeerTable } from './exchange.schema';
import { outgoing } from './exchange.service';
import { basisOf, sequenceVerdict } from './sequence';
import { stationKeys } from './station';

/**
 * Reads for the exchange screens: what an export would carry, a bundle's verdict from its manifest, the bundle
 * history. They write nothing and return no record, only counts and numbers.
 */
const stationId = (ctx: DomainContext) => ctx.changes().workstationId;

async function peerRow(db: Db, id: string): Promise<ExchangePeerTable> {
  const r = await repo.peer(db, id);
  if (!r) throw new AppError(ErrorCodes.NOT_FOUND, 'no such peer');
  return r;
}

const lastSeq = (db: Db, direction: 'out' | 'in', peerId: string) => repo.lastBundle(db, direction, peerId);

/**
 * Counts what `bundles.export` would select for the peer, by the export's own generator (changes after the last
 * acknowledged bundle, of the policy's families and placed in its scope or its selected cases, less what the peer
 * wrote itself), so that the preview and the bundle cannot disagree.
 */
async function outgoingCounts(
  db: Db,
  peer: ExchangePeerTable,
): Promise<Map<string, { records: Set<string>; changes: number }>> {
  const policy = JSON.parse(peer.policy) as ExchangePolicy;
  const out = new Map<string, { records: Set<string>; changes: number }>();
  for await (const e of outgoing(db, peer, policy, new Map())) {
    let t = out.get(e.tableName);
    if (!t) out.set(e.tableName, (t = { records: new Set(), changes: 0 }));
    t.records.add(e.recordId);
    t.changes++;
  }
  return out;
}

/** Stops reading a bundle once its manifest is in hand (the rest is for the preview and the import). */
const STOP = Symbol('manifest read');

async function inspect(ctx: DomainContext, file: string): Promise<BundleInspected> {
  const db = ctx.db();
  const me = stationId(ctx);
  let bytes: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    bytes = st.size;
  } catch {
    throw new AppError(ErrorCodes.IO_ERROR, 'the bundle file cannot be read');
  }
  const base: BundleInspected = {
    verdict: 'invalid',
    fileName: path.basename(file),
    bytes,
    peer: null,
    seq: null,
    lastReceived: null,
    missing: [],
    supersededBy: null,
    skipped: [],
    purpose: null,
    createdAt: null,
    counts: {},
    changes: 0,
  };
  // A verdict with no known sender: audited without a peer.
  const unplaced = (verdict: 'not_for_us' | 'unknown_sender'): BundleInspected => {
    ctx.target({ recordType: 'bundle', recordId: null, detail: { verdict } });
    return { ...base, verdict };
  };
  const keys = await stationKeys(db, me);
  let read: { m: Manifest; bytes: Buffer; sig: Buffer; hash: string } | null = null;
  try {
    await readBundle(file, keys.agePrivate, {
      manifest: (m, mb, sig, hash) => {
        read = { m, bytes: mb, sig, hash };
        throw STOP;
      },
      entry: () => undefined,
    });
  } catch (e) {
    if (e !== STOP) {
      if (e instanceof AppError && e.code === ErrorCodes.BUNDLE_NOT_FOR_US) return unplaced('not_for_us');
      throw e;
    }
  }
  if (!read) return base;
  const { m, bytes: manifestBytes, sig, hash } = read as { m: Manifest; bytes: Buffer; sig: Buffer; hash: string };
  if (m.recipient !== me) return unplaced('not_for_us');
  const p = await repo.peer(db, m.sender);
  if (!p) return unplaced('unknown_sender');
  const audited = (verdict: BundleInspected['verdict']) =>
    ctx.target({
      recordType: 'bundle',
      recordId: p.id,
      detail: { peer: p.id, seq: m.seq, basis: basisOf(m).seq, verdict },
    });
  const peer = {
    id: p.id,
    name: p.name,
    unitCode: p.unitCode,
    kind: p.kind as PeerKind,
    status: p.status as 'active' | 'suspended',
  };
  if (!verifySignature(Buffer.from(p.signingPublic, 'base64'), manifestBytes, sig)) {
    audited('invalid');
    return { ...base, verdict: 'invalid', peer };
  }
  const last = await lastSeq(db, 'in', p.id);
  const lastReceived = last?.seq ?? 0;
  const changes = Object.values(m.counts).reduce((a, b) => a + b, 0);
  const told = {
    ...base,
    peer,
    seq: m.seq,
    lastReceived,
    purpose: m.purpose,
    createdAt: m.createdAt,
    counts: m.counts,
    changes,
  };
  const verdict = (v: BundleInspected['verdict'], extra: Partial<BundleInspected> = {}): BundleInspected => {
    audited(v);
    return { ...told, ...extra, verdict: v };
  };
  if (p.status !== 'active') return verdict('suspended');
  // The import's own rule (sequence.ts), so that the verdict and the import cannot disagree.
  const v = await sequenceVerdict(db, p.id, m, hash);
  switch (v.kind) {
    case 'gap':
      return verdict('gap', { missing: v.missing });
    case 'superseded':
      return verdict('superseded', { supersededBy: v.by });
    case 'ready':
      return verdict('ready', { skipped: v.skipped });
    default:
      return verdict(v.kind);
  }
}

/**
 * Gaps per peer, from the audit log: every bundle presented here is audited with its peer and number (an
 * inspection's verdict, an import refused with BUNDLE_GAP). A number above the last imported + 1 means the ones
 * between are missing, until they are imported.
 */
async function gaps(db: Db): Promise<PeerGap[]> {
  const peers = await repo.peers(db);
  if (!peers.length) return [];
  const received = await repo.lastReceivedPerPeer(db);
  const rows = await repo.presentations(
    db,
    peers.map((p) => p.id),
    5000,
  );
  const waiting = new Map<string, { seq: number; needs: number }>();
  for (const r of rows) {
    if (!r.recordId || !r.detail) continue;
    let d: { seq?: unknown; basis?: unknown; verdict?: unknown; error?: unknown };
    try {
      d = JSON.parse(r.detail) as typeof d;
    } catch {
      continue;
    }
    if (typeof d.seq !== 'number' || !(d.verdict === 'gap' || d.error === 'BUNDLE_GAP')) continue;
    // The numbers needed stop at the bundle's basis (what it was built on); without one (first format) at seq − 1.
    const needs = typeof d.basis === 'number' ? Math.min(d.basis, d.seq - 1) : d.seq - 1;
    const w = waiting.get(r.recordId);
    if (!w || d.seq > w.seq) waiting.set(r.recordId, { seq: d.seq, needs });
  }
  const out: PeerGap[] = [];
  for (const p of peers) {
    const last = received.get(p.id) ?? 0;
    const w = waiting.get(p.id);
    if (!w || w.needs <= last || w.seq <= last) continue;
    const missing = Array.from({ length: Math.min(w.needs - last, 1000) }, (_, i) => last + 1 + i);
    out.push({ peerId: p.id, lastReceived: last, waiting: w.seq, missing });
  }
  return out;
}

type ScreenProcedure = 'bundles.outgoing' | 'bundles.inspect' | 'bundles.history' | 'bundles.gaps';

export const exchangeScreenHandlers: DomainHandlerGroup<ScreenProcedure> = {
  async 'bundles.outgoing'(ctx, { peerId }) {
    const db = ctx.db();
    const peer = await peerRow(db, peerId);
    const counted = await outgoingCounts(db, peer);
    const tables = [...counted]
      .map(([table, t]) => ({ table, records: t.records.size, changes: t.changes }))
      .sort((a, b) => b.changes - a.changes || a.table.localeCompare(b.table));
    const last = await lastSeq(db, 'out', peerId);
    const result: OutgoingPreview = {
      peerId,
      nextSeq: (last?.seq ?? 0) + 1,
      tables,
      changes: tables.reduce((a, t) => a + t.changes, 0),
    };
    return result;
  },

  async 'bundles.inspect'(ctx, { path: file }) {
    return inspect(ctx, file);
  },

  async 'bundles.gaps'(ctx) {
    return gaps(ctx.db());
  },

  async 'bundles.history'(ctx, { peerId, limit }) {
    const rows = await repo.history(ctx.db(), peerId, limit);
    return rows.map((r): BundleHistoryItem => {
      const counts = JSON.parse(r.counts) as Record<string, number>;
      return {
        id: r.id,
        direction: r.direction,
        peerId: r.peerId,
        peerName: r.peerName ?? null,
        seq: r.seq,
        at: r.at,
        ackedAt: r.ackedAt,
        changes: Object.values(counts).reduce((a, b) => a + b, 0),
        counts,
        refused: r.refused,
      };
    });
  },
};
