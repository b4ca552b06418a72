import crypto from 'node:crypto';
import { z } from 'zod';
import type { StationView } from '../../shared/contract/exchange';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { Db } from '../platform/table-spec';
import { ageRecipientOf, parseAgeRecipient } from './bech32';
import { settingsRepository } from '../platform/settings.repository';
import { rehabRepository } from '../rehab/rehab.repository';

/**
 * This station's identity (made by migration 2026_12_03_1400_exchange, private halves only in the encrypted
 * database), its public card, and the short fingerprint two people compare by phone or on paper.
 */
export interface StationKeys {
  id: string;
  signingPrivate: crypto.KeyObject;
  signingPublic: Buffer;
  agePrivate: Buffer;
  agePublic: Buffer;
}

const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519Public(raw: Uint8Array): crypto.KeyObject {
  return crypto.createPublicKey({ key: Buffer.concat([ED25519_SPKI, raw]), format: 'der', type: 'spki' });
}

export async function stationKeys(db: Db, stationId: string): Promise<StationKeys> {
  const row = await db.selectFrom('stationKeys').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) throw new AppError(ErrorCodes.INTERNAL, 'the station has no keys');
  return {
    id: stationId,
    signingPrivate: crypto.createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8, Buffer.from(row.signingPrivate, 'base64')]),
      format: 'der',
      type: 'pkcs8',
    }),
    signingPublic: Buffer.from(row.signingPublic, 'base64'),
    agePrivate: Buffer.from(row.agePrivate, 'base64'),
    agePublic: Buffer.from(row.agePublic, 'base64'),
  };
}

/** Crockford base32 (no I, L, O, U): read aloud without ambiguity. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 80 bits of SHA-256 over the station id and both public keys, as four groups of four characters. */
export function fingerprintOf(id: string, signingKey: Buffer, ageRecipient: string): string {
  const h = crypto
    .createHash('sha256')
    .update(`hoso-station/1\n${id}\n${signingKey.toString('base64')}\n${ageRecipient}\n`)
    .digest();
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const b of h.subarray(0, 10)) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** A typed fingerprint compared as people read it: case, spaces and dashes do not matter; O=0, I=L=1. */
export function sameFingerprint(typed: string, actual: string): boolean {
  const norm = (s: string) =>
    s
      .toUpperCase()
      .replace(/[^0-9A-Z]/g, '')
      .replace(/O/g, '0')
      .replace(/[IL]/g, '1');
  const a = Buffer.from(norm(typed));
  const b = Buffer.from(norm(actual));
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export const STATION_UNIT_SETTING = 'exchange.station_unit';

/**
 * The unit this station serves: the one an administrator chose (`station.setUnit`), else the first unit created
 * on this workstation (made with the vault).
 */
export async function stationUnit(db: Db, stationId: string): Promise<StationView['unit']> {
  const chosen = await settingsRepository.get(db, STATION_UNIT_SETTING);
  let q = db.selectFrom('units').select(['code', 'name', 'kind', 'provinceCode', 'communeCode']);
  q = chosen ? q.where('id', '=', chosen) : q.where('originWs', '=', stationId).orderBy('createdAt').orderBy('id');
  return (await q.executeTakeFirst()) ?? null;
}

export async function stationView(db: Db, stationId: string): Promise<StationView> {
  const k = await stationKeys(db, stationId);
  const unit = await stationUnit(db, stationId);
  const ageRecipient = ageRecipientOf(k.agePublic);
  return {
    id: stationId,
    name: unit?.name ?? `HoSo ${stationId.slice(0, 8)}`,
    unit,
    fingerprint: fingerprintOf(stationId, k.signingPublic, ageRecipient),
    ageRecipient,
    signingKey: k.signingPublic.toString('base64'),
  };
}

const unitSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
    name: z.string().min(1).max(200),
    kind: z.string().max(40),
    provinceCode: z
      .string()
      .regex(/^\d{2}$/)
      .nullable(),
    communeCode: z
      .string()
      .regex(/^\d{5}$/)
      .nullable(),
  })
  .strict();

/** The rehab centre (facility) a police station's card is written for: the centre takes its facility from it. */
const cardFacilitySchema = z
  .object({ id: z.string().uuid(), code: z.string().min(1).max(32), name: z.string().min(1).max(200) })
  .strict();
export type CardFacility = z.infer<typeof cardFacilitySchema>;

const cardSchema = z
  .object({
    format: z.literal('hoso-station-card/1'),
    id: z.string().uuid(),
    name: z.string().min(1).max(200),
    unit: unitSchema.nullable(),
    signingKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
    ageRecipient: z.string().max(100),
    fingerprint: z.string().max(40),
    facility: cardFacilitySchema.optional(),
  })
  .strict();
export type StationCard = z.infer<typeof cardSchema>;

export function cardOf(v: StationView, facility?: CardFacility): StationCard {
  return {
    format: 'hoso-station-card/1',
    id: v.id,
    name: v.name,
    unit: v.unit,
    signingKey: v.signingKey,
    ageRecipient: v.ageRecipient,
    fingerprint: v.fingerprint,
    ...(facility ? { facility } : {}),
  };
}

/**
 * The facility a card is written for (`station.card` with `facilityId`): a rehab centre's station has no facility
 * record until the police's first bundle brings it, so the police's card names it, and the centre's `peers.add`
 * takes it from the card for the `rehab-to-police` policy. Refused naming `facilityId` when there is none here.
 */
export async function cardFacility(db: Db, facilityId: string): Promise<CardFacility> {
  const f = await rehabRepository.facility(db, facilityId);
  if (!f)
    throw new AppError(ErrorCodes.INVALID_INPUT, 'no such facility', {
      issues: [{ path: 'facilityId', code: 'facility_not_found' }],
    });
  return { id: f.id, code: f.code, name: f.name };
}

/**
 * The facility of a rehab policy: the one chosen here, else (at a centre adding the police) the one the police's
 * card names.
 */
export function policyFacility(
  policy: string,
  chosen: string | undefined,
  card: Pick<StationCard, 'facility'>,
): string | undefined {
  return chosen ?? (policy === 'rehab-to-police' ? card.facility?.id : undefined);
}

/** Parses a peer's card; its fingerprint is recomputed from the keys, never taken from the card. */
export function parseCard(text: string): StationCard & { signingPublic: Buffer; agePublic: Buffer } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError(ErrorCodes.PEER_CARD_INVALID, 'the card is not JSON');
  }
  const r = cardSchema.safeParse(parsed);
  if (!r.success) throw new AppError(ErrorCodes.PEER_CARD_INVALID, 'the card does not match the card format');
  const signingPublic = Buffer.from(r.data.signingKey, 'base64');
  const agePublic = parseAgeRecipient(r.data.ageRecipient);
  if (signingPublic.length !== 32 || !agePublic)
    throw new AppError(ErrorCodes.PEER_CARD_INVALID, 'the card holds malformed keys');
  try {
    ed25519Public(signingPublic);
  } catch {
    throw new AppError(ErrorCodes.PEER_CARD_INVALID, 'the card holds malformed keys');
  }
  return {
    ...r.data,
    fingerprint: fingerprintOf(r.data.id, signingPublic, r.data.ageRecipient),
    signingPublic,
    agePublic,
  };
}
