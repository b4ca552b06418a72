import type { PersonSummary } from '../../shared/contract';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { vietnamDay } from '../../shared/domain/working-days';
import { commune } from '../../shared/places';
import type { DomainContext } from '../host/context';
import { projectSummary } from '../persons/person.mapper';
import { recordInScope } from '../platform/record-access';
import type { RecordFamily } from '../platform/scope';
import type { TableSpec } from '../platform/table-spec';
import { specOf } from '../platform/tables';

/** A refused input: INVALID_INPUT naming the field and a translation key (investigation-labels `validation`). */
export function invalid(path: string, code: string): AppError {
  return new AppError(ErrorCodes.INVALID_INPUT, `invalid ${path}: ${code}`, { issues: [{ path, code }] });
}

/** Today in Vietnam (deadlines count Vietnam days). */
export function todayOf(ctx: DomainContext): string {
  return vietnamDay(ctx.now());
}

/**
 * Where a new record is placed: the caller's unit, the commune given (or the caller's own), and that commune's
 * province (or the caller's). A commune outside the caller's reach is refused, naming `communeCode`.
 */
export function placement(
  ctx: DomainContext,
  family: RecordFamily,
  communeCode: string | null,
): { unitId: string | null; provinceCode: string | null; communeCode: string | null } {
  const scope = ctx.scope(family);
  const code = communeCode ?? scope.communeCode;
  if (code === null) return { unitId: ctx.session().unitId, provinceCode: scope.provinceCode, communeCode: null };
  const place = commune(code);
  if (!place) throw invalid('communeCode', 'commune_unknown');
  const reachable =
    (scope.communeCode !== null && scope.communeCode === code) ||
    (scope.provinceCode !== null && scope.provinceCode === place.provinceCode) ||
    (scope.communeCode === null && scope.provinceCode === null);
  if (!reachable) throw invalid('communeCode', 'commune_not_in_scope');
  return { unitId: ctx.session().unitId, provinceCode: place.provinceCode, communeCode: code };
}

/** A record of a table in the caller's scope for its family, or FORBIDDEN (NOT_FOUND when it does not exist). */
export async function requireInScope<T>(
  ctx: DomainContext,
  spec: TableSpec,
  id: string,
  load: () => Promise<T | undefined>,
): Promise<T> {
  const row = await load();
  if (!row) throw new AppError(ErrorCodes.NOT_FOUND, `${spec.recordType} not found`);
  if (!(await recordInScope(ctx, spec, id)))
    throw new AppError(ErrorCodes.FORBIDDEN, `this ${spec.recordType} is outside your scope`);
  return row;
}

/**
 * Of the persons a tip or a case names, those the caller may see (the persons family's scope), each as the
 * role's view of a person shows it (a column outside the view is null). A person outside the scope is left out.
 */
export async function visiblePersons(
  ctx: DomainContext,
  summaries: ReadonlyMap<string, PersonSummary>,
): Promise<Map<string, PersonSummary>> {
  const role = ctx.scope('persons').role;
  const out = new Map<string, PersonSummary>();
  for (const [id, p] of summaries)
    if (await recordInScope(ctx, specOf('persons'), id)) out.set(id, projectSummary(role, p));
  return out;
}
