import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { specOf } from '../platform/tables';
import type { ColumnSpec, TableSpec } from '../platform/table-spec';
import { recordChanges, refreshConflicts, type Db, type ReplicatedTable } from './changelog';
import { decodeHlc, type HlcClock } from './hlc';
import { appendEntry, hasEntry } from './log-store';
import { mergeRecord, type ChangeEntry, type MergedRecord } from './merge';

/**
 * Applies changes that came from another workstation: each is checked against its table spec (a bundle is
 * hostile until proven otherwise), stored in the change log once (applying twice changes nothing), and every
 * record it touches is rebuilt from all of its changes by the merge rule, its derived columns re-derived, and its
 * open conflicts recomputed. Runs in the caller's transaction: all of it applies, or none.
 */
export interface ApplyResult {
  applied: number;
  duplicates: number;
  records: number;
  /** Records whose first change has not arrived yet: kept in the log, materialised when it comes. */
  incomplete: number;
  openConflicts: number;
}

function invalid(detail: string): AppError {
  return new AppError(ErrorCodes.INVALID_INPUT, `change rejected: ${detail}`);
}

function checkValue(table: string, field: string, col: ColumnSpec, value: unknown) {
  if (value === null) {
    if (!col.nullable && col.type !== 'json') throw invalid(`${table}.${field} may not be null`);
    return;
  }
  const ok =
    col.type === 'integer'
      ? Number.isInteger(value)
      : col.type === 'json'
        ? typeof value === 'string'
        : col.type === 'date'
          ? // A date may be partial where the form allows it (a birth year alone, a year and month).
            typeof value === 'string' && /^\d{4}(-\d{2}(-\d{2}.*)?)?$/.test(value)
          : typeof value === 'string';
  if (!ok) throw invalid(`${table}.${field} has the wrong type`);
  if (col.enum && !col.enum.includes(value as string)) throw invalid(`${table}.${field} is not an allowed value`);
  if (typeof value === 'string' && value.length > 1_000_000) throw invalid(`${table}.${field} is too long`);
}

/** Rejects a change that names an unknown table, a field outside its spec, a derived field or a bad value. */
export function validateChange(c: ChangeEntry): void {
  let spec: TableSpec;
  try {
    spec = specOf(c.tableName);
  } catch {
    throw invalid('unknown table');
  }
  try {
    decodeHlc(c.hlc);
  } catch {
    throw invalid('malformed stamp');
  }
  if (!/^[0-9a-f-]{36}$/i.test(c.recordId)) throw invalid('malformed record id');
  let fields: unknown;
  let base: unknown;
  try {
    fields = JSON.parse(c.changes);
    base = c.base ? JSON.parse(c.base) : null;
  } catch {
    throw invalid('malformed JSON');
  }
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) throw invalid('changes must be an object');
  const cols = spec.columns as Record<string, ColumnSpec>;
  for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
    if (field === 'deletedAt') {
      if (value !== null && typeof value !== 'string') throw invalid('deletedAt has the wrong type');
      continue;
    }
    const col = cols[field];
    if (!col || (spec.derived as readonly string[]).includes(field))
      throw invalid(`${c.tableName}.${field} is not replicated`);
    checkValue(c.tableName, field, col, value);
  }
  if (base !== null) {
    if (typeof base !== 'object' || Array.isArray(base)) throw invalid('base must be an object');
    for (const v of Object.values(base as Record<string, unknown>)) {
      const stamps = Array.isArray(v) ? v : [v];
      if (!stamps.every((s) => typeof s === 'string' && s.length < 100)) throw invalid('malformed base');
    }
  }
}

function placeholder(col: ColumnSpec): unknown {
  if (col.nullable) return null;
  return col.type === 'integer' ? 0 : col.type === 'json' ? '[]' : '';
}

/** Writes the merged state of one record into its table; false when the record cannot exist yet. */
async function materializeRow(db: Db, spec: TableSpec, m: MergedRecord): Promise<boolean> {
  const table = spec.table as ReplicatedTable;
  const existing = (await db.selectFrom(table).selectAll().where('id', '=', m.id).executeTakeFirst()) as
    Record<string, unknown> | undefined;
  const cols = spec.columns as Record<string, ColumnSpec>;
  const derived = new Set<string>(spec.derived);
  const row: Record<string, unknown> = {};
  for (const [name, col] of Object.entries(cols)) {
    if (derived.has(name)) {
      if (!existing) row[name] = placeholder(col);
      continue;
    }
    const v = name in m.values ? m.values[name] : null;
    if (v === null && !col.nullable && col.type !== 'json') {
      if (!existing) return false;
    }
    row[name] = v === null && col.type === 'json' ? '[]' : v;
  }
  const sync = {
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    originWs: m.originWs,
    hlc: m.hlc,
    deletedAt: m.deletedAt,
  };
  if (existing) {
    await db
      .updateTable(table)
      .set({ ...row, ...sync } as never)
      .where('id', '=', m.id)
      .execute();
  } else {
    await db
      .insertInto(table)
      .values({ id: m.id, ...row, ...sync } as never)
      .execute();
  }
  return true;
}

/** Rebuilds records from their changes (after an apply or a resolution), with derived columns and conflicts. */
export async function rebuildRecords(
  db: Db,
  records: ReadonlyMap<string, ReadonlySet<string>>,
  today: string,
): Promise<{ rebuilt: number; incomplete: number; openConflicts: number }> {
  let rebuilt = 0;
  let incomplete = 0;
  let openConflicts = 0;
  for (const [table, ids] of records) {
    const spec = specOf(table);
    const done: string[] = [];
    for (const id of ids) {
      const m = mergeRecord(await recordChanges(db, table, id));
      if (!(await materializeRow(db, spec, m))) {
        incomplete++;
        continue;
      }
      openConflicts += await refreshConflicts(db, m);
      done.push(id);
      rebuilt++;
    }
    if (done.length && spec.rederive) await spec.rederive(db, done, today);
  }
  return { rebuilt, incomplete, openConflicts };
}

export async function applyChanges(
  db: Db,
  clock: HlcClock,
  entries: readonly ChangeEntry[],
  today: string,
): Promise<ApplyResult> {
  for (const c of entries) validateChange(c);
  let applied = 0;
  let duplicates = 0;
  const touched = new Map<string, Set<string>>();
  for (const c of entries) {
    if (await hasEntry(db, c.tableName, c.recordId, c.hlc)) {
      duplicates++;
      continue;
    }
    clock.receive(c.hlc);
    await appendEntry(db, {
      hlc: c.hlc,
      workstationId: c.workstationId ?? decodeHlc(c.hlc).node,
      accountId: c.accountId ?? null,
      tableName: c.tableName,
      recordId: c.recordId,
      changes: c.changes,
      base: c.base ?? null,
    });
    applied++;
    const ids = touched.get(c.tableName) ?? new Set<string>();
    ids.add(c.recordId);
    touched.set(c.tableName, ids);
  }
  const r = await rebuildRecords(db, touched, today);
  return { applied, duplicates, records: r.rebuilt, incomplete: r.incomplete, openConflicts: r.openConflicts };
}
