import type { Selectable } from 'kysely';
import type { Db } from '../changelog/changelog';
import type { ConflictTable } from '../db/schema';

export type ConflictRow = Selectable<ConflictTable>;

/**
 * Reads of the open conflicts (written and closed by the change log, changelog.ts `refreshConflicts`). Every
 * function takes the call's Kysely handle first.
 */
export const conflictRepository = Object.freeze({
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
