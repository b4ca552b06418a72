import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, err, ok, setupVault } from '../support/host';
import { as } from '../support/persons';
import { footprint, forge, person, twoStations } from './world';

/** The reads behind the exchange screens: the export preview, a bundle's verdict, the bundle history. */
describe('the exchange screens’ reads', { timeout: 300_000 }, () => {
  it('previews what an export would carry, exactly as the export then counts it, and changes nothing', async () => {
    const s = await twoStations();
    await as(s.commune.host, s.commune.accounts.officerA.username);
    await ok(s.commune.host, 'persons.create', person(s.commune.communeA.code, 'Nguyễn Văn Đức', '200001'));
    await as(s.commune.host, s.commune.accounts.officerB.username);
    // Commune B's person stays home: the hub's policy sends commune A only.
    await ok(s.commune.host, 'persons.create', person(s.commune.communeB.code, 'Trần Văn Bình', '200002'));
    await as(s.commune.host, ADMIN.username);
    const before = footprint(s.commune.host);
    const preview = await ok(s.commune.host, 'bundles.outgoing', { peerId: s.hShow.id });
    expect(footprint(s.commune.host)).toEqual(before);
    expect(preview.nextSeq).toBe(1);
    const persons = preview.tables.find((t) => t.table === 'persons');
    expect(persons).toMatchObject({ records: 1 });
    const out = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    expect(Object.fromEntries(preview.tables.map((t) => [t.table, t.changes]))).toEqual(out.counts);
    expect(preview.changes).toBe(out.changes);
    // Unacknowledged, the next preview offers the same again under the next number.
    const next = await ok(s.commune.host, 'bundles.outgoing', { peerId: s.hShow.id });
    expect(next).toMatchObject({ nextSeq: 2, changes: out.changes });
    // A leader may export; an officer may not even look.
    await as(s.commune.host, s.commune.accounts.officerA.username);
    expect((await err(s.commune.host, 'bundles.outgoing', { peerId: s.hShow.id })).code).toBe('FORBIDDEN');
    expect((await err(s.commune.host, 'bundles.inspect', { path: out.file })).code).toBe('FORBIDDEN');
  });

  it('tells a bundle’s verdict from its manifest: ready, imported before, a gap, for another station', async () => {
    const s = await twoStations();
    await as(s.commune.host, s.commune.accounts.officerA.username);
    await ok(s.commune.host, 'persons.create', person(s.commune.communeA.code, 'Lê Văn Hải', '200003'));
    await as(s.commune.host, ADMIN.username);
    const one = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    const two = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'lần hai' });

    const before = footprint(s.hub.host);
    const ready = await ok(s.hub.host, 'bundles.inspect', { path: one.file });
    expect(ready).toMatchObject({
      verdict: 'ready',
      fileName: path.basename(one.file),
      bytes: fs.statSync(one.file).size,
      peer: { id: s.cShow.id, unitCode: 'CAX-A', kind: 'commune', status: 'active' },
      seq: 1,
      lastReceived: 0,
      purpose: 'gửi tỉnh',
      counts: one.counts,
      changes: one.changes,
    });
    // Number 2 before number 1: built on nothing acknowledged (basis 0), it carries number 1's changes too, so it
    // may replace it (a lost stick): ready, naming the number it would skip.
    expect(await ok(s.hub.host, 'bundles.inspect', { path: two.file })).toMatchObject({
      verdict: 'ready',
      seq: 2,
      skipped: [1],
      missing: [],
    });
    // A bundle built on a basis this station does not hold (number 2 acknowledged): a gap naming the bundles to
    // import first, up to that basis.
    const ahead = await forge(s, { seq: 3, prevHash: two.hash, basis: { seq: 2, hash: two.hash } });
    expect(await ok(s.hub.host, 'bundles.inspect', { path: ahead })).toMatchObject({
      verdict: 'gap',
      seq: 3,
      missing: [1, 2],
      peer: { id: s.cShow.id },
    });
    expect(footprint(s.hub.host)).toEqual(before);
    // The gap seen is remembered (from the audit of the inspection) until the missing bundles are imported.
    expect(await ok(s.hub.host, 'bundles.gaps', {})).toEqual([
      { peerId: s.cShow.id, lastReceived: 0, waiting: 3, missing: [1, 2] },
    ]);
    const audit = s.hub.host
      .openState()
      .raw.prepare('SELECT action, outcome, record_id AS recordId, detail FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get() as { action: string; outcome: string; recordId: string; detail: string };
    expect(audit).toMatchObject({ action: 'exchange.bundle_preview', outcome: 'ok', recordId: s.cShow.id });
    expect(JSON.parse(audit.detail)).toEqual({ peer: s.cShow.id, seq: 3, basis: 2, verdict: 'gap' });

    await ok(s.hub.host, 'bundles.import', { path: one.file });
    expect(await ok(s.hub.host, 'bundles.gaps', {})).toEqual([
      { peerId: s.cShow.id, lastReceived: 1, waiting: 3, missing: [2] },
    ]);
    expect(await ok(s.hub.host, 'bundles.inspect', { path: one.file })).toMatchObject({
      verdict: 'already_imported',
      lastReceived: 1,
    });
    // A different file under number 1 (re-signed by the commune's keys): a replay, not the bundle imported.
    const forged = await forge(s, { seq: 1 });
    expect((await ok(s.hub.host, 'bundles.inspect', { path: forged })).verdict).toBe('replayed');
    expect((await ok(s.hub.host, 'bundles.inspect', { path: two.file })).verdict).toBe('ready');

    // The commune's bundle to the hub, taken to a third workstation: not encrypted to it.
    const third = await setupVault();
    expect(await ok(third.host, 'bundles.inspect', { path: two.file })).toMatchObject({
      verdict: 'not_for_us',
      peer: null,
      purpose: null,
    });

    // A suspended sender is named as such.
    await ok(s.hub.host, 'peers.suspend', { peerId: s.cShow.id });
    expect((await ok(s.hub.host, 'bundles.inspect', { path: two.file })).verdict).toBe('suspended');

    // Not a bundle at all, and no file: refused with a code, never a stack trace.
    const junk = path.join(s.dir, 'junk.age');
    fs.writeFileSync(junk, 'not an age file');
    expect((await err(s.hub.host, 'bundles.inspect', { path: junk })).code).toBe('BUNDLE_INVALID');
    expect((await err(s.hub.host, 'bundles.inspect', { path: path.join(s.dir, 'none.age') })).code).toBe('IO_ERROR');
    expect((await err(s.hub.host, 'bundles.inspect', { path: ' ' })).code).toBe('INVALID_INPUT');
  });

  it('lists the bundle history both ways, newest first, with receipts and counts', async () => {
    const s = await twoStations();
    await as(s.commune.host, s.commune.accounts.officerA.username);
    await ok(s.commune.host, 'persons.create', person(s.commune.communeA.code, 'Phạm Văn Nam', '200004'));
    await as(s.commune.host, ADMIN.username);
    const one = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    await ok(s.hub.host, 'bundles.import', { path: one.file });
    const back = await ok(s.hub.host, 'bundles.export', { peerId: s.cShow.id, out: s.dir, purpose: 'xác nhận' });
    await ok(s.commune.host, 'bundles.import', { path: back.file });

    const history = await ok(s.commune.host, 'bundles.history', {});
    expect(history.map((h) => [h.direction, h.seq, h.peerName])).toEqual([
      ['in', 1, s.hShow.name],
      ['out', 1, s.hShow.name],
    ]);
    expect(history[1]).toMatchObject({ changes: one.changes, counts: one.counts, refused: 0 });
    expect(history[1]!.ackedAt).not.toBeNull();
    expect(await ok(s.commune.host, 'bundles.history', { peerId: s.hShow.id, limit: 1 })).toHaveLength(1);
    const hub = await ok(s.hub.host, 'bundles.history', {});
    expect(hub.map((h) => [h.direction, h.seq, h.ackedAt])).toEqual([
      ['out', 1, null],
      ['in', 1, null],
    ]);
  });
});
