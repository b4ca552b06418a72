import { v7 as uuidv7 } from 'uuid';
import type { UnitView } from '../../shared/contract/types';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { UnitKind } from '../../shared/domain/roles';
import { compareVietnamese } from '../../shared/text/fold';
import { commune } from '../../shared/places';
import { insertRecord, updateRecord } from '../changelog/changelog';
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

/** A commune must lie in the unit's province, and needs one: the pickers offer only those, the API says why. */
function checkPlace(provinceCode: string | null, communeCode: string | null): void {
  if (!communeCode) return;
  const c = commune(communeCode);
  if (!provinceCode)
    throw new AppError(ErrorCodes.INVALID_INPUT, 'a commune needs its province', {
      issues: [{ path: 'provinceCode', code: 'required' }],
    });
  if (c?.provinceCode !== provinceCode)
    throw new AppError(ErrorCodes.INVALID_INPUT, 'the commune is not in the province', {
      issues: [{ path: 'communeCode', code: 'commune_unknown' }],
    });
}

export const unitHandlers: DomainHandlerGroup<'units.list' | 'units.create' | 'units.update'> = {
  async 'units.list'(ctx) {
    const rows = await ctx.db().selectFrom('units').selectAll().where('deletedAt', 'is', null).execute();
    return rows.map(toUnitView).sort((a, b) => compareVietnamese(a.name, b.name));
  },

  async 'units.create'(ctx, input) {
    checkPlace(input.provinceCode, input.communeCode);
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

  /** Name, kind and place; audited (unit.update) with the names of the fields changed, never their values. */
  async 'units.update'(ctx, input) {
    ctx.target({ recordType: 'unit', recordId: input.unitId });
    const row = await ctx
      .db()
      .selectFrom('units')
      .select('id')
      .where('id', '=', input.unitId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!row) throw new AppError(ErrorCodes.NOT_FOUND, 'unit not found');
    checkPlace(input.provinceCode, input.communeCode);
    const changed = await updateRecord(ctx.db(), ctx.changes(), 'units', input.unitId, {
      name: input.name,
      kind: input.kind,
      provinceCode: input.provinceCode,
      communeCode: input.communeCode,
    });
    ctx.target({ recordType: 'unit', recordId: input.unitId, detail: { fields: changed.join(',') } });
    const updated = await ctx
      .db()
      .selectFrom('units')
      .selectAll()
      .where('id', '=', input.unitId)
      .executeTakeFirstOrThrow();
    return toUnitView(updated);
  },
};
