import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../shared/domain/roles';
import type { DB, SyncColumns } from '../db/schema';
import type { BulkLoadSpec } from './bulk-load';
import type { RecordFamily } from './scope';

export type Db = Kysely<DB> | Transaction<DB>;

/** Tables whose records travel between workstations: they carry the sync columns. */
export type ReplicatedTable = {
  [K in keyof DB]: DB[K] extends SyncColumns ? K : never;
}[keyof DB];

/** A record's own columns: everything but the sync columns and the local rowid. */
export type DataColumn<T extends ReplicatedTable> = Exclude<keyof DB[T] & string, keyof SyncColumns | 'pk'>;

export interface ColumnSpec {
  /** How the value is stored: JSON columns hold arrays or objects as text. */
  type: 'text' | 'integer' | 'json' | 'date';
  /** The values a text column may take (the domain's const-object list), checked on apply. */
  enum?: readonly string[];
  nullable?: boolean;
  /** A file (a photo, a scan) as a data URL: a conflict on it is settled by choosing one, never by typing. */
  attachment?: true;
}

/** The whole record's visible columns, for roles that see everything the table holds. */
export const ALL_COLUMNS = 'all' as const;

export type Rederive = (db: Db, ids: readonly string[], today: string) => Promise<void>;
export type DeriveNew = (db: Db, rows: Record<string, unknown>[], today: string) => Promise<readonly string[]>;
export type IndexNew = (db: Db, rows: readonly Record<string, unknown>[]) => Promise<void>;

/**
 * A replicated table, declared once. The change log, seeding, merge, conflict review, erasure and bundle import
 * read this, never a list of their own:
 * - `columns`: every data column with its type (a column the spec omits is a compile error);
 * - `derived`: columns computed from others, never logged or merged, recomputed by `rederive`;
 * - `parent`: the record this one belongs to (its scope follows the parent's);
 * - `family`: whose reading permissions open it (persons, tips, cases, rehab, reference);
 * - `scope`: the columns that place the record in a unit, province, commune or facility;
 * - `sensitive`: personal columns whose values never appear in logs, audit details or error messages;
 * - `views`: per role, the allow-list of columns that role may read. A role absent here reads nothing, and a
 *   column added to the table stays invisible to a limited role until someone adds it to that role's list.
 */
export interface TypedTableSpec<T extends ReplicatedTable> {
  table: T;
  /** The name used in audit entries, conflicts and messages (`person`, `measure`, …). */
  recordType: string;
  family: RecordFamily;
  columns: { readonly [C in DataColumn<T>]: ColumnSpec };
  derived: readonly DataColumn<T>[];
  /**
   * Recomputes the derived columns (and any index the table keeps) of these records after merge or import. An
   * import does not pass the records it inserted whole (derived by `deriveNew`, indexed by `indexNew`) that
   * nothing changed since: no later change of theirs, no child of theirs written after them.
   */
  rederive?: Rederive;
  /**
   * Fills in the derived columns of new rows (an import's records written for the first time) before they are
   * INSERTed, by the same rules as `rederive`: the tables below this one were written first, so a person's
   * measures of the same batch count. Its row is then written once, and `rederive` finds nothing to change.
   * Returns the ids of the rows it could not derive (left with placeholders for `rederive` to decide).
   */
  deriveNew?: DeriveNew;
  /**
   * Writes what the table keeps beside the new rows `deriveNew` derived (persons: their name words), right after
   * they were INSERTed, each row with its `pk`: a record nothing changes later in the import then needs nothing of
   * `rederive` (whose read of 100,000 imported persons back by id served only their name words).
   */
  indexNew?: IndexNew;
  /** A large import may build this table's secondary indexes after its rows (bulk-load.ts). */
  bulkLoad?: BulkLoadSpec;
  parent?: { table: ReplicatedTable; column: DataColumn<T> | 'id' };
  /**
   * What names a record to a person (a leader choosing between two edits of it): one of its columns (a person's
   * name, a case's number), or the record one of its columns points at (the person a referral is for). A child
   * without one is named by its parent. Read only where the reader's view holds that column.
   */
  title?: DataColumn<T> | { table: ReplicatedTable; column: DataColumn<T> };
  scope?: { unit?: DataColumn<T>; province?: DataColumn<T>; commune?: DataColumn<T>; facility?: DataColumn<T> };
  sensitive: readonly DataColumn<T>[];
  views: Partial<Record<Role, readonly DataColumn<T>[] | typeof ALL_COLUMNS>>;
}

/** A table spec once declared: the same facts with column names as strings, for code that serves every table. */
export interface TableSpec {
  table: ReplicatedTable;
  recordType: string;
  family: RecordFamily;
  columns: Readonly<Record<string, ColumnSpec>>;
  derived: readonly string[];
  rederive?: Rederive;
  deriveNew?: DeriveNew;
  indexNew?: IndexNew;
  bulkLoad?: BulkLoadSpec;
  parent?: { table: ReplicatedTable; column: string };
  title?: string | { table: ReplicatedTable; column: string };
  scope?: { unit?: string; province?: string; commune?: string; facility?: string };
  sensitive: readonly string[];
  views: Partial<Record<Role, readonly string[] | typeof ALL_COLUMNS>>;
}

/** Declares a table spec, checked against the table's columns (a column the spec omits is a compile error). */
export function defineTable<T extends ReplicatedTable>(spec: TypedTableSpec<T>): TableSpec {
  return Object.freeze(spec) as TableSpec;
}

/**
 * A table's columns read once per spec: all of them in order, each with whether it is derived (the rows the
 * apply writes), and the logged ones by name (what a change may set).
 */
export interface Layout {
  columns: { name: string; col: ColumnSpec; derived: boolean }[];
  logged: Map<string, ColumnSpec>;
}

const layouts = new WeakMap<TableSpec, Layout>();

export function layoutOf(spec: TableSpec): Layout {
  let l = layouts.get(spec);
  if (!l) {
    const derived = new Set<string>(spec.derived);
    const columns = Object.entries(spec.columns).map(([name, col]) => ({ name, col, derived: derived.has(name) }));
    l = { columns, logged: new Map(columns.filter((c) => !c.derived).map((c) => [c.name, c.col])) };
    layouts.set(spec, l);
  }
  return l;
}
