import { z } from 'zod';
import { Permissions } from '../domain/roles';
import type { PeerKind } from './exchange';
import { audited, procedure } from './define';

const P = Permissions;

/** What an export to a peer would carry now, per table: the wizard's preview before anything is written. */
export interface OutgoingPreview {
  peerId: string;
  /** The number the next bundle to this peer will carry. */
  nextSeq: number;
  /** Tables with something to send, most changes first. */
  tables: { table: string; records: number; changes: number }[];
  changes: number;
}

/**
 * The verdict on a bundle file before it is previewed, from its manifest alone (read, checked against the known
 * peer's signing key, never applied): what an officer is told first.
 */
export const BUNDLE_VERDICTS = [
  'ready',
  'not_for_us',
  'unknown_sender',
  'invalid',
  'suspended',
  'already_imported',
  'replayed',
  'gap',
  /** Never imported, but a later bundle from the peer was, carrying all of its changes (a stick found late). */
  'superseded',
] as const;
export type BundleVerdict = (typeof BUNDLE_VERDICTS)[number];

export interface BundleInspected {
  verdict: BundleVerdict;
  fileName: string;
  bytes: number;
  /** The sending peer, when it is one of ours (whatever the verdict). */
  peer: { id: string; name: string; unitCode: string; kind: PeerKind; status: 'active' | 'suspended' } | null;
  /** The bundle's number from that peer, and the last one imported from it. */
  seq: number | null;
  lastReceived: number | null;
  /** For `gap`: the numbers to import first. */
  missing: number[];
  /** For `superseded`: the later bundle, already imported, that replaced this one. */
  supersededBy: number | null;
  /** For `ready`: the numbers never received that this bundle replaces (it carries their changes: lost sticks). */
  skipped: number[];
  /** Only once the signature checked out: the sender's purpose, date and counts per table. */
  purpose: string | null;
  createdAt: string | null;
  counts: Record<string, number>;
  changes: number;
}

export interface BundleHistoryItem {
  id: number;
  direction: 'out' | 'in';
  peerId: string;
  peerName: string | null;
  seq: number;
  at: string;
  /** Out: when the peer's receipt came back. */
  ackedAt: string | null;
  changes: number;
  counts: Record<string, number>;
  /** In: items refused by the peer's policy. */
  refused: number;
}

export interface PeerGap {
  peerId: string;
  lastReceived: number;
  /** The highest number presented from this peer that could not be imported yet. */
  waiting: number;
  /** The numbers to import first (lastReceived+1 … the waiting bundle's basis, or waiting−1 without one). */
  missing: number[];
}

const peerId = z.string().uuid({ message: 'id_invalid' });

/**
 * Thin reads for the exchange screens (renderer/src/features/exchange): none reads or returns a record, only
 * counts, numbers and a manifest's header; the export and import themselves stay in exchange.ts.
 */
export const exchangeScreensContract = {
  'bundles.outgoing': procedure<OutgoingPreview>()({
    input: z.object({ peerId }).strict(),
    access: [P.exchangeTransfer],
    audit: null,
  }),
  /** Audited (who looked at which peer's bundle number, and the verdict): a gap seen here is remembered. */
  'bundles.inspect': procedure<BundleInspected>()({
    input: z.object({ path: z.string().trim().min(1, { message: 'required' }).max(4096) }).strict(),
    access: [P.exchangeTransfer],
    audit: audited('exchange.bundle_preview', 'bundle'),
  }),
  /**
   * Per peer, the bundles known to be missing: a later bundle was presented (inspected or refused on import with
   * a gap, both in the audit log) and the ones before it have not been imported yet.
   */
  'bundles.gaps': procedure<PeerGap[]>()({
    input: z.object({}).strict(),
    access: [P.exchangeManage, P.exchangeTransfer],
    audit: null,
  }),
  'bundles.history': procedure<BundleHistoryItem[]>()({
    input: z.object({ peerId: peerId.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    access: [P.exchangeManage, P.exchangeTransfer],
    audit: null,
  }),
} as const;
