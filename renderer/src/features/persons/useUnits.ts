import { useMemo } from 'react';
import type { UnitView } from '../../../../shared/contract';
import { useProcedure } from '../../api/useProcedure';
import { useSignedInSession } from '../../app/session-context';

export interface UnitsInfo {
  units: readonly UnitView[];
  own: UnitView | null;
  /** The province of the account's unit: where its people live, and the communes its filters offer. */
  provinceCode: string | null;
  name(unitId: string | null): string;
  loading: boolean;
}

/** The units of this workstation and the signed-in account's own. */
export function useUnits(): UnitsInfo {
  const session = useSignedInSession();
  const list = useProcedure('units.list', {});
  return useMemo(() => {
    const units = list.data ?? [];
    const own = units.find((u) => u.id === session.unitId) ?? null;
    return {
      units,
      own,
      provinceCode: own?.provinceCode ?? null,
      name: (unitId) => (unitId ? (units.find((u) => u.id === unitId)?.name ?? '') : ''),
      loading: list.loading,
    };
  }, [list.data, list.loading, session.unitId]);
}
