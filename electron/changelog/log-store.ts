import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { layoutOf } from '../platform/table-spec';
import { specOf } from '../platform/tables';
import { canonicalHlc, decodeHlc, encodeHlc } from './hlc';
import { insertRows } from './insert-rows';
import { carryParsed, keepParsed, parsedOf, type ChangeEntry } from './merge';

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

/** The change without its place in this log (what travels), with the values it was written from, when kept. */
export function withoutSeq(stored: StoredChange): ChangeEntry {
  const { seq: _seq, ...e } = stored;
  carryParsed(stored, e);
  return e;
}

/** A change to store: `changes` null keeps a local first write by reference to its row. */
export interface NewChange extends Omit<ChangeEntry, 'changes'> {
  changes: string | null;
}

/**
 * What an id is: not a UUID (0), a UUID in lower case (1), a UUID with an upper-case digit (2). A UUID is 8-4-4-4-12
 * hex digits, of either case. Read a character at a time: an import asks this ~8 times of each of its 365,000
 * changes (a regular expression and `replace` took ~1.3 s of them).
 */
function uuidKind(id: string): 0 | 1 | 2 {
  if (id.length !== 36) return 0;
  let upper = false;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return 0;
    } else if (c >= 65 && c <= 70) upper = true;
    else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return 0;
  }
  return upper ? 2 : 1;
}

/** A UUID's 32 hex digits, in the case given. */
const hexOf = (id: string) => id.slice(0, 8) + id.slice(9, 13) + id.slice(14, 18) + id.slice(19, 23) + id.slice(24);

/** The stored form of a record id: 16 bytes for a UUID, the text itself otherwise. */
export function recordKey(id: string): Buffer | string {
  return uuidKind(id) ? Buffer.from(hexOf(id), 'hex') : id;
}

/** `keyOf(recordKey(id))` without making the bytes: a UUID's hex (lower case, no dashes), any other id itself. */
export function idKey(id: string): string {
  const k = uuidKind(id);
  return k === 0 ? id : k === 1 ? hexOf(id) : hexOf(id).toLowerCase();
}

/** `recordIdOf(recordKey(id))` without making the bytes: a UUID in lower case, any other id as it is. */
export function canonicalId(id: string): string {
  return uuidKind(id) === 2 ? id.toLowerCase() : id;
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

/**
 * An entry of a stored row, or of a first write written out (whose values are kept with it: a bundle's writer
 * then takes a photo's data URL from them instead of parsing megabytes of text it has just been written from).
 */
function toEntry(r: Row, changes: string | WrittenOut): StoredChange {
  if (typeof changes !== 'string') {
    const e = toEntry(r, changes.text);
    if (e.base === null || e.base === undefined) keepParsed(e, changes.fields, null);
    return e;
  }
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
function writeOut(
  table: string,
  row: Record<string, unknown> | undefined,
  others: readonly { changes: string | null }[],
): WrittenOut {
  if (!row) return { text: '{}', fields: {} };
  const fields = writtenFields(table, row, others);
  return { text: JSON.stringify(fields), fields };
}

/** `writeOut`'s values, not yet written as text. */
function writtenFields(
  table: string,
  row: Record<string, unknown>,
  others: readonly { changes: string | null }[],
): Record<string, unknown> {
  const superseded = new Set<string>();
  for (const o of others)
    if (o.changes) for (const k of Object.keys(JSON.parse(o.changes) as object)) superseded.add(k);
  const out: Record<string, unknown> = {};
  // The columns a first write may hold, in the spec's order: the logged ones.
  for (const col of layoutOf(specOf(table)).logged.keys()) {
    if (superseded.has(col)) continue;
    const v = row[col];
    if (v !== null && v !== undefined) out[col] = v;
  }
  return out;
}

/**
 * Whether a change that came from another workstation can be kept by reference like a local first write: it is
 * the only change the log will hold of its record, and `row` (the record's row as the apply writes it from that
 * change alone) writes out to the same fields, in the same order, with the same values. Then the log reads it back
 * as the same change (as `JSON.stringify` writes it: a text that was spaced or escaped otherwise, or wrote a number
 * as 1e2, comes back in that form), and a photo or a scan is stored once, in its row, instead of twice. Compared
 * field by field: a photo's data URL is not written out again to be compared. Every string must be well formed:
 * SQLite stores a lone surrogate as U+FFFD, and the row would no longer give the value back.
 */
export function keptByReference(table: string, row: Record<string, unknown>, change: ChangeEntry): boolean {
  const out = writtenFields(table, row, []);
  const theirs = parsedOf(change)?.fields ?? (JSON.parse(change.changes) as Record<string, unknown>);
  const keys = Object.keys(out);
  const sent = Object.keys(theirs);
  if (keys.length !== sent.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = out[k];
    if (sent[i] !== k || theirs[k] !== v) return false;
    if (typeof v === 'string' && !(v as string & { isWellFormed(): boolean }).isWellFormed()) return false;
  }
  return true;
}

/** A first write written out: its text and the values it was written from (kept, so nobody parses it again). */
interface WrittenOut {
  text: string;
  fields: Record<string, unknown>;
}

const keyOf = (v: Buffer | Uint8Array | string) => (typeof v === 'string' ? v : Buffer.from(v).toString('hex'));

/**
 * The first writes kept by reference among `rows`, written out: per table, 500 records at a time, their rows and
 * their other changes in two queries (not two per change: a bundle of a seeded registry is mostly first writes).
 */
async function writeOutAll(db: Db, rows: readonly Row[]): Promise<Map<number, WrittenOut>> {
  const out = new Map<number, WrittenOut>();
  const byTable = new Map<number, Row[]>();
  for (const r of rows) {
    if (r.changes !== null) continue;
    const list = byTable.get(r.tbl);
    if (list) list.push(r);
    else byTable.set(r.tbl, [r]);
  }
  for (const list of byTable.values()) {
    const table = list[0]!.tableName;
    for (let i = 0; i < list.length; i += 500) {
      const part = list.slice(i, i + 500);
      const records = [...new Map(part.map((r) => [keyOf(r.record), r.record])).values()];
      // Only what the record's other changes wrote matters (which fields they supersede): no joins, and the
      // other first writes by reference (changes NULL) write nothing here.
      const others = new Map<string, { seq: number; changes: string | null }[]>();
      for (const o of await db
        .selectFrom('changeLog')
        .select(['seq', 'record', 'changes'])
        .where('tbl', '=', part[0]!.tbl)
        .where('record', 'in', records)
        .where('changes', 'is not', null)
        .execute()) {
        const k = keyOf(o.record);
        const l = others.get(k);
        if (l) l.push(o);
        else others.set(k, [o]);
      }
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
  return (await readRecordsEntries(db, table, [id])).entries.get(id) ?? [];
}

/** Many records of one table: their changes (by the id asked for) and their rows (by their own id). */
export interface RecordsEntries {
  entries: Map<string, StoredChange[]>;
  rows: Map<string, Record<string, unknown>>;
  /** The `seq` of each entry kept by reference (written out from its row here). */
  byReference: Set<number>;
}

/**
 * Every change of each of `ids` (one table), in the order stored, first writes written out from the rows,
 * which come back too (read before anything changes them). One query for the changes and one for the rows per
 * 500 records, where asking record by record took four.
 */
export async function readRecordsEntries(
  db: Db,
  table: string,
  ids: readonly string[],
  /** Ids whose rows alone are read (their changes are the caller's already): no entry is returned for them. */
  rowsOnly?: ReadonlySet<string>,
): Promise<RecordsEntries> {
  const entries = new Map<string, StoredChange[]>();
  const rows = new Map<string, Record<string, unknown>>();
  const byReference = new Set<number>();
  const tbl = await tableNumber(db, table, false);
  const spec = specOf(table);
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    // The row of an id asked for in another case than its canonical form is looked up under both.
    const wanted = [...new Set(part.flatMap((id) => [id, canonicalId(id)]))];
    for (const r of (await db.selectFrom(spec.table).selectAll().where('id', 'in', wanted).execute()) as Record<
      string,
      unknown
    >[])
      rows.set(r.id as string, r);
    const logged = rowsOnly ? part.filter((id) => !rowsOnly.has(id)) : part;
    if (tbl === null || !logged.length) continue;
    const byKey = new Map<string, Row[]>();
    for (const r of await selectEntries(db)
      .where('c.tbl', '=', tbl)
      .where(
        'c.record',
        'in',
        logged.map((id) => recordKey(id)),
      )
      .orderBy('c.seq')
      .execute()) {
      const k = keyOf(r.record);
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
    for (const id of logged) {
      const stored = byKey.get(idKey(id)) ?? [];
      entries.set(
        id,
        stored.map((r) => {
          if (r.changes !== null) return toEntry(r, r.changes);
          byReference.add(r.seq);
          return toEntry(
            r,
            writeOut(
              table,
              // (Rows are kept under their canonical id: an id asked for in upper case finds its row too.)
              rows.get(id) ?? rows.get(canonicalId(id)),
              stored.filter((o) => o !== r),
            ),
          );
        }),
      );
    }
  }
  return { entries, rows, byReference };
}

/**
 * Stores entries kept by reference as text, as `readRecordsEntries` wrote them out (the values their rows still
 * hold of them): before a change that makes one of them a head its row will no longer hold is appended.
 */
export async function keepAsText(db: Db, entries: readonly StoredChange[]): Promise<void> {
  for (const e of entries)
    await db
      .updateTable('changeLog')
      .set({ changes: e.changes })
      .where('seq', '=', e.seq)
      .where('changes', 'is', null)
      .execute();
}

/**
 * Which of `entries` the log does not hold yet (a re-sent bundle repeats changes already applied): one query per
 * table and 500 records, where `hasEntry` takes two per change. Duplicates within `entries` are each "fresh".
 */
export async function freshEntries(db: Db, entries: readonly ChangeEntry[]): Promise<boolean[]> {
  return (await logState(db, entries)).fresh;
}

/** What the log holds of some changes' records (`logState`). */
export interface LogState {
  /** Per change, in the order given: the log does not hold it yet. */
  fresh: boolean[];
  /** The records (`loggedKey`) of which the log holds any change at all. */
  logged: Set<string>;
  /** Per record (`loggedKey`), the stamps of its changes kept by reference. */
  referenced: Map<string, string[]>;
}

/** The key of a record in `LogState.logged`. */
export const loggedKey = (table: string, id: string) => `${table}|${idKey(id)}`;

/**
 * `freshEntries`, and which of the changes' records the log holds anything of (the same query answers both): a
 * record it holds nothing of has, once the fresh changes are appended, exactly those changes, so the caller can
 * merge it from them without reading them back.
 */
export async function logState(db: Db, entries: readonly ChangeEntry[]): Promise<LogState> {
  const fresh = entries.map(() => true);
  const logged = new Set<string>();
  const referenced = new Map<string, string[]>();
  const byTable = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const list = byTable.get(e.tableName);
    if (list) list.push(i);
    else byTable.set(e.tableName, [i]);
  });
  for (const [table, indices] of byTable) {
    const tbl = await tableNumber(db, table, false);
    if (tbl === null) continue;
    const unique = [...new Map(indices.map((i) => recordKey(entries[i]!.recordId)).map((r) => [keyOf(r), r])).values()];
    const held = new Set<string>();
    for (let i = 0; i < unique.length; i += 500)
      for (const r of await db
        .selectFrom('changeLog as c')
        .innerJoin('logActors as a', 'a.n', 'c.actor')
        .select(['c.record', 'c.wall', 'c.counter', 'a.node'])
        .select(sql<number>`c.changes IS NULL`.as('byReference'))
        .where('c.tbl', '=', tbl)
        .where('c.record', 'in', unique.slice(i, i + 500))
        .execute()) {
        const k = keyOf(r.record);
        const record = `${table}|${k}`;
        const stamp = encodeHlc({ wall: r.wall, counter: r.counter, node: r.node });
        held.add(`${k}|${stamp}`);
        logged.add(record);
        if (r.byReference) {
          const list = referenced.get(record);
          if (list) list.push(stamp);
          else referenced.set(record, [stamp]);
        }
      }
    for (const i of indices) {
      const e = entries[i]!;
      if (held.has(`${idKey(e.recordId)}|${canonicalHlc(e.hlc)}`)) fresh[i] = false;
    }
  }
  return { fresh, logged, referenced };
}

/** The identity of a change in the log: its table, record and stamp (what `hasEntry` compares). */
export function entryKey(e: Pick<ChangeEntry, 'tableName' | 'recordId' | 'hlc'>): string {
  return `${loggedKey(e.tableName, e.recordId)}|${canonicalHlc(e.hlc)}`;
}

/** `loggedKey` and `entryKey` of a change, its id read once. */
export function changeKeys(e: Pick<ChangeEntry, 'tableName' | 'recordId' | 'hlc'>): { record: string; change: string } {
  const record = loggedKey(e.tableName, e.recordId);
  return { record, change: `${record}|${canonicalHlc(e.hlc)}` };
}

/**
 * Appends many changes in the order given: the dictionaries' numbers looked up once per actor and table, and
 * the rows inserted up to 500 at a time (one statement each, where `appendEntry` takes three per change).
 */
export async function appendEntries(db: Db, list: readonly NewChange[]): Promise<void> {
  const tables = new Map<string, number>();
  const actors = new Map<string, number>();
  const values = [];
  for (const e of list) {
    const stamp = decodeHlc(e.hlc);
    const ws = e.workstationId ?? stamp.node;
    const acc = e.accountId ?? null;
    // Each part led by its length: no two actors share a key, whatever characters their ids hold.
    const ak = `${ws.length}:${ws}${(acc ?? '').length}:${acc ?? ''}${stamp.node}`;
    let actor = actors.get(ak);
    if (actor === undefined) actors.set(ak, (actor = await actorNumber(db, ws, acc, stamp.node)));
    let tbl = tables.get(e.tableName);
    if (tbl === undefined) tables.set(e.tableName, (tbl = await tableNumber(db, e.tableName, true)));
    values.push({
      wall: stamp.wall,
      counter: stamp.counter,
      actor,
      tbl,
      record: recordKey(e.recordId),
      changes: e.changes,
      base: e.base ?? null,
    });
  }
  // At most 500 rows, or a few MB of text (photos, scans), to a statement.
  let from = 0;
  let chars = 0;
  for (let i = 0; i < values.length; i++) {
    chars += (values[i]!.changes?.length ?? 0) + (values[i]!.base?.length ?? 0);
    if (i + 1 - from >= 500 || chars >= 4_000_000 || i === values.length - 1) {
      await insertRows(db, 'changeLog', values.slice(from, i + 1));
      from = i + 1;
      chars = 0;
    }
  }
}

/** Whether the log already holds this change (applying a bundle twice changes nothing). */
export async function hasEntry(db: Db, table: string, id: string, hlc: string): Promise<boolean> {
  const s = decodeHlc(hlc);
  const hit = await db
    .selectFrom('changeLog as c')
    .innerJoin('logTables as t', 't.n', 'c.tbl')
    .innerJoin('logActors as a', 'a.n', 'c.actor')
    .select('c.seq')
    .where('t.name', '=', table)
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
