import type { AccountView } from '../../shared/contract/types';
import type { AccountStatus, Role } from '../../shared/domain/roles';
import type { Db } from '../changelog/changelog';
import type { AccountRow, NewAccount } from '../db/schema';

/** Accounts are local to a workstation (their key slots are), so they do not travel in the change log. */
export const accountsRepository = {
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
};

export function toAccountView(row: AccountRow & { unitName?: string | null }, hasKeySlot: boolean): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    unitId: row.unitId,
    unitName: row.unitName ?? null,
    status: row.status as AccountStatus,
    hasKeySlot,
    mustChangePassword: row.mustChangePassword === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastSignInAt: row.lastSignInAt,
  };
}
