import { accountsRepository } from '../accounts/account.repository';
import type { DomainHandlerGroup, HandlerGroup } from '../host/context';
import { verifyAuditChain } from './audit';
import { toAuditEntryView } from './audit.mapper';
import { auditRepository } from './audit.repository';
import { parseCheckpoint } from './checkpoint';

function localDayStart(isoDay: string, plusDays = 0): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

export const auditHandlers: DomainHandlerGroup<'audit.list' | 'audit.accounts'> = {
  /** Names for the audit screen's account filter: auditors may not list accounts otherwise. */
  async 'audit.accounts'(ctx) {
    return accountsRepository.names(ctx.db());
  },

  async 'audit.list'(ctx, f) {
    const rows = await auditRepository.list(ctx.db(), {
      accountId: f.accountId,
      action: f.action,
      recordType: f.recordType,
      recordId: f.recordId,
      // Dates are days on the workstation's own calendar (Vietnam, UTC+7), not UTC days.
      atFrom: f.from ? localDayStart(f.from) : undefined,
      atBefore: f.to ? localDayStart(f.to, 1) : undefined,
      beforeSeq: f.beforeSeq,
      limit: f.limit,
    });
    return rows.map(toAuditEntryView);
  },
};

/** Verification reads the raw chain and the vault's MACed head, so it is a lifecycle service. */
export const auditLifecycleHandlers: HandlerGroup<'audit.verify'> = {
  async 'audit.verify'(ctx, input) {
    const s = ctx.open();
    const checkpoint = input.checkpoint ? parseCheckpoint(input.checkpoint) : null;
    const result = verifyAuditChain(s.raw, s.workstationId, ctx.vault.auditHead(s.dataKey), checkpoint);
    ctx.target({
      recordType: 'audit_log',
      detail: {
        ok: result.ok,
        problems: result.problems.length,
        ...(checkpoint ? { checkpointSeq: checkpoint.seq, checkpointFound: result.checkpoint!.found } : {}),
      },
    });
    return result;
  },
};
