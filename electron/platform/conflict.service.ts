import type { ConflictView } from '../../shared/contract/conflicts';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { vietnamDay } from '../../shared/domain/working-days';
import { rebuildRecords } from '../changelog/apply';
import { updateRecord, type ReplicatedTable } from '../changelog/changelog';
import { accountsRepository } from '../accounts/account.repository';
import { exchangeRepository } from '../exchange/exchange.repository';
import type { DomainHandlerGroup } from '../host/context';
import { toConflictView } from './conflict.mapper';
import { conflictRepository } from './conflict.repository';
import { fieldVisible, recordInScope } from './record-access';
import type { ColumnSpec, TableSpec } from './table-spec';
import type { Db } from '../changelog/changelog';
import type { Role } from '../../shared/domain/roles';
import { specOf } from './tables';

/** A column of a record, if the reader's view holds it (its text; null when empty, hidden or not found). */
async function visibleColumn(db: Db, spec: TableSpec, role: Role, id: string, column: string): Promise<string | null> {
  if (!fieldVisible(spec, role, column)) return null;
  const v = await conflictRepository.column(db, spec.table, id, column);
  return typeof v === 'string' && v ? v : null;
}

/** A title as one short line: a tip's summary may run to paragraphs. */
const TITLE_MAX = 80;
function oneLine(v: string | null): string | null {
  const line = v?.split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (!line) return null;
  const chars = [...line];
  return chars.length > TITLE_MAX ? `${chars.slice(0, TITLE_MAX - 1).join('')}…` : line;
}

/**
 * What names the record to the leader (a person's name, a case's number; a child by its parent, a referral by
 * its person): `TableSpec.title`, read only through the reader's views, and through another record (the person
 * a referral is for) only where `inScope` holds that record too. One line, at most 80 characters.
 */
export async function recordTitle(
  db: Db,
  spec: TableSpec,
  role: Role,
  id: string,
  inScope: (spec: TableSpec, id: string) => Promise<boolean>,
  depth = 0,
): Promise<string | null> {
  if (depth > 3) return null;
  const t = spec.title;
  if (typeof t === 'string') return oneLine(await visibleColumn(db, spec, role, id, t));
  if (t) {
    const target = await visibleColumn(db, spec, role, id, t.column);
    const named = specOf(t.table);
    return target && (await inScope(named, target)) ? recordTitle(db, named, role, target, inScope, depth + 1) : null;
  }
  // A child is in scope through its parent (record-access.ts): a conflict's record was checked before this.
  if (!spec.parent) return null;
  const parentId = spec.parent.column === 'id' ? id : await visibleColumn(db, spec, role, id, spec.parent.column);
  return parentId ? recordTitle(db, specOf(spec.parent.table), role, parentId, inScope, depth + 1) : null;
}

export const conflictHandlers: DomainHandlerGroup<'conflicts.list' | 'conflicts.resolve'> = {
  async 'conflicts.list'(ctx, { recordId, limit }) {
    const db = ctx.db();
    const rows = await conflictRepository.list(db, recordId, 5000);
    const names = {
      accounts: new Map((await accountsRepository.names(db)).map((a) => [a.id, a.username])),
      stations: new Map((await exchangeRepository.peers(db)).map((p) => [p.id, p.name])),
    };
    const out: ConflictView[] = [];
    for (const r of rows) {
      const spec = specOf(r.tableName);
      if (!fieldVisible(spec, ctx.session().role, r.field)) continue;
      if (!(await recordInScope(ctx, spec, r.recordId))) continue;
      const title = await recordTitle(db, spec, ctx.session().role, r.recordId, (s, id) => recordInScope(ctx, s, id));
      out.push(toConflictView(r, spec, names, title));
      if (out.length >= limit) break;
    }
    return out;
  },

  async 'conflicts.resolve'(ctx, { conflictId, choice, value, recordId, field }) {
    const db = ctx.db();
    const row = await conflictRepository.byId(db, conflictId);
    if (!row) throw new AppError(ErrorCodes.NOT_FOUND, 'no such conflict');
    // A conflict's number is its row's: a record's conflicts are written again whenever one of them changes, so
    // a number read before may now be another field's. The caller says which it means; another is refused.
    if ((recordId !== undefined && recordId !== row.recordId) || (field !== undefined && field !== row.field))
      throw new AppError(ErrorCodes.CONFLICT, 'the conflict changed since it was listed', {
        issues: [{ path: 'conflictId', code: 'conflict_changed' }],
      });
    const spec = specOf(row.tableName);
    ctx.target({ recordType: spec.recordType, recordId: row.recordId, detail: { field: row.field, choice } });
    if (!fieldVisible(spec, ctx.session().role, row.field) || !(await recordInScope(ctx, spec, row.recordId)))
      throw new AppError(ErrorCodes.FORBIDDEN, 'this record is outside your unit');
    const col = (spec.columns as Record<string, ColumnSpec>)[row.field]!;
    let chosen: unknown;
    if (choice === 'current') chosen = JSON.parse(row.currentValue ?? 'null');
    else if (choice === 'other') chosen = JSON.parse(row.otherValue ?? 'null');
    else {
      if ((col.type !== 'text' && col.type !== 'date') || col.attachment)
        throw new AppError(ErrorCodes.INVALID_INPUT, 'this field cannot be typed', {
          issues: [{ path: 'value', code: 'conflict_value_not_typed' }],
        });
      chosen = value === '' ? null : value;
      if (chosen === null && !col.nullable)
        throw new AppError(ErrorCodes.INVALID_INPUT, 'a value is required', {
          issues: [{ path: 'value', code: 'required' }],
        });
      if (col.enum && !col.enum.includes(chosen as string))
        throw new AppError(ErrorCodes.INVALID_INPUT, 'not an allowed value', {
          issues: [{ path: 'value', code: 'invalid_value' }],
        });
      if (col.type === 'date' && chosen !== null && !/^\d{4}-\d{2}-\d{2}$/.test(chosen as string))
        throw new AppError(ErrorCodes.INVALID_INPUT, 'not a date', {
          issues: [{ path: 'value', code: 'date_format' }],
        });
    }
    await updateRecord(
      db,
      ctx.changes(),
      row.tableName as ReplicatedTable,
      row.recordId,
      { [row.field]: chosen } as never,
      {
        resolve: true,
      },
    );
    const r = await rebuildRecords(db, new Map([[row.tableName, new Set([row.recordId])]]), vietnamDay(ctx.now()));
    return { resolved: 1, remaining: r.openConflicts };
  },
};
