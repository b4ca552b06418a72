import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostCore } from '../../electron/host/host';
import { err, ok } from '../support/host';
import { as } from '../support/persons';
import { ADMIN, footprint, lastAudit, person, twoStations } from './world';

/** What anyone can see of a database: app.info's counts per table (less the audit log) and the change-log head. */
async function info(host: HostCore) {
  const i = await ok(host, 'app.info', {});
  const { audit_log: _a, ...counts } = i.counts;
  void _a;
  return { counts, head: i.changeLogHead };
}

const personIds = (host: HostCore) =>
  (host.openState().raw.prepare('SELECT id FROM persons ORDER BY id').all() as { id: string }[]).map((r) => r.id);

describe('a lost stick', { timeout: 300_000 }, () => {
  it('the next bundle replaces the lost one; the lost one, found later, is refused as superseded and changes nothing', async () => {
    const s = await twoStations();
    const c = s.commune.host;
    const h = s.hub.host;
    // Bundle 1 carries a person; its stick is lost on the way.
    await as(c, s.commune.accounts.officerA.username);
    const a = await ok(c, 'persons.create', person(s.commune.communeA.code, 'Nguyễn Văn Đức', '100001'));
    await as(c, ADMIN.username);
    const one = await ok(c, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    expect(one).toMatchObject({ seq: 1, basis: 0 });
    expect(one.bytes).toBe(fs.statSync(one.file).size);
    const lost = path.join(s.dir, 'found-later.age');
    fs.renameSync(one.file, lost);

    // The commune works on: a second person, and an edit of the first.
    await as(c, s.commune.accounts.officerA.username);
    const b = await ok(c, 'persons.create', person(s.commune.communeA.code, 'Trần Văn Bình', '100002'));
    await ok(c, 'persons.update', { personId: a.person.id, patch: { occupation: 'Làm ruộng' } });
    await as(c, ADMIN.username);
    // Nothing was acknowledged: bundle 2 is built on basis 0 and carries everything since the start.
    const two = await ok(c, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    expect(two).toMatchObject({ seq: 2, basis: 0 });
    expect(two.counts.persons).toBe(3);

    // The hub is told, before importing, that bundle 2 replaces the missing 1.
    const seen = await ok(h, 'bundles.inspect', { path: two.file });
    expect(seen).toMatchObject({ verdict: 'ready', seq: 2, lastReceived: 0, skipped: [1], missing: [] });
    // The import reports its progress (the screen's "Đã xử lý … / … thay đổi"): from 0 up to every change.
    const progress: { procedure: string; done: number; total: number }[] = [];
    h.on('call.progress', (p) => progress.push(p));
    const r = await ok(h, 'bundles.import', { path: two.file });
    expect(r).toMatchObject({ seq: 2, skipped: [1], refused: [], conflicts: 0 });
    const total = two.changes;
    expect(progress[0]).toEqual({ procedure: 'bundles.import', done: 0, total });
    expect(progress[progress.length - 1]).toEqual({ procedure: 'bundles.import', done: total, total });
    // Every record of both bundles is at the hub, with the edit.
    expect(personIds(h)).toEqual(expect.arrayContaining([a.person.id, b.person.id]));
    const row = h.openState().raw.prepare('SELECT occupation FROM persons WHERE id = ?').get(a.person.id) as {
      occupation: string;
    };
    expect(row.occupation).toBe('Làm ruộng');
    expect((await ok(h, 'bundles.status', {}))[0]).toMatchObject({ lastReceived: 2, superseded: [1] });

    // The lost stick turns up: its bundle is refused as superseded, in words, and changes nothing.
    const before = { info: await info(h), footprint: footprint(h) };
    const late = await err(h, 'bundles.import', { path: lost });
    expect(late).toMatchObject({ code: 'BUNDLE_SUPERSEDED', supersededBy: 2 });
    expect(lastAudit(h)).toMatchObject({ action: 'exchange.bundle_import', outcome: 'failed' });
    expect((await err(h, 'bundles.import', { path: lost, preview: true })).code).toBe('BUNDLE_SUPERSEDED');
    expect(await ok(h, 'bundles.inspect', { path: lost })).toMatchObject({
      verdict: 'superseded',
      seq: 1,
      supersededBy: 2,
    });
    expect({ info: await info(h), footprint: footprint(h) }).toEqual(before);
    // Bundle 2 again: already imported, as before.
    expect((await err(h, 'bundles.import', { path: two.file })).code).toBe('BUNDLE_ALREADY_APPLIED');

    // The hub's bundle back carries the receipt of 2: the commune's 1 and 2 are acknowledged.
    const back = await ok(h, 'bundles.export', { peerId: s.cShow.id, out: s.dir, purpose: 'xác nhận' });
    expect(back.receiptFor).toBe(2);
    const got = await ok(c, 'bundles.import', { path: back.file });
    expect(got.acknowledged).toBe(2);
    expect((await ok(c, 'bundles.status', {}))[0]).toMatchObject({ lastSent: 2, lastAcknowledged: 2, outstanding: 0 });

    // Bundle 3 is built on basis 2: only what is new travels, and it follows 2 at the hub.
    await as(c, s.commune.accounts.officerA.username);
    const d = await ok(c, 'persons.create', person(s.commune.communeA.code, 'Lê Văn Hải', '100003'));
    await as(c, ADMIN.username);
    const exported: { procedure: string; done: number; total: number }[] = [];
    c.on('call.progress', (p) => exported.push(p));
    const three = await ok(c, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    // The export reports its writing pass, up to the changes it carries.
    expect(exported[exported.length - 1]).toEqual({
      procedure: 'bundles.export',
      done: three.changes,
      total: three.changes,
    });
    expect(three).toMatchObject({ seq: 3, basis: 2 });
    expect(three.counts.persons).toBe(1);
    const r3 = await ok(h, 'bundles.import', { path: three.file });
    expect(r3).toMatchObject({ seq: 3, skipped: [], newRecords: 1, refused: [] });
    expect(personIds(h)).toContain(d.person.id);
    expect((await ok(h, 'bundles.status', {}))[0]).toMatchObject({ lastReceived: 3, superseded: [1] });
  });

  it('a receiver behind the basis (restored from a backup) is told which bundles to import first', async () => {
    const s = await twoStations();
    const c = s.commune.host;
    await as(c, s.commune.accounts.officerA.username);
    await ok(c, 'persons.create', person(s.commune.communeA.code, 'Nguyễn Văn Đức', '100001'));
    await as(c, ADMIN.username);
    const one = await ok(c, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    // The hub imports 1 and acknowledges it; then its data folder goes back to before (a backup restored).
    const copy = path.join(s.dir, 'hub-before');
    await s.hub.host.close();
    fs.cpSync(s.hub.dataDir, copy, { recursive: true });
    const { makeHost } = await import('../support/host');
    let hub = makeHost(s.hub.dataDir, s.hub.clock).host;
    await ok(hub, 'session.unlock', ADMIN);
    await ok(hub, 'bundles.import', { path: one.file });
    const back = await ok(hub, 'bundles.export', { peerId: s.cShow.id, out: s.dir, purpose: 'xác nhận' });
    await ok(c, 'bundles.import', { path: back.file });
    await hub.close();
    fs.rmSync(s.hub.dataDir, { recursive: true });
    fs.cpSync(copy, s.hub.dataDir, { recursive: true });
    hub = makeHost(s.hub.dataDir, s.hub.clock).host;
    await ok(hub, 'session.unlock', ADMIN);

    await as(c, s.commune.accounts.officerA.username);
    await ok(c, 'persons.create', person(s.commune.communeA.code, 'Trần Văn Bình', '100002'));
    await as(c, ADMIN.username);
    const two = await ok(c, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    expect(two).toMatchObject({ seq: 2, basis: 1 });
    const before = footprint(hub);
    const gap = await err(hub, 'bundles.import', { path: two.file });
    expect(gap).toMatchObject({ code: 'BUNDLE_GAP', missing: [1] });
    expect(footprint(hub)).toEqual(before);
    expect(await ok(hub, 'bundles.inspect', { path: two.file })).toMatchObject({ verdict: 'gap', missing: [1] });
    expect(await ok(hub, 'bundles.gaps', {})).toEqual([
      { peerId: s.cShow.id, lastReceived: 0, waiting: 2, missing: [1] },
    ]);
    // Bundle 1 (its file was kept), then 2: both import.
    await ok(hub, 'bundles.import', { path: one.file });
    expect(await ok(hub, 'bundles.import', { path: two.file })).toMatchObject({ seq: 2, skipped: [] });
    expect(await ok(hub, 'bundles.gaps', {})).toEqual([]);
    await hub.close();
  });
});
