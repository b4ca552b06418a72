import type { AuditEntryView } from '../../shared/contract/types';
import type { HandlerGroup } from '../host/context';
import { verifyAuditChain } from './audit';

export const auditHandlers: HandlerGroup<'audit.list' | 'audit.verify'> = {
  async 'audit.list'(ctx, f) {
    let q = ctx.db().selectFrom('auditLog').selectAll();
    if (f.accountId) q = q.where('accountId', '=', f.accountId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.recordType) q = q.where('recordType', '=', f.recordType);
    if (f.recordId) q = q.where('recordId', '=', f.recordId);
    if (f.from) q = q.where('at', '>=', `${f.from}T00:00:00.000Z`);
    if (f.to) q = q.where('at', '<=', `${f.to}T23:59:59.999Z`);
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

  async 'audit.verify'(ctx) {
    const s = ctx.open();
    const result = verifyAuditChain(s.raw, s.workstationId, ctx.vault.auditHead(s.dataKey));
    ctx.target({ recordType: 'audit_log', detail: { ok: result.ok, problems: result.problems.length } });
    return result;
  },
};
