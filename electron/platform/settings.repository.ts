import type { Db } from '../changelog/changelog';

/**
 * The workstation's generic settings (the `settings` table, owned by the core since migration
 * 2026_12_03_1710_settings_to_core): local key/value pairs, never replicated, never in the change log.
 * Services read and write them here instead of querying the table themselves.
 */
export const settingsRepository = Object.freeze({
  /** The value stored under `key`, or null when none was ever written. */
  async get(db: Db, key: string): Promise<string | null> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  },

  /** Writes `value` under `key` (creating or replacing it), stamped with `at`. */
  async put(db: Db, key: string, value: string, at: Date): Promise<void> {
    const updatedAt = at.toISOString();
    await db
      .insertInto('settings')
      .values({ key, value, updatedAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt }))
      .execute();
  },
});
