import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { specOf } from '../platform/tables';
import { layoutOf, type ColumnSpec, type TableSpec } from '../platform/table-spec';
import { CompiledQuery } from 'kysely';
import { refreshConflicts, type Db, type ReplicatedTable } from './changelog';
import { canonicalHlc, decodeHlc, isHlc, type HlcClock } from './hlc';
import {
  appendEntries,
  changeKeys,
  logState,
  loggedKey,
  readRecordsEntries,
  canonicalId,
  keptByReference,
  keepAsText,
  idKey,
  type StoredChange,
  type NewChange,
} from './log-store';
import { insertRows } from './insert-rows';
import { carryParsed, fieldsOf, keepParsed, mergeRecord, parsedOf, type ChangeEntry, type MergedRecord } from './merge';

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

/** The longest text value a change may carry; a file (a photo, a scan) as a data URL may be longer. */
const MAX_TEXT_CHARS = 1_000_000;
/**
 * The longest file as a data URL: above the largest a form accepts (a dossier scan of about 2 MB, 2,800,000
 * characters; a photo 700,000), so what one station saved every other can import.
 */
const MAX_FILE_CHARS = 4_000_000;

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
  if (typeof value === 'string' && value.length > (col.attachment ? MAX_FILE_CHARS : MAX_TEXT_CHARS))
    throw invalid(`${table}.${field} is too long`);
}

/**
 * Rejects a change that names an unknown table, a field outside its spec, a derived field or a bad value.
 * Returns its fields (parsed once here, so a caller that needs them does not parse them again).
 */
export function validateChange(c: ChangeEntry): Record<string, unknown> {
  let spec: TableSpec;
  try {
    spec = specOf(c.tableName);
  } catch {
    throw invalid('unknown table');
  }
  try {
    canonicalHlc(c.hlc);
  } catch {
    throw invalid('malformed stamp');
  }
  if (!/^[0-9a-f-]{36}$/i.test(c.recordId)) throw invalid('malformed record id');
  let fields: unknown;
  let base: unknown;
  const known = parsedOf(c);
  if (known) {
    fields = known.fields;
    base = known.baseFields;
  } else {
    try {
      fields = JSON.parse(c.changes);
      base = c.base ? JSON.parse(c.base) : null;
    } catch {
      throw invalid('malformed JSON');
    }
  }
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) throw invalid('changes must be an object');
  const cols = layoutOf(spec).logged;
  const record = fields as Record<string, unknown>;
  for (const field in record) {
    const value = record[field];
    if (field === 'deletedAt') {
      if (value !== null && typeof value !== 'string') throw invalid('deletedAt has the wrong type');
      continue;
    }
    const col = cols.get(field);
    if (!col) throw invalid(`${c.tableName}.${field} is not replicated`);
    checkValue(c.tableName, field, col, value);
  }
  if (base !== null) {
    if (typeof base !== 'object' || Array.isArray(base)) throw invalid('base must be an object');
    for (const v of Object.values(base as Record<string, unknown>)) {
      const stamps = Array.isArray(v) ? v : [v];
      for (const s of stamps) {
        if (typeof s !== 'string' || s.length >= 100 || !isHlc(s)) throw invalid('malformed base');
        // A change cannot have seen itself. (A later stamp can be legitimate: a value imported by another process
        // on this data directory, whose clock this writer's never received; the merge takes it as overwritten.)
        if (s === c.hlc) throw invalid('base names its own change');
      }
    }
  }
  if (!known) keepParsed(c, fields as Record<string, unknown>, base as Record<string, unknown> | null);
  return fields as Record<string, unknown>;
}

function placeholder(col: ColumnSpec): unknown {
  if (col.nullable) return null;
  return col.type === 'integer' ? 0 : col.type === 'json' ? '[]' : '';
}

/**
 * The row a merged record makes: a new one begins with its id (as it is inserted), an existing one has no id
 * (its update sets these columns). Null when the record cannot exist yet.
 */
function rowOf(spec: TableSpec, m: MergedRecord, existing: boolean): Record<string, unknown> | null {
  const row: Record<string, unknown> = existing ? {} : { id: m.id };
  const values = m.values;
  for (const { name, col, derived } of layoutOf(spec).columns) {
    if (derived) {
      if (!existing) row[name] = placeholder(col);
      continue;
    }
    const v = name in values ? values[name] : null;
    if (v === null && !col.nullable && col.type !== 'json') {
      if (!existing) return null;
    }
    row[name] = v === null && col.type === 'json' ? '[]' : v;
  }
  row.createdAt = m.createdAt;
  row.updatedAt = m.updatedAt;
  row.originWs = m.originWs;
  row.hlc = m.hlc;
  row.deletedAt = m.deletedAt;
  return row;
}

/**
 * Writes merged records into one table: new rows up to 200 (or 4 MB of text) to a statement, their derived
 * columns filled in first by the spec's `deriveNew`, and existing ones by one UPDATE compiled once per table (its
 * columns are the same for every record: the spec's logged columns and the sync columns).
 * Pending inserts go out before any update, so rows are written in the order records were given.
 */
class TableWriter {
  private inserts: Record<string, unknown>[] = [];
  private chars = 0;
  /** New rows inserted and derived, waiting for the spec's `indexNew` (1,000 at a time, or at `finish`). */
  private unindexed: Record<string, unknown>[] = [];
  private update: { sql: string; keys: string[] } | null = null;
  /**
   * The columns whose text is counted towards a statement's cap: all the spec's columns, by a list made once (a
   * `for … in` over each row's keys cost ~0.5 s at 100,000 persons). Any of them may be large: a bundle's line may
   * take an attachment for any field, and a value may be 1,000,000 characters (`checkValue`).
   */
  private readonly counted: readonly string[];

  constructor(
    private readonly db: Db,
    private readonly spec: TableSpec,
    private readonly today: string,
    private readonly derive: PendingDerive,
  ) {
    this.counted = Object.keys(spec.columns);
  }

  /** `row` as `rowOf` made it: with its id when it is new. */
  async write(id: string, row: Record<string, unknown>, existing: boolean): Promise<void> {
    if (!existing) {
      this.inserts.push(row);
      for (const k of this.counted) {
        const v = row[k];
        if (typeof v === 'string') this.chars += v.length;
      }
      // At most 200 rows, or a few MB of text (photos, scans), to a statement.
      if (this.inserts.length >= 200 || this.chars >= 4_000_000) await this.flush();
      return;
    }
    await this.flush();
    const keys = Object.keys(row);
    if (!this.update || this.update.keys.join() !== keys.join()) {
      const template = Object.fromEntries(keys.map((k) => [k, 0]));
      const q = this.db
        .updateTable(this.spec.table as ReplicatedTable)
        .set(template as never)
        .where('id', '=', '' as never)
        .compile();
      this.update = q.parameters.length === keys.length + 1 ? { sql: q.sql, keys } : null;
    }
    if (this.update) {
      await this.db.executeQuery(CompiledQuery.raw(this.update.sql, [...keys.map((k) => row[k]), id]));
    } else {
      await this.db
        .updateTable(this.spec.table as ReplicatedTable)
        .set(row as never)
        .where('id', '=', id)
        .execute();
    }
  }

  async flush(): Promise<void> {
    if (!this.inserts.length) return;
    const rows = this.inserts;
    this.inserts = [];
    this.chars = 0;
    const unsettled = this.spec.deriveNew ? await this.spec.deriveNew(this.db, rows, this.today) : null;
    if (this.spec.indexNew) {
      // The derived rows' index, written now with each row's pk (those not derived wait for `rederive`).
      const made = await insertRows(this.db, this.spec.table, rows, ['id', 'pk']);
      const pks = new Map(made.map((r) => [r.id, r.pk]));
      const failed = new Set(unsettled);
      for (const r of rows) {
        if (failed.has(r.id as string)) continue;
        r.pk = pks.get(r.id);
        this.unindexed.push(r);
      }
      if (this.unindexed.length >= 1_000) await this.index();
    } else await insertRows(this.db, this.spec.table, rows);
    if (unsettled)
      this.derive.inserted(
        this.spec.table,
        rows.map((r) => r.id as string),
        unsettled,
      );
  }

  /** The last rows, and the index of every new row inserted (before anything reads it: the re-derive, the next table). */
  async finish(): Promise<void> {
    await this.flush();
    await this.index();
  }

  private async index(): Promise<void> {
    const rows = this.unindexed;
    this.unindexed = [];
    if (rows.length) await this.spec.indexNew!(this.db, rows);
  }
}

const PART = 500;

/** How many parent hops a table is below the top (a person 0, a measure 1): children re-derive before parents. */
function depthOf(spec: TableSpec, seen = 0): number {
  if (!spec.parent || spec.parent.column === 'id' || seen > 5) return 0;
  return 1 + depthOf(specOf(spec.parent.table), seen + 1);
}

/**
 * The parent a rebuilt child makes its parent re-derive (a measure's person, whose category follows its
 * measures): the spec's parent when that table re-derives and the child points at it by a column of its own.
 */
function rederivedParent(spec: TableSpec): { table: string; column: string } | null {
  if (!spec.parent || spec.parent.column === 'id') return null;
  return specOf(spec.parent.table).rederive ? spec.parent : null;
}

/**
 * The records whose derived columns must be recomputed after records were rebuilt: every rebuilt record of a
 * table that re-derives, and every parent of a rebuilt child (before and after the change: a measure moved to
 * another person re-derives both). `run` calls each table's re-derive once with all of them, children's tables
 * before their parents', so a parent sees its children as written; a parent whose row does not exist (a child
 * that arrived before it) is left out. An import collects over all its chunks and runs once at the end, so a
 * person whose measures arrive in a later chunk is re-derived once, not once per chunk.
 */
export class PendingDerive {
  private readonly ids = new Map<string, Set<string>>();
  private readonly parents = new Set<string>();
  /**
   * Per table, the records inserted whole (derived columns by `deriveNew`, index by `indexNew`) that nothing has
   * touched since (no later change of theirs, no child rebuilt after them): their re-derive would write nothing.
   */
  private readonly settled = new Map<string, Set<string>>();

  private add(table: string, id: unknown): void {
    if (typeof id !== 'string') return;
    const set = this.ids.get(table);
    if (set) set.add(id);
    else this.ids.set(table, new Set([id]));
  }

  private unsettle(table: string, id: unknown): void {
    if (typeof id === 'string') this.settled.get(table)?.delete(id);
  }

  /** A record was rebuilt from `row` (its row before, `old`, when it existed). */
  rebuilt(spec: TableSpec, id: string, row: Record<string, unknown>, old: Record<string, unknown> | undefined): void {
    if (spec.rederive) this.add(spec.table, id);
    this.unsettle(spec.table, id);
    const parent = rederivedParent(spec);
    if (!parent) return;
    this.add(parent.table, row[parent.column]);
    this.unsettle(parent.table, row[parent.column]);
    if (old) {
      this.add(parent.table, old[parent.column]);
      this.unsettle(parent.table, old[parent.column]);
    }
    this.parents.add(parent.table);
  }

  /**
   * New rows of a table were inserted with their derived columns filled in by its `deriveNew` (after every child
   * written so far), except `unsettled`, which it could not derive.
   */
  inserted(table: string, ids: readonly string[], unsettled: readonly string[]): void {
    let set = this.settled.get(table);
    if (!set) this.settled.set(table, (set = new Set()));
    for (const id of ids) set.add(id);
    for (const id of unsettled) set.delete(id);
  }

  async run(db: Db, today: string): Promise<void> {
    const order = [...this.ids.keys()].sort((a, b) => depthOf(specOf(b)) - depthOf(specOf(a)));
    for (const table of order) {
      // A settled record was written whole when it was inserted (`deriveNew`, `indexNew`): nothing to re-derive.
      const settled = this.settled.get(table);
      const all = [...this.ids.get(table)!].filter((id) => !settled?.has(id));
      this.ids.delete(table);
      const present = this.parents.has(table) ? await existingIds(db, table, all) : all;
      if (present.length) await specOf(table).rederive!(db, present, today);
    }
    this.parents.clear();
    this.settled.clear();
  }
}

/**
 * Rebuilds records from their changes (after an apply or a resolution), with derived columns and conflicts.
 * Batched: per table and 500 records, one read of their changes and rows and one of their open conflicts; each
 * record merged and written once. Then (or at the end of an import, when it passes its own `pending`) the
 * re-derive of the records rebuilt and of their parents (`PendingDerive`).
 */
export async function rebuildRecords(
  db: Db,
  records: ReadonlyMap<string, ReadonlySet<string>>,
  today: string,
  pending?: PendingDerive,
  opts: {
    /**
     * Per table, by canonical id (`canonicalId(id)`): every change the log holds of a record, as it reads
     * them back (canonical stamps and ids, the workstation filled in); these records' changes are not read again.
     */
    known?: ReadonlyMap<string, ReadonlyMap<string, ChangeEntry[]>>;
    /** Per table, by canonical id: records of `known` already merged, with the row a new one makes. */
    merged?: ReadonlyMap<string, ReadonlyMap<string, Premerged>>;
    rebuilt?: ApplyOptions['rebuilt'];
  } = {},
): Promise<{ rebuilt: number; incomplete: number; openConflicts: number }> {
  let rebuilt = 0;
  let incomplete = 0;
  let openConflicts = 0;
  const derive = pending ?? new PendingDerive();
  // Children's tables first (a measure before its person), so a new parent's `deriveNew` sees them written.
  const order = [...records].sort(([a], [b]) => depthOf(specOf(b)) - depthOf(specOf(a)));
  for (const [table, ids] of order) {
    const spec = specOf(table);
    const writer = new TableWriter(db, spec, today, derive);
    // One rebuild per record, whatever case its id was given in.
    const list = [...new Map([...ids].map((id) => [canonicalId(id), id])).values()];
    for (let i = 0; i < list.length; i += PART) {
      const part = list.slice(i, i + PART);
      const mine = opts.known?.get(table);
      const held = mine ? part.map((id) => mine.get(canonicalId(id))) : [];
      const { entries, rows } = await readRecordsEntries(
        db,
        table,
        part,
        mine ? new Set(part.filter((_, j) => held[j])) : undefined,
      );
      const ready = opts.merged?.get(table);
      const pre = ready ? part.map((id) => ready.get(canonicalId(id))) : [];
      const merged = part.map((id, j) => pre[j]?.merged ?? mergeRecord(held[j] ?? entries.get(id) ?? []));
      // A record the log held nothing of before (`known`) has no conflicts open yet: not asked.
      const conflicted = await recordsWithConflicts(
        db,
        table,
        merged.filter((_, j) => !held[j]).map((m) => m.id),
      );
      for (const [j, m] of merged.entries()) {
        const old = rows.get(m.id);
        opts.rebuilt?.(table, m.id, old !== undefined);
        const made = pre[j];
        const row = made && old === undefined ? made.row : rowOf(spec, m, old !== undefined);
        if (!row) {
          incomplete++;
          continue;
        }
        await writer.write(m.id, row, old !== undefined);
        // A record with no open conflicts before or after needs no conflict rows rewritten.
        if (m.conflicts.length || conflicted.has(m.id)) openConflicts += await refreshConflicts(db, m);
        derive.rebuilt(spec, m.id, row, old);
        rebuilt++;
      }
    }
    await writer.finish();
  }
  if (!pending) await derive.run(db, today);
  return { rebuilt, incomplete, openConflicts };
}

/** Which of these ids have a row in the table (500 at a time), in the order given. */
async function existingIds(db: Db, table: string, ids: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += PART)
    for (const r of (await db
      .selectFrom(table as ReplicatedTable)
      .select('id')
      .where('id', 'in', ids.slice(i, i + PART))
      .execute()) as { id: string }[])
      found.add(r.id);
  return ids.filter((id) => found.has(id));
}

/** Which of these records of a table have open conflicts (500 at a time). */
async function recordsWithConflicts(db: Db, table: string, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += PART)
    for (const r of await db
      .selectFrom('conflicts')
      .select('recordId')
      .distinct()
      .where('tableName', '=', table)
      .where('recordId', 'in', ids.slice(i, i + PART))
      .execute())
      out.add(r.recordId);
  return out;
}

/**
 * Before changes of records the log already holds are appended. A change kept by reference (log-store.ts) gives
 * back only what its row still holds of it, which is exact while every later write of one of its fields overwrote
 * it knowingly (named its stamp), as every edit made after it does. A change that writes such a field without
 * naming it (the same record's first write made apart, as two stations each giving one person a photo; or a
 * hostile bundle) makes it a head whose value the row will not hold: it is stored as text first. Only records
 * with a change kept by reference that some fresh change does not name are read.
 */
async function keepHeadsAsText(
  db: Db,
  changes: readonly ChangeEntry[],
  /** `LogState.referenced`: the stamps of the changes kept by reference, per record. */
  referenced: ReadonlyMap<string, readonly string[]>,
): Promise<void> {
  const byTable = new Map<string, Map<string, ChangeEntry[]>>();
  for (const c of changes) {
    let records = byTable.get(c.tableName);
    if (!records) byTable.set(c.tableName, (records = new Map()));
    const k = idKey(c.recordId);
    const list = records.get(k);
    if (list) list.push(c);
    else records.set(k, [c]);
  }
  for (const [table, records] of byTable) {
    const ids = [...records.values()].map((list) => list[0]!.recordId);
    const suspect = ids.filter((id) =>
      referenced.get(loggedKey(table, id))?.some((h) => records.get(idKey(id))!.some((c) => writesUnnamed(c, h))),
    );
    for (let i = 0; i < suspect.length; i += PART) {
      const part = suspect.slice(i, i + PART);
      const { entries, byReference } = await readRecordsEntries(db, table, part);
      const keep: StoredChange[] = [];
      for (const id of part)
        for (const e of entries.get(id) ?? []) {
          if (!byReference.has(e.seq)) continue;
          const held = fieldsOf(e).fields;
          if (records.get(idKey(id))!.some((c) => writesUnnamed(c, e.hlc, held))) keep.push(e);
        }
      await keepAsText(db, keep);
    }
  }
}

/** Whether a change writes a field (of `within`, when given) without naming `stamp` in its base for it. */
function writesUnnamed(c: ChangeEntry, stamp: string, within?: Record<string, unknown>): boolean {
  const { fields, base } = fieldsOf(c);
  for (const f in fields) {
    if (f === 'deletedAt' || (within && !(f in within))) continue;
    const b = base[f];
    if (!(b === stamp || (Array.isArray(b) && b.includes(stamp)))) return true;
  }
  return false;
}

/** A record merged from its changes, and the row it makes when it is new (`rowOf`; null: it cannot exist yet). */
interface Premerged {
  merged: MergedRecord;
  row: Record<string, unknown> | null;
}

export interface ApplyOptions {
  /** Every change was checked with `validateChange` already (a bundle's second pass over verified chunks). */
  validated?: boolean;
  /** Collect the re-derive here instead of running it (the caller runs it once, after its last batch). */
  pending?: PendingDerive;
  /** Told of each record a change of the batch rebuilds: whether its row existed before the batch. */
  rebuilt?: (table: string, id: string, existed: boolean) => void;
}

/**
 * Applies a batch of changes (a bundle's chunk): each checked, the ones the log already holds skipped (one
 * lookup per table and 500 records), the rest appended in order with the clock taking each stamp into account,
 * then every record they touch rebuilt once (`rebuildRecords`).
 */
export async function applyChanges(
  db: Db,
  clock: HlcClock,
  entries: readonly ChangeEntry[],
  today: string,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  if (!opts.validated) for (const c of entries) validateChange(c);
  let applied = 0;
  let duplicates = 0;
  const touched = new Map<string, Set<string>>();
  const { fresh, logged, referenced } = await logState(db, entries);
  // A record the log held nothing of has exactly its fresh changes of this batch once they are appended: merged
  // from them as the log would read them back (canonical stamp and id, the workstation filled in), not read again.
  const known = new Map<string, Map<string, ChangeEntry[]>>();
  const seen = new Set<string>();
  const append: NewChange[] = [];
  // Per record the log held nothing of: its one fresh change of the batch (its place in `append` and the copy the
  // merge takes), or null when the batch brings it more than one.
  const lone = new Map<string, { at: number; copy: ChangeEntry } | null>();
  const ofLogged: ChangeEntry[] = [];
  for (const [i, c] of entries.entries()) {
    const { record: lk, change: key } = changeKeys(c);
    if (!fresh[i] || seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    const stamp = decodeHlc(c.hlc);
    clock.receiveStamp(stamp);
    const change = {
      hlc: c.hlc,
      workstationId: c.workstationId ?? stamp.node,
      accountId: c.accountId ?? null,
      tableName: c.tableName,
      recordId: c.recordId,
      changes: c.changes,
      base: c.base ?? null,
    };
    append.push(change);
    applied++;
    const ids = touched.get(c.tableName) ?? new Set<string>();
    ids.add(c.recordId);
    touched.set(c.tableName, ids);
    if (logged.has(lk)) {
      ofLogged.push(c);
      continue;
    }
    let ofTable = known.get(c.tableName);
    if (!ofTable) known.set(c.tableName, (ofTable = new Map()));
    const id = canonicalId(c.recordId);
    const list = ofTable.get(id) ?? [];
    // The stamp as the log reads it back: `decodeHlc` accepted it, so it is already in its canonical form.
    const copy = { ...change, recordId: id, accountId: change.accountId || null };
    carryParsed(c, copy);
    list.push(copy);
    ofTable.set(id, list);
    lone.set(lk, lone.has(lk) ? null : { at: append.length - 1, copy });
  }
  // A record new to this workstation whose one change makes its row (a first write, as most of a bundle is) is
  // logged by reference to that row, as a local first write is (log-store.ts): a photo is stored once, not twice.
  // (Merged here once: the rebuild takes the record and its new row from `premerged`.)
  const premerged = new Map<string, Map<string, Premerged>>();
  for (const one of lone.values()) {
    if (!one) continue;
    const table = one.copy.tableName;
    const merged = mergeRecord([one.copy]);
    const row = rowOf(specOf(table), merged, false);
    let ofTable = premerged.get(table);
    if (!ofTable) premerged.set(table, (ofTable = new Map()));
    ofTable.set(one.copy.recordId, { merged, row });
    if (!one.copy.base && row && keptByReference(table, row, one.copy)) append[one.at]!.changes = null;
  }
  await keepHeadsAsText(db, ofLogged, referenced);
  await appendEntries(db, append);
  const r = await rebuildRecords(db, touched, today, opts.pending, { known, merged: premerged, rebuilt: opts.rebuilt });
  return { applied, duplicates, records: r.rebuilt, incomplete: r.incomplete, openConflicts: r.openConflicts };
}
