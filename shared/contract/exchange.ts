import { z } from 'zod';
import { Permissions } from '../domain/roles';
import { audited, procedure } from './define';

const P = Permissions;

/** Record families a policy selects (the platform's families: electron/platform/scope.ts). */
export const EXCHANGE_FAMILIES = ['persons', 'tips', 'cases', 'rehab', 'reference'] as const;
export type ExchangeFamily = (typeof EXCHANGE_FAMILIES)[number];

export const PEER_KINDS = ['hub', 'commune', 'rehab', 'province', 'partner'] as const;
export type PeerKind = (typeof PEER_KINDS)[number];

/** Where records must be placed to travel: by their scope columns (or their parent's). */
export type PolicyScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'province'; code: string }
  | { kind: 'commune'; code: string }
  | { kind: 'facility'; id: string }
  /** A neighbouring province's joint-investigation extracts: the cases a leader selected (see `peers.shareCase`). */
  | { kind: 'cases'; ids: string[] };

/**
 * An export policy, stored as data per peer: which families travel to the peer and in which scope, and which
 * this station accepts from it. Items a peer sends outside `accept` are refused and listed, never applied.
 */
export interface ExchangePolicy {
  name: string;
  send: { families: ExchangeFamily[]; scope: PolicyScope };
  accept: { families: ExchangeFamily[]; scope: PolicyScope };
}

/** The default policies, named for what the peer is to this station. */
export const POLICY_NAMES = [
  'commune-to-hub',
  'hub-to-commune',
  'police-to-rehab',
  'rehab-to-police',
  'neighbour',
] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export interface StationView {
  id: string;
  name: string;
  unit: { code: string; name: string; kind: string; provinceCode: string | null; communeCode: string | null } | null;
  fingerprint: string;
  ageRecipient: string;
  signingKey: string;
}

export interface PeerView {
  id: string;
  name: string;
  unitCode: string;
  kind: PeerKind;
  status: 'active' | 'suspended';
  fingerprint: string;
  ageRecipient: string;
  policy: ExchangePolicy;
  addedAt: string;
  updatedAt: string;
}

export interface BundleExported {
  file: string;
  seq: number;
  hash: string;
  counts: Record<string, number>;
  changes: number;
  receiptFor: number | null;
  /** The last bundle to this peer it had acknowledged: the bundle carries every change after it (0: from the start). */
  basis: number;
  /** The size of the file written, in bytes. */
  bytes: number;
}

export interface RefusedItem {
  tableName: string;
  recordId: string;
  reason: 'family' | 'scope';
}

export interface BundleImported {
  peerId: string;
  peerName: string;
  seq: number;
  preview: boolean;
  /** Changes in the bundle, per table. */
  counts: Record<string, number>;
  newRecords: number;
  updatedRecords: number;
  duplicates: number;
  /** Open conflicts this bundle made. */
  conflicts: number;
  /** Open conflicts it closed (a leader's decision at the other station). */
  closedConflicts: number;
  refused: RefusedItem[];
  acknowledged: number | null;
  /** Numbers from this peer never imported (lost sticks) that this bundle replaced: it carried their changes. */
  skipped: number[];
}

export interface PeerStatus {
  peerId: string;
  name: string;
  status: 'active' | 'suspended';
  lastSent: number;
  lastAcknowledged: number;
  outstanding: number;
  lastReceived: number;
  /** Numbers from this peer never imported because a later bundle replaced them (a lost stick). */
  superseded: number[];
}

/** The audit entries a peer sent along with its bundles (a commune's trail at its hub), kept here per peer. */
export interface PeerAuditTrail {
  peerId: string;
  name: string;
  count: number;
  /** The first and last entry kept (the last is the sender's audit head as received). */
  first: number;
  head: { seq: number; hash: string };
  receivedAt: string;
}

const card = z.string().min(10).max(16_384);
const fingerprint = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/[^0-9A-Z]/g, ''))
  .pipe(z.string().regex(/^[0-9A-Z]{16}$/, { message: 'fingerprint_format' }));
const peerId = z.string().uuid({ message: 'id_invalid' });
const filePath = z.string().min(1).max(4096);

export const exchangeContract = {
  /** This station's id, fingerprint and age recipient: what an administrator reads out to a peer. */
  'station.show': procedure<StationView>()({
    input: z.object({}).strict(),
    access: [P.session],
    audit: null,
  }),
  /**
   * The public card (JSON) a peer adds; the CLI writes it to a file. With `facilityId`, the card is written for that
   * rehab centre: it names the facility, which the centre's station takes for its `rehab-to-police` policy.
   */
  'station.card': procedure<{ card: string; fileName: string }>()({
    input: z.object({ facilityId: z.string().uuid({ message: 'id_invalid' }).optional() }).strict(),
    access: [P.exchangeManage],
    audit: audited('exchange.station_card', 'station'),
  }),
  /** The unit this station serves (its card and the default policies' scope); the first unit created here until set. */
  'station.setUnit': procedure<StationView>()({
    input: z.object({ unitId: z.string().uuid({ message: 'id_invalid' }) }).strict(),
    access: [P.exchangeManage],
    audit: audited('exchange.station_unit', 'station'),
  }),
  'peers.list': procedure<PeerView[]>()({
    input: z.object({}).strict(),
    access: [P.exchangeManage, P.exchangeTransfer],
    audit: null,
  }),
  /** Adds a peer from its card, only if the fingerprint typed (as read out by the peer) matches the card. */
  'peers.add': procedure<PeerView>()({
    input: z
      .object({
        card,
        kind: z.enum(PEER_KINDS),
        policy: z.enum(POLICY_NAMES),
        fingerprint,
        /** The facility (rehab centre) the peer runs, for the rehab policies. */
        facilityId: z.string().min(1).max(64).optional(),
      })
      .strict(),
    access: [P.exchangeManage],
    audit: audited('exchange.peer_add', 'peer'),
  }),
  'peers.suspend': procedure<PeerView>()({
    input: z.object({ peerId }).strict(),
    access: [P.exchangeManage],
    audit: audited('exchange.peer_suspend', 'peer'),
  }),
  'peers.resume': procedure<PeerView>()({
    input: z.object({ peerId }).strict(),
    access: [P.exchangeManage],
    audit: audited('exchange.peer_resume', 'peer'),
  }),
  /** New keys for a known peer (a reinstalled workstation): its new card, checked against the typed fingerprint. */
  'peers.replaceKeys': procedure<PeerView>()({
    input: z.object({ peerId, card, fingerprint }).strict(),
    access: [P.exchangeManage],
    audit: audited('exchange.peer_replace_keys', 'peer'),
  }),
  /**
   * A leader selects (or withdraws) a case's joint-investigation extract for a neighbouring province: the case,
   * its suspects, seizures and extensions, and its suspects' registry records travel in every bundle to that peer.
   */
  'peers.shareCase': procedure<PeerView>()({
    input: z
      .object({
        peerId,
        caseId: z.string().uuid({ message: 'id_invalid' }),
        shared: z.boolean(),
        /** Why (written to the audit entry); the screen asks for it when sharing. */
        purpose: z.string().trim().max(200, { message: 'too_long' }).optional(),
      })
      .strict(),
    access: [P.exchangeTransfer],
    audit: audited('exchange.peer_share_case', 'case'),
  }),
  'archive.list': procedure<{ recipient: string; label: string; addedAt: string }[]>()({
    input: z.object({}).strict(),
    access: [P.exchangeManage, P.exchangeTransfer],
    audit: null,
  }),
  /** A plain age recipient every bundle is also encrypted to (the province's archive key, held on paper). */
  'archive.add': procedure<{ recipient: string; label: string; addedAt: string }>()({
    input: z
      .object({
        recipient: z
          .string()
          .trim()
          .regex(/^age1[02-9ac-hj-np-z]{58}$/, { message: 'age_recipient_format' }),
        label: z.string().trim().min(1).max(100).default('archive'),
      })
      .strict(),
    access: [P.exchangeManage],
    audit: audited('exchange.archive_add', 'archive_recipient'),
  }),
  /** Writes a bundle for a peer: everything its policy allows that it has not acknowledged. */
  'bundles.export': procedure<BundleExported>()({
    input: z
      .object({
        peerId,
        /** A folder (the file is named from station codes and the number) or a file path. */
        out: filePath,
        purpose: z.string().trim().min(1, { message: 'required' }).max(200, { message: 'too_long' }),
      })
      .strict(),
    access: [P.exchangeTransfer],
    audit: audited('exchange.bundle_export', 'bundle'),
  }),
  /**
   * Verifies a bundle completely (recipient, signature by a known active peer, sequence, hashes, structure,
   * bounds) before applying anything, then applies it in this call's transaction; `preview` changes nothing.
   */
  'bundles.import': procedure<BundleImported>()({
    input: z.object({ path: filePath, preview: z.boolean().default(false) }).strict(),
    access: [P.exchangeTransfer],
    audit: audited('exchange.bundle_import', 'bundle'),
  }),
  'bundles.status': procedure<PeerStatus[]>()({
    input: z.object({}).strict(),
    access: [P.exchangeManage, P.exchangeTransfer],
    audit: null,
  }),
  /**
   * For administrators: per peer, how many of its audit entries this station keeps (sent along with its bundles),
   * the first and the head. Counts and hashes only, no entry's content.
   */
  'bundles.auditTrail': procedure<PeerAuditTrail[]>()({
    input: z.object({ peerId: peerId.optional() }).strict(),
    access: [P.exchangeManage],
    audit: null,
  }),
} as const;
