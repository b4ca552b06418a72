import argon2 from 'argon2';
import crypto from 'node:crypto';

/**
 * Cryptographic building blocks of the vault. Everything here is Node's crypto or argon2; nothing is home-made
 * beyond the composition. Never log the buffers these functions take or return: they are key material.
 */

export interface KdfParams {
  alg: 'argon2id';
  version: 19;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  salt: string; // base64
}

/** The floor DESIGN.md sets: 64 MiB and three passes. Slots below it are refused when read. */
export const KDF_FLOOR = Object.freeze({ memoryKiB: 65536, iterations: 3, parallelism: 1 });

export async function deriveKek(secret: string, kdf: KdfParams): Promise<Buffer> {
  if (kdf.alg !== 'argon2id' || kdf.memoryKiB < KDF_FLOOR.memoryKiB || kdf.iterations < KDF_FLOOR.iterations) {
    throw new Error('kdf parameters below the floor');
  }
  return argon2.hash(secret.normalize('NFC'), {
    type: argon2.argon2id,
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.parallelism,
    salt: Buffer.from(kdf.salt, 'base64'),
    hashLength: 32,
    raw: true,
  });
}

export function newKdfParams(memoryKiB: number, iterations: number, parallelism: number): KdfParams {
  return { alg: 'argon2id', version: 19, memoryKiB, iterations, parallelism, salt: randomB64(16) };
}

export function randomB64(bytes: number): string {
  return crypto.randomBytes(bytes).toString('base64');
}

export interface Sealed {
  iv: string;
  ct: string;
  tag: string;
}

export function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return { iv: iv.toString('base64'), ct: ct.toString('base64'), tag: c.getAuthTag().toString('base64') };
}

/** Throws when the key, the associated data or the ciphertext is wrong. */
export function open(key: Buffer, sealed: Sealed, aad: string): Buffer {
  const d = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(sealed.ct, 'base64')), d.final()]);
}

export interface X25519Pair {
  publicKey: string; // base64url raw (JWK x)
  privateKey: crypto.KeyObject;
}

export function newX25519(): X25519Pair {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('x25519');
  return { publicKey: (publicKey.export({ format: 'jwk' }) as { x: string }).x, privateKey };
}

export function exportPrivate(key: crypto.KeyObject): Buffer {
  return key.export({ format: 'der', type: 'pkcs8' });
}

export function importPrivate(der: Buffer): crypto.KeyObject {
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

function importPublic(x: string): crypto.KeyObject {
  return crypto.createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
}

export function publicOf(privateKey: crypto.KeyObject): string {
  return (crypto.createPublicKey(privateKey).export({ format: 'jwk' }) as { x: string }).x;
}

export interface WrappedKey extends Sealed {
  epk: string;
}

function wrapKeyFor(shared: Buffer, epk: string, recipient: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', shared, `${epk}.${recipient}`, 'hoso data-key wrap v1', 32));
}

/** Wraps the data key to a slot's public key (X25519 + HKDF-SHA256 + AES-256-GCM), so that a rekey can
 * re-wrap it for every remaining slot without knowing their passwords. */
export function wrapTo(recipient: string, dataKey: Buffer, aad: (epk: string) => string): WrappedKey {
  const eph = crypto.generateKeyPairSync('x25519');
  const epk = (eph.publicKey.export({ format: 'jwk' }) as { x: string }).x;
  const shared = crypto.diffieHellman({ privateKey: eph.privateKey, publicKey: importPublic(recipient) });
  const kek = wrapKeyFor(shared, epk, recipient);
  try {
    return { epk, ...seal(kek, dataKey, aad(epk)) };
  } finally {
    kek.fill(0);
    shared.fill(0);
  }
}

export function unwrapWith(privateKey: crypto.KeyObject, wrapped: WrappedKey, aad: string): Buffer {
  const recipient = publicOf(privateKey);
  const shared = crypto.diffieHellman({ privateKey, publicKey: importPublic(wrapped.epk) });
  const kek = wrapKeyFor(shared, wrapped.epk, recipient);
  try {
    return open(kek, wrapped, aad);
  } finally {
    kek.fill(0);
    shared.fill(0);
  }
}

export function subKey(dataKey: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', dataKey, 'hoso', purpose, 32));
}

export function hmac(key: Buffer, text: string): string {
  return crypto.createHmac('sha256', key).update(text, 'utf8').digest('base64');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted, so a MAC or hash over it does not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}
