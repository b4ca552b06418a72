import { recoverySheetHtml } from '../../shared/vault/recovery-sheet';
import type { HandlerGroup } from '../host/context';

/** `vault.rotateRecovery`: a new recovery slot replaces the old one (see Vault.rotateRecoverySlot). */
export const vaultKeyHandlers: HandlerGroup<'vault.rotateRecovery'> = {
  async 'vault.rotateRecovery'(ctx, input) {
    const s = ctx.open();
    // Re-authenticate: whoever holds the recovery key can reset an administrator, so an unattended unlocked
    // screen must not be enough to replace it.
    await ctx.vault.verifyPassword(s.session.accountId, input.password);
    const recoveryKey = await ctx.vault.rotateRecoverySlot(s.dataKey);
    ctx.target({ recordType: 'vault', recordId: s.workstationId });
    return {
      recoveryKey,
      workstationId: s.workstationId,
      recoverySheetHtml: recoverySheetHtml({
        recoveryKey,
        workstationId: s.workstationId,
        adminUsername: s.session.username,
        createdAt: ctx.now(),
        reissued: true,
      }),
    };
  },
};
