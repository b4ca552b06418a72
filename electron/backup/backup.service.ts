import path from 'node:path';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { Permissions, roleHas } from '../../shared/domain/roles';
import type { HandlerGroup } from '../host/context';
import { createBackupFile, parseBackupFile, stageBackup, swapInStaged } from './backup';

export const backupHandlers: HandlerGroup<'backup.create' | 'backup.restore'> = {
  async 'backup.create'(ctx, input) {
    const s = ctx.open();
    const out = path.resolve(input.path);
    const result = await createBackupFile(s.raw, ctx.vault, out);
    ctx.target({ recordType: 'backup', detail: { sha256: result.sha256, bytes: result.bytes } });
    return result;
  },

  async 'backup.restore'(ctx, input) {
    if (ctx.vault.exists()) {
      if (!ctx.core.isUnlocked()) throw new AppError(ErrorCodes.LOCKED, 'sign in to replace this workstation’s data');
      if (!roleHas(ctx.session().role, Permissions.backupRestore)) {
        ctx.audit({ action: 'backup.restore', outcome: 'denied' });
        throw new AppError(ErrorCodes.FORBIDDEN, 'this role may not restore backups');
      }
    }
    const parsed = parseBackupFile(path.resolve(input.path));
    const staging = await stageBackup(parsed, ctx.core.dataDir, input.username, input.password, 'floor');
    const who = ctx.core.isUnlocked() ? ctx.session().username : null;
    if (ctx.core.isUnlocked()) {
      ctx.audit({
        action: 'backup.restore',
        recordType: 'backup',
        detail: { sha256: parsed.sha256, phase: 'replaced' },
      });
      ctx.core.flushAuditHead(ctx.open());
      await ctx.core.lock('restore', false);
    }
    const hadLive = ctx.vault.exists();
    const stamp = ctx.now().toISOString().replace(/[:.]/g, '-');
    const kept = swapInStaged(staging, ctx.core.dataDir, stamp);
    // The restored database records its own restoration, as the account that opened the backup.
    const unlocked = await ctx.vault.unlockAccount(input.username, input.password);
    const s = await ctx.core.openDatabase(unlocked.dataKey, unlocked.accountId);
    ctx.audit({
      action: 'backup.restore',
      recordType: 'backup',
      detail: { sha256: parsed.sha256, backupCreatedAt: parsed.createdAt, restoredBy: who ?? input.username },
    });
    ctx.core.flushAuditHead(s);
    return { restoredFrom: parsed.createdAt, replacedFolder: hadLive ? kept : null };
  },
};
