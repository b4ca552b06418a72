import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, rebuildRecords } from '../../electron/changelog/apply';
import {
  insertRecord,
  updateRecord,
  type ChangeContext,
  type ReplicatedTable,
} from '../../electron/changelog/changelog';
import { HlcClock } from '../../electron/changelog/hlc';
import { readEntries } from '../../electron/changelog/log-store';
import type { ChangeEntry } from '../../electron/changelog/merge';
import { configureConnection, createKysely, keyConnection } from '../../electron/db/connection';
import { migrateToLatest } from '../../electron/db/migrate';
import type { ColumnSpec, TableSpec } from '../../electron/platform/table-spec';
import { specOf, TABLE_SPECS } from '../../electron/platform/tables';
import { tempDir } from '../support/host';

/** A workstation: its own encrypted database, clock and identity. */
async function replica(n: number, wall: { ms: number }) {
  const raw = new Database(path.join(tempDir(), `r${n}.db`));
  keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  const db = createKysely(raw);
  await migrateToLatest(db);
  const ws = `0000000${n}-0000-7000-8000-000000000000`;
  const ctx: ChangeContext = {
    hlc: new HlcClock(ws, () => wall.ms),
    workstationId: ws,
    accountId: null,
    now: () => new Date(wall.ms),
  };
  return { db, ctx };
}
type Replica = Awaited<ReturnType<typeof replica>>;

/** A value a column may hold, from its spec (enums from their lists). */
function valueFor(col: ColumnSpec, pick: number, name: string): unknown {
  if (col.enum) return col.enum[pick % col.enum.length];
  switch (col.type) {
    case 'integer':
      return 1900 + (pick % 100);
    case 'json':
      return JSON.stringify(pick % 2 ? [] : [`v${pick % 5}`]);
    case 'date':
      return `2026-0${1 + (pick % 9)}-1${pick % 10}`;
    default:
      return name === 'fullName' ? ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Đức'][pick % 3] : `giá trị ${pick % 4}`;
  }
}

function writable(spec: TableSpec): string[] {
  return Object.keys(spec.columns).filter((c) => !(spec.derived as readonly string[]).includes(c));
}

async function syncInto(to: Replica, from: Replica, today: string) {
  const changes = await readEntries(from.db);
  await to.db.transaction().execute((trx) => applyChanges(trx, to.ctx.hlc, changes, today));
}

async function snapshot(r: Replica, spec: TableSpec, id: string) {
  const row = (await r.db
    .selectFrom(spec.table as ReplicatedTable)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()) as Record<string, unknown>;
  const fields = Object.fromEntries(writable(spec).map((c) => [c, row[c] ?? null]));
  const conflicts = (
    await r.db
      .selectFrom('conflicts')
      .select(['field', 'currentHlc', 'otherHlc', 'otherValue'])
      .where('recordId', '=', id)
      .execute()
  )
    .map((c) => JSON.stringify(c))
    .sort();
  return { fields, deletedAt: row.deletedAt, hlc: row.hlc, conflicts };
}

const step = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), at: fc.nat(2), field: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(2), to: fc.nat(2) }),
);

describe('record platform: merge', () => {
  for (const spec of TABLE_SPECS) {
    it(`any interleaving of the same edits gives the same ${spec.recordType} and the same open conflicts on every replica`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), fc.integer(), async (steps, seed) => {
          const wall = { ms: Date.parse('2026-12-01T01:00:00Z') };
          const rs = [await replica(0, wall), await replica(1, wall), await replica(2, wall)];
          const today = '2026-12-01';
          const id = crypto.randomUUID();
          const cols = spec.columns as Record<string, ColumnSpec>;
          const initial = Object.fromEntries(
            Object.entries(cols).map(([c, col]) => [
              c,
              (spec.derived as readonly string[]).includes(c) ? placeholder(col) : valueFor(col, 0, c),
            ]),
          );
          await insertRecord(rs[0]!.db, rs[0]!.ctx, spec.table as ReplicatedTable, id, initial as never);
          for (const r of rs.slice(1)) await syncInto(r, rs[0]!, today);
          const fields = writable(spec);
          for (const s of steps) {
            wall.ms += 1000;
            if (s.kind === 'edit') {
              const r = rs[s.at]!;
              const f = fields[s.field % fields.length]!;
              await updateRecord(r.db, r.ctx, spec.table as ReplicatedTable, id, {
                [f]: valueFor(cols[f]!, s.pick + 1, f),
              } as never);
            } else if (s.from !== s.to) await syncInto(rs[s.to]!, rs[s.from]!, today);
          }
          // Everyone hears from everyone, in an order the seed picks.
          const order = fc.sample(fc.shuffledSubarray([0, 1, 2, 0, 1, 2], { minLength: 6, maxLength: 6 }), {
            seed,
            numRuns: 1,
          })[0]!;
          for (const to of order)
            for (const from of [0, 1, 2]) if (from !== to) await syncInto(rs[to]!, rs[from]!, today);
          for (const to of [0, 1, 2])
            for (const from of [0, 1, 2]) if (from !== to) await syncInto(rs[to]!, rs[from]!, today);
          const snaps = await Promise.all(rs.map((r) => snapshot(r, spec, id)));
          expect(snaps[1]).toEqual(snaps[0]);
          expect(snaps[2]).toEqual(snaps[0]);
          await Promise.all(rs.map((r) => r.db.destroy()));
        }),
        { numRuns: Number(process.env.HOSO_PROPERTY_RUNS ?? 8) },
      );
    });
  }

  it('keeps the loser of two concurrent edits as an open conflict, and a resolution closes it everywhere', async () => {
    const wall = { ms: Date.parse('2026-12-01T01:00:00Z') };
    const [a, b] = [await replica(0, wall), await replica(1, wall)];
    const id = crypto.randomUUID();
    await insertRecord(a.db, a.ctx, 'units', id, {
      code: 'X1',
      name: 'Xã A',
      kind: 'commune_police',
      provinceCode: '08',
      communeCode: null,
    });
    await syncInto(b, a, '2026-12-01');
    wall.ms += 1000;
    await updateRecord(a.db, a.ctx, 'units', id, { name: 'Xã An Tường' });
    wall.ms += 1000;
    await updateRecord(b.db, b.ctx, 'units', id, { name: 'Phường An Tường' });
    // An unrelated field edited concurrently merges without conflict.
    await updateRecord(a.db, a.ctx, 'units', id, { communeCode: '02185' });
    await syncInto(a, b, '2026-12-01');
    await syncInto(b, a, '2026-12-01');
    for (const r of [a, b]) {
      const row = await r.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect([row.name, row.communeCode]).toEqual(['Phường An Tường', '02185']);
      const open = await r.db.selectFrom('conflicts').selectAll().execute();
      expect(open.map((c) => [c.field, JSON.parse(c.otherValue!)])).toEqual([['name', 'Xã An Tường']]);
    }
    // An ordinary later edit on one side does not silently close the conflict.
    wall.ms += 1000;
    await updateRecord(a.db, a.ctx, 'units', id, { name: 'Phường An Tường mới' });
    await syncInto(b, a, '2026-12-01');
    expect(await b.db.selectFrom('conflicts').select('field').execute()).toEqual([{ field: 'name' }]);
    // A resolution names every concurrent version, and closes the conflict on both workstations.
    wall.ms += 1000;
    await updateRecord(b.db, b.ctx, 'units', id, { name: 'Xã An Tường' }, { resolve: true });
    // As conflicts.resolve does: the record and its conflicts are rebuilt from the log.
    await rebuildRecords(b.db, new Map([['units', new Set([id])]]), '2026-12-01');
    await syncInto(a, b, '2026-12-01');
    for (const r of [a, b]) {
      expect(await r.db.selectFrom('conflicts').selectAll().execute()).toEqual([]);
      expect((await r.db.selectFrom('units').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name).toBe(
        'Xã An Tường',
      );
    }
  });

  it('refuses a hostile change (unknown table, derived or unknown field, bad enum) and applies nothing', async () => {
    const wall = { ms: Date.parse('2026-12-01T01:00:00Z') };
    const a = await replica(0, wall);
    const good = {
      hlc: '000001764550800000-000000-x',
      tableName: 'units',
      recordId: crypto.randomUUID(),
      changes: '{}',
    };
    const hlc = '001764550800000-000000-00000009-0000-7000-8000-000000000000';
    const bad = [
      { ...good, hlc, tableName: 'accounts', changes: JSON.stringify({ role: 'admin' }) },
      { ...good, hlc, tableName: 'persons', changes: JSON.stringify({ category: 'user' }) },
      { ...good, hlc, changes: JSON.stringify({ secret: 'x' }) },
      { ...good, hlc, changes: JSON.stringify({ kind: 'not_a_kind' }) },
      { ...good, hlc, changes: '{not json' },
      { ...good, changes: JSON.stringify({ name: 'ok' }) },
    ];
    for (const c of bad) {
      await expect(
        a.db.transaction().execute((trx) => applyChanges(trx, a.ctx.hlc, [c], '2026-12-01')),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    expect(await readEntries(a.db)).toEqual([]);
  });
});

describe('record platform: a change from another workstation kept by reference', () => {
  const today = '2026-12-01';
  /** What travels of a change (its place in the log aside). */
  const travelled = <T extends { seq: number }>(list: T[]) => list.map(({ seq: _seq, ...e }) => e);
  const stored = (r: Replica) => r.db.selectFrom('changeLog').select(['seq', 'changes']).orderBy('seq').execute();

  it('every table: a record’s one first write is stored once, in its row, and the log gives it back text for text', async () => {
    const wall = { ms: Date.parse('2026-12-01T01:00:00Z') };
    const [a, b] = [await replica(0, wall), await replica(1, wall)];
    for (const spec of TABLE_SPECS) {
      const cols = spec.columns as Record<string, ColumnSpec>;
      const values = Object.fromEntries(
        Object.entries(cols).map(([c, col]) => [
          c,
          (spec.derived as readonly string[]).includes(c) ? placeholder(col) : valueFor(col, 1, c),
        ]),
      );
      await insertRecord(a.db, a.ctx, spec.table as ReplicatedTable, crypto.randomUUID(), values as never);
    }
    const sent = await readEntries(a.db);
    expect(sent.length).toBe(TABLE_SPECS.length);
    await syncInto(b, a, today);
    // Every change by reference (no text stored), and read back exactly as it was sent.
    expect((await stored(b)).map((r) => r.changes)).toEqual(sent.map(() => null));
    expect(travelled(await readEntries(b.db))).toEqual(travelled(sent));
  });

  it('keeps as text what its row could not give back: a lone surrogate, a deletion, two changes of a record, one the log already had', async () => {
    const wall = { ms: Date.parse('2026-12-01T01:00:00Z') };
    const b = await replica(1, wall);
    const node = '00000009-0000-7000-8000-000000000000';
    const stamp = (s: number) =>
      `${String(Date.parse('2026-12-01T00:00:00Z') + s * 1000).padStart(15, '0')}-000000-${node}`;
    const unit = (code: string, name: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ code, name, kind: 'commune_police', provinceCode: '08', ...extra });
    const [lone, deleted, twice, late] = [0, 1, 2, 3].map(() => crypto.randomUUID());
    const first: ChangeEntry[] = [
      { hlc: stamp(1), tableName: 'units', recordId: lone!, changes: unit('L1', 'Xã \ud800') },
      {
        hlc: stamp(2),
        tableName: 'units',
        recordId: deleted!,
        changes: unit('L2', 'Xã Bỏ', { deletedAt: '2026-12-01T00:00:02.000Z' }),
      },
      { hlc: stamp(3), tableName: 'units', recordId: twice!, changes: unit('L3', 'Xã Hai') },
      {
        hlc: stamp(4),
        tableName: 'units',
        recordId: twice!,
        changes: JSON.stringify({ name: 'Xã Hai Mới' }),
        base: JSON.stringify({ name: stamp(3) }),
      },
      // An edit that came before its record's first write: the record waits for it.
      {
        hlc: stamp(6),
        tableName: 'units',
        recordId: late!,
        changes: JSON.stringify({ name: 'Xã Muộn Mới' }),
        base: JSON.stringify({ name: stamp(5) }),
      },
    ];
    await b.db.transaction().execute((trx) => applyChanges(trx, b.ctx.hlc, first, today));
    const then: ChangeEntry[] = [
      { hlc: stamp(5), tableName: 'units', recordId: late!, changes: unit('L4', 'Xã Muộn') },
    ];
    await b.db.transaction().execute((trx) => applyChanges(trx, b.ctx.hlc, then, today));
    expect((await stored(b)).map((r) => r.changes)).toEqual([...first, ...then].map((c) => c.changes));
    const back = travelled(await readEntries(b.db));
    expect(back.map((e) => [e.hlc, e.recordId, e.changes, e.base])).toEqual(
      [...first, ...then].map((c) => [c.hlc, c.recordId, c.changes, c.base ?? null]),
    );
    const rows = await b.db
      .selectFrom('units')
      .select(['id', 'name', 'deletedAt'])
      .where('code', 'in', ['L1', 'L2', 'L3', 'L4'])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    // (SQLite keeps the lone surrogate as U+FFFD: the log keeps what was sent.)
    expect(byId.get(lone!)!.name).toMatch(/^Xã \ufffd+$/);
    expect(byId.get(deleted!)!.deletedAt).toBe('2026-12-01T00:00:02.000Z');
    expect(byId.get(twice!)!.name).toBe('Xã Hai Mới');
    expect(byId.get(late!)!.name).toBe('Xã Muộn Mới');

    // A first write spaced and escaped otherwise than JSON.stringify writes it is still the same fields: kept by
    // reference, and read back as the same change, written as JSON.stringify writes it.
    const spaced = crypto.randomUUID();
    const text =
      '{ "code": "L\\u0035", "name": "X\\u00e3 C\\u00e1ch",\n "kind": "commune_police", "provinceCode": "08" }';
    await b.db
      .transaction()
      .execute((trx) =>
        applyChanges(trx, b.ctx.hlc, [{ hlc: stamp(7), tableName: 'units', recordId: spaced, changes: text }], today),
      );
    expect((await stored(b)).at(-1)!.changes).toBeNull();
    const again = (await readEntries(b.db)).at(-1)!;
    expect(again.changes).toBe(JSON.stringify(JSON.parse(text)));
    expect(again.changes).toBe(unit('L5', 'Xã Cách'));
  });

  it('two first writes of one record made apart (a photo set at two stations) become the same open conflict on both', async () => {
    const wall = { ms: Date.parse('2026-12-01T01:00:00Z') };
    const [a, b, hub] = [await replica(0, wall), await replica(1, wall), await replica(2, wall)];
    // A photo record has its person's id: two stations that each give the person a photo make the same record.
    const id = crypto.randomUUID();
    await insertRecord(a.db, a.ctx, 'personPhotos', id, { photo: 'data:image/jpeg;base64,QUFB' });
    wall.ms += 1000;
    await insertRecord(b.db, b.ctx, 'personPhotos', id, { photo: 'data:image/jpeg;base64,QkJC' });
    await syncInto(hub, a, today);
    await syncInto(hub, b, today);
    await syncInto(a, b, today);
    await syncInto(b, a, today);
    const snaps = await Promise.all([a, b, hub].map((r) => snapshot(r, specOf('personPhotos'), id)));
    expect(snaps[0]!.fields).toEqual({ photo: 'data:image/jpeg;base64,QkJC' });
    expect(snaps[0]!.conflicts).toHaveLength(1);
    expect(snaps[1]).toEqual(snaps[0]);
    expect(snaps[2]).toEqual(snaps[0]);
    // And after a rebuild from each log (as a resolution makes), still.
    for (const r of [a, b, hub]) await rebuildRecords(r.db, new Map([['personPhotos', new Set([id])]]), today);
    expect(await Promise.all([a, b, hub].map((r) => snapshot(r, specOf('personPhotos'), id)))).toEqual(snaps);
  });

  it('a later change that spells the record’s id in upper case finds the row its first write is kept in', async () => {
    const wall = { ms: Date.parse('2026-12-01T01:00:00Z') };
    const b = await replica(1, wall);
    const stamp = (s: number, node = '00000009-0000-7000-8000-000000000000') =>
      `${String(Date.parse('2026-12-01T00:00:00Z') + s * 1000).padStart(15, '0')}-000000-${node}`;
    const apply = (list: ChangeEntry[]) =>
      b.db.transaction().execute((trx) => applyChanges(trx, b.ctx.hlc, list, today));
    // A photo made apart: the second names nothing it overwrote, so both stay as heads (one open conflict).
    const photo = crypto.randomUUID();
    await apply([{ hlc: stamp(1), tableName: 'personPhotos', recordId: photo, changes: '{"photo":"data:A"}' }]);
    const other = '0000000a-0000-7000-8000-000000000000';
    const second = { hlc: stamp(2, other), tableName: 'personPhotos', changes: '{"photo":"data:B"}' };
    await apply([{ ...second, recordId: photo.toUpperCase() }]);
    expect(await b.db.selectFrom('conflicts').select(['field', 'otherValue']).execute()).toEqual([
      { field: 'photo', otherValue: '"data:A"' },
    ]);
    // An edit that names the first write: the fields it does not write stay as they were.
    const unit = crypto.randomUUID();
    const made = { code: 'U1', name: 'Xã Một', kind: 'commune_police', provinceCode: '08', communeCode: '02185' };
    await apply([{ hlc: stamp(3), tableName: 'units', recordId: unit, changes: JSON.stringify(made) }]);
    await apply([
      {
        hlc: stamp(4),
        tableName: 'units',
        recordId: unit.toUpperCase(),
        changes: '{"name":"Xã Một Mới"}',
        base: JSON.stringify({ name: stamp(3) }),
      },
    ]);
    const row = await b.db.selectFrom('units').selectAll().where('id', '=', unit).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ...made, name: 'Xã Một Mới' });
    const back = (await readEntries(b.db)).map((e) => JSON.parse(e.changes) as unknown);
    // (The first write, kept by reference, reads back without the name the edit overwrote.)
    const { name: _name, ...kept } = made;
    expect(back).toEqual([{ photo: 'data:A' }, { photo: 'data:B' }, kept, { name: 'Xã Một Mới' }]);
  });

  it('a first write kept by reference, then edited on either side, gives the same record everywhere', async () => {
    const wall = { ms: Date.parse('2026-12-01T01:00:00Z') };
    const [a, b] = [await replica(0, wall), await replica(1, wall)];
    const id = crypto.randomUUID();
    await insertRecord(a.db, a.ctx, 'units', id, {
      code: 'X2',
      name: 'Xã Gốc',
      kind: 'commune_police',
      provinceCode: '08',
      communeCode: '02185',
    });
    await syncInto(b, a, today);
    expect((await stored(b)).map((r) => r.changes)).toEqual([null]);
    wall.ms += 1000;
    await updateRecord(b.db, b.ctx, 'units', id, { name: 'Xã Đổi Ở B' });
    wall.ms += 1000;
    await updateRecord(a.db, a.ctx, 'units', id, { communeCode: '02186' });
    await syncInto(a, b, today);
    await syncInto(b, a, today);
    for (const r of [a, b]) {
      const row = await r.db
        .selectFrom('units')
        .select(['name', 'communeCode'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ name: 'Xã Đổi Ở B', communeCode: '02186' });
      expect(await r.db.selectFrom('conflicts').selectAll().execute()).toEqual([]);
    }
    // A record rebuilt from its log (as a resolution does) stays as it is on both sides.
    for (const r of [a, b]) {
      await rebuildRecords(r.db, new Map([['units', new Set([id])]]), today);
      const row = await r.db
        .selectFrom('units')
        .select(['name', 'communeCode', 'code'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ name: 'Xã Đổi Ở B', communeCode: '02186', code: 'X2' });
    }
  });
});

function placeholder(col: ColumnSpec): unknown {
  if (col.nullable) return null;
  return col.type === 'integer' ? 1990 : col.type === 'json' ? '[]' : 'x';
}
