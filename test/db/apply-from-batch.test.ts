import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyChanges, rebuildRecords } from '../../electron/changelog/apply';
import { HlcClock } from '../../electron/changelog/hlc';
import { readEntries } from '../../electron/changelog/log-store';
import type { ChangeEntry } from '../../electron/changelog/merge';
import { migrateToLatest } from '../../electron/db/migrate';
import { freshDb } from '../support/migration-db';

/**
 * applyChanges merges a record the log held nothing of from the batch itself (changelog/apply.ts), not from its
 * changes read back: the row and the open conflicts must be exactly those the log's copy gives, also for a
 * change whose id is in capitals and which names no workstation (the stamp's node stands in) or an empty account.
 */
const TODAY = '2026-12-01';
const NODE = (n: number) => `0000000${n}-0000-7000-8000-000000000000`;
const stamp = (ms: number, node: number) => `${String(ms).padStart(15, '0')}-000000-${NODE(node)}`;

async function station() {
  const { db } = freshDb();
  await migrateToLatest(db);
  return { db, clock: new HlcClock(NODE(9), () => Date.parse('2026-12-01T02:00:00Z')) };
}

type Station = Awaited<ReturnType<typeof station>>;

async function snapshot(s: Station, id: string) {
  const row = await s.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const conflicts = await s.db
    .selectFrom('conflicts')
    .select([
      'tableName',
      'recordId',
      'field',
      'currentHlc',
      'currentValue',
      'currentWs',
      'currentAccount',
      'otherHlc',
      'otherValue',
      'otherWs',
      'otherAccount',
    ])
    .where('recordId', '=', id)
    .orderBy('field')
    .orderBy('otherHlc')
    .execute();
  return { row, conflicts };
}

describe('apply of records new to the log, merged from the batch', () => {
  it('writes the row and the conflicts the log read back gives', async () => {
    const s = await station();
    const id = crypto.randomUUID();
    const t0 = Date.parse('2026-12-01T01:00:00Z');
    const first = stamp(t0, 1);
    const batch: ChangeEntry[] = [
      {
        hlc: first,
        tableName: 'units',
        recordId: id.toUpperCase(),
        changes: JSON.stringify({ code: 'X1', name: 'Xã Một', kind: 'commune_police', provinceCode: '08' }),
        base: null,
        accountId: '',
      },
      // Two concurrent renames that both saw the first write: an open conflict on the name.
      {
        hlc: stamp(t0 + 1000, 2),
        tableName: 'units',
        recordId: id,
        changes: JSON.stringify({ name: 'Xã Hai' }),
        base: JSON.stringify({ name: first }),
        workstationId: NODE(2),
        accountId: crypto.randomUUID(),
      },
      {
        hlc: stamp(t0 + 2000, 3),
        tableName: 'units',
        recordId: id.toUpperCase(),
        changes: JSON.stringify({ name: 'Xã Ba', communeCode: null }),
        base: JSON.stringify({ name: first }),
      },
    ];
    const r = await s.db.transaction().execute((trx) => applyChanges(trx, s.clock, batch, TODAY));
    expect(r).toMatchObject({ applied: 3, duplicates: 0, records: 1, openConflicts: 1 });
    const fromBatch = await snapshot(s, id);
    expect(fromBatch.row).toMatchObject({ name: 'Xã Ba', code: 'X1', originWs: NODE(1), hlc: stamp(t0 + 2000, 3) });
    expect(fromBatch.conflicts).toMatchObject([
      { field: 'name', currentWs: NODE(3), currentAccount: null, otherWs: NODE(2), otherValue: '"Xã Hai"' },
    ]);
    // The same record rebuilt from the log (as a conflict's resolution does) is the same.
    await s.db.transaction().execute((trx) => rebuildRecords(trx, new Map([['units', new Set([id])]]), TODAY));
    expect(await snapshot(s, id)).toEqual(fromBatch);
    expect((await readEntries(s.db)).map((e) => e.recordId)).toEqual([id, id, id]);

    // A later batch for the same record (now in the log) takes the log's path and agrees with it too.
    const later: ChangeEntry = {
      hlc: stamp(t0 + 3000, 2),
      tableName: 'units',
      recordId: id,
      changes: JSON.stringify({ communeCode: '00001' }),
      base: null,
      workstationId: NODE(2),
    };
    await s.db.transaction().execute((trx) => applyChanges(trx, s.clock, [later, later], TODAY));
    const after = await snapshot(s, id);
    expect(after.row).toMatchObject({ communeCode: '00001', name: 'Xã Ba' });
    await s.db.transaction().execute((trx) => rebuildRecords(trx, new Map([['units', new Set([id])]]), TODAY));
    expect(await snapshot(s, id)).toEqual(after);
  });
});
