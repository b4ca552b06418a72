import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { specOf } from '../platform/tables';
import { decodeHlc, encodeHlc } from './hlc';
import type { ChangeEntry } from './merge';

/**
 * How the change log is stored, and the only code that reads or writes it. Everyone else sees `ChangeEntry`
 * values (text stamps, text ids, JSON changes), so merge, apply, conflicts and bundles do not know the format.
 *
 * The format is dense, because every record keeps its history and bundles carry it:
 * - a stamp is two integers (wall milliseconds, counter); who wrote it (workstation, account and the stamp's
 *   node) and the table are small numbers into two dictionaries (`log_actors`, `log_tables`);
 * - a record id is 16 bytes when it is a UUID;
 * - a record's first write on this workstation is kept **by reference** (`changes` NULL): its values are the
 *   row's own, for every logged field that no other change of the record writes. That holds because rows of
 *   replicated tables change only through changelog.ts (logged) or in their derived columns (never logged);
 *   a field another change writes is left out, since that change supersedes the first write's value there.
 */
type Db = Kysely<DB> | Transaction<DB>;

export interface StoredChange extends ChangeEntry {
  seq: number;
}

/** A change to store: `changes` null keeps a local first write by reference to its row. */
export interface NewChange extends Omit<ChangeEntry, 'changes'> {
  changes: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stored form of a record id: 16 bytes for a UUID, the text itself otherwise. */
export function recordKey(id: string): Buffer | string {
  return UUID.test(id) ? Buffer.from(id.replace(/-/g, ''), 'hex') : id;
}

export function recordIdOf(v: Buffer | Uint8Array | string): string {
  if (typeof v === 'string') return v;
  const h = Buffer.from(v).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The number of a table in the dictionary; created on first use when `create`. */
export async function tableNumber(db: Db, name: string, create: true): Promise<number>;
export async function tableNumber(db: Db, name: string, create: false): Promise<number | null>;
export async function tableNumber(db: Db, name: string, create: boolean): Promise<number | null> {
  const hit = await db.selectFrom('logTables').select('n').where('name', '=', name).executeTakeFirst();
  if (hit) return hit.n;
  if (!create) return null;
  const made = await db.insertInto('logTables').values({ name }).returning('n').executeTakeFirstOrThrow();
  return made.n;
}

async function actorNumber(db: Db, workstationId: string, accountId: string | null, node: string): Promise<number> {
  const acc = accountId ?? '';
  const hit = await db
    .selectFrom('logActors')
    .select('n')
    .where('workstationId', '=', workstationId)
    .where('accountId', '=', acc)
    .where('node', '=', node)
    .executeTakeFirst();
  if (hit) return hit.n;
  const made = await db
    .insertInto('logActors')
    .values({ workstationId, accountId: acc, node })
    .returning('n')
    .executeTakeFirstOrThrow();
  return made.n;
}

export async function appendEntry(db: Db, e: NewChange): Promise<void> {
  const stamp = decodeHlc(e.hlc);
  const ws = e.workstationId ?? stamp.node;
  await db
    .insertInto('changeLog')
    .values({
      wall: stamp.wall,
      counter: stamp.counter,
      actor: await actorNumber(db, ws, e.accountId ?? null, stamp.node),
      tbl: await tableNumber(db, e.tableName, true),
      record: recordKey(e.recordId),
      changes: e.changes,
      base: e.base ?? null,
    })
    .execute();
}

function selectEntries(db: Db) {
  return db
    .selectFrom('changeLog as c')
    .innerJoin('logActors as a', 'a.n', 'c.actor')
    .innerJoin('logTables as t', 't.n', 'c.tbl')
    .select([
      'c.seq',
      'c.tbl',
      'c.wall',
      'c.counter',
      'a.node',
      'a.workstationId',
      'a.accountId',
      't.name as tableName',
      'c.record',
      'c.changes',
      'c.base',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectEntries>['execute']>>[number];

function toEntry(r: Row, changes: string): StoredChange {
  return {
    seq: r.seq,
    hlc: encodeHlc({ wall: r.wall, counter: r.counter, node: r.node }),
    tableName: r.tableName,
    recordId: recordIdOf(r.record),
    changes,
    base: r.base,
    workstationId: r.workstationId,
    accountId: r.accountId === '' ? null : r.accountId,
  };
}

/** A first write kept by reference, written out from the row: logged fields no other change of it writes. */
function writeOut(table: string, row: Record<string, unknown> | undefined, others: readonly Row[]): string {
  const spec = specOf(table);
  if (!row) return '{}';
  const superseded = new Set<string>();
  for (const o of others)
    if (o.changes) for (const k of Object.keys(JSON.parse(o.changes) as object)) superseded.add(k);
  const derived = new Set<string>(spec.derived);
  const out: Record<string, unknown> = {};
  for (const col of Object.keys(spec.columns)) {
    if (derived.has(col) || superseded.has(col)) continue;
    const v = row[col];
    if (v !== null && v !== undefined) out[col] = v;
  }
  return JSON.stringify(out);
}

async function writtenOut(db: Db, table: string, id: string, others: readonly Row[]): Promise<string> {
  const row = (await db.selectFrom(specOf(table).table).selectAll().where('id', '=', id).executeTakeFirst()) as
    Record<string, unknown> | undefined;
  return writeOut(table, row, others);
}

const keyOf = (v: Buffer | Uint8Array | string) => (typeof v === 'string' ? v : Buffer.from(v).toString('hex'));

/**
 * The first writes kept by reference among `rows`, written out: per table, 500 records at a time, their rows and
 * their other changes in two queries (not two per change: a bundle of a seeded registry is mostly first writes).
 */
async function writeOutAll(db: Db, rows: readonly Row[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const byTable = new Map<number, Row[]>();
  for (const r of rows) if (r.changes === null) byTable.set(r.tbl, [...(byTable.get(r.tbl) ?? []), r]);
  for (const list of byTable.values()) {
    const table = list[0]!.tableName;
    for (let i = 0; i < list.length; i += 500) {
      const part = list.slice(i, i + 500);
      const records = [...new Map(part.map((r) => [keyOf(r.record), r.record])).values()];
      const others = new Map<string, Row[]>();
      for (const o of await selectEntries(db)
        .where('c.tbl', '=', part[0]!.tbl)
        .where('c.record', 'in', records)
        .execute())
        others.set(keyOf(o.record), [...(others.get(keyOf(o.record)) ?? []), o]);
      const found = (await db
        .selectFrom(specOf(table).table)
        .selectAll()
        .where(
          'id',
          'in',
          part.map((r) => recordIdOf(r.record)),
        )
        .execute()) as Record<string, unknown>[];
      const byId = new Map(found.map((f) => [f.id as string, f]));
      for (const r of part)
        out.set(
          r.seq,
          writeOut(
            table,
            byId.get(recordIdOf(r.record)),
            (others.get(keyOf(r.record)) ?? []).filter((o) => o.seq !== r.seq),
          ),
        );
    }
  }
  return out;
}

/** Every change of one record, in the order stored, first writes written out. */
export async function readRecordEntries(db: Db, table: string, id: string): Promise<StoredChange[]> {
  const tbl = await tableNumber(db, table, false);
  if (tbl === null) return [];
  const rows = await selectEntries(db)
    .where('c.tbl', '=', tbl)
    .where('c.record', '=', recordKey(id))
    .orderBy('c.seq')
    .execute();
  const out: StoredChange[] = [];
  for (const r of rows) {
    const changes =
      r.changes ??
      (await writtenOut(
        db,
        table,
        id,
        rows.filter((o) => o !== r),
      ));
    out.push(toEntry(r, changes));
  }
  return out;
}

/** Whether the log already holds this change (applying a bundle twice changes nothing). */
export async function hasEntry(db: Db, table: string, id: string, hlc: string): Promise<boolean> {
  const tbl = await tableNumber(db, table, false);
  if (tbl === null) return false;
  const s = decodeHlc(hlc);
  const hit = await db
    .selectFrom('changeLog as c')
    .innerJoin('logActors as a', 'a.n', 'c.actor')
    .select('c.seq')
    .where('c.tbl', '=', tbl)
    .where('c.record', '=', recordKey(id))
    .where('c.wall', '=', s.wall)
    .where('c.counter', '=', s.counter)
    .where('a.node', '=', s.node)
    .executeTakeFirst();
  return hit !== undefined;
}

/**
 * Changes in the order this workstation stored them, after `afterSeq`, first writes written out (bundles,
 * tests). At most `limit` per call: page with the last `seq` returned.
 */
export async function readEntries(
  db: Db,
  opts: { afterSeq?: number; limit?: number; tables?: readonly string[] } = {},
): Promise<StoredChange[]> {
  let q = selectEntries(db)
    .where('c.seq', '>', opts.afterSeq ?? 0)
    .orderBy('c.seq')
    .limit(opts.limit ?? 10_000);
  if (opts.tables) q = q.where('t.name', 'in', opts.tables.length ? [...opts.tables] : ['']);
  const rows = await q.execute();
  const written = await writeOutAll(db, rows);
  return rows.map((r) => toEntry(r, r.changes ?? written.get(r.seq)!));
}

/** The greatest stamp in the log (the clock starts above it). */
export async function latestHlc(db: Db): Promise<string | null> {
  const r = await db
    .selectFrom('changeLog as c')
    .innerJoin('logActors as a', 'a.n', 'c.actor')
    .select(['c.wall', 'c.counter', 'a.node'])
    .orderBy('c.wall', 'desc')
    .orderBy('c.counter', 'desc')
    .orderBy('a.node', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? encodeHlc({ wall: r.wall, counter: r.counter, node: r.node }) : null;
}
