import { v7 as uuidv7 } from 'uuid';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { compareVietnamese } from '../../shared/text/fold';
import { commune } from '../../shared/places';
import type { DomainHandlerGroup } from '../host/context';
import { toUnitView } from './unit.mapper';
import { unitRepository } from './unit.repository';

/**
 * A commune must lie in the unit's province, and needs one: the pickers offer only those, the API says why.
 * `at` is where the unit sits in the input (`unit.` in the first-run setup).
 */
export function checkPlace(provinceCode: string | null, communeCode: string | null, at = ''): void {
  if (!communeCode) return;
  const c = commune(communeCode);
  if (!provinceCode)
    throw new AppError(ErrorCodes.INVALID_INPUT, 'a commune needs its province', {
      issues: [{ path: `${at}provinceCode`, code: 'required' }],
    });
  if (c?.provinceCode !== provinceCode)
    throw new AppError(ErrorCodes.INVALID_INPUT, 'the commune is not in the province', {
      issues: [{ path: `${at}communeCode`, code: 'commune_unknown' }],
    });
}

export const unitHandlers: DomainHandlerGroup<'units.list' | 'units.create' | 'units.update'> = {
  async 'units.list'(ctx) {
    const rows = await unitRepository.live(ctx.db());
    return rows.map(toUnitView).sort((a, b) => compareVietnamese(a.name, b.name));
  },

  async 'units.create'(ctx, input) {
    checkPlace(input.provinceCode, input.communeCode);
    if (await unitRepository.codeTaken(ctx.db(), input.code))
      throw new AppError(ErrorCodes.CONFLICT, 'unit code is taken', {
        issues: [{ path: 'code', code: 'unit_code_taken' }],
      });
    const id = uuidv7();
    await unitRepository.insert(ctx.db(), ctx.changes(), id, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      provinceCode: input.provinceCode,
      communeCode: input.communeCode,
    });
    ctx.target({ recordType: 'unit', recordId: id });
    return toUnitView(await unitRepository.row(ctx.db(), id));
  },

  /** Name, kind and place; audited (unit.update) with the names of the fields changed, never their values. */
  async 'units.update'(ctx, input) {
    ctx.target({ recordType: 'unit', recordId: input.unitId });
    if (!(await unitRepository.liveExists(ctx.db(), input.unitId)))
      throw new AppError(ErrorCodes.NOT_FOUND, 'unit not found');
    checkPlace(input.provinceCode, input.communeCode);
    const changed = await unitRepository.update(ctx.db(), ctx.changes(), input.unitId, {
      name: input.name,
      kind: input.kind,
      provinceCode: input.provinceCode,
      communeCode: input.communeCode,
    });
    ctx.target({ recordType: 'unit', recordId: input.unitId, detail: { fields: changed.join(',') } });
    return toUnitView(await unitRepository.row(ctx.db(), input.unitId));
  },
};
