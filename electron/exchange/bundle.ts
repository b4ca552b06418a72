import { isUtf8 } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { keepParsed, parsedOf, type ChangeEntry } from '../changelog/merge';
import { AgeError, AgeWriter, fileSource, openAge, type ByteSource } from './age';
import { ed25519Public } from './station';
import { MEMBER_NAME, TAR_END, TarError, TarReader, tarHeader, tarPadding } from './ustar';
import { TextMember, type TextRefusal } from './utf8-lines';

/**
 * The bundle format (docs/bundle-format.md): an age v1 file whose plaintext is a ustar archive of
 * `manifest.json`, `manifest.sig` (Ed25519 over the manifest's bytes), then the change chunks (JSON lines)
 * named in the manifest with their sizes, entry counts and SHA-256.
 */
export const BUNDLE_FORMAT = 'hoso-bundle/1';

export const LIMITS = Object.freeze({
  /** The whole age file. */
  maxFileBytes: 4 * 1024 ** 3,
  maxManifestBytes: 1024 * 1024,
  maxChunkBytes: 64 * 1024 * 1024,
  maxMembers: 10_000,
  maxLineBytes: 4 * 1024 * 1024,
  entriesPerChunk: 5_000,
  /** One attachment blob (a dossier scan is at most about 2 MB; a photo 0.5 MB). */
  maxBlobBytes: 16 * 1024 * 1024,
  /** The blobs a chunk refers to, held by the reader until the chunk is applied: its memory bound. */
  maxGroupBlobBytes: 64 * 1024 * 1024,
  /** A writer closes a chunk once its blobs reach this many bytes (one more blob may follow: ≤ 24 MiB). */
  groupBlobBytes: 8 * 1024 * 1024,
  /** A writer carries at most this many blobs (the manifest stays under its 1 MiB); the rest travel inline. */
  maxBlobs: 4_000,
  /** A field value below this many characters travels inline in its change line. */
  blobMinChars: 16 * 1024,
  /** Audit entries per `audit/` member. */
  auditPerChunk: 5_000,
});

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const stamp = z.string().max(100);
export const manifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    sender: z.string().uuid(),
    recipient: z.string().uuid(),
    seq: z.number().int().min(1),
    prevHash: hex64.nullable(),
    createdAt: z.string().max(40),
    purpose: z.string().max(200),
    hlc: z.object({ from: stamp, to: stamp }).strict().nullable(),
    counts: z.record(z.string().max(64), z.number().int().min(0)),
    members: z
      .array(
        z
          .object({
            name: z.string().regex(MEMBER_NAME),
            size: z.number().int().min(0).max(LIMITS.maxChunkBytes),
            entries: z.number().int().min(0),
            sha256: hex64,
          })
          .strict(),
      )
      .max(LIMITS.maxMembers),
    auditHead: z
      .object({ seq: z.number().int().min(0), hash: z.string().max(128) })
      .strict()
      .nullable(),
    receipt: z
      .object({ seq: z.number().int().min(1), hash: hex64 })
      .strict()
      .nullable(),
    /** The last bundle to this recipient the sender knew acknowledged when it selected the changes (0: none). */
    basis: z
      .object({ seq: z.number().int().min(0), hash: hex64.nullable() })
      .strict()
      .optional(),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestMember = Manifest['members'][number];

const MIME = /^[a-z]{1,20}\/[a-z0-9.+-]{1,60}$/;
const HEX64 = /^[0-9a-f]{64}$/;
/** A change line's shape. The reader checks it with `entryOf`, which a test holds to exactly this schema. */
export const entrySchema = z
  .object({
    hlc: z.string().max(100),
    tableName: z.string().max(64),
    recordId: z.string().max(64),
    changes: z.string().max(LIMITS.maxLineBytes),
    base: z.string().max(100_000).nullable(),
    workstationId: z.string().max(64).nullable(),
    accountId: z.string().max(64).nullable(),
    /** Fields whose value (a data URL) travels as a `blobs/<sha256>` member: `null` in `changes`. */
    blobs: z.record(z.string().max(64), z.object({ sha256: hex64, mime: z.string().regex(MIME) }).strict()).optional(),
  })
  .strict();

export type EntryLine = z.infer<typeof entrySchema>;

const ENTRY_KEYS = new Set(['hlc', 'tableName', 'recordId', 'changes', 'base', 'workstationId', 'accountId', 'blobs']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Code points, as zod measures a string past its limit (a surrogate pair is one; iteration counts the same). */
const codePoints = (v: string) => [...v].length;
const text = (v: unknown, max: number): v is string =>
  typeof v === 'string' && (v.length <= max || codePoints(v) <= max);
const textOrNull = (v: unknown, max: number) => v === null || text(v, max);

/**
 * A parsed change line if it has `entrySchema`'s shape (the same object, not a copy), else null: what zod's
 * `safeParse` decides, without the copy of every line it makes (an import reads 365,000 lines at 100,000 persons:
 * ~460 MB of copies and checks for the collector).
 */
export function entryOf(raw: unknown): EntryLine | null {
  if (!isObject(raw)) return null;
  let keys = 0;
  for (const k of Object.keys(raw)) {
    if (!ENTRY_KEYS.has(k)) return null;
    keys++;
  }
  const blobs = raw.blobs;
  if (keys !== (Object.hasOwn(raw, 'blobs') ? 8 : 7)) return null;
  if (
    !text(raw.hlc, 100) ||
    !text(raw.tableName, 64) ||
    !text(raw.recordId, 64) ||
    !text(raw.changes, LIMITS.maxLineBytes) ||
    !textOrNull(raw.base, 100_000) ||
    !textOrNull(raw.workstationId, 64) ||
    !textOrNull(raw.accountId, 64)
  )
    return null;
  if (blobs !== undefined) {
    if (!isObject(blobs)) return null;
    for (const [field, ref] of Object.entries(blobs)) {
      if ((field.length > 64 && codePoints(field) > 64) || !isObject(ref)) return null;
      const refKeys = Object.keys(ref);
      if (refKeys.length !== 2 || !Object.hasOwn(ref, 'sha256') || !Object.hasOwn(ref, 'mime')) return null;
      if (typeof ref.sha256 !== 'string' || !HEX64.test(ref.sha256)) return null;
      if (typeof ref.mime !== 'string' || !MIME.test(ref.mime)) return null;
    }
  }
  return raw as EntryLine;
}

/** A sender's audit entry as it travels to its hub (the columns of its hash-chained audit log). */
export const auditLineSchema = z
  .object({
    seq: z.number().int().min(1),
    at: z.string().max(40),
    accountId: z.string().max(64).nullable(),
    username: z.string().max(200).nullable(),
    role: z.string().max(64).nullable(),
    action: z.string().max(100),
    recordType: z.string().max(64).nullable(),
    recordId: z.string().max(200).nullable(),
    outcome: z.string().max(40),
    detail: z.string().max(100_000).nullable(),
    prevHash: hex64,
    hash: hex64,
  })
  .strict();
export type AuditLine = z.infer<typeof auditLineSchema>;

/** The writer's buffered write size. */
const WRITE_BYTES = 1024 * 1024;

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

export function invalid(detail: string): AppError {
  return new AppError(ErrorCodes.BUNDLE_INVALID, `bundle refused: ${detail}`);
}

/** A text member's lines that cannot be read (utf8-lines.ts), in the words of the other refusals. */
function lineError(reason: TextRefusal): AppError {
  return invalid(
    reason === 'not_utf8'
      ? 'chunk is not UTF-8 text'
      : reason === 'line_too_long'
        ? 'line too long'
        : reason === 'too_large'
          ? 'member size differs from the manifest'
          : 'chunk does not end with a newline',
  );
}

export interface WrittenBundle {
  hash: string;
  bytes: number;
  manifest: Manifest;
}

/** A member after the signature, as a writer produces it. */
export interface BundleMember {
  name: string;
  data: Buffer;
  entries: number;
}

/** What a pass over the changes saw: counts per table and the HLC range (for the manifest). */
export interface BundleStats {
  counts: Record<string, number>;
  changes: number;
  blobs: number;
  blobBytes: number;
  hlcFrom: string | null;
  hlcTo: string | null;
}

export function newStats(): BundleStats {
  return { counts: {}, changes: 0, blobs: 0, blobBytes: 0, hlcFrom: null, hlcTo: null };
}

/** Produces the members, in order; called twice (sizes and hashes first, then the bytes), with the same result. */
export type MemberSource = (stats: BundleStats) => AsyncIterable<BundleMember> | Iterable<BundleMember>;

const DATA_URL = /^data:([a-z]{1,20}\/[a-z0-9.+-]{1,60});base64,/;

/**
 * Whether `b64` is exactly how `data` is written in base64 (`data.toString('base64') === b64`, which the receiver
 * relies on to give back the same text), without writing a photo's megabyte out again: the decoder skips or stops
 * at what is not base64, so the length tells that every character was taken; the URL-safe letters, which it also
 * takes, are refused; and the last four characters are checked to carry no stray bits. Property-tested against the
 * round trip (test/exchange/base64-canonical.test.ts).
 */
export function isBase64Of(b64: string, data: Buffer): boolean {
  const n = b64.length;
  if (n % 4 !== 0) return false;
  if (n === 0) return data.length === 0;
  const pad = b64.charCodeAt(n - 1) === 61 ? (b64.charCodeAt(n - 2) === 61 ? 2 : 1) : 0;
  if (data.length !== (n / 4) * 3 - pad || b64.includes('-') || b64.includes('_')) return false;
  const tail = b64.slice(n - 4);
  return Buffer.from(tail, 'base64').toString('base64') === tail;
}

/**
 * The changes as members: JSON-lines chunks of at most 5,000 changes, each preceded by the attachment blobs its
 * lines refer to. A field whose value is a large base64 data URL (a dossier scan, a photo) travels as the blob of
 * its decoded bytes, named by their SHA-256, and as `null` plus a `blobs` reference in the line; a blob already
 * carried by an earlier chunk, one whose base64 would not read back identically, or beyond the blob cap travels
 * inline. A chunk closes early once its blobs reach 8 MiB, which bounds what the reader holds.
 */
export async function* changeMembers(
  entries: AsyncIterable<ChangeEntry> | Iterable<ChangeEntry>,
  stats: BundleStats,
): AsyncGenerator<BundleMember> {
  const carried = new Set<string>();
  let lines: string[] = [];
  let group = new Map<string, Buffer>();
  let groupBytes = 0;
  let chunkNo = 0;
  const flush = function* (): Generator<BundleMember> {
    if (!lines.length) return;
    for (const [h, data] of group) yield { name: `blobs/${h}`, data, entries: 0 };
    yield {
      name: `changes/${String(++chunkNo).padStart(6, '0')}.jsonl`,
      data: Buffer.from(`${lines.join('\n')}\n`),
      entries: lines.length,
    };
    for (const h of group.keys()) carried.add(h);
    lines = [];
    group = new Map();
    groupBytes = 0;
  };
  for await (const e of entries) {
    stats.counts[e.tableName] = (stats.counts[e.tableName] ?? 0) + 1;
    stats.changes++;
    if (stats.hlcFrom === null || e.hlc < stats.hlcFrom) stats.hlcFrom = e.hlc;
    if (stats.hlcTo === null || e.hlc > stats.hlcTo) stats.hlcTo = e.hlc;
    let changes = e.changes;
    let blobs: Record<string, { sha256: string; mime: string }> | undefined;
    if (changes.length >= LIMITS.blobMinChars) {
      // A first write written out from its row comes with the values it was written from (log-store.ts): a copy of
      // them, not megabytes of text parsed again.
      const kept = parsedOf(e)?.fields;
      const fields = kept ? { ...kept } : (JSON.parse(changes) as Record<string, unknown>);
      for (const [field, value] of Object.entries(fields)) {
        if (typeof value !== 'string' || value.length < LIMITS.blobMinChars) continue;
        const m = DATA_URL.exec(value);
        if (!m) continue;
        const b64 = value.slice(m[0].length);
        const data = Buffer.from(b64, 'base64');
        if (data.length > LIMITS.maxBlobBytes || !isBase64Of(b64, data)) continue;
        const h = sha256(data);
        if (carried.has(h)) continue;
        if (!group.has(h)) {
          if (stats.blobs >= LIMITS.maxBlobs) continue;
          group.set(h, data);
          groupBytes += data.length;
          stats.blobs++;
          stats.blobBytes += data.length;
        }
        fields[field] = null;
        (blobs ??= {})[field] = { sha256: h, mime: m[1]! };
      }
      if (blobs) changes = JSON.stringify(fields);
    }
    lines.push(
      JSON.stringify({
        hlc: e.hlc,
        tableName: e.tableName,
        recordId: e.recordId,
        changes,
        base: e.base ?? null,
        workstationId: e.workstationId ?? null,
        accountId: e.accountId ?? null,
        ...(blobs ? { blobs } : {}),
      }),
    );
    if (lines.length >= LIMITS.entriesPerChunk || groupBytes >= LIMITS.groupBlobBytes) yield* flush();
  }
  yield* flush();
}

/** Audit entries as `audit/NNNNNN.jsonl` members (a commune's audit trail travelling to its hub). */
export function* auditMembers(lines: readonly AuditLine[]): Generator<BundleMember> {
  for (let i = 0, n = 0; i < lines.length; i += LIMITS.auditPerChunk) {
    const part = lines.slice(i, i + LIMITS.auditPerChunk);
    yield {
      name: `audit/${String(++n).padStart(6, '0')}.jsonl`,
      data: Buffer.from(`${part.map((l) => JSON.stringify(l)).join('\n')}\n`),
      entries: part.length,
    };
  }
}

/** The manifest without what the writer computes; `counts` and `hlc` may be given (a test's lie). */
export type ManifestHeader = Omit<Manifest, 'members' | 'counts' | 'hlc'> & Partial<Pick<Manifest, 'counts' | 'hlc'>>;

/**
 * Writes a bundle to `file` without holding it in memory: a first pass over `source` takes each member's size
 * and SHA-256 (for the manifest, which comes first), a second writes the members through the age STREAM to a
 * temporary name in the same folder, checking each is what the first pass saw; the file is fsynced, read back
 * and its hash checked, then renamed. Returns the SHA-256 of the age file (the next bundle's `prevHash`).
 */
export async function writeBundle(
  file: string,
  recipients: readonly Buffer[],
  signingKey: crypto.KeyObject,
  header: ManifestHeader,
  source: MemberSource,
): Promise<WrittenBundle> {
  const stats = newStats();
  const members: ManifestMember[] = [];
  let total = 0;
  for await (const m of source(stats)) {
    members.push({ name: m.name, size: m.data.length, entries: m.entries, sha256: sha256(m.data) });
    total += m.data.length + 1024;
    if (members.length > LIMITS.maxMembers || total > LIMITS.maxFileBytes - LIMITS.maxManifestBytes)
      throw new AppError(ErrorCodes.BUNDLE_TOO_LARGE, 'too much to send in one bundle');
  }
  const full: Manifest = {
    ...header,
    counts: header.counts ?? stats.counts,
    hlc:
      header.hlc !== undefined ? header.hlc : stats.hlcFrom !== null ? { from: stats.hlcFrom, to: stats.hlcTo! } : null,
    members,
  };
  const manifestBytes = Buffer.from(JSON.stringify(full));
  if (manifestBytes.length > LIMITS.maxManifestBytes)
    throw new AppError(ErrorCodes.BUNDLE_TOO_LARGE, 'too many members for one bundle');
  const sig = crypto.sign(null, manifestBytes, signingKey);
  const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  try {
    // Sealed chunks are written about 1 MiB at a time (one write call for 16 chunks).
    let out: Buffer[] = [];
    let outBytes = 0;
    const flush = () => {
      let done = out.length ? fs.writevSync(fd, out) : 0;
      // A short write (rare on a file): the rest a buffer at a time.
      for (const b of out) {
        if (done >= b.length) {
          done -= b.length;
          continue;
        }
        let off = done;
        done = 0;
        while (off < b.length) off += fs.writeSync(fd, b, off);
      }
      out = [];
      outBytes = 0;
    };
    const age = new AgeWriter(recipients, (b) => {
      hash.update(b);
      bytes += b.length;
      out.push(b);
      outBytes += b.length;
      if (outBytes >= WRITE_BYTES) flush();
    });
    const member = (name: string, data: Buffer) => {
      age.write(tarHeader(name, data.length));
      age.write(data);
      age.write(tarPadding(data.length));
    };
    member('manifest.json', manifestBytes);
    member('manifest.sig', sig);
    let i = 0;
    for await (const m of source(newStats())) {
      const want = members[i++];
      if (!want || want.name !== m.name || want.size !== m.data.length || want.sha256 !== sha256(m.data))
        throw new AppError(ErrorCodes.INTERNAL, 'the data changed while the bundle was written');
      member(m.name, m.data);
    }
    if (i !== members.length) throw new AppError(ErrorCodes.INTERNAL, 'the data changed while the bundle was written');
    age.write(TAR_END);
    age.end();
    flush();
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  const digest = hash.digest('hex');
  // Read back, streaming: the file on the stick is the file we meant to write.
  if (fileSha256(tmp) !== digest) {
    fs.rmSync(tmp, { force: true });
    throw new AppError(ErrorCodes.IO_ERROR, 'the bundle did not read back as written');
  }
  fs.renameSync(tmp, file);
  return { hash: digest, bytes, manifest: full };
}

/** The SHA-256 of a file, read 1 MiB at a time. */
export function fileSha256(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    return sourceSha256(fileSource(fd));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The SHA-256 of a byte source, as far as its size (a device or a file still growing is not read past it), read
 * 1 MiB at a time into one buffer: a fresh buffer per read costs the kernel's zeroed pages each time (the hash of
 * a 200 MB bundle took three times as long).
 */
function sourceSha256(src: ByteSource): string {
  const h = crypto.createHash('sha256');
  const buf = Buffer.allocUnsafe(1024 * 1024);
  for (let p = 0; p < src.size; p += buf.length) h.update(src.read(p, buf.length, buf));
  return h.digest('hex');
}

export interface BundleReadHandler {
  /** The manifest, before anything else is read: check sender, recipient, signature, sequence; throw to refuse. */
  manifest(m: Manifest, bytes: Buffer, signature: Buffer, fileHash: string): Promise<void> | void;
  /**
   * Each change, in order, after its line parsed and its blobs put back. Only changes of a chunk whose hash, size
   * and line count were checked come here: a chunk is read whole and checked before any of its lines is parsed.
   */
  entry(e: ChangeEntry): Promise<void> | void;
  /** A chunk's last change was given (its blobs were all used). */
  chunkEnd?(name: string): Promise<void> | void;
  /** Each audit entry the sender sent along (hub peers), in order, once its member's hash was checked. */
  audit?(line: AuditLine): Promise<void> | void;
  /** An audit member ended and its hash and count checked out. */
  auditEnd?(): Promise<void> | void;
}

export function verifySignature(publicKey: Buffer, bytes: Buffer, signature: Buffer): boolean {
  try {
    return signature.length === 64 && crypto.verify(null, bytes, ed25519Public(publicKey), signature);
  } catch {
    return false;
  }
}

/**
 * Reads a bundle file: decrypts it streaming with this station's age key, parses the tar strictly, checks the
 * manifest against its schema and every member against the manifest. Returns the SHA-256 of the age file.
 * Every failure is an AppError with a bundle code; nothing here writes anything.
 */
export async function readBundle(
  file: string,
  ageKey: Buffer,
  handler: BundleReadHandler,
  opts: {
    /**
     * The file's SHA-256 as an earlier pass found it: the file is then hashed as it is decrypted, not read once more
     * first, the manifest handler is given this hash, and the read is refused at its end if the file differs.
     */
    knownHash?: string;
    /** Without `knownHash`: the hash found first is also taken as the file is decrypted, and compared at the end. */
    rehash?: boolean;
  } = {},
): Promise<string> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw new AppError(ErrorCodes.IO_ERROR, 'the bundle file cannot be read');
  }
  try {
    const src = fileSource(fd);
    if (src.size > LIMITS.maxFileBytes) throw new AppError(ErrorCodes.BUNDLE_TOO_LARGE, 'bundle file too large');
    // The file's hash first (the manifest handler needs it to tell a bundle already imported from a replay), unless
    // an earlier pass found it: then it is computed on the way and compared at the end.
    const streamed = opts.knownHash || opts.rehash ? crypto.createHash('sha256') : undefined;
    let digest = opts.knownHash ?? '';
    if (!opts.knownHash) digest = sourceSha256(src);
    let opened;
    try {
      opened = await openAge(src, { x25519: [ageKey] });
    } catch (e) {
      if (e instanceof AgeError && e.kind === 'no_match')
        throw new AppError(ErrorCodes.BUNDLE_NOT_FOR_US, 'bundle not encrypted to this station');
      throw e;
    }
    await readMembers(opened.chunks(streamed), handler, digest);
    if (streamed && streamed.digest('hex') !== digest) throw invalid('the file changed while it was read');
    return digest;
  } catch (e) {
    if (e instanceof AgeError) throw invalid(`age ${e.kind}`);
    if (e instanceof TarError) throw invalid(`archive: ${e.message}`);
    throw e;
  } finally {
    fs.closeSync(fd);
  }
}

/** Bytes of base64 a piece: a multiple of 3, so that the pieces' base64 joined is the whole's, padding and all. */
const BASE64_PIECE = 3 * 16 * 1024;

/**
 * `data.toString('base64')`, the same text, made of pieces of 64 KiB of base64 joined (V8 keeps the join as a rope).
 * A photo's base64 made at once is a string of ~700 KB that V8 allocates and fills apart, and the data URL made of
 * it is copied flat again when SQLite is given it: the pieces are small strings, and the one flat copy of the URL
 * is the one SQLite's binding makes. 400 photos of 500 KB into SQLite: 2.8-4.1 s made at once, 1.8-2.2 s in pieces.
 */
export function base64Pieces(data: Buffer): string {
  if (data.length <= BASE64_PIECE) return data.toString('base64');
  let out = '';
  for (let i = 0; i < data.length; i += BASE64_PIECE)
    out += data.toString('base64', i, Math.min(data.length, i + BASE64_PIECE));
  return out;
}

/**
 * `JSON.stringify(fields)` with the given fields' values replaced by ready JSON strings (the data URLs put back),
 * byte for byte what stringify would give for them, without stringify scanning a large string for characters to
 * escape (it does so at a sixth of the speed of everything else on the path). A data URL needs no escaping: its
 * media type matches MIME and base64 has only letters, digits, `+`, `/` and `=`.
 */
function withDataUrls(fields: Record<string, unknown>, urls: ReadonlyMap<string, string>): string {
  let out = '{';
  for (const [k, v] of Object.entries(fields)) {
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(k)}:${urls.get(k) ?? JSON.stringify(v)}`;
  }
  return `${out}}`;
}

async function readMembers(plain: Iterable<Buffer>, handler: BundleReadHandler, fileHash: string): Promise<void> {
  let manifest: Manifest | null = null;
  let manifestBytes: Buffer | null = null;
  let index = 0;
  let current: { name: string; size: number; kind: 'head' | 'changes' | 'audit' | 'blob'; sha: string } | null = null;
  let parts: Buffer[] = [];
  let hash: crypto.Hash | null = null;
  let text: TextMember | null = null;
  // The blobs of the chunk that follows them: verified, held until the chunk's lines are read, each used once at least.
  type Blob = { data: Buffer; used: boolean; base64?: string };
  let group = new Map<string, Blob>();
  let groupBytes = 0;
  let auditSeen = false;
  const queue: (() => Promise<void> | void)[] = [];

  const expected = (i: number) => {
    if (i === 0) return { name: 'manifest.json', max: LIMITS.maxManifestBytes, m: null };
    if (i === 1) return { name: 'manifest.sig', max: 64, m: null };
    const m = manifest!.members[i - 2];
    if (!m) throw invalid('a member the manifest does not list');
    return { name: m.name, max: m.size, m };
  };

  const changeLine = (text: string, blobs: ReadonlyMap<string, Blob>): ChangeEntry => {
    if (!text) throw invalid('empty line in a chunk');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw invalid('malformed change line');
    }
    const line = entryOf(raw);
    if (!line) throw invalid('malformed change');
    const { hlc, tableName, recordId, changes, base, workstationId, accountId, blobs: refs } = line;
    // The fields in the order the reader always gave them: a station's id last, only when the change names one.
    const e: ChangeEntry =
      workstationId === null
        ? { hlc, tableName, recordId, changes, base, accountId }
        : { hlc, tableName, recordId, changes, base, accountId, workstationId };
    let parsed: Record<string, unknown> | null = null;
    if (refs) {
      let fields: Record<string, unknown>;
      try {
        fields = JSON.parse(changes) as Record<string, unknown>;
      } catch {
        throw invalid('malformed change');
      }
      if (!fields || typeof fields !== 'object' || Array.isArray(fields)) throw invalid('malformed change');
      const urls = new Map<string, string>();
      for (const [field, ref] of Object.entries(refs)) {
        const blob = blobs.get(ref.sha256);
        if (!blob) throw invalid('a change refers to an attachment the bundle does not carry before it');
        if (!Object.hasOwn(fields, field) || fields[field] !== null)
          throw invalid('an attachment reference without its field');
        blob.used = true;
        blob.base64 ??= base64Pieces(blob.data);
        const url = `data:${ref.mime};base64,${blob.base64}`;
        fields[field] = url;
        urls.set(field, `"${url}"`);
      }
      e.changes = withDataUrls(fields, urls);
      parsed = fields;
    }
    // The fields the text was just written from: the validator and the merge take them instead of parsing a
    // photo's data URL out of the text again (its base, small, is parsed here; a malformed one is left to them).
    if (parsed) {
      let base: unknown;
      try {
        base = e.base ? JSON.parse(e.base) : null;
      } catch {
        base = undefined;
      }
      if (base === null || (typeof base === 'object' && !Array.isArray(base)))
        keepParsed(e, parsed, base as Record<string, unknown> | null);
    }
    return e;
  };

  const auditLine = (text: string): AuditLine => {
    if (!text) throw invalid('empty line in an audit member');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw invalid('malformed audit line');
    }
    const r = auditLineSchema.safeParse(raw);
    if (!r.success) throw invalid('malformed audit entry');
    return r.data;
  };

  /** A verified chunk's changes, a line at a time, each given to the handler; then its blobs must all have been used. */
  const readChunk = async (name: string, lines: Iterable<string>, blobs: Map<string, Blob>) => {
    for (const l of lines) await handler.entry(changeLine(l, blobs));
    for (const b of blobs.values()) if (!b.used) throw invalid('an attachment no change refers to');
    blobs.clear();
    if (handler.chunkEnd) await handler.chunkEnd(name);
  };

  const readAudit = async (lines: Iterable<string>) => {
    for (const l of lines) {
      const line = auditLine(l);
      if (handler.audit) await handler.audit(line);
    }
    if (handler.auditEnd) await handler.auditEnd();
  };

  const tar = new TarReader(
    {
      entry(name, size) {
        const want = expected(index);
        if (name !== want.name) throw invalid('members out of order');
        if (index >= 2 ? size !== want.max : size > want.max) throw invalid('member size differs from the manifest');
        const kind =
          index < 2 ? 'head' : name.startsWith('blobs/') ? 'blob' : name.startsWith('audit/') ? 'audit' : 'changes';
        if (kind === 'blob') {
          if (want.m!.entries !== 0 || name !== `blobs/${want.m!.sha256}`)
            throw invalid('attachment not named by its hash');
          if (auditSeen) throw invalid('an attachment after the audit entries');
          if (size > LIMITS.maxBlobBytes || groupBytes + size > LIMITS.maxGroupBlobBytes)
            throw invalid('attachment too large');
          groupBytes += size;
        } else if (kind === 'audit') {
          if (group.size) throw invalid('attachments no change refers to');
          auditSeen = true;
        } else if (kind === 'changes' && auditSeen) throw invalid('changes after the audit entries');
        current = { name, size, kind, sha: want.m?.sha256 ?? '' };
        parts = [];
        hash = index >= 2 ? crypto.createHash('sha256') : null;
        text = kind === 'changes' || kind === 'audit' ? new TextMember(size, LIMITS.maxLineBytes, lineError) : null;
      },
      data(chunk) {
        const c = current!;
        hash?.update(chunk);
        if (c.kind === 'head' || c.kind === 'blob') {
          // The decrypted chunks are fresh buffers, never reused: kept by reference, not copied.
          parts.push(chunk);
          return;
        }
        text!.push(chunk);
      },
      endEntry() {
        const c = current!;
        if (index === 0) {
          manifestBytes = Buffer.concat(parts);
        } else if (index === 1) {
          let parsed: unknown;
          // UTF-8 text like the other members: bytes that are not are refused, never read as U+FFFD.
          if (!isUtf8(manifestBytes!)) throw invalid('manifest is not UTF-8 text');
          try {
            parsed = JSON.parse(manifestBytes!.toString('utf8'));
          } catch {
            throw invalid('manifest is not JSON');
          }
          const r = manifestSchema.safeParse(parsed);
          if (!r.success) throw invalid('manifest does not match the format');
          manifest = r.data;
          const bytes = manifestBytes!;
          const sig = Buffer.concat(parts);
          queue.push(() => handler.manifest(r.data, bytes, sig, fileHash));
        } else if (c.kind === 'blob') {
          if (hash!.digest('hex') !== c.sha) throw invalid('attachment hash differs from the manifest');
          group.set(c.sha, { data: Buffer.concat(parts), used: false });
          parts = [];
        } else {
          const m = manifest!.members[index - 2]!;
          if (hash!.digest('hex') !== m.sha256) throw invalid('chunk hash differs from the manifest');
          const member = text!;
          if (member.end() !== m.entries) throw invalid('chunk entry count differs from the manifest');
          if (c.kind === 'changes') {
            const blobs = group;
            group = new Map();
            groupBytes = 0;
            queue.push(() => readChunk(c.name, member.lines(), blobs));
          } else queue.push(() => readAudit(member.lines()));
          text = null;
        }
        index++;
        current = null;
      },
    },
    { maxMembers: LIMITS.maxMembers + 2, maxMemberBytes: LIMITS.maxChunkBytes },
  );

  for (const chunk of plain) {
    tar.feed(chunk);
    // Handlers run in order, after the parts they need were verified (the manifest's signature before any change).
    while (queue.length) await queue.shift()!();
  }
  tar.end();
  while (queue.length) await queue.shift()!();
  if (!manifest) throw invalid('no manifest');
  if (index !== (manifest as Manifest).members.length + 2) throw invalid('members missing');
  if (group.size) throw invalid('attachments no change refers to');
}
