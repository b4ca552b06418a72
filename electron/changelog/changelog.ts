import type { Kysely, Transaction } from 'kysely';
import type { DB, SyncColumns } from '../db/schema';
import { isDerivedField, loggedFields } from '../platform/tables';
import type { HlcClock } from './hlc';
import { appendEntry, latestHlc, readRecordEntries } from './log-store';
import { mergeRecord, wallIso, type ChangeEntry, type MergedRecord } from './merge';

/**
 * The change log: every write to a replicated table goes through these functions, which update the row and
 * append one change (the fields that write set, its HLC stamp, workstation and account, and the stamps of the
 * values it overwrote) in the caller's transaction. Bundles carry these changes; merge.ts is the rule that
 * replays them. Created and updated times and the origin are not logged: they follow from the stamps.
 */
export type Db = Kysely<DB> | Transaction<DB>;

/** Tables whose records travel between workstations. */
export type ReplicatedTable = {
  [K in keyof DB]: DB[K] extends SyncColumns ? K : never;
}[keyof DB];

export interface ChangeContext {
  hlc: HlcClock;
  workstationId: string;
  accountId: string | null;
  now: () => Date;
}

export { isDerivedField };

type Fields = Record<string, unknown>;

async function appendChange(
  db: Db,
  ctx: ChangeContext,
  table: string,
  id: string,
  hlc: string,
  logged: Fields | null,
  base: Record<string, string | string[]> | null,
) {
  await appendEntry(db, {
    hlc,
    workstationId: ctx.workstationId,
    accountId: ctx.accountId,
    tableName: table,
    recordId: id,
    changes: logged === null ? null : JSON.stringify(logged),
    base: base && Object.keys(base).length ? JSON.stringify(base) : null,
  });
}

/** Every change of one record, as merge reads them. */
export async function recordChanges(db: Db, table: string, id: string): Promise<ChangeEntry[]> {
  return readRecordEntries(db, table, id);
}

export async function insertRecord<T extends ReplicatedTable>(
  db: Db,
  ctx: ChangeContext,
  table: T,
  id: string,
  fields: Omit<DB[T], keyof SyncColumns | 'pk'>,
): Promise<SyncColumns> {
  const hlc = ctx.hlc.now();
  const at = wallIso(hlc);
  const sync: SyncColumns = { id, createdAt: at, updatedAt: at, originWs: ctx.workstationId, hlc, deletedAt: null };
  await db
    .insertInto(table)
    .values({ ...(fields as Fields), ...sync } as never)
    .execute();
  // A field that starts out null needs no change: absence in the log already means null. The first write is
  // kept by reference to the row (log-store.ts), so the values are not stored twice.
  if (loggedFields(table, fields as Fields)) await appendChange(db, ctx, table, id, hlc, null, null);
  return sync;
}

export interface UpdateOptions {
  /**
   * A leader's resolution: the write overwrites every concurrent value of its fields (closing their conflicts)
   * and is logged even where the value does not change ("keep the current value").
   */
  resolve?: boolean;
}

/** Writes only the fields that differ from the stored row; returns the names of those fields. */
export async function updateRecord<T extends ReplicatedTable>(
  db: Db,
  ctx: ChangeContext,
  table: T,
  id: string,
  patch: Partial<Omit<DB[T], keyof SyncColumns | 'pk'>>,
  opts: UpdateOptions = {},
): Promise<string[]> {
  const current = (await db
    .selectFrom(table as ReplicatedTable)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()) as Fields | undefined;
  if (!current) throw new Error('record not found');
  if (current.deletedAt) throw new Error('record is deleted');
  const changed: Fields = {};
  for (const [k, v] of Object.entries(patch as Fields)) {
    if (v !== undefined && (opts.resolve || JSON.stringify(current[k]) !== JSON.stringify(v))) changed[k] = v;
  }
  const names = Object.keys(changed);
  const logged = loggedFields(table, changed, false);
  if (!logged) {
    // Only derived fields moved (a recomputed category): update the row, log nothing.
    if (names.length) {
      await db
        .updateTable(table as ReplicatedTable)
        .set(changed as never)
        .where('id', '=', id)
        .execute();
    }
    return names;
  }
  // The versions this write overwrites: the value the writer saw, or for a resolution every concurrent one.
  const entries = await recordChanges(db, table, id);
  const merged = mergeRecord(entries);
  const base: Record<string, string | string[]> = {};
  for (const f of Object.keys(logged)) {
    const heads = merged.heads[f];
    if (!heads?.length) continue;
    base[f] = opts.resolve ? (heads.length === 1 ? heads[0]! : [...heads]) : merged.stamps[f]!;
  }
  const hlc = ctx.hlc.now();
  await db
    .updateTable(table as ReplicatedTable)
    .set({ ...changed, updatedAt: wallIso(hlc), hlc } as never)
    .where('id', '=', id)
    .execute();
  await appendChange(db, ctx, table, id, hlc, logged, base);
  // A local write can supersede the value a conflict was about (or, for a resolution, every version of it):
  // the record's open conflicts follow at once, not at the next import.
  const written: ChangeEntry = {
    hlc,
    tableName: table,
    recordId: id,
    changes: JSON.stringify(logged),
    base: Object.keys(base).length ? JSON.stringify(base) : null,
    workstationId: ctx.workstationId,
    accountId: ctx.accountId,
  };
  const after = mergeRecord([...entries, written]);
  if (merged.conflicts.length || after.conflicts.length) await refreshConflicts(db, after);
  return names;
}

/** Deletion is a tombstone that travels; the row stays. */
export async function tombstone(db: Db, ctx: ChangeContext, table: ReplicatedTable, id: string): Promise<void> {
  const hlc = ctx.hlc.now();
  const at = wallIso(hlc);
  await db
    .updateTable(table)
    .set({ deletedAt: at, updatedAt: at, hlc } as never)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .execute();
  await appendChange(db, ctx, table, id, hlc, { deletedAt: at }, null);
}

/** A leader's restore of a deleted record: the only change that outweighs a tombstone. */
export async function restoreRecord(db: Db, ctx: ChangeContext, table: ReplicatedTable, id: string): Promise<void> {
  const hlc = ctx.hlc.now();
  await db
    .updateTable(table)
    .set({ deletedAt: null, updatedAt: wallIso(hlc), hlc } as never)
    .where('id', '=', id)
    .execute();
  await appendChange(db, ctx, table, id, hlc, { deletedAt: null }, null);
}

/** Replaces a record's open conflicts by those the merge rule finds now. */
export async function refreshConflicts(db: Db, m: MergedRecord): Promise<number> {
  await db.deleteFrom('conflicts').where('recordId', '=', m.id).where('tableName', '=', m.tableName).execute();
  for (const c of m.conflicts) {
    await db
      .insertInto('conflicts')
      .values({
        tableName: m.tableName,
        recordId: m.id,
        field: c.field,
        currentHlc: c.current.hlc,
        currentValue: JSON.stringify(c.current.value),
        currentWs: c.current.workstationId,
        currentAccount: c.current.accountId,
        otherHlc: c.other.hlc,
        otherValue: JSON.stringify(c.other.value),
        otherWs: c.other.workstationId,
        otherAccount: c.other.accountId,
      })
      .execute();
  }
  return m.conflicts.length;
}

export { latestHlc };
