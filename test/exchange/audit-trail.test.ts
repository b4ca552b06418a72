import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostCore } from '../../electron/host/host';
import { configureConnection, createKysely, keyConnection } from '../../electron/db/connection';
import { migrateTo } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations';
import { err, ok, tempDir } from '../support/host';
import { as } from '../support/persons';
import { ADMIN, auditHeadOf, footprint, forge, person, twoStations } from './world';

/** The commune's audit entries as the hub keeps them, in order, with their chain fields. */
const kept = (host: HostCore) =>
  host
    .openState()
    .raw.prepare(
      'SELECT peer_id AS peerId, seq, action, prev_hash AS prevHash, hash, bundle_seq AS bundleSeq FROM exchange_audit_entries ORDER BY seq',
    )
    .all() as { peerId: string; seq: number; action: string; prevHash: string; hash: string; bundleSeq: number }[];

const source = (host: HostCore, upTo: number) =>
  host
    .openState()
    .raw.prepare('SELECT seq, action, prev_hash AS prevHash, hash FROM audit_log WHERE seq <= ? ORDER BY seq')
    .all(upTo) as { seq: number; action: string; prevHash: string; hash: string }[];

describe('the sender’s audit entries kept at the hub', { timeout: 300_000 }, () => {
  it('are stored per sender in the import’s transaction; a preview or a refused import stores none', async () => {
    const s = await twoStations();
    const c = s.commune.host;
    const h = s.hub.host;
    await as(c, s.commune.accounts.officerA.username);
    await ok(c, 'persons.create', person(s.commune.communeA.code, 'Lê Văn Một', '100021'));
    await as(c, ADMIN.username);
    const head1 = auditHeadOf(c)!;
    const b1 = await ok(c, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'một' });

    // A preview changes nothing: no entry kept.
    await ok(h, 'bundles.import', { path: b1.file, preview: true });
    expect(kept(h)).toEqual([]);
    await ok(h, 'bundles.import', { path: b1.file });
    // Every entry up to the manifest's head, exactly as the commune's log has them (chain fields included).
    const one = kept(h);
    expect(one.map(({ peerId: _p, bundleSeq: _b, ...e }) => e)).toEqual(source(c, head1.seq));
    expect(new Set(one.map((e) => e.peerId))).toEqual(new Set([s.cShow.id]));
    expect(one.every((e) => e.bundleSeq === 1)).toBe(true);
    expect(await ok(h, 'bundles.auditTrail', {})).toEqual([
      expect.objectContaining({ peerId: s.cShow.id, count: head1.seq, first: 1, head: head1 }),
    ]);

    // Bundle 2 before any receipt carries the entries again from the start: each is kept once.
    await as(c, s.commune.accounts.officerA.username);
    await ok(c, 'persons.create', person(s.commune.communeA.code, 'Lê Văn Hai', '100022'));
    await as(c, ADMIN.username);
    const head2 = auditHeadOf(c)!;
    const b2 = await ok(c, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'hai' });
    await ok(h, 'bundles.import', { path: b2.file });
    const two = kept(h);
    expect(two.map(({ peerId: _p, bundleSeq: _b, ...e }) => e)).toEqual(source(c, head2.seq));
    expect(two.filter((e) => e.bundleSeq === 2).map((e) => e.seq)[0]).toBe(head1.seq + 1);

    // A refused import (its entries altered without fixing their hashes) keeps none and changes nothing.
    const before = { kept: kept(h), footprint: footprint(h) };
    const prevHash = (
      h.openState().raw.prepare("SELECT hash FROM exchange_bundles WHERE direction = 'in' AND seq = 2").get() as {
        hash: string;
      }
    ).hash;
    const lines = (
      c
        .openState()
        .raw.prepare(
          `SELECT seq, at, account_id AS accountId, username, role, action, record_type AS recordType,
              record_id AS recordId, outcome, detail, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq`,
        )
        .all() as { seq: number; detail: string | null; hash: string }[]
    ).map((l, i, all) => (i === all.length - 1 ? { ...l, detail: '{"altered":true}' } : l));
    const forged = await forge(s, {
      seq: 3,
      prevHash,
      audit: lines as never,
      auditHead: auditHeadOf(c),
    });
    expect((await err(h, 'bundles.import', { path: forged })).code).toBe('BUNDLE_INVALID');
    expect({ kept: kept(h), footprint: footprint(h) }).toEqual(before);

    // Received entries are append-only.
    expect(() => h.openState().raw.prepare("UPDATE exchange_audit_entries SET action = 'x'").run()).toThrow(
      /append-only/,
    );
  });
});

const NAME = '2026_12_03_1720_exchange_audit';
const names = Object.keys(migrations);
const PREVIOUS = names[names.indexOf(NAME) - 1]!;

describe(`migration ${NAME}`, () => {
  it('adds the table of received audit entries on a vault with data, and down removes exactly it', async () => {
    const raw = new Database(path.join(tempDir(), 'm.db'));
    keyConnection(raw, crypto.randomBytes(32));
    configureConnection(raw);
    const db = createKysely(raw);
    const schema = () =>
      (
        raw
          .prepare(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
          )
          .all() as { type: string; name: string; sql: string | null }[]
      ).map((r) => `${r.type} ${r.name} ${r.sql ?? ''}`);
    await migrateTo(db, PREVIOUS);
    const before = schema();
    raw
      .prepare(
        "INSERT INTO exchange_peers VALUES ('p', 'Xã A', 'CAX-A', '08', NULL, NULL, 'commune', '{}', 's', 'a', 'f', 'active', 'x', 'x')",
      )
      .run();
    raw
      .prepare(
        "INSERT INTO exchange_bundles (direction, peer_id, seq, hash, counts, at, audit_head) VALUES ('in', 'p', 1, 'h', '{}', 'x', '{\"seq\":2,\"hash\":\"b\"}')",
      )
      .run();
    await migrateTo(db, NAME);
    // The data before is untouched; the new table takes entries keyed by sender and number, once each.
    expect(raw.prepare('SELECT peer_id, seq, audit_head FROM exchange_bundles').all()).toEqual([
      { peer_id: 'p', seq: 1, audit_head: '{"seq":2,"hash":"b"}' },
    ]);
    const insert = raw.prepare(
      `INSERT INTO exchange_audit_entries (peer_id, seq, at, action, outcome, prev_hash, hash, bundle_seq, received_at)
       VALUES ('p', ?, 'x', 'session.unlock', 'ok', ?, ?, 1, 'y')`,
    );
    insert.run(1, 'g', 'a');
    insert.run(2, 'a', 'b');
    expect(() => insert.run(2, 'a', 'b')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => raw.prepare("UPDATE exchange_audit_entries SET hash = 'z'").run()).toThrow(/append-only/);
    expect(raw.prepare('SELECT seq, prev_hash, hash FROM exchange_audit_entries ORDER BY seq').all()).toEqual([
      { seq: 1, prev_hash: 'g', hash: 'a' },
      { seq: 2, prev_hash: 'a', hash: 'b' },
    ]);
    await migrateTo(db, PREVIOUS);
    expect(schema()).toEqual(before);
    expect(raw.prepare('SELECT count(*) AS n FROM exchange_bundles').get()).toEqual({ n: 1 });
    await db.destroy();
  });
});
