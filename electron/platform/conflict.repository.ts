import { sql, type Selectable } from 'kysely';
import type { Db, ReplicatedTable } from '../changelog/changelog';
import type { ConflictTable } from '../db/schema';

export type ConflictRow = Selectable<ConflictTable>;

/**
 * Reads of the open conflicts (written and closed by the change log, changelog.ts `refreshConflicts`). Every
 * function takes the call's Kysely handle first.
 */
export const conflictRepository = Object.freeze({
  /** One column of one record of a replicated table, as stored (what names the record to a leader). */
  async column(db: Db, table: ReplicatedTable, id: string, column: string): Promise<unknown> {
    const row = (await db.selectFrom(table).select(sql.ref(column).as('v')).where('id', '=', id).executeTakeFirst()) as
      { v: unknown } | undefined;
    return row?.v;
  },

  /** Open conflicts in the order they were found, of one record when `recordId` is given; at most `limit`. */
  async list(db: Db, recordId: string | undefined, limit: number): Promise<ConflictRow[]> {
    let q = db.selectFrom('conflicts').selectAll().orderBy('id');
    if (recordId) q = q.where('recordId', '=', recordId);
    return q.limit(limit).execute();
  },

  async byId(db: Db, id: number): Promise<ConflictRow | undefined> {
    return db.selectFrom('conflicts').selectAll().where('id', '=', id).executeTakeFirst();
  },
});
