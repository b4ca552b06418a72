import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertRecord, tombstone, updateRecord, type ChangeContext } from '../../electron/changelog/changelog';
import { readEntries, readRecordEntries } from '../../electron/changelog/log-store';
import { HlcClock, encodeHlc } from '../../electron/changelog/hlc';
import { mergeAll, type ChangeEntry } from '../../electron/changelog/merge';
import { configureConnection, createKysely, keyConnection } from '../../electron/db/connection';
import { migrateToLatest } from '../../electron/db/migrate';
import { tempDir } from '../support/host';

async function freshDb() {
  const raw = new Database(path.join(tempDir(), 'c.db'));
  keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  const db = createKysely(raw);
  await migrateToLatest(db);
  return db;
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), name: fc.string({ maxLength: 12 }) }),
  fc.record({
    kind: fc.constant('update' as const),
    target: fc.nat(),
    name: fc.option(fc.string({ maxLength: 12 })),
    province: fc.option(fc.stringMatching(/^\d{2}$/)),
  }),
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('clockJump' as const), by: fc.integer({ min: -86_400_000, max: 86_400_000 }) }),
);

const FIELDS = ['code', 'name', 'kind', 'provinceCode', 'communeCode'] as const;
const SYNC = ['createdAt', 'updatedAt', 'originWs', 'hlc', 'deletedAt'] as const;

describe('change log', () => {
  it('replaying the change log, in any order, rebuilds exactly the rows written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), fc.integer(), async (ops, seed) => {
        const db = await freshDb();
        let wall = Date.parse('2026-01-01T00:00:00Z');
        const ctx: ChangeContext = {
          hlc: new HlcClock('ws-1', () => wall),
          workstationId: 'ws-1',
          accountId: null,
          now: () => new Date(wall),
        };
        const ids: string[] = [];
        for (const o of ops) {
          wall += 1;
          if (o.kind === 'clockJump') wall = Math.max(0, wall + o.by);
          else if (o.kind === 'insert') {
            const id = crypto.randomUUID();
            ids.push(id);
            await insertRecord(db, ctx, 'units', id, {
              code: `U${ids.length}`,
              name: o.name,
              kind: 'commune_police',
              provinceCode: null,
              communeCode: null,
            });
          } else if (ids.length) {
            const id = ids[o.target % ids.length]!;
            const row = await db.selectFrom('units').select('deletedAt').where('id', '=', id).executeTakeFirstOrThrow();
            if (row.deletedAt) continue;
            if (o.kind === 'delete') await tombstone(db, ctx, 'units', id);
            else
              await updateRecord(db, ctx, 'units', id, {
                ...(o.name !== null ? { name: o.name } : {}),
                ...(o.province !== null ? { provinceCode: o.province } : {}),
              });
          }
        }
        const changes = await readEntries(db);
        // Shuffle deterministically: merge must not depend on arrival order.
        const rnd = fc.sample(fc.shuffledSubarray(changes, { minLength: changes.length, maxLength: changes.length }), {
          seed,
          numRuns: 1,
        })[0]!;
        const state = mergeAll(rnd);
        const rows = await db.selectFrom('units').selectAll().execute();
        expect(state.size).toBe(rows.length);
        for (const r of rows) {
          const m = state.get(`units/${r.id}`)!;
          for (const k of FIELDS) expect([k, m.values[k] ?? null]).toEqual([k, r[k]]);
          for (const k of SYNC) expect([k, m[k] ?? null]).toEqual([k, r[k]]);
          // One writer never conflicts with itself.
          expect(m.conflicts).toEqual([]);
        }
        await db.destroy();
      }),
      { numRuns: 40 },
    );
  });

  it('a tombstone wins over older edits and loses to none, whatever the order of arrival', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            wall: fc.integer({ min: 1, max: 1000 }),
            node: fc.constantFrom('a', 'b', 'c'),
            value: fc.string(),
          }),
          { maxLength: 20 },
        ),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer(),
        (edits, tombWall, seed) => {
          const changes: ChangeEntry[] = edits.map((e, i) => ({
            hlc: encodeHlc({ wall: e.wall, counter: i, node: e.node }),
            tableName: 'units',
            recordId: 'r1',
            changes: JSON.stringify({ name: e.value }),
          }));
          changes.push({
            hlc: encodeHlc({ wall: tombWall, counter: 0, node: 'd' }),
            tableName: 'units',
            recordId: 'r1',
            changes: JSON.stringify({ deletedAt: '2026-01-01T00:00:00.000Z' }),
          });
          // A later edit does not revive the record; only a leader's explicit restore does (tested below).
          changes.push({
            hlc: encodeHlc({ wall: tombWall + 1, counter: 0, node: 'e' }),
            tableName: 'units',
            recordId: 'r1',
            changes: JSON.stringify({ name: 'sửa sau khi xoá' }),
          });
          const shuffled = fc.sample(
            fc.shuffledSubarray(changes, { minLength: changes.length, maxLength: changes.length }),
            { seed, numRuns: 1 },
          )[0]!;
          const rec = mergeAll(shuffled).get('units/r1')!;
          expect(rec.deletedAt).toBe('2026-01-01T00:00:00.000Z');
          const latest = [...changes]
            .filter((c) => 'name' in JSON.parse(c.changes))
            .sort((x, y) => (x.hlc < y.hlc ? 1 : -1))[0];
          if (latest) expect(rec.values.name).toBe(JSON.parse(latest.changes).name);
          const restored = mergeAll([
            ...shuffled,
            {
              hlc: encodeHlc({ wall: tombWall + 2, counter: 0, node: 'f' }),
              tableName: 'units',
              recordId: 'r1',
              changes: JSON.stringify({ deletedAt: null }),
            },
          ]).get('units/r1')!;
          expect(restored.deletedAt).toBeNull();
        },
      ),
    );
  });

  it('logs each write’s changed fields, in the same transaction as the row', async () => {
    const db = await freshDb();
    const ctx: ChangeContext = {
      hlc: new HlcClock('ws-1', Date.now),
      workstationId: 'ws-1',
      accountId: 'acc-1',
      now: () => new Date(),
    };
    const id = crypto.randomUUID();
    await expect(
      db.transaction().execute(async (trx) => {
        await insertRecord(trx, ctx, 'units', id, {
          code: 'X',
          name: 'Xã Đồng Tâm',
          kind: 'commune_police',
          provinceCode: null,
          communeCode: null,
        });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await readEntries(db)).toHaveLength(0);
    await insertRecord(db, ctx, 'units', id, {
      code: 'X',
      name: 'Xã Đồng Tâm',
      kind: 'commune_police',
      provinceCode: null,
      communeCode: null,
    });
    const changed = await updateRecord(db, ctx, 'units', id, { name: 'Xã Đồng Tâm', provinceCode: '08' });
    expect(changed).toEqual(['provinceCode']);
    const writes = (await readRecordEntries(db, 'units', id)).map((c) =>
      Object.keys(JSON.parse(c.changes) as object).sort(),
    );
    // The insert logs its non-null fields (kept by reference to the row and written out from it while no later
    // change sets them); the update only the field that changed (name was the same).
    // Times and origin are not logged: they follow from the stamps.
    expect(writes).toEqual([['code', 'kind', 'name'], ['provinceCode']]);
    await db.destroy();
  });
});
