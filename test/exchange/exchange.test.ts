import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Decrypter } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { updateRecord } from '../../electron/changelog/changelog';
import { ADMIN, err, ok, setupVault } from '../support/host';
import { as } from '../support/persons';
import { addArchiveKey, footprint, lastAudit, person, twoStations } from './world';

describe('the exchange between a commune and its hub', { timeout: 300_000 }, () => {
  it('identifies stations by card and fingerprint, and refuses a peer whose typed fingerprint differs', async () => {
    const s = await twoStations();
    expect(s.cShow.fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(s.cShow.ageRecipient).toMatch(/^age1/);
    expect(s.cShow.id).not.toBe(s.hShow.id);
    expect(s.communePeer.policy.send.scope).toEqual({ kind: 'commune', code: s.commune.communeA.code });
    // The private halves live only in the encrypted database; the card holds public keys only.
    expect(s.cCard).not.toMatch(/AGE-SECRET|signingPrivate|agePrivate/);
    // A third workstation's card, with the fingerprint of the commune typed in.
    const other = await setupVault();
    const wrong = await err(s.hub.host, 'peers.add', {
      card: (await ok(other.host, 'station.card', {})).card,
      kind: 'commune',
      policy: 'hub-to-commune',
      fingerprint: s.cShow.fingerprint,
    });
    expect(wrong.code).toBe('FINGERPRINT_MISMATCH');
    expect(lastAudit(s.hub.host)).toMatchObject({ action: 'exchange.peer_add', outcome: 'failed' });
    expect((await ok(s.hub.host, 'peers.list', {})).map((p) => p.id)).toEqual([s.cShow.id]);
  });

  it('carries the commune’s records to the hub, acknowledges them, and the age CLI opens it with an archive key', async () => {
    const s = await twoStations();
    // An archive key held on paper: every bundle is also encrypted to it.
    const keyFile = await addArchiveKey(s);

    await as(s.commune.host, s.commune.accounts.officerA.username);
    const a = await ok(s.commune.host, 'persons.create', person(s.commune.communeA.code, 'Nguyễn Văn Đức', '100001'));
    await as(s.commune.host, s.commune.accounts.officerB.username);
    await ok(s.commune.host, 'persons.create', person(s.commune.communeB.code, 'Trần Văn Bình', '100002'));

    await as(s.commune.host, ADMIN.username);
    const out = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    expect(path.basename(out.file)).toMatch(/^hoso-CAX-A-to-PC04-HUB-000001\.age$/);
    expect(out.counts.persons).toBe(1);

    // The standard age tool opens it with the archive key; the plaintext is a tar with the manifest first.
    const tarFile = path.join(s.dir, 'plain.tar');
    const dec = spawnSync('age', ['-d', '-i', keyFile, '-o', tarFile, out.file]);
    expect(dec.status).toBe(0);
    const list = spawnSync('tar', ['-tf', tarFile], { encoding: 'utf8' });
    // The commune's audit entries travel to its hub after the changes.
    expect(list.stdout.trim().split('\n')).toEqual([
      'manifest.json',
      'manifest.sig',
      'changes/000001.jsonl',
      'audit/000001.jsonl',
    ]);
    // And so does age-encryption, the other implementation.
    const d = new Decrypter();
    d.addIdentity(
      fs
        .readFileSync(keyFile, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('AGE-SECRET-KEY-'))!,
    );
    const plain = await d.decrypt(fs.readFileSync(out.file));
    expect(Buffer.from(plain).equals(fs.readFileSync(tarFile))).toBe(true);

    // Preview changes nothing; the import applies the person of commune A.
    const before = footprint(s.hub.host);
    const pv = await ok(s.hub.host, 'bundles.import', { path: out.file, preview: true });
    // One person of commune A (B's stays home) and the units, reference data every station needs.
    expect(pv).toMatchObject({ preview: true, counts: { persons: 1, units: 5 }, newRecords: 6, refused: [] });
    expect(footprint(s.hub.host)).toEqual(before);
    const r = await ok(s.hub.host, 'bundles.import', { path: out.file });
    expect(r).toMatchObject({ seq: 1, newRecords: 6, refused: [], conflicts: 0 });
    const hubRow = s.hub.host
      .openState()
      .raw.prepare('SELECT full_name, cur_commune FROM persons WHERE id = ?')
      .get(a.person.id) as { full_name: string; cur_commune: string };
    expect(hubRow).toEqual({ full_name: 'Nguyễn Văn Đức', cur_commune: s.commune.communeA.code });
    expect(lastAudit(s.hub.host)).toMatchObject({ action: 'exchange.bundle_import', outcome: 'ok' });

    // Importing it again says so and changes nothing.
    const again = footprint(s.hub.host);
    expect((await err(s.hub.host, 'bundles.import', { path: out.file })).code).toBe('BUNDLE_ALREADY_APPLIED');
    expect(footprint(s.hub.host)).toEqual(again);

    // The hub's bundle back carries the receipt; the commune then sends only what is new.
    const back = await ok(s.hub.host, 'bundles.export', { peerId: s.cShow.id, out: s.dir, purpose: 'xác nhận' });
    expect(back.receiptFor).toBe(1);
    const got = await ok(s.commune.host, 'bundles.import', { path: back.file });
    expect(got.acknowledged).toBe(1);
    const status = await ok(s.commune.host, 'bundles.status', {});
    expect(status[0]).toMatchObject({ lastSent: 1, lastAcknowledged: 1, outstanding: 0, lastReceived: 1 });
    const second = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    expect(second.changes).toBe(0);
  });

  it('concurrent edits of one field on both sides become the same open conflict on both stations', async () => {
    const s = await twoStations();
    await as(s.commune.host, s.commune.accounts.officerA.username);
    const p = await ok(s.commune.host, 'persons.create', person(s.commune.communeA.code, 'Lê Văn Hải', '100003'));
    await as(s.commune.host, ADMIN.username);
    const one = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    await ok(s.hub.host, 'bundles.import', { path: one.file });
    // Both stations change the occupation before hearing from each other.
    await as(s.commune.host, s.commune.accounts.officerA.username);
    await ok(s.commune.host, 'persons.update', { personId: p.person.id, patch: { occupation: 'Làm ruộng' } });
    const hs = s.hub.host.openState();
    await hs.db
      .transaction()
      .execute((trx) =>
        updateRecord(
          trx,
          { hlc: hs.hlc, workstationId: hs.workstationId, accountId: null, now: () => new Date() },
          'persons',
          p.person.id,
          { occupation: 'Lái xe' },
        ),
      );
    await as(s.commune.host, ADMIN.username);
    const two = await ok(s.commune.host, 'bundles.export', { peerId: s.hShow.id, out: s.dir, purpose: 'gửi tỉnh' });
    const atHub = await ok(s.hub.host, 'bundles.import', { path: two.file });
    // Bundle 1 was not acknowledged yet, so bundle 2 carries its changes again: duplicates, changing nothing.
    expect(atHub).toMatchObject({ newRecords: 0, updatedRecords: 1, conflicts: 1, refused: [] });
    expect(atHub.duplicates).toBeGreaterThan(0);
    const back = await ok(s.hub.host, 'bundles.export', { peerId: s.cShow.id, out: s.dir, purpose: 'trả xã' });
    const atCommune = await ok(s.commune.host, 'bundles.import', { path: back.file });
    expect(atCommune.conflicts).toBe(1);
    const conflicts = (host: typeof s.hub.host) =>
      host.openState().raw.prepare('SELECT field, current_value, other_value FROM conflicts ORDER BY id').all();
    const row = (host: typeof s.hub.host) =>
      host.openState().raw.prepare('SELECT occupation FROM persons WHERE id = ?').get(p.person.id);
    // Converged: the same value in the record and the same conflict kept for a leader, on both stations.
    expect(conflicts(s.commune.host)).toEqual(conflicts(s.hub.host));
    expect(conflicts(s.hub.host)).toHaveLength(1);
    expect(row(s.commune.host)).toEqual(row(s.hub.host));

    // The commune's leader decides; its next bundle closes the conflict at the hub, and says so (not "-1 new").
    await as(s.commune.host, s.commune.accounts.leader.username);
    const [open] = await ok(s.commune.host, 'conflicts.list', { recordId: p.person.id, limit: 10 });
    await ok(s.commune.host, 'conflicts.resolve', { conflictId: open!.id, choice: 'other' });
    await as(s.commune.host, ADMIN.username);
    const decided = await ok(s.commune.host, 'bundles.export', {
      peerId: s.hShow.id,
      out: s.dir,
      purpose: 'quyết định',
    });
    const closed = await ok(s.hub.host, 'bundles.import', { path: decided.file });
    expect(closed).toMatchObject({ conflicts: 0, closedConflicts: 1, refused: [] });
    expect(conflicts(s.hub.host)).toEqual([]);
    expect(row(s.commune.host)).toEqual(row(s.hub.host));
  });
});
