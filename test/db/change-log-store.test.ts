import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertRecord, tombstone, updateRecord } from '../../electron/changelog/changelog';
import { HlcClock } from '../../electron/changelog/hlc';
import { latestHlc, readEntries, readRecordEntries } from '../../electron/changelog/log-store';
import { configureConnection, createKysely, keyConnection } from '../../electron/db/connection';
import { migrateTo, migrateToLatest } from '../../electron/db/migrate';
import { tempDir } from '../support/host';

function freshDb() {
  const raw = new Database(path.join(tempDir(), 'm.db'));
  keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  return { raw, db: createKysely(raw) };
}

const WS = '0193a0b0-0000-7000-8000-00000000000a';
const UNIT = '0193a0b0-1111-7000-8000-000000000001';
const hlc = (wall: number, counter = 0, node = WS) =>
  `${String(wall).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${node}`;

describe('the change log as stored (2026_12_03_1150_compact_change_log)', () => {
  it('converts every change of a file with data, gives the same entries back, and its down restores them', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, '2026_12_03_1100_platform');
    const ins = raw.prepare(
      'INSERT INTO change_log (hlc, workstation_id, account_id, table_name, record_id, changes, base) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const old = [
      [hlc(1764550800000), WS, null, 'units', UNIT, '{"name":"Xã A","code":"A"}', null],
      [hlc(1764550800001, 3), WS, 'acc-1', 'units', UNIT, '{"name":"Xã B"}', `{"name":"${hlc(1764550800000)}"}`],
      [hlc(1764550800002, 0, 'other-ws'), 'other-ws', 'acc-2', 'persons', 'not-a-uuid', '{"sex":"male"}', null],
    ] as const;
    for (const o of old) ins.run(...o);
    await migrateTo(db, '2026_12_03_1150_compact_change_log');
    expect(
      (await readEntries(db)).map((e) => [
        e.hlc,
        e.workstationId,
        e.accountId,
        e.tableName,
        e.recordId,
        e.changes,
        e.base,
      ]),
    ).toEqual(old);
    expect(raw.prepare('SELECT typeof(record) AS t FROM change_log ORDER BY seq').all()).toEqual([
      { t: 'blob' },
      { t: 'blob' },
      { t: 'text' },
    ]);
    expect(await latestHlc(db)).toBe(hlc(1764550800002, 0, 'other-ws'));
    await migrateTo(db, '2026_12_03_1100_platform');
    expect(
      raw
        .prepare(
          'SELECT hlc, workstation_id, account_id, table_name, record_id, changes, base FROM change_log ORDER BY seq',
        )
        .raw()
        .all(),
    ).toEqual(old);
    await db.destroy();
  });

  it('keeps a first write by reference to its row, written out while no later change supersedes a field', async () => {
    const { raw, db } = freshDb();
    await migrateToLatest(db);
    let wall = 1764550800000;
    const ctx = { hlc: new HlcClock(WS, () => ++wall), workstationId: WS, accountId: 'acc-1', now: () => new Date() };
    await insertRecord(db, ctx, 'units', UNIT, {
      code: 'A',
      name: 'Xã A',
      kind: 'commune_police',
      provinceCode: '08',
      communeCode: null,
    });
    // Stored: no values at all, two small numbers for who and which table, 16 bytes of id.
    expect(raw.prepare('SELECT changes, length(record) AS idBytes FROM change_log').get()).toEqual({
      changes: null,
      idBytes: 16,
    });
    const first = await readRecordEntries(db, 'units', UNIT);
    expect(JSON.parse(first[0]!.changes)).toEqual({
      code: 'A',
      name: 'Xã A',
      kind: 'commune_police',
      provinceCode: '08',
    });
    expect(first[0]).toMatchObject({ workstationId: WS, accountId: 'acc-1', tableName: 'units', recordId: UNIT });
    await updateRecord(db, ctx, 'units', UNIT, { name: 'Xã B' });
    await tombstone(db, ctx, 'units', UNIT);
    const all = await readRecordEntries(db, 'units', UNIT);
    // The rename supersedes the first write's name: it is left out there, never shown with the new value.
    expect(all.map((e) => JSON.parse(e.changes) as object)).toEqual([
      { code: 'A', kind: 'commune_police', provinceCode: '08' },
      { name: 'Xã B' },
      { deletedAt: expect.any(String) },
    ]);
    expect(all[1]!.base).toBe(JSON.stringify({ name: first[0]!.hlc }));
    expect(await readEntries(db, { afterSeq: 0 })).toEqual(all);
    expect(await readEntries(db, { tables: ['persons'] })).toEqual([]);
    await db.destroy();
  });
});
