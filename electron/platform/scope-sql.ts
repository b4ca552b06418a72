import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { RecordScope } from './scope';
import type { TableSpec } from './table-spec';

/**
 * The scope rule of `inScope` (scope.ts) as a SQL condition on one table's own scope columns, for queries that
 * list or count many records at once (report drill-downs): a row matches when any column the spec names matches
 * the caller's reach. Fail-closed like `inScope`: no view, or a table without scope columns (a child that
 * follows its parent, which this cannot see), matches nothing; a role the spec gives no view matches nothing.
 *
 * `alias` is the table's alias in the query; column names are the spec's (camelCase, turned into the database's
 * names by the connection's CamelCasePlugin).
 */
export function scopeSql(scope: RecordScope, spec: TableSpec, alias: string): RawBuilder<SqlBool> {
  if (scope.view === 'none' || !spec.views[scope.role] || spec.family !== scope.family) return sql<SqlBool>`0`;
  if (scope.all) return sql<SqlBool>`1`;
  const cols = spec.scope;
  if (!cols) return sql<SqlBool>`0`;
  const ors: RawBuilder<SqlBool>[] = [];
  const eq = (col: string | undefined, value: string | null) => {
    if (col && value !== null) ors.push(sql<SqlBool>`${sql.ref(`${alias}.${col}`)} = ${value}`);
  };
  eq(cols.unit, scope.unitId);
  eq(cols.commune, scope.communeCode);
  eq(cols.province, scope.provinceCode);
  eq(cols.facility, scope.facilityId);
  if (!ors.length) return sql<SqlBool>`0`;
  return sql<SqlBool>`(${sql.join(ors, sql` OR `)})`;
}
