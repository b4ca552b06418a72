import { insertRecord, updateRecord, type ChangeContext, type Db } from '../changelog/changelog';
import type { UnitRow } from '../db/schema';

/** The columns a unit is written with (the change log adds the sync columns). */
export interface UnitColumns {
  code: string;
  name: string;
  kind: string;
  provinceCode: string | null;
  communeCode: string | null;
}

/**
 * Units (unit.table.ts): reads, and writes through the change log (units replicate). Every function takes the
 * call's Kysely handle first.
 */
export const unitRepository = Object.freeze({
  /** Every live (not deleted) unit, in no particular order. */
  async live(db: Db): Promise<UnitRow[]> {
    return db.selectFrom('units').selectAll().where('deletedAt', 'is', null).execute();
  },

  /** The unit, deleted or not; throws when there is none (callers have just written it). */
  async row(db: Db, id: string): Promise<UnitRow> {
    return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  },

  /** Whether a live unit has this id. */
  async liveExists(db: Db, id: string): Promise<boolean> {
    const r = await db
      .selectFrom('units')
      .select('id')
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return r !== undefined;
  },

  /** Whether a live unit already uses this code. */
  async codeTaken(db: Db, code: string): Promise<boolean> {
    const r = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', code)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return r !== undefined;
  },

  /** A new unit, change-logged. */
  async insert(db: Db, changes: ChangeContext, id: string, cols: UnitColumns): Promise<void> {
    await insertRecord(db, changes, 'units', id, cols);
  },

  /** Changes a unit's columns, change-logged; returns the names of the fields that changed. */
  async update(db: Db, changes: ChangeContext, id: string, cols: Partial<UnitColumns>): Promise<string[]> {
    return updateRecord(db, changes, 'units', id, cols);
  },
});
