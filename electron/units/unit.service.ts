import { v7 as uuidv7 } from 'uuid';
import type { UnitView } from '../../shared/contract/types';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { UnitKind } from '../../shared/domain/roles';
import { compareVietnamese } from '../../shared/text/fold';
import { insertRecord } from '../changelog/changelog';
import type { UnitRow } from '../db/schema';
import type { DomainHandlerGroup } from '../host/context';

function toUnitView(r: UnitRow): UnitView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as UnitKind,
    provinceCode: r.provinceCode,
    communeCode: r.communeCode,
    createdAt: r.createdAt,
  };
}

export const unitHandlers: DomainHandlerGroup<'units.list' | 'units.create'> = {
  async 'units.list'(ctx) {
    const rows = await ctx.db().selectFrom('units').selectAll().where('deletedAt', 'is', null).execute();
    return rows.map(toUnitView).sort((a, b) => compareVietnamese(a.name, b.name));
  },

  async 'units.create'(ctx, input) {
    const taken = await ctx
      .db()
      .selectFrom('units')
      .select('id')
      .where('code', '=', input.code)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (taken)
      throw new AppError(ErrorCodes.CONFLICT, 'unit code is taken', {
        issues: [{ path: 'code', code: 'unit_code_taken' }],
      });
    const id = uuidv7();
    await insertRecord(ctx.db(), ctx.changes(), 'units', id, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      provinceCode: input.provinceCode,
      communeCode: input.communeCode,
    });
    ctx.target({ recordType: 'unit', recordId: id });
    const row = await ctx.db().selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return toUnitView(row);
  },
};
