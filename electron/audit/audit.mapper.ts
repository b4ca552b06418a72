import type { AuditEntryView } from '../../shared/contract/types';
import type { AuditLogRow } from './audit.repository';

/** An audit log row as the audit screen shows it. */
export function toAuditEntryView(r: AuditLogRow): AuditEntryView {
  return {
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
  };
}
