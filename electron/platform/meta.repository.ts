import type { Db } from '../changelog/changelog';

/**
 * The core's `meta` table: the workstation's identity and facts about the database file itself (never
 * replicated). The hash chain and the binding read it through the raw connection (audit/, vault/binding.ts);
 * services go through here. Every function takes the call's Kysely handle first.
 */
export const metaRepository = Object.freeze({
  /** Writes new keys; fails if one exists already (facts written once, at the vault's creation). */
  async insert(db: Db, entries: { key: string; value: string }[]): Promise<void> {
    await db.insertInto('meta').values(entries).execute();
  },
});
