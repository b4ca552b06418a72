import type { Kysely, Transaction } from 'kysely';
import type { DB, SyncColumns } from '../db/schema';
import type { HlcClock } from './hlc';
import { isDerivedField, loggedFields } from '../platform/tables';

/**
 * The change log: every write to a replicated table goes through these functions, which update the row and
 * append one change per field, with its HLC stamp, workstation and account, in the caller's transaction.
 * Bundles carry these changes; merge replays them (see materialize.ts).
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

export { isDerivedField } from '../platform/tables';

type Fields = Record<string, unknown>;

async function appendChanges(db: Db, ctx: ChangeContext, table: string, id: string, hlc: string, fields: Fields) {
  const logged = loggedFields(table, fields, false);
  if (!logged) return;
  await db
    .insertInto('changeLog')
    .values({
      hlc,
      workstationId: ctx.workstationId,
      accountId: ctx.accountId,
      tableName: table,
      recordId: id,
      changes: JSON.stringify(logged),
    })
    .execute();
}

export async function insertRecord<T extends ReplicatedTable>(
  db: Db,
  ctx: ChangeContext,
  table: T,
  id: string,
  fields: Omit<DB[T], keyof SyncColumns | 'pk'>,
): Promise<SyncColumns> {
  const hlc = ctx.hlc.now();
  const at = ctx.now().toISOString();
  const sync: SyncColumns = { id, createdAt: at, updatedAt: at, originWs: ctx.workstationId, hlc, deletedAt: null };
  const row = { ...(fields as Fields), ...sync };
  await db
    .insertInto(table)
    .values(row as never)
    .execute();
  // A field that starts out null needs no change: absence in the log already means null.
  const logged = loggedFields(table, fields as Fields);
  if (logged) await appendChanges(db, ctx, table, id, hlc, logged);
  return sync;
}

/** Writes only the fields that differ from the stored row; returns the names of those fields. */
export async function updateRecord<T extends ReplicatedTable>(
  db: Db,
  ctx: ChangeContext,
  table: T,
  id: string,
  patch: Partial<Omit<DB[T], keyof SyncColumns | 'pk'>>,
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
    if (v !== undefined && JSON.stringify(current[k]) !== JSON.stringify(v)) changed[k] = v;
  }
  const names = Object.keys(changed);
  if (!names.some((n) => !isDerivedField(table, n))) {
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
  const hlc = ctx.hlc.now();
  const updatedAt = ctx.now().toISOString();
  await db
    .updateTable(table as ReplicatedTable)
    .set({ ...changed, updatedAt, hlc } as never)
    .where('id', '=', id)
    .execute();
  await appendChanges(db, ctx, table, id, hlc, { ...changed, updatedAt });
  return names;
}

/** Deletion is a tombstone that travels; the row stays. */
export async function tombstone(db: Db, ctx: ChangeContext, table: ReplicatedTable, id: string): Promise<void> {
  const hlc = ctx.hlc.now();
  const at = ctx.now().toISOString();
  await db
    .updateTable(table)
    .set({ deletedAt: at, updatedAt: at, hlc } as never)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .execute();
  await appendChanges(db, ctx, table, id, hlc, { deletedAt: at, updatedAt: at });
}

export async function latestHlc(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('changeLog')
    .select((eb) => eb.fn.max('hlc').as('hlc'))
    .executeTakeFirst();
  return (row?.hlc as string | null) ?? null;
}
