import type { Db } from '../changelog/changelog';

/** One draft as the renderer reads it back. */
export interface DraftRow {
  formKey: string;
  payload: string;
  screen: string | null;
  updatedAt: string;
}

/**
 * Drafts (draft.schema.ts): local, never replicated. Every function takes the call's Kysely handle first and
 * the owning account second: no function reaches another account's drafts.
 */
export const draftRepository = Object.freeze({
  /** Writes (or replaces) the account's draft of one form. */
  async put(db: Db, accountId: string, draft: DraftRow): Promise<void> {
    const { formKey, payload, screen, updatedAt } = draft;
    await db
      .insertInto('drafts')
      .values({ accountId, formKey, payload, screen, updatedAt })
      .onConflict((oc) => oc.columns(['accountId', 'formKey']).doUpdateSet({ payload, screen, updatedAt }))
      .execute();
  },

  /** Forgets the account's drafts beyond the `keep` newest. */
  async keepNewest(db: Db, accountId: string, keep: number): Promise<void> {
    const stale = await db
      .selectFrom('drafts')
      .select('formKey')
      .where('accountId', '=', accountId)
      .orderBy('updatedAt', 'desc')
      .orderBy('formKey')
      .offset(keep)
      .limit(1000)
      .execute();
    if (!stale.length) return;
    await db
      .deleteFrom('drafts')
      .where('accountId', '=', accountId)
      .where(
        'formKey',
        'in',
        stale.map((s) => s.formKey),
      )
      .execute();
  },

  async get(db: Db, accountId: string, formKey: string): Promise<DraftRow | undefined> {
    return db
      .selectFrom('drafts')
      .select(['formKey', 'payload', 'screen', 'updatedAt'])
      .where('accountId', '=', accountId)
      .where('formKey', '=', formKey)
      .executeTakeFirst();
  },

  /** Removes one draft; says whether there was one. */
  async discard(db: Db, accountId: string, formKey: string): Promise<boolean> {
    const r = await db
      .deleteFrom('drafts')
      .where('accountId', '=', accountId)
      .where('formKey', '=', formKey)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },

  /** The account's drafts without their payloads, newest first. */
  async list(db: Db, accountId: string): Promise<Omit<DraftRow, 'payload'>[]> {
    return db
      .selectFrom('drafts')
      .select(['formKey', 'screen', 'updatedAt'])
      .where('accountId', '=', accountId)
      .orderBy('updatedAt', 'desc')
      .orderBy('formKey')
      .execute();
  },
});
