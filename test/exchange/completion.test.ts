import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryHash } from '../../electron/audit/audit';
import { readEntries } from '../../electron/changelog/log-store';
import { readBundle, type AuditLine } from '../../electron/exchange/bundle';
import { stationKeys } from '../../electron/exchange/station';
import type { HostCore } from '../../electron/host/host';
import { ADMIN, LEADER, err, makeHost, ok } from '../support/host';
import { as } from '../support/persons';
import { auditHeadOf, forge, footprint, lastAudit, person, twoStations } from './world';

/**
 * The exchange's completion (issue 12): attachments travel as blobs, the sender's audit trail travels to its hub
 * and a rewritten history is refused, a leader's case extract travels to a neighbouring province, and `app.info`
 * (`hoso info --json`) shows counts per table and the change-log head.
 */
const JPEG = (bytes: number, seed: number) => {
  // Deterministic bytes (a JPEG in name only): the blob's hash is known to the test.
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = (i * 31 + seed * 7) & 0xff;
  return `data:image/jpeg;base64,${b.toString('base64')}`;
};
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function auditRows(host: HostCore): AuditLine[] {
  const rows = host
    .openState()
    .raw.prepare(
      `SELECT seq, at, account_id AS accountId, username, role, action, record_type AS recordType,
              record_id AS recordId, outcome, detail, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq`,
    )
    .all() as AuditLine[];
  return rows;
}

/** The same entries with entry `at` rewritten and every hash after it recomputed: a consistent, different chain. */
function rewritten(lines: AuditLine[], at: number): AuditLine[] {
  const out: AuditLine[] = [];
  let prev: string | null = null;
  for (const l of lines) {
    const row = { ...l, ...(l.seq === at ? { detail: '{"rewritten":true}' } : {}) };
    if (prev !== null) row.prevHash = prev;
    row.hash = entryHash(row.prevHash, row.seq, {
      at: row.at,
      account_id: row.accountId,
      username: row.username,
      role: row.role,
      action: row.action,
      record_type: row.recordType,
      record_id: row.recordId,
      outcome: row.outcome,
      detail: row.detail,
    });
    prev = row.seq >= at ? row.hash : null;
    out.push(row);
  }
  return out;
}

function inBundleHash(host: HostCore, seq: number): string {
  return (
    host.openState().raw.prepare("SELECT hash FROM exchange_bundles WHERE direction = 'in' AND seq = ?").get(seq) as {
      hash: string;
    }
  ).hash;
}

describe('exchange completion', { timeout: 600_000 }, () => {
  it('attachments travel as blobs named by their SHA-256, and come back byte for byte', async () => {
    const s = await twoStations();
    await as(s.commune.host, s.commune.accounts.officerA.username);
    const p = await ok(s.commune.host, 'persons.create', person(s.commune.communeA.code, 'Nguyễn Văn Ảnh', '100011'));
    const photo = JPEG(300_000, 1);
    await ok(s.commune.host, 'persons.setPhoto', { personId: p.person.id, photo });
    await as(s.commune.host, ADMIN.username);
    const out = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'ảnh' });

    // Inside: the photo's bytes as `blobs/<sha256>` before the chunk that refers to it, listed in the manifest.
    const keys = await stationKeys(s.hub.host.openState().db, s.hShow.id);
    const bytes = Buffer.from(photo.slice(photo.indexOf(',') + 1), 'base64');
    let members: { name: string; sha256: string; size: number }[] = [];
    const photos: string[] = [];
    await readBundle(out.file, keys.agePrivate, {
      manifest: (m) => void (members = m.members),
      entry: (e) => {
        if (e.tableName === 'personPhotos') photos.push((JSON.parse(e.changes) as { photo: string }).photo);
      },
    });
    const blob = members.find((m) => m.name.startsWith('blobs/'));
    expect(blob).toEqual({ name: `blobs/${sha(bytes)}`, sha256: sha(bytes), size: bytes.length, entries: 0 });
    expect(members.indexOf(blob!)).toBeLessThan(members.findIndex((m) => m.name.startsWith('changes/')));
    expect(photos).toEqual([photo]);
    // The line itself carries a reference, not the photo: the file is about the photo's size, not base64's.
    expect(fs.statSync(out.file).size).toBeLessThan(bytes.length + 64 * 1024);

    // Applied with a smaller page cache (32 MiB: the importer's memory), the connection's own size back after.
    const raw = s.hub.host.openState().raw;
    const cacheBefore = raw.pragma('cache_size', { simple: true });
    const during = new Set<unknown>();
    const stop = s.hub.host.on('call.progress', () => void during.add(raw.pragma('cache_size', { simple: true })));
    const r = await ok(s.hub.host, 'bundles.import', { path: out.file });
    stop();
    expect(r.refused).toEqual([]);
    expect([...during]).toEqual([-32768]);
    expect(raw.pragma('cache_size', { simple: true })).toBe(cacheBefore);
    expect(cacheBefore).toBe(-131072);
    const stored = s.hub.host
      .openState()
      .raw.prepare('SELECT photo FROM person_photos WHERE id = ?')
      .get(p.person.id) as {
      photo: string;
    };
    expect(stored.photo).toBe(photo);
    // Stored once: the hub's log keeps the photo's first write by reference to its row, and gives it back whole.
    const longest = raw.prepare('SELECT coalesce(max(length(changes)), 0) AS n FROM change_log').get() as { n: number };
    expect(longest.n).toBeLessThan(10_000);
    const logged = await readEntries(s.hub.host.openState().db, { tables: ['personPhotos'] });
    expect(logged.map((e) => JSON.parse(e.changes) as unknown)).toEqual([{ photo }]);
  });

  it('the commune’s audit trail travels to its hub; a rewritten history is refused as a fork', async () => {
    const s = await twoStations();
    await as(s.commune.host, s.commune.accounts.officerA.username);
    await ok(s.commune.host, 'persons.create', person(s.commune.communeA.code, 'Lê Văn Một', '100021'));
    await as(s.commune.host, ADMIN.username);
    const b1 = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'một' });
    // Records apply with a 64 MiB page cache (the importer's memory), the connection's own size back after.
    const raw = s.hub.host.openState().raw;
    const during = new Set<unknown>();
    const stop = s.hub.host.on('call.progress', () => void during.add(raw.pragma('cache_size', { simple: true })));
    await ok(s.hub.host, 'bundles.import', { path: b1.file });
    stop();
    expect([...during]).toEqual([-65536]);
    expect(raw.pragma('cache_size', { simple: true })).toBe(-131072);
    const head1 = JSON.parse(
      (
        s.hub.host
          .openState()
          .raw.prepare("SELECT audit_head AS h FROM exchange_bundles WHERE direction = 'in'")
          .get() as {
          h: string;
        }
      ).h,
    ) as { seq: number; hash: string };
    expect(head1.seq).toBeGreaterThan(5);

    // More work at the commune; the next bundle's entries continue the chain the hub holds.
    await as(s.commune.host, s.commune.accounts.officerA.username);
    await ok(s.commune.host, 'persons.create', person(s.commune.communeA.code, 'Lê Văn Hai', '100022'));
    await as(s.commune.host, ADMIN.username);
    const b2 = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'hai' });
    await ok(s.hub.host, 'bundles.import', { path: b2.file });

    // A correctly signed bundle 3 whose audit chain is internally consistent but rewrites an entry the hub has.
    const lines = auditRows(s.commune.host);
    const forked = rewritten(lines, head1.seq - 2);
    const last = forked[forked.length - 1]!;
    const prevHash = inBundleHash(s.hub.host, 2);
    const before = footprint(s.hub.host);
    const f1 = await forge(s, { seq: 3, prevHash, audit: forked, auditHead: { seq: last.seq, hash: last.hash } });
    expect((await err(s.hub.host, 'bundles.import', { path: f1 })).code).toBe('BUNDLE_AUDIT_FORK');
    // A head that went back, or another entry at the position received before: forks too, without entries.
    const f2 = await forge(s, { seq: 3, prevHash, auditHead: { seq: head1.seq - 1, hash: head1.hash } });
    expect((await err(s.hub.host, 'bundles.import', { path: f2 })).code).toBe('BUNDLE_AUDIT_FORK');
    const head2 = auditHeadOf(s.commune.host)!;
    const f3 = await forge(s, { seq: 3, prevHash, auditHead: null });
    expect((await err(s.hub.host, 'bundles.import', { path: f3 })).code).toBe('BUNDLE_AUDIT_FORK');
    // An entry altered without fixing its hash: a damaged bundle.
    const tampered = lines.map((l) => (l.seq === 3 ? { ...l, detail: '{"x":1}' } : l));
    const f4 = await forge(s, { seq: 3, prevHash, audit: tampered, auditHead: head2 });
    expect((await err(s.hub.host, 'bundles.import', { path: f4 })).code).toBe('BUNDLE_INVALID');
    expect(footprint(s.hub.host)).toEqual(before);
    expect(lastAudit(s.hub.host)).toMatchObject({ action: 'exchange.bundle_import', outcome: 'failed' });

    // The honest chain, carried again in full, is accepted.
    const f5 = await forge(s, {
      seq: 3,
      prevHash,
      audit: auditRows(s.commune.host),
      auditHead: auditHeadOf(s.commune.host),
    });
    await ok(s.hub.host, 'bundles.import', { path: f5 });
  });

  it('a leader’s case extract, and nothing else, travels to a neighbouring province', async () => {
    const s = await twoStations();
    const c = s.commune;
    // A neighbouring province's station.
    const n = makeHost();
    await ok(n.host, 'vault.create', {
      adminUsername: ADMIN.username,
      adminDisplayName: 'Quản trị viên tỉnh bạn',
      password: ADMIN.password,
      leader: { username: LEADER.username, displayName: 'Trưởng phòng', password: LEADER.password },
      unit: { code: 'PC04-HG', name: 'Phòng PC04 Công an tỉnh bạn', kind: 'province_department' },
    });
    const nShow = await ok(n.host, 'station.show', {});
    const nCard = await ok(n.host, 'station.card', {});
    await as(c.host, ADMIN.username);
    const cCard = await ok(c.host, 'station.card', {});
    const peer = await ok(c.host, 'peers.add', {
      card: nCard.card,
      kind: 'province',
      policy: 'neighbour',
      fingerprint: nShow.fingerprint,
    });
    await ok(n.host, 'peers.add', {
      card: cCard.card,
      kind: 'province',
      policy: 'neighbour',
      fingerprint: s.cShow.fingerprint,
    });

    await as(c.host, c.accounts.investigator.username);
    const p1 = await ok(c.host, 'persons.create', person(c.communeA.code, 'Vàng A Sử', '100031'));
    const p2 = await ok(c.host, 'persons.create', person(c.communeA.code, 'Giàng A Lử', '100032'));
    const joint = await ok(c.host, 'cases.create', {
      number: '41/2026',
      prosecutedOn: '2026-11-01',
      offences: [{ article: '250', clause: 1 }],
    });
    await ok(c.host, 'cases.addSuspect', { caseId: joint.id, personId: p1.person.id, role: 'trader' });
    await ok(c.host, 'seizures.add', {
      caseId: joint.id,
      kind: 'substance',
      substance: 'heroin',
      quantity: 12,
      unit: 'g',
      seizedOn: '2026-11-01',
    });
    const other = await ok(c.host, 'cases.create', {
      number: '42/2026',
      prosecutedOn: '2026-11-02',
      offences: [{ article: '249', clause: 1 }],
    });
    await ok(c.host, 'cases.addSuspect', { caseId: other.id, personId: p2.person.id, role: 'user' });

    // Nothing selected: nothing travels.
    await as(c.host, ADMIN.username);
    const empty = await ok(c.host, 'bundles.export', { peerId: peer.id, out: s.dir, purpose: 'chưa chọn' });
    expect(empty.changes).toBe(0);
    expect((await ok(n.host, 'bundles.import', { path: empty.file })).newRecords).toBe(0);
    // Only a leader who can read the case selects it (the administrator has no cases scope).
    expect((await err(c.host, 'peers.shareCase', { peerId: peer.id, caseId: joint.id, shared: true })).code).toBe(
      'NOT_FOUND',
    );
    await as(c.host, c.accounts.leader.username);
    // Not to a hub: its policy takes no case extracts.
    expect(
      (await err(c.host, 'peers.shareCase', { peerId: s.hShow.id, caseId: joint.id, shared: true })).issues,
    ).toEqual([{ path: 'peerId', code: 'peer_not_neighbour' }]);
    const shared = await ok(c.host, 'peers.shareCase', { peerId: peer.id, caseId: joint.id, shared: true });
    expect(shared.policy.send.scope).toEqual({ kind: 'cases', ids: [joint.id] });

    await as(c.host, ADMIN.username);
    // The export wizard's preview counts the extract by the export's own rule.
    const preview = await ok(c.host, 'bundles.outgoing', { peerId: peer.id });
    const out = await ok(c.host, 'bundles.export', { peerId: peer.id, out: s.dir, purpose: 'điều tra phối hợp' });
    expect(Object.keys(out.counts).sort()).toEqual(['caseSuspects', 'drugCases', 'persons', 'seizures']);
    expect(preview.changes).toBeGreaterThan(0);
    expect(Object.fromEntries(preview.tables.map((t) => [t.table, t.changes]))).toEqual(out.counts);
    const got = await ok(n.host, 'bundles.import', { path: out.file });
    expect(got.refused).toEqual([]);
    const raw = n.host.openState().raw;
    const ids = (t: string) => (raw.prepare(`SELECT id FROM ${t}`).all() as { id: string }[]).map((r) => r.id);
    expect(ids('drug_cases')).toEqual([joint.id]);
    expect(ids('persons')).toEqual([p1.person.id]);
    expect(ids('case_suspects')).toHaveLength(1);
    expect(ids('seizures')).toHaveLength(1);
    expect(ids('person_measures')).toEqual([]);
    expect(ids('person_photos')).toEqual([]);
  });

  it('app.info (hoso info --json): record counts per table and the change-log head', async () => {
    const s = await twoStations();
    await as(s.commune.host, s.commune.accounts.officerA.username);
    await ok(s.commune.host, 'persons.create', person(s.commune.communeA.code, 'Đỗ Văn Đếm', '100041'));
    await as(s.commune.host, ADMIN.username);
    const out = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'đếm' });
    const info0 = await ok(s.hub.host, 'app.info', {});
    expect(info0.counts).toMatchObject({ persons: 0, person_measures: 0, exchange_bundles: 0, conflicts: 0 });
    // A refused import (a damaged copy) changes no count and not the head.
    const bad = path.join(s.dir, 'bad.age');
    const b = fs.readFileSync(out.file);
    b[b.length - 100] = b[b.length - 100]! ^ 1;
    fs.writeFileSync(bad, b);
    await err(s.hub.host, 'bundles.import', { path: bad });
    const info1 = await ok(s.hub.host, 'app.info', {});
    const { audit_log: _a0, ...c0 } = info0.counts;
    const { audit_log: _a1, ...c1 } = info1.counts;
    expect(c1).toEqual(c0);
    expect(info1.changeLogHead).toEqual(info0.changeLogHead);

    await ok(s.hub.host, 'bundles.import', { path: out.file });
    const info2 = await ok(s.hub.host, 'app.info', {});
    expect(info2.counts).toMatchObject({ persons: 1, exchange_bundles: 1 });
    const max = s.hub.host.openState().raw.prepare('SELECT max(seq) AS m FROM change_log').get() as { m: number };
    expect(info2.changeLogHead?.seq).toBe(max.m);
    expect(info2.changeLogHead?.hlc).toMatch(/^\d{15}-\d{6}-/);
  });
});
