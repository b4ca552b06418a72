import { DRAFTS_PER_ACCOUNT } from '../../shared/contract/drafts';
import type { DomainHandlerGroup } from '../host/context';
import { draftRepository } from './draft.repository';

type DraftProcs = 'drafts.save' | 'drafts.get' | 'drafts.discard' | 'drafts.list';

/**
 * Drafts of the signed-in account. Every query is bound to the session's account id: no input names an
 * account, so one account can neither read nor discard another's drafts.
 */
export const draftHandlers: DomainHandlerGroup<DraftProcs> = {
  async 'drafts.save'(ctx, input) {
    const accountId = ctx.session().accountId;
    const updatedAt = ctx.now().toISOString();
    await draftRepository.put(ctx.db(), accountId, {
      formKey: input.formKey,
      payload: input.payload,
      screen: input.screen,
      updatedAt,
    });
    // A bounded number per account: the oldest beyond it are forgotten.
    await draftRepository.keepNewest(ctx.db(), accountId, DRAFTS_PER_ACCOUNT);
    return { updatedAt };
  },

  async 'drafts.get'(ctx, { formKey }) {
    return (await draftRepository.get(ctx.db(), ctx.session().accountId, formKey)) ?? null;
  },

  async 'drafts.discard'(ctx, { formKey }) {
    return { discarded: await draftRepository.discard(ctx.db(), ctx.session().accountId, formKey) };
  },

  async 'drafts.list'(ctx) {
    return draftRepository.list(ctx.db(), ctx.session().accountId);
  },
};
