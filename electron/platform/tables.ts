import { unitTable } from '../units/unit.table';
import { personPhotoTable, personTable } from '../persons/person.table';
import { checkInTable, measureTable } from '../persons/measure.table';
import { determinationTable, drugTestTable } from '../persons/test.table';
import { INVESTIGATION_TABLES } from '../investigations/investigation.table';
import { REHAB_TABLES } from '../rehab/rehab.table';
import { communeStatusTable, reportPlanTable } from '../reports/report.table';
import type { Role } from '../../shared/domain/roles';
import { ALL_COLUMNS, type ReplicatedTable, type TableSpec } from './table-spec';

/** Every replicated table's spec: the one list the change log, merge, seeding and import read. */
export const TABLE_SPECS: readonly TableSpec[] = Object.freeze([
  unitTable,
  personTable,
  personPhotoTable,
  measureTable,
  checkInTable,
  drugTestTable,
  determinationTable,
  ...INVESTIGATION_TABLES,
  ...REHAB_TABLES,
  reportPlanTable,
  communeStatusTable,
]);

const byName = new Map<string, TableSpec>(TABLE_SPECS.map((s) => [s.table, s]));

/** Registers a table spec that is not part of the app (tests of the platform use made-up record types). */
export function registerTable(spec: TableSpec): void {
  if (byName.has(spec.table)) throw new Error(`table ${spec.table} is already registered`);
  byName.set(spec.table, spec);
}

export function specOf(table: string): TableSpec {
  const s = byName.get(table);
  if (!s) throw new Error(`no table spec for ${table}`);
  return s;
}

export function allSpecs(): TableSpec[] {
  return [...byName.values()];
}

/** Columns the change log never carries: the sync columns (derived from the stamps) and the rowid. */
const NEVER_LOGGED = new Set(['id', 'hlc', 'pk', 'createdAt', 'updatedAt', 'originWs']);

export function isDerivedField(table: string, field: string): boolean {
  return NEVER_LOGGED.has(field) || (specOf(table).derived as readonly string[]).includes(field);
}

/**
 * The fields of a write that go into the change log: declared, not derived, not undefined; on an insert (when
 * `dropNulls`), not null either, since absence in the log already means null. `null` when nothing is left.
 */
export function loggedFields(
  table: string,
  fields: Record<string, unknown>,
  dropNulls = true,
): Record<string, unknown> | null {
  const spec = specOf(table);
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || (dropNulls && v === null) || isDerivedField(table, k)) continue;
    if (k !== 'deletedAt' && !(k in spec.columns)) throw new Error(`column ${table}.${k} is not in its table spec`);
    out[k] = v;
    any = true;
  }
  return any ? out : null;
}

/**
 * The allow-listed projection of a record for a role: every column the role's view does not name is null.
 * Sync columns (id, times, deletion) are always kept.
 */
export function project<R extends Record<string, unknown>>(table: ReplicatedTable | string, role: Role, row: R): R {
  const view = specOf(table).views[role];
  if (view === ALL_COLUMNS) return row;
  const allowed = new Set<string>(view ?? []);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = NEVER_LOGGED.has(k) || k === 'deletedAt' || allowed.has(k) ? v : null;
  }
  return out as R;
}

/** Whether a role may read any column of the table at all. */
export function mayView(table: string, role: Role): boolean {
  const view = specOf(table).views[role];
  return view === ALL_COLUMNS || (view !== undefined && view.length > 0);
}
