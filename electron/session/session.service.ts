import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { recoverySheetHtml } from '../../shared/vault/recovery-sheet';
import { insertRecord } from '../changelog/changelog';
import { rekeyConnection } from '../db/connection';
import type { Db } from '../changelog/changelog';
import type { HandlerGroup } from '../host/context';
import { createBackupFile } from '../backup/backup';
import { writeFileAtomic, DB_FILE, VAULT_FILE } from '../vault/vault-file';
import crypto from 'node:crypto';
import { accountsRepository } from '../accounts/account.repository';
import { metaRepository } from '../platform/meta.repository';
import { settingsRepository } from '../platform/settings.repository';
import { checkPlace } from '../units/unit.service';

type SessionProcs =
  | 'app.status'
  | 'prefs.set'
  | 'prefs.setLanguage'
  | 'settings.idleMax'
  | 'settings.setIdleMax'
  | 'vault.create'
  | 'vault.rekey'
  | 'session.unlock'
  | 'session.recover'
  | 'session.lock'
  | 'session.touch'
  | 'session.changePassword';

/** The administrator's ceiling on the idle timeout (settings table), 30 minutes until one is set. */
const IDLE_MAX_KEY = 'idle_max_minutes';
export const DEFAULT_IDLE_MAX_MINUTES = 30;

async function idleMaxMinutes(db: Db): Promise<number> {
  const value = await settingsRepository.get(db, IDLE_MAX_KEY);
  return value !== null ? Number(value) : DEFAULT_IDLE_MAX_MINUTES;
}

export const sessionHandlers: HandlerGroup<SessionProcs> = {
  async 'app.status'(ctx) {
    return {
      vaultExists: ctx.vault.exists(),
      unlocked: ctx.core.isUnlocked(),
      session: await ctx.core.sessionInfo(),
      preferences: await ctx.core.preferences(),
    };
  },

  async 'prefs.setLanguage'(ctx, { language }) {
    return ctx.core.setPreferences({ language });
  },

  async 'prefs.set'(ctx, patch) {
    const max = await idleMaxMinutes(ctx.db());
    if (patch.idleMinutes !== undefined && patch.idleMinutes > max)
      throw new AppError(ErrorCodes.INVALID_INPUT, 'the idle timeout is above the maximum', {
        issues: [{ path: 'idleMinutes', code: 'idle_above_max' }],
      });
    ctx.target({ recordType: 'preferences', detail: { fields: Object.keys(patch).sort().join(',') } });
    return ctx.core.setPreferences(patch);
  },

  async 'settings.idleMax'(ctx) {
    return { maxMinutes: await idleMaxMinutes(ctx.db()) };
  },

  async 'settings.setIdleMax'(ctx, { maxMinutes }) {
    await settingsRepository.put(ctx.db(), IDLE_MAX_KEY, String(maxMinutes), ctx.now());
    const prefs = await ctx.core.preferences();
    if (prefs.idleMinutes > maxMinutes) await ctx.core.setPreferences({ idleMinutes: maxMinutes });
    ctx.target({ recordType: 'settings', detail: { maxMinutes } });
    return { maxMinutes };
  },

  async 'vault.create'(ctx, input) {
    if (ctx.vault.exists()) throw new AppError(ErrorCodes.VAULT_EXISTS, 'a vault already exists here');
    if (input.unit) {
      // As the setup screen asks: a commune police station names its commune (its scope, and its station card for
      // a hub), and only it does (a department's commune would narrow what it sends its hub to that commune).
      const commune = input.unit.kind === 'commune_police';
      if (commune !== Boolean(input.unit.communeCode))
        throw new AppError(ErrorCodes.INVALID_INPUT, 'a commune police unit names its commune, and only it', {
          issues: [{ path: 'unit.communeCode', code: commune ? 'required' : 'commune_for_commune_police' }],
        });
      checkPlace(input.unit.provinceCode, input.unit.communeCode, 'unit.');
    }
    const dbPath = path.join(ctx.core.dataDir, DB_FILE);
    if (fs.existsSync(dbPath)) throw new AppError(ErrorCodes.VAULT_EXISTS, 'a database without a vault is in the way');
    if (input.leader.username === input.adminUsername) {
      // Separation of duties: the administrator and the first leader are two accounts (two people).
      throw new AppError(ErrorCodes.USERNAME_TAKEN, 'the leader needs its own account name', {
        issues: [{ path: 'leader.username', code: 'username_taken' }],
      });
    }
    const accountId = uuidv7();
    const leaderId = uuidv7();
    const created = await ctx.vault.create(accountId, input.adminUsername, input.password);
    try {
      // The database must exist before the session can open it; the account row is written right after.
      const bootstrap = await ctx.core.openDatabaseForSetup(created.dataKey);
      const now = ctx.now().toISOString();
      let unitId: string | null = null;
      await bootstrap.db.transaction().execute(async (trx) => {
        await metaRepository.insert(trx, [
          { key: 'workstation_id', value: created.workstationId },
          { key: 'created_at', value: now },
        ]);
        if (input.unit) {
          unitId = uuidv7();
          await insertRecord(trx, bootstrap.changes(null), 'units', unitId, {
            code: input.unit.code,
            name: input.unit.name,
            kind: input.unit.kind,
            provinceCode: input.unit.provinceCode,
            communeCode: input.unit.communeCode,
          });
        }
        await accountsRepository.insert(trx, {
          id: accountId,
          username: input.adminUsername,
          displayName: input.adminDisplayName,
          role: 'admin',
          unitId,
          status: 'active',
          mustChangePassword: 0,
          createdAt: now,
          updatedAt: now,
          lastSignInAt: now,
        });
        // The first leader approves every later grant of a role that reads records; it chose its own password.
        await accountsRepository.insert(trx, {
          id: leaderId,
          username: input.leader.username,
          displayName: input.leader.displayName,
          role: 'leader',
          unitId,
          status: 'active',
          mustChangePassword: 0,
          createdAt: now,
          updatedAt: now,
          lastSignInAt: null,
        });
      });
      await bootstrap.close();
      await ctx.vault.setAccountSlot(created.dataKey, leaderId, input.leader.username, input.leader.password);
      const s = await ctx.core.openDatabase(created.dataKey, accountId);
      const a = (e: Parameters<typeof ctx.audit>[0]) => ctx.audit(e);
      a({ action: 'vault.create', recordType: 'workstation', recordId: created.workstationId });
      a({ action: 'account.create', recordType: 'account', recordId: accountId, detail: { role: 'admin' } });
      a({
        action: 'account.create',
        recordType: 'account',
        recordId: leaderId,
        detail: { role: 'leader', setup: true },
      });
      if (unitId) a({ action: 'unit.create', recordType: 'unit', recordId: unitId });
      a({ action: 'session.signin', recordType: 'account', recordId: accountId });
      ctx.core.flushAuditHead(s);
      return {
        workstationId: created.workstationId,
        recoveryKey: created.recoveryKey,
        recoverySheetHtml: recoverySheetHtml({
          recoveryKey: created.recoveryKey,
          workstationId: created.workstationId,
          adminUsername: input.adminUsername,
          createdAt: ctx.now(),
        }),
        session: (await ctx.core.sessionInfo())!,
      };
    } catch (e) {
      // Leave nothing half made: a vault without its database (or the reverse) would block a retry.
      await ctx.core.lock('manual', false);
      for (const f of [VAULT_FILE, DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) {
        fs.rmSync(path.join(ctx.core.dataDir, f), { force: true });
      }
      throw e;
    }
  },

  async 'session.unlock'(ctx, input) {
    if (ctx.core.isUnlocked()) await ctx.core.lock('manual');
    let unlocked = await ctx.vault.unlockAccount(input.username, input.password);
    let s;
    try {
      s = await ctx.core.openDatabase(unlocked.dataKey, unlocked.accountId);
    } catch (e) {
      // A rekey interrupted after the database was re-encrypted leaves the re-wrapped vault beside the old
      // one: the database refuses the old key, so the pending vault is the right one. Promote it and retry.
      const pending = ctx.vault.pendingRekeyPath();
      if (!(e instanceof AppError && e.code === ErrorCodes.AUTH_FAILED) || !fs.existsSync(pending)) throw e;
      fs.renameSync(pending, path.join(ctx.core.dataDir, VAULT_FILE));
      unlocked = await ctx.vault.unlockAccount(input.username, input.password);
      s = await ctx.core.openDatabase(unlocked.dataKey, unlocked.accountId);
    }
    // Failed tries happened while the database was closed; they are written now, attributed where known.
    const lookups = new Map<string, { id: string; username: string }>();
    for (const a of await accountsRepository.names(s.db)) {
      lookups.set(ctx.vault.lookupFor(a.username), { id: a.id, username: a.username });
    }
    for (const f of unlocked.pendingFailures) {
      const who = f.lookup ? lookups.get(f.lookup) : undefined;
      s.audit.append(
        {
          accountId: who?.id ?? null,
          username: who?.username ?? null,
          role: null,
          action: 'session.signin',
          outcome: 'failed',
          recordType: 'account',
          recordId: who?.id ?? null,
          detail: { attemptedAt: f.at, knownAccount: Boolean(who) },
        },
        ctx.now(),
      );
    }
    await accountsRepository.update(s.db, s.session.accountId, { lastSignInAt: ctx.now().toISOString() });
    ctx.audit({ action: 'session.signin', recordType: 'account', recordId: s.session.accountId });
    ctx.audit({ action: 'session.unlock', recordType: 'workstation', recordId: s.workstationId });
    ctx.core.flushAuditHead(s);
    return (await ctx.core.sessionInfo())!;
  },

  async 'session.recover'(ctx, input) {
    if (ctx.core.isUnlocked()) await ctx.core.lock('manual');
    const dataKey = await ctx.vault.unlockRecovery(input.recoveryKey);
    const setup = await ctx.core.openDatabaseForSetup(dataKey);
    let admin;
    try {
      admin = await accountsRepository.firstActiveAdmin(setup.db, input.username);
      if (!admin) throw new AppError(ErrorCodes.NOT_FOUND, 'no active administrator with that name');
      await accountsRepository.update(setup.db, admin.id, {
        mustChangePassword: 0,
        updatedAt: ctx.now().toISOString(),
      });
    } finally {
      await setup.close();
    }
    await ctx.vault.setAccountSlot(dataKey, admin.id, admin.username, input.newPassword);
    const s = await ctx.core.openDatabase(dataKey, admin.id);
    ctx.audit({ action: 'session.recover', recordType: 'account', recordId: admin.id });
    ctx.audit({
      action: 'account.password_reset',
      recordType: 'account',
      recordId: admin.id,
      detail: { via: 'recovery_key' },
    });
    ctx.audit({ action: 'session.signin', recordType: 'account', recordId: admin.id });
    ctx.core.flushAuditHead(s);
    return (await ctx.core.sessionInfo())!;
  },

  async 'session.lock'(ctx) {
    await ctx.core.lock('manual');
    return { locked: true };
  },

  async 'session.touch'(ctx) {
    return { idleMinutes: (await ctx.core.preferences()).idleMinutes };
  },

  async 'session.changePassword'(ctx, input) {
    const s = ctx.open();
    if (input.currentPassword === input.newPassword) {
      throw new AppError(ErrorCodes.WEAK_PASSWORD, 'the new password must differ from the current one');
    }
    await ctx.vault.changePassword(s.dataKey, s.session.accountId, input.currentPassword, input.newPassword);
    await accountsRepository.update(ctx.db(), s.session.accountId, {
      mustChangePassword: 0,
      updatedAt: ctx.now().toISOString(),
    });
    s.session.mustChangePassword = false;
    ctx.target({ recordType: 'account', recordId: s.session.accountId });
    return { changed: true };
  },

  async 'vault.rekey'(ctx, input) {
    const s = ctx.open();
    // Re-authenticate: a rekey is not something an unattended, unlocked screen should allow.
    await ctx.vault.verifyPassword(s.session.accountId, input.password);
    const backupDir = path.join(ctx.core.dataDir, 'backups');
    fs.mkdirSync(backupDir, { recursive: true, mode: 0o700 });
    const stamp = ctx.now().toISOString().replace(/[:.]/g, '-');
    const backupPath = path.join(backupDir, `pre-rekey-${stamp}.hosobak`);
    await createBackupFile(s.raw, ctx.vault, backupPath);
    const newKey = crypto.randomBytes(32);
    const next = ctx.vault.rewrapped(s.dataKey, newKey);
    // Crash safety: the re-wrapped vault is written beside the old one first; unlock tries it when the
    // database no longer opens with the old key (see openDatabaseWithPendingRekey).
    writeFileAtomic(ctx.vault.pendingRekeyPath(), JSON.stringify(next, null, 1));
    rekeyConnection(s.raw, newKey);
    fs.renameSync(ctx.vault.pendingRekeyPath(), path.join(ctx.core.dataDir, VAULT_FILE));
    ctx.core.replaceDataKey(newKey);
    ctx.target({ recordType: 'workstation', recordId: s.workstationId, detail: { slots: next.slots.length } });
    return { backupPath, slotsRewrapped: next.slots.length };
  },
};
