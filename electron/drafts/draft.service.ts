import { DRAFTS_PER_ACCOUNT } from '../../shared/contract/drafts';
import type { DomainHandlerGroup } from '../host/context';

type DraftProcs = 'drafts.save' | 'drafts.get' | 'drafts.discard' | 'drafts.list';

/**
 * Drafts of the signed-in account. Every query is bound to the session's account id: no input names an
 * account, so one account can neither read nor discard another's drafts.
 */
export const draftHandlers: DomainHandlerGroup<DraftProcs> = {
  async 'drafts.save'(ctx, input) {
    const accountId = ctx.session().accountId;
    const updatedAt = ctx.now().toISOString();
    await ctx
      .db()
      .insertInto('drafts')
      .values({ accountId, formKey: input.formKey, payload: input.payload, screen: input.screen, updatedAt })
      .onConflict((oc) =>
        oc.columns(['accountId', 'formKey']).doUpdateSet({ payload: input.payload, screen: input.screen, updatedAt }),
      )
      .execute();
    // A bounded number per account: the oldest beyond it are forgotten.
    const stale = await ctx
      .db()
      .selectFrom('drafts')
      .select('formKey')
      .where('accountId', '=', accountId)
      .orderBy('updatedAt', 'desc')
      .orderBy('formKey')
      .offset(DRAFTS_PER_ACCOUNT)
      .limit(1000)
      .execute();
    if (stale.length) {
      await ctx
        .db()
        .deleteFrom('drafts')
        .where('accountId', '=', accountId)
        .where(
          'formKey',
          'in',
          stale.map((s) => s.formKey),
        )
        .execute();
    }
    return { updatedAt };
  },

  async 'drafts.get'(ctx, { formKey }) {
    const row = await ctx
      .db()
      .selectFrom('drafts')
      .select(['formKey', 'payload', 'screen', 'updatedAt'])
      .where('accountId', '=', ctx.session().accountId)
      .where('formKey', '=', formKey)
      .executeTakeFirst();
    return row ?? null;
  },

  async 'drafts.discard'(ctx, { formKey }) {
    const r = await ctx
      .db()
      .deleteFrom('drafts')
      .where('accountId', '=', ctx.session().accountId)
      .where('formKey', '=', formKey)
      .executeTakeFirst();
    return { discarded: Number(r.numDeletedRows) > 0 };
  },

  async 'drafts.list'(ctx) {
    return ctx
      .db()
      .selectFrom('drafts')
      .select(['formKey', 'screen', 'updatedAt'])
      .where('accountId', '=', ctx.session().accountId)
      .orderBy('updatedAt', 'desc')
      .orderBy('formKey')
      .execute();
  },
};
