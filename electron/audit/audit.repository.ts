import type { Selectable } from 'kysely';
import type { Db } from '../changelog/changelog';
import type { AuditLogTable } from '../db/schema';

export type AuditLogRow = Selectable<AuditLogTable>;

/** What the audit screen filters on; times are ISO instants (the service turns calendar days into them). */
export interface AuditFilter {
  accountId?: string | undefined;
  action?: string | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  /** Entries at or after this instant. */
  atFrom?: string | undefined;
  /** Entries before this instant. */
  atBefore?: string | undefined;
  /** Entries numbered below this (the next page). */
  beforeSeq?: number | undefined;
  limit: number;
}

/**
 * Reads of the audit log through Kysely. The log is written only by the hash chain (audit.ts, prepared
 * statements on the raw connection), never here. Every function takes the call's Kysely handle first.
 */
export const auditRepository = Object.freeze({
  /** Entries matching the filter, newest first. */
  async list(db: Db, f: AuditFilter): Promise<AuditLogRow[]> {
    let q = db.selectFrom('auditLog').selectAll();
    if (f.accountId) q = q.where('accountId', '=', f.accountId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.recordType) q = q.where('recordType', '=', f.recordType);
    if (f.recordId) q = q.where('recordId', '=', f.recordId);
    if (f.atFrom) q = q.where('at', '>=', f.atFrom);
    if (f.atBefore) q = q.where('at', '<', f.atBefore);
    if (f.beforeSeq) q = q.where('seq', '<', f.beforeSeq);
    return q.orderBy('seq', 'desc').limit(f.limit).execute();
  },

  /**
   * One account's successful entries of the given actions that name a record, newest first, numbered below
   * `beforeSeq`: a page of what that account opened.
   */
  async ownRecordEntries(db: Db, accountId: string, actions: string[], beforeSeq: number, limit: number) {
    return db
      .selectFrom('auditLog')
      .select(['seq', 'at', 'action', 'recordId'])
      .where('accountId', '=', accountId)
      .where('action', 'in', actions)
      .where('outcome', '=', 'ok')
      .where('recordId', 'is not', null)
      .where('seq', '<', beforeSeq)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
  },
});
