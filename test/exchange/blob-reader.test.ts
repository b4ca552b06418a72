import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../electron/changelog/merge';
import { AgeWriter, newX25519 } from '../../electron/exchange/age';
import { changeMembers, readBundle, writeBundle, type Manifest } from '../../electron/exchange/bundle';
import { TAR_END, tarHeader, tarPadding } from '../../electron/exchange/ustar';
import { tempDir } from '../support/host';

/**
 * The bundle reader and writer on their own (no database): attachments leave the change lines as blobs and come
 * back as the very same change text, byte for byte, and a file larger than the reader's batch of sealed chunks is
 * read whole, with a flipped bit anywhere in a later batch still refused.
 */
const header = {
  format: 'hoso-bundle/1' as const,
  sender: crypto.randomUUID(),
  recipient: crypto.randomUUID(),
  seq: 1,
  prevHash: null,
  createdAt: '2026-12-03T00:00:00.000Z',
  purpose: 'thử',
  auditHead: null,
  receipt: null,
};
const dataUrl = (mime: string, bytes: number) => `data:${mime};base64,${crypto.randomBytes(bytes).toString('base64')}`;

function entry(i: number, fields: Record<string, unknown>): ChangeEntry {
  return {
    hlc: `${String(1_700_000_000_000 + i).padStart(15, '0')}-0000-node`,
    tableName: 'personPhotos',
    recordId: crypto.randomUUID(),
    changes: JSON.stringify(fields),
    base: null,
  };
}

async function roundTrip(entries: ChangeEntry[]) {
  const dir = tempDir('hoso-blob-reader-');
  const key = newX25519();
  const file = path.join(dir, 'b.age');
  const written = await writeBundle(
    file,
    [key.publicKey],
    crypto.generateKeyPairSync('ed25519').privateKey,
    header,
    (s) => changeMembers(entries, s),
  );
  const read: ChangeEntry[] = [];
  let manifest: Manifest | null = null;
  const hash = await readBundle(file, key.privateKey, {
    manifest: (m) => void (manifest = m),
    entry: (e) => void read.push(e),
  });
  return { dir, file, key, written, read, manifest: manifest as Manifest | null, hash };
}

describe('bundle reader and writer with attachments', () => {
  it('puts each data URL back into exactly the change text that was sent', async () => {
    const shared = dataUrl('image/png', 40_000);
    const entries = [
      // Field order, escapes, non-ASCII, numeric-looking and odd keys, two attachments in one change.
      entry(1, { note: 'dòng "một"\n\ttab \\ \u2028 😀', photo: dataUrl('image/jpeg', 300_000), n: 7, z: null }),
      entry(2, {
        10: 'mười',
        2: 'hai',
        __proto__x: { a: [1, 'b'] },
        scan: dataUrl('application/pdf', 50_000),
        photo: shared,
      }),
      // The same attachment again in a later change: carried once, put back in both.
      entry(3, { photo: shared, tiny: 'data:image/png;base64,AAAA' }),
      entry(4, { deletedAt: null }),
    ];
    const { read, manifest, written, hash, dir } = await roundTrip(entries);
    expect(read.map((e) => e.changes)).toEqual(entries.map((e) => e.changes));
    expect(read.map((e) => e.recordId)).toEqual(entries.map((e) => e.recordId));
    const blobs = manifest!.members.filter((m) => m.name.startsWith('blobs/'));
    expect(blobs.map((b) => b.size).sort((a, b) => a - b)).toEqual([40_000, 50_000, 300_000]);
    expect(hash).toBe(written.hash);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hashes the file while decrypting when an earlier pass gave its hash, and refuses a file that differs', async () => {
    const entries = [entry(1, { photo: dataUrl('image/jpeg', 200_000) })];
    const { file, key, written, dir } = await roundTrip(entries);
    const seen: string[] = [];
    const handler = {
      manifest: (_m: Manifest, _b: Buffer, _s: Buffer, h: string) => void seen.push(h),
      entry: () => undefined,
    };
    expect(await readBundle(file, key.privateKey, handler, { knownHash: written.hash })).toBe(written.hash);
    expect(seen).toEqual([written.hash]);
    // Another hash given (the stick's file swapped between the passes): refused once the file is read.
    await expect(readBundle(file, key.privateKey, handler, { knownHash: '0'.repeat(64) })).rejects.toMatchObject({
      code: 'BUNDLE_INVALID',
      message: expect.stringContaining('changed'),
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a file of many read batches whole, and refuses a bit flipped in a later batch', async () => {
    // 40 photos of 100 KB: about 4 MB, over 60 sealed chunks, so four read batches of 16.
    const entries = Array.from({ length: 40 }, (_, i) => entry(i, { photo: dataUrl('image/jpeg', 100_000) }));
    const { read, file, key, dir } = await roundTrip(entries);
    expect(read.map((e) => e.changes)).toEqual(entries.map((e) => e.changes));
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(3 * 16 * (64 * 1024 + 16));
    for (const at of [bytes.length - 5, Math.floor(bytes.length * 0.8), 17 * (64 * 1024 + 16) + 300]) {
      const bad = Buffer.from(bytes);
      bad[at]! ^= 0x04;
      const flipped = path.join(dir, `flip-${at}.age`);
      fs.writeFileSync(flipped, bad);
      let entriesSeen = 0;
      await expect(
        readBundle(flipped, key.privateKey, { manifest: () => undefined, entry: () => void entriesSeen++ }),
      ).rejects.toMatchObject({ code: 'BUNDLE_INVALID' });
      // Nothing past the bad chunk reached the handler.
      expect(entriesSeen).toBeLessThan(entries.length);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('parses no line of a chunk before its hash is checked, and gives none of a chunk whose hash fails', async () => {
    // A signed manifest whose second chunk's bytes, as the file carries them, differ from what was signed (same
    // size): their first line is not even JSON. Made by hand, as a sender whose data changed would.
    const dir = tempDir('hoso-blob-reader-');
    const key = newX25519();
    // Lines of 30,000 characters: the first chunk ends in a later piece of the age file than the second's error.
    const lines = (from: number) =>
      Array.from({ length: 3 }, (_, i) =>
        JSON.stringify({
          ...entry(from + i, { note: `ghi chú ${from + i} ${'x'.repeat(30_000)}` }),
          workstationId: null,
          accountId: null,
        }),
      );
    const firstLines = lines(0);
    const first = Buffer.from(`${firstLines.join('\n')}\n`);
    const signed = Buffer.from(`${lines(3).join('\n')}\n`);
    const carried = Buffer.concat([Buffer.from('!'), signed.subarray(1)]);
    const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
    const chunk = (n: number, b: Buffer) => ({
      name: `changes/00000${n}.jsonl`,
      size: b.length,
      entries: 3,
      sha256: sha(b),
    });
    const manifest = Buffer.from(
      JSON.stringify({
        ...header,
        hlc: null,
        counts: { personPhotos: 6 },
        members: [chunk(1, first), chunk(2, signed)],
      }),
    );
    const sig = crypto.sign(null, manifest, crypto.generateKeyPairSync('ed25519').privateKey);
    const members: [string, Buffer][] = [
      ['manifest.json', manifest],
      ['manifest.sig', sig],
      ['changes/000001.jsonl', first],
      ['changes/000002.jsonl', carried],
    ];
    const plain = Buffer.concat([
      ...members.flatMap(([n, b]) => [tarHeader(n, b.length), b, tarPadding(b.length)]),
      TAR_END,
    ]);
    const sealed: Buffer[] = [];
    const age = new AgeWriter([key.publicKey], (b) => sealed.push(Buffer.from(b)));
    age.write(plain);
    age.end();
    const file = path.join(dir, 'changed.age');
    fs.writeFileSync(file, Buffer.concat(sealed));

    const seen: string[] = [];
    const ends: string[] = [];
    await expect(
      readBundle(file, key.privateKey, {
        manifest: () => undefined,
        entry: (e) => void seen.push(e.recordId),
        chunkEnd: (name) => void ends.push(name),
      }),
    ).rejects.toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringContaining('chunk hash differs') });
    // The first chunk, verified, came whole; of the second, whose first line would not parse, nothing at all.
    expect(seen).toEqual(firstLines.map((l) => (JSON.parse(l) as ChangeEntry).recordId));
    expect(ends).toEqual(['changes/000001.jsonl']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
