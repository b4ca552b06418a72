import type { Db } from '../changelog/changelog';
import type { AccountRow, NewAccount } from '../db/schema';

/**
 * Accounts are local to a workstation (their key slots are), so they do not travel in the change log. Every
 * function takes the call's Kysely handle first; row-to-view mapping is in account.mapper.ts.
 */
export const accountsRepository = Object.freeze({
  async insert(db: Db, row: NewAccount): Promise<void> {
    await db.insertInto('accounts').values(row).execute();
  },

  async byId(db: Db, id: string): Promise<AccountRow | undefined> {
    return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async byUsername(db: Db, username: string): Promise<AccountRow | undefined> {
    return db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
  },

  async listWithUnits(db: Db) {
    return db
      .selectFrom('accounts')
      .leftJoin('units', 'units.id', 'accounts.unitId')
      .selectAll('accounts')
      .select('units.name as unitName')
      .orderBy('accounts.username')
      .execute();
  },

  /** Every account's id and names, by account name: what logs and pickers show, nothing else. */
  async names(db: Db): Promise<{ id: string; username: string; displayName: string }[]> {
    return db.selectFrom('accounts').select(['id', 'username', 'displayName']).orderBy('username').execute();
  },

  /** The oldest active administrator (the one named, when a name is given). */
  async firstActiveAdmin(db: Db, username?: string): Promise<AccountRow | undefined> {
    let q = db.selectFrom('accounts').selectAll().where('role', '=', 'admin').where('status', '=', 'active');
    if (username) q = q.where('username', '=', username);
    return q.orderBy('createdAt').executeTakeFirst();
  },

  async countActiveAdmins(db: Db): Promise<number> {
    const r = await db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async update(db: Db, id: string, patch: Partial<NewAccount>): Promise<void> {
    await db.updateTable('accounts').set(patch).where('id', '=', id).execute();
  },
});
