import path from 'node:path';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { Permissions, roleHas } from '../../shared/domain/roles';
import type { HandlerGroup } from '../host/context';
import { createBackupFile, parseBackupFile, stageBackup, swapInStaged } from './backup';
import { clearRestoreThrottle, recordRestoreFailure, restoreWaitMs } from './restore-throttle';

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
    // Every try against the backup's vault costs the same growing delay as a sign-in (restore-throttle.ts).
    const dataDir = ctx.core.dataDir;
    const wait = restoreWaitMs(dataDir, ctx.now().getTime());
    if (wait > 0) throw new AppError(ErrorCodes.AUTH_THROTTLED, 'too many failed tries', { retryAfterMs: wait });
    const parsed = parseBackupFile(path.resolve(input.path));
    let staging: string;
    try {
      staging = await stageBackup(parsed, dataDir, input.username, input.password, 'floor');
    } catch (e) {
      if (!(e instanceof AppError && e.code === ErrorCodes.AUTH_FAILED)) throw e;
      const retryAfterMs = recordRestoreFailure(dataDir, ctx.now().getTime());
      if (ctx.core.isUnlocked()) {
        ctx.audit({
          action: 'backup.restore',
          outcome: 'failed',
          recordType: 'backup',
          detail: { sha256: parsed.sha256, error: ErrorCodes.AUTH_FAILED },
        });
      }
      throw new AppError(ErrorCodes.AUTH_FAILED, e.message, { retryAfterMs });
    }
    clearRestoreThrottle(dataDir);
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
