import type crypto from 'node:crypto';
import { v4 as uuidv4 } from 'uuid';
import {
  canonicalJson,
  deriveKek,
  exportPrivate,
  hmac,
  importPrivate,
  newX25519,
  open,
  seal,
  subKey,
  unwrapWith,
  wrapTo,
  type KdfParams,
} from './crypto';
import type { Slot, VaultFileData } from './vault-file';

/**
 * Key slots, LUKS style. Each slot holds an X25519 key pair whose private half is sealed with AES-256-GCM
 * under argon2id(secret); the data key is wrapped to the public half. A password change or reset replaces the
 * slot with a new key pair (so a leaked old private key stops matching); a rekey re-wraps the new data key to
 * every remaining public key without needing their passwords.
 * Slot id, kind, account, lookup, KDF parameters and public key are bound as associated data, so a slot
 * copied into another's place, or with weakened parameters, does not open.
 */

function privateAad(s: Pick<Slot, 'id' | 'kind' | 'accountId' | 'lookup' | 'kdf' | 'publicKey'>): string {
  return canonicalJson({
    v: 1,
    purpose: 'hoso-slot-private',
    id: s.id,
    kind: s.kind,
    accountId: s.accountId,
    lookup: s.lookup,
    kdf: s.kdf,
    publicKey: s.publicKey,
  });
}

function dataKeyAad(s: Pick<Slot, 'id' | 'kind' | 'accountId' | 'publicKey'>, epk: string): string {
  return canonicalJson({
    v: 1,
    purpose: 'hoso-slot-datakey',
    id: s.id,
    kind: s.kind,
    accountId: s.accountId,
    publicKey: s.publicKey,
    epk,
  });
}

export interface NewSlotSpec {
  kind: Slot['kind'];
  accountId: string | null;
  lookup: string | null;
  secret: string;
  kdf: KdfParams;
  dataKey: Buffer;
  now: string;
}

export async function createSlot(spec: NewSlotSpec): Promise<Slot> {
  const pair = newX25519();
  const head = {
    id: uuidv4(),
    kind: spec.kind,
    accountId: spec.accountId,
    lookup: spec.lookup,
    kdf: spec.kdf,
    publicKey: pair.publicKey,
  };
  const kek = await deriveKek(spec.secret, spec.kdf);
  const der = exportPrivate(pair.privateKey);
  try {
    return {
      ...head,
      sealedPrivateKey: seal(kek, der, privateAad(head)),
      wrappedDataKey: wrapTo(pair.publicKey, spec.dataKey, (epk) => dataKeyAad(head, epk)),
      createdAt: spec.now,
    };
  } finally {
    kek.fill(0);
    der.fill(0);
  }
}

/** Opens a slot with its secret. Throws on a wrong secret or on any tampering with the slot. */
export async function openSlot(slot: Slot, secret: string): Promise<{ dataKey: Buffer; privateKey: crypto.KeyObject }> {
  const kek = await deriveKek(secret, slot.kdf);
  let der: Buffer | undefined;
  try {
    der = open(kek, slot.sealedPrivateKey, privateAad(slot));
    const privateKey = importPrivate(der);
    const dataKey = unwrapWith(privateKey, slot.wrappedDataKey, dataKeyAad(slot, slot.wrappedDataKey.epk));
    return { dataKey, privateKey };
  } finally {
    kek.fill(0);
    der?.fill(0);
  }
}

export function rewrapSlot(slot: Slot, dataKey: Buffer): Slot {
  return { ...slot, wrappedDataKey: wrapTo(slot.publicKey, dataKey, (epk) => dataKeyAad(slot, epk)) };
}

/** MAC over everything that decides who can open the vault, keyed from the data key. */
export function computeSlotsMac(dataKey: Buffer, file: Pick<VaultFileData, 'workstationId' | 'lookupSalt' | 'slots'>) {
  const key = subKey(dataKey, 'vault slots mac');
  try {
    return hmac(key, canonicalJson({ w: file.workstationId, s: file.lookupSalt, slots: file.slots }));
  } finally {
    key.fill(0);
  }
}

export function computeAuditHeadMac(dataKey: Buffer, workstationId: string, seq: number, hash: string): string {
  const key = subKey(dataKey, 'audit head mac');
  try {
    return hmac(key, canonicalJson({ w: workstationId, seq, hash }));
  } finally {
    key.fill(0);
  }
}
