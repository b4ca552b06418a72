import { ALL_COLUMNS, type Db, type ReplicatedTable, type TableSpec } from './table-spec';
import { inScope, type RecordFamily, type RecordScope } from './scope';
import { specOf } from './tables';

/** What recordInScope needs of the call: its database and the caller's scope per family. */
export interface ScopeSource {
  db(): Db;
  scope(family?: RecordFamily): RecordScope;
}

/**
 * Whether a record of any registered table is within the caller's scope for the table's family: by its own
 * scope columns, or by its parent's (whose family may differ: a seizure follows its case). A table with
 * neither is reference data, readable by every role its spec lets view it.
 * Fail-closed: a missing record, a missing parent or a role without a view is out of scope.
 */
export async function recordInScope(ctx: ScopeSource, spec: TableSpec, id: string): Promise<boolean> {
  const db = ctx.db();
  const scope = ctx.scope(spec.family);
  if (scope.view === 'none' || !spec.views[scope.role]) return false;
  const row = (await db
    .selectFrom(spec.table as ReplicatedTable)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()) as Record<string, unknown> | undefined;
  if (!row) return false;
  if (spec.scope) {
    const col = (c: string | undefined) => (c ? ((row[c] as string | null) ?? null) : null);
    return inScope(scope, {
      unitId: col(spec.scope.unit),
      provinceCode: col(spec.scope.province),
      communeCode: col(spec.scope.commune),
      facilityId: col(spec.scope.facility),
    });
  }
  if (spec.parent) {
    const parentId = row[spec.parent.column] as string | null;
    return parentId ? recordInScope(ctx, specOf(spec.parent.table), parentId) : false;
  }
  return true;
}

/** Whether the caller's role may read this column of the table (its view's allow-list). */
export function fieldVisible(spec: TableSpec, role: RecordScope['role'], field: string): boolean {
  const view = spec.views[role];
  return view === ALL_COLUMNS || (view !== undefined && (view as readonly string[]).includes(field));
}
