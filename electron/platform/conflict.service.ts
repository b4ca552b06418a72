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
import type { ColumnSpec } from './table-spec';
import { specOf } from './tables';

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
      out.push(toConflictView(r, spec, names));
      if (out.length >= limit) break;
    }
    return out;
  },

  async 'conflicts.resolve'(ctx, { conflictId, choice, value }) {
    const db = ctx.db();
    const row = await conflictRepository.byId(db, conflictId);
    if (!row) throw new AppError(ErrorCodes.NOT_FOUND, 'no such conflict');
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
