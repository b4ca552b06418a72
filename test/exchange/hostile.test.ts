import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { AgeWriter, newX25519 } from '../../electron/exchange/age';
import { parseAgeRecipient } from '../../electron/exchange/bech32';
import { stationKeys } from '../../electron/exchange/station';
import { TAR_END, tarPadding } from '../../electron/exchange/ustar';
import type { ChangeEntry } from '../../electron/changelog/merge';
import { encodeHlc } from '../../electron/changelog/hlc';
import { err, ok } from '../support/host';
import { as } from '../support/persons';
import { ADMIN, auditHeadOf, forge, footprint, lastAudit, person, twoStations, type Stations } from './world';

/**
 * Hostile bundles, each refused with a clear code and nothing written: record counts, change log, open conflicts
 * and the exchange's own tables stay as they were; only the router's audit entry of the refusal is added.
 * One pair of stations for the file; every case starts from the same state, since none may change it.
 */
let s: Stations;
let valid: string;

beforeAll(async () => {
  s = await twoStations();
  await as(s.commune.host, s.commune.accounts.officerA.username);
  await ok(s.commune.host, 'persons.create', person(s.commune.communeA.code, 'Nguyễn Văn Đức', '100001'));
  await as(s.commune.host, ADMIN.username);
  valid = (await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'thử' })).file;
}, 300_000);

async function refused(file: string, code: string | RegExp) {
  const before = footprint(s.hub.host);
  const e = await err(s.hub.host, 'bundles.import', { path: file });
  expect(e.code).toMatch(code);
  expect(footprint(s.hub.host)).toEqual(before);
  expect(lastAudit(s.hub.host)).toMatchObject({ action: 'exchange.bundle_import', outcome: 'failed' });
  expect(lastAudit(s.hub.host).detail).toContain(e.code);
  return e;
}

function write(name: string, data: Uint8Array): string {
  const f = path.join(s.dir, name);
  fs.writeFileSync(f, data);
  return f;
}

/** A tar member header written by hand, without the writer's checks (names, sizes, types as a test needs). */
function rawHeader(name: string, size: number, type = '0', sizeField?: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 'latin1');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(sizeField ?? `${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\u000000', 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

interface Member {
  name: string;
  data: Buffer;
  type?: string;
  sizeField?: string;
}

/** Encrypts a plaintext to the hub, as a correct age file (the test controls what is inside). */
function sealToHub(plain: Buffer, recipients = [parseAgeRecipient(s.hShow.ageRecipient)!]): Buffer {
  const parts: Buffer[] = [];
  const w = new AgeWriter(recipients, (b) => parts.push(Buffer.from(b)));
  w.write(plain);
  w.end();
  return Buffer.concat(parts);
}

function tar(members: Member[]): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    parts.push(rawHeader(m.name, m.data.length, m.type, m.sizeField), m.data, tarPadding(m.data.length));
  }
  parts.push(TAR_END);
  return Buffer.concat(parts);
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** A signed manifest and the members of a one-chunk bundle from the commune, for hand-made variants. */
async function signedParts(chunk: Buffer, over: Record<string, unknown> = {}) {
  const keys = await stationKeys(s.commune.host.openState().db, s.cShow.id);
  const manifest = Buffer.from(
    JSON.stringify({
      format: 'hoso-bundle/1',
      sender: s.cShow.id,
      recipient: s.hShow.id,
      seq: 1,
      prevHash: null,
      createdAt: new Date().toISOString(),
      purpose: 'thử',
      hlc: null,
      counts: { persons: chunk.toString().split('\n').filter(Boolean).length },
      members: [{ name: 'changes/000001.jsonl', size: chunk.length, entries: 1, sha256: sha(chunk) }],
      auditHead: auditHeadOf(s.commune.host),
      receipt: null,
      ...over,
    }),
  );
  return { manifest, sig: crypto.sign(null, manifest, keys.signingPrivate) };
}

function personChange(communeCode: string, id = crypto.randomUUID()): ChangeEntry {
  return {
    hlc: encodeHlc({ wall: Date.parse('2026-11-23T08:00:00Z'), counter: 1, node: s.cShow.id }),
    tableName: 'persons',
    recordId: id,
    changes: JSON.stringify({
      fullName: 'Lò Văn Thử',
      sex: 'male',
      birthDate: '1991-01-01',
      curProvince: '08',
      curCommune: communeCode,
    }),
    base: null,
    workstationId: s.cShow.id,
    accountId: null,
  };
}

describe('hostile bundles are refused and change nothing', { timeout: 300_000 }, () => {
  it('every C2SP age vector, fed to the import path', async () => {
    const dir = path.resolve(__dirname, '../fixtures/age-cctv');
    const names = fs.readdirSync(dir).filter((f) => !f.includes('.'));
    expect(names.length).toBeGreaterThan(140);
    for (const name of names) {
      const raw = fs.readFileSync(path.join(dir, name));
      const split = raw.indexOf('\n\n');
      let body = raw.subarray(split + 2);
      if (/^compressed: zlib$/m.test(raw.subarray(0, split).toString())) body = zlib.inflateSync(body);
      // Not for this station (or not valid age at all): refused either way.
      await refused(write(`cctv-${name}`, body), /^BUNDLE_(NOT_FOR_US|INVALID)$/);
    }
  });

  it('bit flips anywhere, truncation anywhere, appended junk', async () => {
    const good = fs.readFileSync(valid);
    const positions = [0, 5, 30, 60, 100, good.length >> 2, good.length >> 1, good.length - 17, good.length - 1];
    for (const p of positions) {
      const b = Buffer.from(good);
      b[p]! ^= 0x04;
      await refused(write(`flip-${p}.age`, b), /^BUNDLE_(NOT_FOR_US|INVALID)$/);
    }
    for (const n of [0, 10, 100, good.length >> 1, good.length - 16, good.length - 1])
      await refused(write(`cut-${n}.age`, good.subarray(0, n)), /^BUNDLE_(NOT_FOR_US|INVALID)$/);
    await refused(write('junk.age', Buffer.concat([good, Buffer.from('junk')])), 'BUNDLE_INVALID');
  });

  it('a tar truncated at every member boundary, inside a valid age file to this station', async () => {
    const chunk = Buffer.from(`${JSON.stringify(personChange(s.commune.communeA.code))}\n`);
    const { manifest, sig } = await signedParts(chunk);
    const full = tar([
      { name: 'manifest.json', data: manifest },
      { name: 'manifest.sig', data: sig },
      { name: 'changes/000001.jsonl', data: chunk },
    ]);
    const boundaries = [0, 512, 512 + Math.ceil(manifest.length / 512) * 512];
    boundaries.push(boundaries[2]! + 1024, full.length - 1024, full.length - 512);
    for (const b of boundaries)
      await refused(write(`tar-cut-${b}.age`, sealToHub(full.subarray(0, b))), 'BUNDLE_INVALID');
    // The same archive complete goes in (this proves the cuts above were refused for the cut alone): preview only.
    const pv = await ok(s.hub.host, 'bundles.import', { path: write('tar-whole.age', sealToHub(full)), preview: true });
    expect(pv.counts).toEqual({ persons: 1 });
  });

  it('a correctly signed change chunk or manifest whose bytes are not UTF-8 text (a letter broken, or cut at the end)', async () => {
    // "Lò Văn Thử": ă is C4 83 and ử is E1 BB AD in UTF-8.
    const good = Buffer.from(`${JSON.stringify(personChange(s.commune.communeA.code))}\n`);
    const at = good.indexOf(Buffer.from('ử'));
    expect(at).toBeGreaterThan(0);
    const broken = [
      // A continuation byte replaced by a letter: the sequence ends early.
      Buffer.concat([good.subarray(0, at + 1), Buffer.from('x'), good.subarray(at + 2)]),
      // A lone continuation byte, and a byte UTF-8 never uses.
      Buffer.concat([good.subarray(0, at), Buffer.from([0xbb]), good.subarray(at + 3)]),
      Buffer.concat([good.subarray(0, at), Buffer.from([0xff, 0xbb, 0xad]), good.subarray(at + 3)]),
      // An overlong form of "/" (C0 AF), which a lax decoder reads as a character.
      Buffer.concat([good.subarray(0, at), Buffer.from([0xc0, 0xaf]), good.subarray(at + 3)]),
      // The chunk's last line cut inside ử, after its newline was dropped.
      good.subarray(0, at + 2),
    ];
    for (const [i, chunk] of broken.entries()) {
      const { manifest, sig } = await signedParts(chunk);
      const members = [
        { name: 'manifest.json', data: manifest },
        { name: 'manifest.sig', data: sig },
        { name: 'changes/000001.jsonl', data: chunk },
      ];
      const e = await refused(write(`not-utf8-${i}.age`, sealToHub(tar(members))), 'BUNDLE_INVALID');
      expect(e.message).toMatch(/chunk is not UTF-8 text/);
    }
    // A manifest, correctly signed, whose purpose has a letter broken: refused too.
    {
      const { manifest } = await signedParts(good, { purpose: 'thử' });
      const at = manifest.indexOf(Buffer.from('ử'));
      const bad = Buffer.concat([manifest.subarray(0, at + 1), Buffer.from('x'), manifest.subarray(at + 2)]);
      const keys = await stationKeys(s.commune.host.openState().db, s.cShow.id);
      const members = [
        { name: 'manifest.json', data: bad },
        { name: 'manifest.sig', data: crypto.sign(null, bad, keys.signingPrivate) },
        { name: 'changes/000001.jsonl', data: good },
      ];
      const e = await refused(write('not-utf8-manifest.age', sealToHub(tar(members))), 'BUNDLE_INVALID');
      expect(e.message).toMatch(/manifest is not UTF-8/);
    }
    // The same chunk whole goes in (preview only): the bytes alone were refused.
    const { manifest, sig } = await signedParts(good);
    const whole = tar([
      { name: 'manifest.json', data: manifest },
      { name: 'manifest.sig', data: sig },
      { name: 'changes/000001.jsonl', data: good },
    ]);
    const pv = await ok(s.hub.host, 'bundles.import', {
      path: write('utf8-whole.age', sealToHub(whole)),
      preview: true,
    });
    expect(pv.counts).toEqual({ persons: 1 });
  });

  it('a tar member with a path escape, a link, a size lie, a duplicate, or a member the manifest lacks', async () => {
    const chunk = Buffer.from(`${JSON.stringify(personChange(s.commune.communeA.code))}\n`);
    const { manifest, sig } = await signedParts(chunk);
    const head = [
      { name: 'manifest.json', data: manifest },
      { name: 'manifest.sig', data: sig },
    ];
    const cases: Member[][] = [
      [...head, { name: '../changes/000001.jsonl', data: chunk }],
      [...head, { name: '/etc/passwd', data: chunk }],
      [...head, { name: 'changes/000001.jsonl', data: Buffer.alloc(0), type: '2' }],
      [...head, { name: 'changes/000001.jsonl', data: chunk, sizeField: '77777777777\0' }],
      [...head, { name: 'changes/000001.jsonl', data: chunk }, { name: 'changes/000001.jsonl', data: chunk }],
      [...head, { name: 'changes/000001.jsonl', data: chunk }, { name: 'changes/000002.jsonl', data: chunk }],
      [head[1]!, head[0]!, { name: 'changes/000001.jsonl', data: chunk }],
    ];
    for (const [i, members] of cases.entries())
      await refused(write(`tar-evil-${i}.age`, sealToHub(tar(members))), 'BUNDLE_INVALID');
  });

  it('a manifest whose hashes or counts lie, an altered change, an unsigned or foreign-signed manifest', async () => {
    const chunk = Buffer.from(`${JSON.stringify(personChange(s.commune.communeA.code))}\n`);
    const altered = Buffer.from(chunk.toString().replace('Lò Văn Thử', 'Lò Văn Thứ'));
    const lie = await signedParts(chunk, {
      members: [{ name: 'changes/000001.jsonl', size: chunk.length, entries: 1, sha256: sha(Buffer.from('x')) }],
    });
    const wrongCount = await signedParts(chunk, { counts: { persons: 2 } });
    const good = await signedParts(chunk);
    const other = crypto.generateKeyPairSync('ed25519').privateKey;
    const variants: [string, Member[]][] = [
      ['hash', [m('manifest.json', lie.manifest), m('manifest.sig', lie.sig), m('changes/000001.jsonl', chunk)]],
      [
        'count',
        [m('manifest.json', wrongCount.manifest), m('manifest.sig', wrongCount.sig), m('changes/000001.jsonl', chunk)],
      ],
      ['altered', [m('manifest.json', good.manifest), m('manifest.sig', good.sig), m('changes/000001.jsonl', altered)]],
      [
        'foreign-sig',
        [
          m('manifest.json', good.manifest),
          m('manifest.sig', crypto.sign(null, good.manifest, other)),
          m('changes/000001.jsonl', chunk),
        ],
      ],
      ['no-sig', [m('manifest.json', good.manifest), m('changes/000001.jsonl', chunk)]],
    ];
    for (const [name, members] of variants)
      await refused(write(`lie-${name}.age`, sealToHub(tar(members))), 'BUNDLE_INVALID');
    // Too many recipient stanzas, and a manifest in a file far past the size limits.
    const many = Array.from({ length: 40 }, () => newX25519().publicKey);
    await refused(
      write('stanzas.age', sealToHub(tar(variants[2]![1]), [parseAgeRecipient(s.hShow.ageRecipient)!, ...many])),
      'BUNDLE_INVALID',
    );
    const huge = Buffer.alloc(2 * 1024 * 1024, 0x20);
    await refused(write('big-manifest.age', sealToHub(tar([m('manifest.json', huge)]))), 'BUNDLE_INVALID');
  });

  it('attachments: a blob whose hash or size lies, a missing blob, a misnamed or unreferenced one', async () => {
    const change = personChange(s.commune.communeA.code);
    const bytes = crypto.randomBytes(40_000);
    const h = sha(bytes);
    const photoLine = (ref: boolean) =>
      JSON.stringify({
        ...change,
        tableName: 'personPhotos',
        changes: JSON.stringify({ photo: null }),
        ...(ref ? { blobs: { photo: { sha256: h, mime: 'image/jpeg' } } } : {}),
      });
    const chunk = (ref = true) => Buffer.from(`${JSON.stringify(change)}\n${photoLine(ref)}\n`);
    const counts = { persons: 1, personPhotos: 1 };
    const entry = (c: Buffer) => ({ name: 'changes/000001.jsonl', size: c.length, entries: 2, sha256: sha(c) });
    const blob = (name: string, data: Buffer, size = data.length, hash = sha(data)) => ({
      name,
      size,
      entries: 0,
      sha256: hash,
    });
    const flipped = Buffer.from(bytes);
    flipped[100] = flipped[100]! ^ 1;
    const other = sha(Buffer.from('another'));
    const cases: [string, Record<string, unknown>, Member[]][] = [
      // The blob's bytes differ from the hash its name and the manifest give.
      [
        'hash',
        { members: [blob(`blobs/${h}`, bytes), entry(chunk())] },
        [m(`blobs/${h}`, flipped), m('changes/000001.jsonl', chunk())],
      ],
      // The manifest gives another size than the member has.
      [
        'size',
        { members: [blob(`blobs/${h}`, bytes, bytes.length - 1), entry(chunk())] },
        [m(`blobs/${h}`, bytes), m('changes/000001.jsonl', chunk())],
      ],
      // The line refers to a blob the bundle does not carry.
      ['missing', { members: [entry(chunk())] }, [m('changes/000001.jsonl', chunk())]],
      // A blob named by another hash than its bytes'.
      [
        'misnamed',
        { members: [blob(`blobs/${other}`, bytes), entry(chunk())] },
        [m(`blobs/${other}`, bytes), m('changes/000001.jsonl', chunk())],
      ],
      // A blob no line refers to.
      [
        'unreferenced',
        { members: [blob(`blobs/${h}`, bytes), entry(chunk(false))] },
        [m(`blobs/${h}`, bytes), m('changes/000001.jsonl', chunk(false))],
      ],
    ];
    for (const [name, over, members] of cases) {
      const signed = await signedParts(chunk(), { counts, ...over });
      await refused(
        write(
          `blob-${name}.age`,
          sealToHub(tar([m('manifest.json', signed.manifest), m('manifest.sig', signed.sig), ...members])),
        ),
        'BUNDLE_INVALID',
      );
    }
  });

  it('a bundle for another station, from an unknown or suspended sender, replayed, out of order or with a gap', async () => {
    // Encrypted to someone else entirely.
    await refused(await forge(s, { recipients: [newX25519().publicKey] }), 'BUNDLE_NOT_FOR_US');
    // Encrypted to us, but the signed manifest names another recipient.
    await refused(await forge(s, { recipient: crypto.randomUUID() }), 'BUNDLE_NOT_FOR_US');
    // A sender that is no peer of ours.
    await refused(await forge(s, { sender: crypto.randomUUID() }), 'BUNDLE_UNKNOWN_SENDER');
    // A gap: bundle 3 before 1 and 2, named.
    const gap = await refused(await forge(s, { seq: 3 }), 'BUNDLE_GAP');
    expect(gap.missing).toEqual([1, 2]);
    // Suspended: refused until resumed.
    await ok(s.hub.host, 'peers.suspend', { peerId: s.cShow.id });
    await refused(valid, 'BUNDLE_SENDER_SUSPENDED');
    await ok(s.hub.host, 'peers.resume', { peerId: s.cShow.id });
    // Bundle 1 applied; then 1 again (already applied), another bundle numbered 1 (a replay), a broken chain.
    await ok(s.hub.host, 'bundles.import', { path: valid });
    await refused(valid, 'BUNDLE_ALREADY_APPLIED');
    await refused(await forge(s, { seq: 1 }), 'BUNDLE_REPLAYED');
    await refused(await forge(s, { seq: 2, prevHash: sha(Buffer.from('another chain')) }), 'BUNDLE_INVALID');
    // A bundle over a lost stick states its basis (the last bundle acknowledged); a forged one is refused: a basis
    // this station never imported or with another hash, one at or beyond its own number, none with a hash.
    const lost = sha(Buffer.from('the lost bundle 2'));
    await refused(
      await forge(s, { seq: 3, prevHash: lost, basis: { seq: 1, hash: sha(Buffer.from('not bundle 1')) } }),
      'BUNDLE_INVALID',
    );
    await refused(await forge(s, { seq: 3, prevHash: lost, basis: { seq: 0, hash: lost } }), 'BUNDLE_INVALID');
    await refused(await forge(s, { seq: 3, prevHash: lost, basis: { seq: 3, hash: lost } }), 'BUNDLE_INVALID');
    // A basis beyond what this station holds: the numbers up to it are missing (and only those).
    const behind = await refused(
      await forge(s, { seq: 4, prevHash: lost, basis: { seq: 2, hash: lost } }),
      'BUNDLE_GAP',
    );
    expect(behind.missing).toEqual([2]);
  });

  it('a change whose base names its own stamp, or something that is no stamp', async () => {
    const prev = s.hub.host
      .openState()
      .raw.prepare(`SELECT hash FROM exchange_bundles WHERE direction = 'in' ORDER BY seq DESC LIMIT 1`)
      .get() as { hash: string } | undefined;
    const next = { seq: prev ? 2 : 1, prevHash: prev?.hash ?? null };
    const own = personChange(s.commune.communeA.code);
    // A change that overwrote itself left its field with no current value (the merge threw a TypeError): the whole
    // bundle is refused in words. (A later stamp is legitimate and merged: test/db/parsed-once.test.ts.)
    for (const base of [{ fullName: own.hlc }, { fullName: [own.hlc] }, { fullName: 'not a stamp' }]) {
      const e = await refused(
        await forge(s, { ...next, entries: [{ ...own, base: JSON.stringify(base) }] }),
        'BUNDLE_INVALID',
      );
      expect(e.message).not.toContain('TypeError');
    }
  });

  it('a peer sending records its policy does not allow: listed, never applied', async () => {
    // The hub accepts from this commune only records of that commune: one of commune B is refused.
    const prev = s.hub.host
      .openState()
      .raw.prepare(`SELECT hash FROM exchange_bundles WHERE direction = 'in' ORDER BY seq DESC LIMIT 1`)
      .get() as { hash: string } | undefined;
    const seq = prev ? 2 : 1;
    const inA = personChange(s.commune.communeA.code);
    const inB = personChange(s.commune.communeB.code);
    const file = await forge(s, { seq, prevHash: prev?.hash ?? null, entries: [inA, inB] });
    const r = await ok(s.hub.host, 'bundles.import', { path: file });
    expect(r.refused).toEqual([{ tableName: 'persons', recordId: inB.recordId, reason: 'scope' }]);
    const has = (id: string) =>
      s.hub.host.openState().raw.prepare('SELECT count(*) AS n FROM persons WHERE id = ?').get(id) as { n: number };
    expect(has(inA.recordId).n).toBe(1);
    expect(has(inB.recordId).n).toBe(0);
    // A family the policy does not accept at all (the policy is data: here narrowed to reference data).
    s.hub.host
      .openState()
      .raw.prepare(`UPDATE exchange_peers SET policy = json_set(policy, '$.accept.families', json('["reference"]'))`)
      .run();
    const last = s.hub.host
      .openState()
      .raw.prepare(`SELECT hash FROM exchange_bundles WHERE direction = 'in' ORDER BY seq DESC LIMIT 1`)
      .get() as { hash: string };
    const inA2 = personChange(s.commune.communeA.code);
    const before = footprint(s.hub.host);
    const r2 = await ok(s.hub.host, 'bundles.import', {
      path: await forge(s, { seq: seq + 1, prevHash: last.hash, entries: [inA2] }),
    });
    expect(r2.refused).toEqual([{ tableName: 'persons', recordId: inA2.recordId, reason: 'family' }]);
    expect(footprint(s.hub.host)).toEqual({ ...before, exchange_bundles: before.exchange_bundles! + 1 });
  });
});

function m(name: string, data: Buffer): Member {
  return { name, data };
}
