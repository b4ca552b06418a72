import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { Permissions, rolePermissions, type Role } from '../../shared/domain/roles';
import { accountsRepository } from '../accounts/account.repository';
import type { HandlerGroup } from '../host/context';
import { diagnoseBinding, lastAuditEntry, raiseDbGeneration, readDbGeneration, writeAnchor } from '../vault/binding';
import { safeEqual } from '../vault/crypto';
import { computeSlotsMac } from '../vault/slots';
import { writeVaultFile } from '../vault/vault-file';
import { AuditLog } from './audit';
import { checkpointCode } from './checkpoint';

/**
 * The audit chain's integrity outside the plain log: paper checkpoints of its head, and the administrator's
 * way out of a refusal to open (vault/binding.ts).
 */
export const integrityHandlers: HandlerGroup<'audit.checkpoint' | 'audit.reanchor'> = {
  async 'audit.checkpoint'(ctx) {
    const s = ctx.open();
    // The entry first, so that the code written on paper covers the taking of the code itself.
    ctx.audit({ action: 'audit.checkpoint', recordType: 'audit_log' });
    const head = s.audit.currentHead();
    return {
      code: checkpointCode(head.seq, head.hash),
      seq: head.seq,
      at: ctx.now().toISOString(),
      workstationId: s.workstationId,
    };
  },

  /**
   * Accepts vault.json and hoso.db as they are after a refusal to open. Only an active administrator, with
   * their password (throttled like any sign-in). The log gets an `audit.integrity_alert` naming what was
   * wrong and an `audit.reanchor` entry by the administrator; entries the vault's head names but the database
   * lost stay visible as a gap (numbering continues after the head), so `audit verify` keeps reporting them.
   * Then the generation is raised past both files' and the head is anchored again. Without `confirm`, or
   * with nothing wrong, it only reports.
   */
  async 'audit.reanchor'(ctx, input) {
    if (ctx.core.isUnlocked()) await ctx.core.lock('manual');
    const unlocked = await ctx.vault.unlockAccount(input.username, input.password);
    const { dataKey } = unlocked;
    try {
      const setup = await ctx.core.openDatabaseForSetup(dataKey);
      try {
        const account = await accountsRepository.byId(setup.db, unlocked.accountId);
        if (
          !account ||
          account.status !== 'active' ||
          !rolePermissions[account.role as Role]?.includes(Permissions.vaultManage)
        ) {
          throw new AppError(ErrorCodes.FORBIDDEN, 'only an active administrator may re-anchor the vault');
        }
        const file = ctx.vault.read();
        if (!safeEqual(computeSlotsMac(dataKey, file), file.slotsMac)) {
          throw new AppError(ErrorCodes.VAULT_TAMPERED, 'the key slot table has been altered');
        }
        const problem = diagnoseBinding(setup.raw, file, dataKey);
        const dbGeneration = readDbGeneration(setup.raw);
        const vaultGeneration = file.generation ?? 0;
        if (!problem || !input.confirm) {
          return {
            problem: problem?.kind ?? null,
            changed: false,
            headSeq: file.auditHead.seq,
            generation: vaultGeneration,
          };
        }

        const dbLastSeq = lastAuditEntry(setup.raw)?.seq ?? 0;
        const behind = problem.kind === 'db_behind';
        // Numbering continues after the vault's head only when that head is authentic (its MAC verified).
        const log = new AuditLog(
          setup.raw,
          file.workstationId,
          behind ? { seq: file.auditHead.seq, hash: file.auditHead.hash } : null,
        );
        const who = { accountId: account.id, username: account.username, role: account.role };
        const at = ctx.now();
        setup.raw.transaction(() => {
          log.append(
            {
              ...who,
              action: 'audit.integrity_alert',
              outcome: 'failed',
              recordType: 'workstation',
              recordId: file.workstationId,
              detail: {
                problem: problem.kind,
                vaultHeadSeq: file.auditHead.seq,
                dbLastSeq,
                vaultGeneration,
                dbGeneration,
                ...(behind ? { missingFrom: dbLastSeq + 1, missingTo: file.auditHead.seq } : {}),
                failedSignInsBefore: unlocked.pendingFailures.length,
              },
            },
            at,
          );
          log.append(
            {
              ...who,
              action: 'audit.reanchor',
              outcome: 'ok',
              recordType: 'workstation',
              recordId: file.workstationId,
              detail: { problem: problem.kind },
            },
            at,
          );
        })();
        // Vault first (durably), then the database: a crash in between leaves vault ≥ database, accepted.
        const generation = Math.max(vaultGeneration, dbGeneration) + 1;
        const head = log.currentHead();
        const next = ctx.vault.read();
        next.slots = file.slots;
        next.slotsMac = file.slotsMac;
        next.generation = generation;
        next.auditHead = { seq: head.seq, hash: head.hash, mac: '' };
        writeAnchor(dataKey, next);
        writeVaultFile(ctx.vault.dataDir, next);
        raiseDbGeneration(setup.raw, generation);
        return { problem: problem.kind, changed: true, headSeq: head.seq, generation };
      } finally {
        await setup.close();
      }
    } finally {
      dataKey.fill(0);
    }
  },
};
