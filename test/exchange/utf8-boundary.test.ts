import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, ok } from '../support/host';
import { as } from '../support/persons';
import { addArchiveKey, person, twoStations } from './world';

/** Plaintext bytes per age chunk (the STREAM of age v1): the reader is given the bundle in pieces this long. */
const AGE_CHUNK = 64 * 1024;

/** The data of each member of a ustar archive: its name and where its bytes are. */
function members(tar: Buffer): { name: string; from: number; to: number }[] {
  const out: { name: string; from: number; to: number }[] = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const name = tar
      .subarray(at, at + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(
      tar
        .subarray(at + 124, at + 136)
        .toString('ascii')
        .replace(/\0.*$/s, '')
        .trim(),
      8,
    );
    out.push({ name, from: at + 512, to: at + 512 + size });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

const isContinuation = (b: number) => (b & 0xc0) === 0x80;

describe('text cut by the end of a decrypted chunk', { timeout: 300_000 }, () => {
  it('a name whose letter a chunk of the bundle cuts in two arrives whole (was: U+FFFD in its place)', async () => {
    const s = await twoStations();
    // An archive key, to look at the plaintext the way the reader gets it.
    const keyFile = await addArchiveKey(s);

    // Forty persons whose text is almost all two- and three-byte letters: most bytes of the changes are inside
    // a letter, so the ends of the 64 KiB chunks fall inside letters (checked below, not assumed).
    await as(s.commune.host, s.commune.accounts.officerA.username);
    const letters = 'ễẬưởĐđặốờ';
    const word = (i: number, n: number) =>
      Array.from({ length: n }, (_, k) => letters[(i + k) % letters.length]).join('');
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const p = person(s.commune.communeA.code, `Nguyễn ${word(i, 40)} ${word(i + 3, 50)}`, String(300000 + i));
      const made = await ok(s.commune.host, 'persons.create', {
        ...p,
        otherNames: Array.from({ length: 10 }, (_, k) => `Ưởng ${word(i + k, 100)}`),
        familyContact: `Mẹ: ${word(i, 290)}`,
        occupation: word(i + 1, 110),
        currentAddress: { ...p.currentAddress, street: `Thôn ${word(i + 2, 190)}` },
        // Alike names, one birth date: the duplicate warning is answered.
        confirmed: true,
      });
      ids.push(made.person.id);
    }
    await as(s.commune.host, ADMIN.username);
    const out = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    expect(out.counts.persons).toBe(40);

    const tarFile = path.join(s.dir, 'plain.tar');
    expect(spawnSync('age', ['-d', '-i', keyFile, '-o', tarFile, out.file]).status).toBe(0);
    const plain = fs.readFileSync(tarFile);
    const changes = members(plain).filter((m) => m.name.startsWith('changes/'));
    expect(changes.length).toBeGreaterThan(0);
    // The chunk ends that fall inside a letter of a change line: the first byte after the end continues a letter.
    const cuts: number[] = [];
    for (let end = AGE_CHUNK; end < plain.length; end += AGE_CHUNK)
      if (changes.some((m) => end > m.from && end < m.to) && isContinuation(plain[end]!)) cuts.push(end);
    expect(cuts.length).toBeGreaterThan(0);

    const r = await ok(s.hub.host, 'bundles.import', { path: out.file });
    expect(r.refused).toEqual([]);
    const read = (host: typeof s.hub.host) =>
      host
        .openState()
        .raw.prepare(
          `SELECT id, full_name, other_names, family_contact, occupation, cur_street, name_folded, sort_key
           FROM persons WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`,
        )
        .all(...ids) as Record<string, string>[];
    const atHub = read(s.hub.host);
    expect(atHub).toHaveLength(40);
    expect(JSON.stringify(atHub)).not.toContain('\ufffd');
    // Every text, and what is derived from it (the folded names, the sort key), as the commune has it.
    expect(atHub).toEqual(read(s.commune.host));
  });
});
