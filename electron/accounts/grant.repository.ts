import type { RoleGrantView } from '../../shared/contract/grants';
import type { Db } from '../changelog/changelog';
import type { RoleGrantRow } from '../db/schema';
import { toRoleGrantView } from './account.mapper';

/**
 * Role grants (grant.service.ts explains them): local to the workstation like accounts, never replicated.
 * Every function takes the call's Kysely handle first.
 */
export const grantsRepository = Object.freeze({
  async byId(db: Db, id: string): Promise<RoleGrantRow | undefined> {
    return db.selectFrom('roleGrants').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async pendingFor(db: Db, accountId: string): Promise<RoleGrantRow | undefined> {
    return db
      .selectFrom('roleGrants')
      .selectAll()
      .where('accountId', '=', accountId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
  },

  async hasPending(db: Db, accountId: string): Promise<boolean> {
    return (await grantsRepository.pendingFor(db, accountId)) !== undefined;
  },

  async insert(db: Db, row: RoleGrantRow): Promise<void> {
    await db.insertInto('roleGrants').values(row).execute();
  },

  /** Closes a grant: approved, rejected or superseded, by whom and when. */
  async decide(db: Db, id: string, status: 'approved' | 'rejected' | 'superseded', by: string, at: string) {
    await db.updateTable('roleGrants').set({ status, decidedBy: by, decidedAt: at }).where('id', '=', id).execute();
  },

  /** Active leaders whose role is in force (no grant pending). */
  async countApprovedLeaders(db: Db): Promise<number> {
    const r = await db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'leader')
      .where('status', '=', 'active')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('roleGrants')
              .select('roleGrants.id')
              .whereRef('roleGrants.accountId', '=', 'accounts.id')
              .where('roleGrants.status', '=', 'pending'),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async views(db: Db, where: { id?: string; pending?: boolean; limit?: number }): Promise<RoleGrantView[]> {
    let q = db
      .selectFrom('roleGrants as g')
      .innerJoin('accounts as a', 'a.id', 'g.accountId')
      .leftJoin('units as u', 'u.id', 'a.unitId')
      .leftJoin('accounts as rq', 'rq.id', 'g.requestedBy')
      .leftJoin('accounts as dc', 'dc.id', 'g.decidedBy')
      .select([
        'g.id',
        'g.accountId',
        'g.role',
        'g.previousRole',
        'g.kind',
        'g.status',
        'g.requestedAt',
        'g.decidedAt',
        'a.username',
        'a.displayName',
        'a.mustChangePassword',
        'u.name as unitName',
        'rq.username as requestedBy',
        'dc.username as decidedBy',
      ]);
    if (where.id) q = q.where('g.id', '=', where.id);
    if (where.pending === true) q = q.where('g.status', '=', 'pending').orderBy('g.requestedAt').orderBy('g.id');
    if (where.pending === false) q = q.where('g.status', '<>', 'pending').orderBy('g.decidedAt', 'desc');
    if (where.limit !== undefined) q = q.limit(where.limit);
    return (await q.execute()).map(toRoleGrantView);
  },
});
