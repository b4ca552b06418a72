import type { RecentFile } from '../../shared/contract/home';
import { AuditActions } from '../../shared/domain/audit-actions';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
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
      const p = await ctx
        .db()
        .selectFrom('persons')
        .select(['fullName', 'birthDate'])
        .where('id', '=', id)
        .where('deletedAt', 'is', null)
        .where('mergedInto', 'is', null)
        .executeTakeFirst();
      return p ? { title: p.fullName, subtitle: p.birthDate } : null;
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
      const rows = await ctx
        .db()
        .selectFrom('auditLog')
        .select(['seq', 'at', 'action', 'recordId'])
        .where('accountId', '=', session.accountId)
        .where('action', 'in', [...byAction.keys()])
        .where('outcome', '=', 'ok')
        .where('recordId', 'is not', null)
        .where('seq', '<', before)
        .orderBy('seq', 'desc')
        .limit(200)
        .execute();
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
