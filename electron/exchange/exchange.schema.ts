import type { Generated } from 'kysely';

/** The exchange's local tables (migration 2026_12_03_1400_exchange). Keys are raw 32-byte halves in base64. */
export interface StationKeyTable {
  id: number;
  signingPrivate: string;
  signingPublic: string;
  agePrivate: string;
  agePublic: string;
  createdAt: string;
}

export interface ExchangePeerTable {
  id: string;
  name: string;
  unitCode: string;
  provinceCode: string | null;
  communeCode: string | null;
  facilityId: string | null;
  kind: string;
  /** JSON: the export policy (shared/contract/exchange.ts ExchangePolicy). */
  policy: string;
  signingPublic: string;
  ageRecipient: string;
  fingerprint: string;
  status: string;
  addedAt: string;
  updatedAt: string;
}

export interface ArchiveRecipientTable {
  recipient: string;
  label: string;
  addedAt: string;
}

export interface ExchangeBundleTable {
  id: Generated<number>;
  direction: 'out' | 'in';
  peerId: string;
  seq: number;
  hash: string;
  prevHash: string | null;
  /** Out: the last change-log seq this bundle covers (what an acknowledgement releases). */
  throughChangeSeq: number | null;
  counts: string;
  refused: number;
  auditHead: string | null;
  at: string;
  ackedAt: string | null;
}

/**
 * The audit entries a peer sent along with its bundles (commune → hub, migration 2026_12_03_1720_exchange_audit):
 * kept per sender station with their hash chain, so the hub holds the commune's trail, not only its head.
 * Append-only; written in the import's transaction.
 */
export interface ExchangeAuditEntryTable {
  peerId: string;
  seq: number;
  at: string;
  accountId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  outcome: string;
  detail: string | null;
  prevHash: string;
  hash: string;
  /** The bundle (from that peer) that brought it, and when it was imported. */
  bundleSeq: number;
  receivedAt: string;
}
