import type { RecentFile } from '../../shared/contract/home';
import { AuditActions } from '../../shared/domain/audit-actions';
import { auditRepository } from '../audit/audit.repository';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import { personRepository } from '../persons/person.repository';
import { fieldVisible, recordInScope } from '../platform/record-access';
import { specOf } from '../platform/tables';

/**
 * One kind of file that "recent files" lists: the audit action that says the caller opened it, its table (for
 * the scope check, through the table's spec) and how it is named. Cases, tips and referrals add one entry each.
 */
interface RecentSource {
  action: string;
  recordType: string;
  table: string;
  /** Name and second line from the record, or null when it is gone (deleted, merged away). */
  describe(ctx: DomainContext, id: string): Promise<{ title: string; subtitle: string | null } | null>;
}

const RECENT_SOURCES: readonly RecentSource[] = [
  {
    action: AuditActions.personRead,
    recordType: 'person',
    table: 'persons',
    async describe(ctx, id) {
      const spec = specOf('persons');
      if (!fieldVisible(spec, ctx.scope(spec.family).role, 'fullName')) return null;
      const p = await personRepository.find(ctx.db(), id);
      return p && !p.deletedAt && !p.mergedInto ? { title: p.fullName, subtitle: p.birthDate } : null;
    },
  },
];

export const homeHandlers: DomainHandlerGroup<'home.recent'> = {
  async 'home.recent'(ctx, { limit }) {
    const session = ctx.session();
    const byAction = new Map(RECENT_SOURCES.map((s) => [s.action, s]));
    // The caller's own reads, newest first; a file opened twice counts once. Read in pages until enough are in
    // scope (a file moved to another commune since is left out, fail-closed).
    const out: RecentFile[] = [];
    const seen = new Set<string>();
    let before = Number.MAX_SAFE_INTEGER;
    for (let page = 0; page < 10 && out.length < limit; page++) {
      const rows = await auditRepository.ownRecordEntries(
        ctx.db(),
        session.accountId,
        [...byAction.keys()],
        before,
        200,
      );
      if (!rows.length) break;
      before = rows[rows.length - 1]!.seq;
      for (const r of rows) {
        const source = byAction.get(r.action);
        const key = `${r.action}:${r.recordId}`;
        if (!source || !r.recordId || seen.has(key) || out.length >= limit) continue;
        seen.add(key);
        if (!(await recordInScope(ctx, specOf(source.table), r.recordId))) continue;
        const d = await source.describe(ctx, r.recordId);
        if (d) out.push({ recordType: source.recordType, recordId: r.recordId, at: r.at, ...d });
      }
    }
    return out;
  },
};
