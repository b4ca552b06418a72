import { z } from 'zod';
import { Permissions } from '../domain/roles';
import { audited, procedure } from './define';

/** A freshly issued recovery key: shown once, with the printable sheet that carries it. */
export interface RecoveryRotated {
  recoveryKey: string;
  recoverySheetHtml: string;
  workstationId: string;
}

/** Key rotation beyond the data-key rekey (which stays in the core contract as `vault.rekey`). */
export const vaultKeysContract = {
  /**
   * Issues a new recovery key and sheet; the previous recovery key stops opening this vault at once. The
   * administrator's password is asked again, as for a rekey. (The key is never written to the audit log.)
   */
  'vault.rotateRecovery': procedure<RecoveryRotated>()({
    transaction: false,
    input: z.object({ password: z.string().min(1).max(256) }).strict(),
    access: [Permissions.vaultManage],
    audit: audited('vault.recovery_rotate', 'vault'),
  }),
} as const;
