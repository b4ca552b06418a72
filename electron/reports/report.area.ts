import type { ReportArea } from '../../shared/contract/reports';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { commune, province } from '../../shared/places';
import type { DomainContext } from '../host/context';

/**
 * The area a report is about, within the caller's reach: a province's leader or investigator sees the province
 * or any of its communes; a commune officer sees their own commune only. Anything else is refused before any
 * query runs (fail-closed: no reach, no report).
 */
export function reportArea(ctx: DomainContext, asked: { provinceCode?: string; communeCode?: string }): ReportArea {
  const s = ctx.scope('persons');
  if (s.view !== 'none' && s.provinceCode) {
    const provinceCode = asked.provinceCode ?? s.provinceCode;
    if (provinceCode !== s.provinceCode)
      throw new AppError(ErrorCodes.FORBIDDEN, 'this province is outside your scope');
    if (asked.communeCode) {
      if (commune(asked.communeCode)?.provinceCode !== provinceCode)
        throw new AppError(ErrorCodes.INVALID_INPUT, 'unknown commune', {
          issues: [{ path: 'communeCode', code: 'commune_unknown' }],
        });
      return { provinceCode, communeCode: asked.communeCode };
    }
    return { provinceCode, communeCode: null };
  }
  if (s.view !== 'none' && s.communeCode) {
    const own = commune(s.communeCode);
    if (!own) throw new AppError(ErrorCodes.FORBIDDEN, 'your unit has no known commune');
    if (
      (asked.communeCode && asked.communeCode !== own.code) ||
      (asked.provinceCode && asked.provinceCode !== own.provinceCode)
    )
      throw new AppError(ErrorCodes.FORBIDDEN, 'this area is outside your scope');
    return { provinceCode: own.provinceCode, communeCode: own.code };
  }
  throw new AppError(ErrorCodes.FORBIDDEN, 'your account has no area to report on');
}

export function areaName(a: ReportArea): string {
  if (a.communeCode) return commune(a.communeCode)?.name ?? a.communeCode;
  return province(a.provinceCode)?.name ?? a.provinceCode;
}

/** Names the area and period in the router's audit entry (who, what, period, unit). */
export function auditReport(
  ctx: DomainContext,
  what: string,
  area: ReportArea,
  period: { from: string; to: string } | { year: number },
  extra: Record<string, string | number | null> = {},
): void {
  ctx.target({
    recordType: 'report',
    recordId: null,
    detail: {
      report: what,
      province: area.provinceCode,
      commune: area.communeCode,
      ...('year' in period ? { year: period.year } : { from: period.from, to: period.to }),
      ...extra,
    },
  });
}

/** The caller's province: their reach's, or that of their commune; null with no reach. */
export function callerProvince(ctx: DomainContext): string | null {
  const s = ctx.scope('persons');
  if (s.view === 'none') return null;
  if (s.provinceCode) return s.provinceCode;
  if (s.communeCode) return commune(s.communeCode)?.provinceCode ?? null;
  return null;
}
