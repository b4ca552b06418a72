import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { ChangeEntry } from '../changelog/merge';
import { AgeError, AgeWriter, fileSource, openAge } from './age';
import { ed25519Public } from './station';
import { MEMBER_NAME, TAR_END, TarError, TarReader, tarHeader, tarPadding } from './ustar';

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
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

const entrySchema = z
  .object({
    hlc: z.string().max(100),
    tableName: z.string().max(64),
    recordId: z.string().max(64),
    changes: z.string().max(LIMITS.maxLineBytes),
    base: z.string().max(100_000).nullable(),
    workstationId: z.string().max(64).nullable(),
    accountId: z.string().max(64).nullable(),
  })
  .strict();

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

export function invalid(detail: string): AppError {
  return new AppError(ErrorCodes.BUNDLE_INVALID, `bundle refused: ${detail}`);
}

export interface WrittenBundle {
  hash: string;
  bytes: number;
}

/** Changes as JSON-lines chunks, with the manifest's member entries. */
export function chunkEntries(entries: readonly ChangeEntry[]): { name: string; data: Buffer; entries: number }[] {
  const out: { name: string; data: Buffer; entries: number }[] = [];
  for (let i = 0; i < entries.length; i += LIMITS.entriesPerChunk) {
    const part = entries.slice(i, i + LIMITS.entriesPerChunk);
    const text = part
      .map((e) =>
        JSON.stringify({
          hlc: e.hlc,
          tableName: e.tableName,
          recordId: e.recordId,
          changes: e.changes,
          base: e.base ?? null,
          workstationId: e.workstationId ?? null,
          accountId: e.accountId ?? null,
        }),
      )
      .join('\n');
    out.push({
      name: `changes/${String(out.length + 1).padStart(6, '0')}.jsonl`,
      data: Buffer.from(`${text}\n`),
      entries: part.length,
    });
  }
  return out;
}

/**
 * Writes a bundle to `file`: a temporary name in the same folder, fsynced, read back and its hash checked,
 * then renamed. Returns the SHA-256 of the age file (the next bundle's `prevHash`).
 */
export function writeBundle(
  file: string,
  recipients: readonly Buffer[],
  signingKey: crypto.KeyObject,
  manifest: Omit<Manifest, 'members'>,
  chunks: readonly { name: string; data: Buffer; entries: number }[],
): WrittenBundle {
  const full: Manifest = {
    ...manifest,
    members: chunks.map((c) => ({ name: c.name, size: c.data.length, entries: c.entries, sha256: sha256(c.data) })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(full));
  const sig = crypto.sign(null, manifestBytes, signingKey);
  const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  try {
    const age = new AgeWriter(recipients, (b) => {
      hash.update(b);
      bytes += b.length;
      let off = 0;
      while (off < b.length) off += fs.writeSync(fd, b, off);
    });
    const member = (name: string, data: Buffer) => {
      age.write(tarHeader(name, data.length));
      age.write(data);
      age.write(tarPadding(data.length));
    };
    member('manifest.json', manifestBytes);
    member('manifest.sig', sig);
    for (const c of chunks) member(c.name, c.data);
    age.write(TAR_END);
    age.end();
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  const digest = hash.digest('hex');
  // Read back: the file on the stick is the file we meant to write.
  if (sha256(fs.readFileSync(tmp)) !== digest) {
    fs.rmSync(tmp, { force: true });
    throw new AppError(ErrorCodes.IO_ERROR, 'the bundle did not read back as written');
  }
  fs.renameSync(tmp, file);
  return { hash: digest, bytes };
}

export interface BundleReadHandler {
  /** The manifest, before anything else is read: check sender, recipient, signature, sequence; throw to refuse. */
  manifest(m: Manifest, bytes: Buffer, signature: Buffer, fileHash: string): Promise<void> | void;
  /** Each change, in order, after its line parsed; the chunk's hash is checked when the chunk ends. */
  entry(e: ChangeEntry): Promise<void> | void;
  /** A chunk ended and its hash and count checked out. */
  chunkEnd?(name: string): Promise<void> | void;
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
export async function readBundle(file: string, ageKey: Buffer, handler: BundleReadHandler): Promise<string> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw new AppError(ErrorCodes.IO_ERROR, 'the bundle file cannot be read');
  }
  try {
    const src = fileSource(fd);
    if (src.size > LIMITS.maxFileBytes) throw new AppError(ErrorCodes.BUNDLE_TOO_LARGE, 'bundle file too large');
    // The file's hash first: the manifest handler needs it to tell a bundle already imported from a replay.
    const fileHash = crypto.createHash('sha256');
    for (let p = 0; p < src.size; p += 1024 * 1024) fileHash.update(src.read(p, 1024 * 1024));
    const digest = fileHash.digest('hex');
    let opened;
    try {
      opened = await openAge(src, { x25519: [ageKey] });
    } catch (e) {
      if (e instanceof AgeError && e.kind === 'no_match')
        throw new AppError(ErrorCodes.BUNDLE_NOT_FOR_US, 'bundle not encrypted to this station');
      throw e;
    }
    await readMembers(opened.chunks(), handler, digest);
    return digest;
  } catch (e) {
    if (e instanceof AgeError) throw invalid(`age ${e.kind}`);
    if (e instanceof TarError) throw invalid(`archive: ${e.message}`);
    throw e;
  } finally {
    fs.closeSync(fd);
  }
}

async function readMembers(plain: Iterable<Buffer>, handler: BundleReadHandler, fileHash: string): Promise<void> {
  let manifest: Manifest | null = null;
  let manifestBytes: Buffer | null = null;
  let index = 0;
  let current: { name: string; size: number } | null = null;
  let parts: Buffer[] = [];
  let hash: crypto.Hash | null = null;
  let carry = '';
  let lines = 0;
  const queue: (() => Promise<void> | void)[] = [];

  const expected = (i: number) => {
    if (i === 0) return { name: 'manifest.json', max: LIMITS.maxManifestBytes };
    if (i === 1) return { name: 'manifest.sig', max: 64 };
    const m = manifest!.members[i - 2];
    if (!m) throw invalid('a member the manifest does not list');
    return { name: m.name, max: m.size };
  };

  const line = (text: string) => {
    if (!text) throw invalid('empty line in a chunk');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw invalid('malformed change line');
    }
    const r = entrySchema.safeParse(raw);
    if (!r.success) throw invalid('malformed change');
    lines++;
    const { workstationId, ...rest } = r.data;
    const e: ChangeEntry = workstationId === null ? rest : { ...rest, workstationId };
    queue.push(() => handler.entry(e));
  };

  const tar = new TarReader(
    {
      entry(name, size) {
        const want = expected(index);
        if (name !== want.name) throw invalid('members out of order');
        if (index >= 2 ? size !== want.max : size > want.max) throw invalid('member size differs from the manifest');
        current = { name, size };
        parts = [];
        hash = index >= 2 ? crypto.createHash('sha256') : null;
        carry = '';
        lines = 0;
      },
      data(chunk) {
        if (index < 2) {
          parts.push(Buffer.from(chunk));
          return;
        }
        hash!.update(chunk);
        const text = carry + chunk.toString('utf8');
        const split = text.split('\n');
        carry = split.pop()!;
        if (carry.length > LIMITS.maxLineBytes) throw invalid('line too long');
        for (const l of split) line(l);
      },
      endEntry() {
        const name = current!.name;
        if (index === 0) {
          manifestBytes = Buffer.concat(parts);
        } else if (index === 1) {
          let parsed: unknown;
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
        } else {
          if (carry) throw invalid('chunk does not end with a newline');
          const m = manifest!.members[index - 2]!;
          if (hash!.digest('hex') !== m.sha256) throw invalid('chunk hash differs from the manifest');
          if (lines !== m.entries) throw invalid('chunk entry count differs from the manifest');
          if (handler.chunkEnd) queue.push(() => handler.chunkEnd!(name));
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
}
