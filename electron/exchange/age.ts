import crypto from 'node:crypto';
import fs from 'node:fs';
import { Decrypter } from 'age-encryption';
import { ageIdentityOf } from './bech32';

/**
 * age v1 (https://age-encryption.org/v1), binary format, as bundles use it.
 *
 * - Writing: X25519 recipient stanzas and the payload STREAM on node:crypto (ChaCha20-Poly1305 in 64 KiB chunks),
 *   streamed to a file descriptor.
 * - Reading: the header is bounded (size, stanza count) before anything parses it; the header's grammar, the
 *   stanzas and the HMAC are checked by `age-encryption` (typage, by the age authors, tested by them against the
 *   C2SP vectors), which returns the file key; the payload STREAM is then decrypted here on node:crypto, chunk by
 *   chunk, from the file, so a large bundle never sits in memory.
 * Every failure is an AgeError whose kind matches the C2SP vectors' expectations.
 */
export type AgeFailure = 'armor' | 'header' | 'hmac' | 'no_match' | 'payload';

export class AgeError extends Error {
  constructor(
    readonly kind: AgeFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AgeError';
  }
}

const INTRO = 'age-encryption.org/v1\n';
const CHUNK = 64 * 1024;
const TAG = 16;
/** Sealed chunks read from the file per read call. */
const READ_CHUNKS = 16;
/** Bundles have one recipient plus a few archive keys; a header beyond these is refused before parsing. */
export const MAX_HEADER_BYTES = 64 * 1024;
export const MAX_STANZAS = 32;

const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');

export function x25519Private(raw: Uint8Array): crypto.KeyObject {
  return crypto.createPrivateKey({ key: Buffer.concat([X25519_PKCS8, raw]), format: 'der', type: 'pkcs8' });
}
export function x25519Public(raw: Uint8Array): crypto.KeyObject {
  return crypto.createPublicKey({ key: Buffer.concat([X25519_SPKI, raw]), format: 'der', type: 'spki' });
}
export function rawKey(k: crypto.KeyObject, part: 'd' | 'x'): Buffer {
  const jwk = k.export({ format: 'jwk' }) as { d?: string; x?: string };
  return Buffer.from(jwk[part]!, 'base64url');
}

/** A new X25519 key pair as raw 32-byte halves. */
export function newX25519(): { privateKey: Buffer; publicKey: Buffer } {
  const { privateKey } = crypto.generateKeyPairSync('x25519');
  return { privateKey: rawKey(privateKey, 'd'), publicKey: rawKey(privateKey, 'x') };
}

function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from(info), 32));
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64').replace(/=+$/, '');

function seal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Buffer {
  const c = crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Buffer | null {
  if (sealed.length < TAG) return null;
  const d = crypto.createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    // ChaCha20-Poly1305 is a stream cipher: `update` returns every plaintext byte, `final` only checks the tag.
    const plain = d.update(sealed.subarray(0, sealed.length - TAG));
    d.final();
    return plain;
  } catch {
    return null;
  }
}

function x25519Stanza(fileKey: Buffer, recipient: Buffer): string {
  const { privateKey, publicKey } = newX25519();
  const shared = crypto.diffieHellman({ privateKey: x25519Private(privateKey), publicKey: x25519Public(recipient) });
  if (shared.every((b) => b === 0)) throw new Error('low-order recipient');
  const wrapKey = hkdf(shared, Buffer.concat([publicKey, recipient]), 'age-encryption.org/v1/X25519');
  const body = seal(wrapKey, Buffer.alloc(12), fileKey);
  return `-> X25519 ${b64(publicKey)}\n${b64(body)}\n`;
}

function streamNonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/**
 * Streams an age file to `sink`: header for the recipients (raw X25519 public keys), then the payload in
 * 64 KiB chunks; a chunk is sealed only once it is known whether it is the last.
 */
export class AgeWriter {
  private readonly key: Buffer;
  private pending: Buffer[] = [];
  private pendingLen = 0;
  private counter = 0;
  private written = 0;

  constructor(
    recipients: readonly Buffer[],
    private readonly sink: (b: Buffer) => void,
  ) {
    if (!recipients.length) throw new Error('no recipients');
    const fileKey = crypto.randomBytes(16);
    let header = INTRO;
    for (const r of recipients) header += x25519Stanza(fileKey, r);
    header += '---';
    const mac = crypto
      .createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'header'))
      .update(header)
      .digest();
    const nonce = crypto.randomBytes(16);
    this.key = hkdf(fileKey, nonce, 'payload');
    this.sink(Buffer.concat([Buffer.from(`${header} ${b64(mac)}\n`), nonce]));
  }

  write(data: Buffer): void {
    // Fill the pending chunk; a full chunk is sealed only when more data follows (then it is not the last).
    let off = 0;
    while (off < data.length) {
      if (this.pendingLen === CHUNK) {
        this.emit(this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending), false);
        this.pending = [];
        this.pendingLen = 0;
      }
      const n = Math.min(CHUNK - this.pendingLen, data.length - off);
      this.pending.push(off === 0 && n === data.length ? data : data.subarray(off, off + n));
      this.pendingLen += n;
      off += n;
    }
  }

  end(): number {
    this.emit(Buffer.concat(this.pending), true);
    this.pending = [];
    return this.written;
  }

  private emit(plain: Buffer, last: boolean) {
    const out = seal(this.key, streamNonce(this.counter++, last), plain);
    this.written += plain.length;
    this.sink(out);
  }
}

/** Where an age file is read from: a file (by descriptor) or bytes in memory (tests, C2SP vectors). */
export interface ByteSource {
  size: number;
  /**
   * Bytes from `position`, at most `length` (fewer at the end). With `into` (at least `length` long) a file source
   * reads into it and returns a view of it, valid until the next read into the same buffer.
   */
  read(position: number, length: number, into?: Buffer): Buffer;
}

export function fileSource(fd: number): ByteSource {
  const size = fs.fstatSync(fd).size;
  return {
    size,
    read(position, length, into) {
      const want = Math.max(0, Math.min(length, size - position));
      // Filled below before anyone reads it (a short read is cut off): no zero-fill.
      const buf = into && into.length >= want ? into.subarray(0, want) : Buffer.allocUnsafe(want);
      let off = 0;
      while (off < buf.length) {
        const n = fs.readSync(fd, buf, off, buf.length - off, position + off);
        if (n === 0) break;
        off += n;
      }
      return off === buf.length ? buf : buf.subarray(0, off);
    },
  };
}

export function bufferSource(b: Uint8Array): ByteSource {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return { size: buf.length, read: (p, l) => buf.subarray(p, Math.min(buf.length, p + l)) };
}

/** The header's extent, checked for size and stanza count before anything parses it. */
function locateHeader(src: ByteSource): Buffer {
  const head = src.read(0, MAX_HEADER_BYTES + 64);
  if (
    !head.subarray(0, INTRO.length).equals(Buffer.from(INTRO)) &&
    /-----\s*BEGIN/.test(head.subarray(0, 1024).toString('latin1'))
  )
    throw new AgeError('armor', 'armored age files are not bundles');
  if (!head.subarray(0, INTRO.length).equals(Buffer.from(INTRO))) throw new AgeError('header', 'not an age v1 file');
  let lineStart = 0;
  let stanzas = 0;
  while (lineStart < head.length) {
    const nl = head.indexOf(0x0a, lineStart);
    if (nl < 0) break;
    if (head[lineStart] === 0x2d && head[lineStart + 1] === 0x3e) stanzas++;
    if (stanzas > MAX_STANZAS) throw new AgeError('header', 'too many recipient stanzas');
    if (head.subarray(lineStart, lineStart + 3).toString('latin1') === '---') {
      if (nl + 1 > MAX_HEADER_BYTES) throw new AgeError('header', 'header too large');
      // The MAC line, strictly: "--- " and the canonical unpadded base64 of 32 bytes.
      if (!/^--- [A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$/.test(head.subarray(lineStart, nl).toString('latin1')))
        throw new AgeError('header', 'malformed header MAC line');
      return head.subarray(0, nl + 1);
    }
    lineStart = nl + 1;
  }
  throw new AgeError('header', head.length > MAX_HEADER_BYTES ? 'header too large' : 'header truncated');
}

export interface AgeOpened {
  /** Total payload plaintext size (known from the file size, before decrypting). */
  plaintextSize: number;
  /**
   * Decrypts the payload chunk by chunk; throws AgeError('payload') at the first bad chunk. With `fileHash`, every
   * byte of the file is passed to it as it is read (header, nonce, then the sealed chunks in order).
   */
  chunks(fileHash?: crypto.Hash): Generator<Buffer>;
}

/** Opens an age file with identities (`AGE-SECRET-KEY-1…`, or a passphrase for scrypt vectors). */
export async function openAge(
  src: ByteSource,
  identities: { x25519?: readonly Uint8Array[]; identityStrings?: readonly string[]; passphrase?: string },
): Promise<AgeOpened> {
  const header = locateHeader(src);
  const d = new Decrypter();
  for (const k of identities.x25519 ?? []) d.addIdentity(ageIdentityOf(k));
  for (const s of identities.identityStrings ?? []) d.addIdentity(s);
  if (identities.passphrase !== undefined) d.addPassphrase(identities.passphrase);
  let fileKey: Uint8Array;
  try {
    fileKey = await d.decryptHeader(header);
  } catch (e) {
    const m = e instanceof Error ? e.message : '';
    if (/no identity matched/i.test(m)) throw new AgeError('no_match', 'this file is not encrypted to us');
    if (/HMAC/i.test(m)) throw new AgeError('hmac', 'header MAC does not verify');
    throw new AgeError('header', 'malformed age header');
  }
  if (src.size < header.length + 16) throw new AgeError('header', 'payload nonce missing');
  const nonce = src.read(header.length, 16);
  const key = hkdf(fileKey, nonce, 'payload');
  const start = header.length + 16;
  const payloadLen = src.size - start;
  const sealedChunk = CHUNK + TAG;
  const count = Math.ceil(payloadLen / sealedChunk);
  const lastLen = payloadLen - (count - 1) * sealedChunk;
  const plaintextSize = count === 0 ? 0 : (count - 1) * CHUNK + Math.max(0, lastLen - TAG);
  return {
    plaintextSize,
    *chunks(fileHash?: crypto.Hash) {
      if (payloadLen <= 0) throw new AgeError('payload', 'no payload chunks');
      fileHash?.update(src.read(0, start));
      // Read 16 sealed chunks (about 1 MiB) per call, decrypt them one by one.
      let batch: Buffer = Buffer.alloc(0);
      let batchFrom = 0;
      // One read buffer for the whole file: every plaintext chunk is a new buffer, nothing keeps a view of it.
      const readBuffer = Buffer.allocUnsafe(Math.min(READ_CHUNKS * sealedChunk, payloadLen));
      for (let i = 0; i < count; i++) {
        const last = i === count - 1;
        const at = i * sealedChunk;
        const len = last ? lastLen : sealedChunk;
        if (at + len > batchFrom + batch.length) {
          batchFrom = at;
          batch = src.read(start + at, Math.min(READ_CHUNKS * sealedChunk, payloadLen - at), readBuffer);
          fileHash?.update(batch);
        }
        const sealed = batch.subarray(at - batchFrom, at - batchFrom + len);
        if (sealed.length < TAG) throw new AgeError('payload', 'truncated chunk');
        const plain = open(key, streamNonce(i, last), sealed);
        if (!plain) throw new AgeError('payload', `chunk ${i} does not authenticate`);
        if (last && plain.length === 0 && i > 0) throw new AgeError('payload', 'empty last chunk');
        yield plain;
      }
    },
  };
}
