import type { UnitView } from '../../shared/contract/types';
import type { UnitKind } from '../../shared/domain/roles';
import type { UnitRow } from '../db/schema';

/** A unit row as the API shows it. */
export function toUnitView(r: UnitRow): UnitView {
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
