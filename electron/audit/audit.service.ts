import type { AuditEntryView } from '../../shared/contract/types';
import type { DomainHandlerGroup, HandlerGroup } from '../host/context';
import { verifyAuditChain } from './audit';
import { parseCheckpoint } from './checkpoint';

function localDayStart(isoDay: string, plusDays = 0): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

export const auditHandlers: DomainHandlerGroup<'audit.list' | 'audit.accounts'> = {
  /** Names for the audit screen's account filter: auditors may not list accounts otherwise. */
  async 'audit.accounts'(ctx) {
    return ctx.db().selectFrom('accounts').select(['id', 'username', 'displayName']).orderBy('username').execute();
  },

  async 'audit.list'(ctx, f) {
    let q = ctx.db().selectFrom('auditLog').selectAll();
    if (f.accountId) q = q.where('accountId', '=', f.accountId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.recordType) q = q.where('recordType', '=', f.recordType);
    if (f.recordId) q = q.where('recordId', '=', f.recordId);
    // Dates are days on the workstation's own calendar (Vietnam, UTC+7), not UTC days.
    if (f.from) q = q.where('at', '>=', localDayStart(f.from));
    if (f.to) q = q.where('at', '<', localDayStart(f.to, 1));
    if (f.beforeSeq) q = q.where('seq', '<', f.beforeSeq);
    const rows = await q.orderBy('seq', 'desc').limit(f.limit).execute();
    return rows.map((r): AuditEntryView => ({
      seq: r.seq,
      at: r.at,
      accountId: r.accountId,
      username: r.username,
      role: r.role,
      action: r.action,
      recordType: r.recordType,
      recordId: r.recordId,
      outcome: r.outcome as AuditEntryView['outcome'],
      detail: r.detail ? (JSON.parse(r.detail) as AuditEntryView['detail']) : null,
    }));
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
