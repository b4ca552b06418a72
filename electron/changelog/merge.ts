import { decodeHlc } from './hlc';

/**
 * The merge rule, as one pure function of a record's set of changes: the same set gives the same record and the
 * same open conflicts on every workstation, whatever order the changes arrived in.
 *
 * Each change names, per field, the stamps of the values its writer saw there and overwrote (`base`). For one
 * field, a change nobody overwrote knowingly is a *head*. One head: no conflict. Several: the head with the
 * greatest stamp is the value in the record (so the record equals last-writer-wins), and every other head with
 * a different value is an open conflict, kept until a leader resolves it by writing a value whose base names
 * all the heads. An ordinary edit names only the value its writer saw, so it does not silently close a conflict.
 *
 * Deletion: the record is deleted when its latest deletion event is a tombstone; edits never revive it, only
 * an explicit restore (a `deletedAt: null` change, written by a leader) does.
 */
export interface ChangeEntry {
  hlc: string;
  tableName: string;
  recordId: string;
  /** JSON object of the fields one write set. */
  changes: string;
  /** JSON object: field → stamp or stamps of the values this write overwrote; null for a first write. */
  base?: string | null;
  workstationId?: string;
  accountId?: string | null;
}

export interface FieldVersion {
  hlc: string;
  value: unknown;
  workstationId: string | null;
  accountId: string | null;
}

export interface FieldConflict {
  field: string;
  /** The value in the record (the head with the greatest stamp). */
  current: FieldVersion;
  /** A concurrent value that lost on stamps. */
  other: FieldVersion;
}

export interface MergedRecord {
  id: string;
  tableName: string;
  /** Field values as the heads decide; fields never written are absent (null). */
  values: Record<string, unknown>;
  /** Per field, the stamps of its heads (the resolver's base). Shared between fields: never changed in place. */
  heads: Record<string, readonly string[]>;
  /** Per field, the stamp of its current value. */
  stamps: Record<string, string>;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
  originWs: string;
  hlc: string;
  conflicts: FieldConflict[];
}

export function wallIso(hlc: string): string {
  return new Date(decodeHlc(hlc).wall).toISOString();
}

function baseStamps(base: unknown): string[] {
  if (typeof base === 'string') return [base];
  if (Array.isArray(base)) return base.filter((b): b is string => typeof b === 'string');
  return [];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A change's `changes` and `base` as parsed, with the very strings they were parsed from. */
interface Parsed {
  changes: string;
  base: string | null;
  fields: Record<string, unknown>;
  baseFields: Record<string, unknown> | null;
}

/**
 * Changes already parsed (a bundle's reader parses a line's fields to put its attachments back; the validator
 * parses every change before it is applied), keyed by the entry: the validator and `mergeRecord` take the fields
 * from here instead of parsing the same text again (a photo's data URL was copied out of the JSON twice). Used
 * only while the entry still holds the very strings that were parsed. Kept on the entry under a symbol (not in a
 * WeakMap: an import's 365,000 entries made the collector trace a table of as many weak keys).
 */
const PARSED = Symbol('parsed');
type WithParsed = ChangeEntry & { [PARSED]?: Parsed };

/**
 * Keeps what this entry's `changes` and `base` parse to. The caller guarantees it: they were parsed from these
 * strings (or the strings were written from these values, as `JSON.stringify` writes them). Read-only from now
 * on: the merge shares the values.
 */
export function keepParsed(
  e: ChangeEntry,
  fields: Record<string, unknown>,
  baseFields: Record<string, unknown> | null,
): void {
  (e as WithParsed)[PARSED] = { changes: e.changes, base: e.base ?? null, fields, baseFields };
}

/** A copy of an entry (same `changes` and `base` strings) reuses what the original parsed to. */
export function carryParsed(from: ChangeEntry, to: ChangeEntry): void {
  const p = (from as WithParsed)[PARSED];
  if (p) (to as WithParsed)[PARSED] = p;
}

/** What `keepParsed` kept of this entry, while it holds the same strings. */
export function parsedOf(
  c: ChangeEntry,
): { fields: Record<string, unknown>; baseFields: Record<string, unknown> | null } | undefined {
  const p = (c as WithParsed)[PARSED];
  return p && p.changes === c.changes && p.base === (c.base ?? null) ? p : undefined;
}

/** A change's fields and base (an empty one for a first write), parsed once where they were kept. */
export function fieldsOf(c: ChangeEntry): { fields: Record<string, unknown>; base: Record<string, unknown> } {
  const p = parsedOf(c);
  if (p) return { fields: p.fields, base: p.baseFields ?? {} };
  return {
    fields: JSON.parse(c.changes) as Record<string, unknown>,
    base: c.base ? (JSON.parse(c.base) as Record<string, unknown>) : {},
  };
}

/**
 * A record of one change that overwrote nothing (its first write, as a bundle brings most records): every field
 * has that change as its only head, so the merge below would give exactly its fields, with no conflict. Built
 * directly, without the per-field version lists (an import of 100,000 persons merges 365,000 such records).
 */
function firstWrite(c: ChangeEntry, fields: Record<string, unknown>): MergedRecord {
  const values: Record<string, unknown> = {};
  const heads: Record<string, readonly string[]> = {};
  const stamps: Record<string, string> = {};
  // Every field's one head: one list for all of them (a list per field was most of what an import allocated).
  const head = [c.hlc];
  let deletedAt: string | null = null;
  for (const field in fields) {
    const value = fields[field];
    if (field === 'deletedAt') {
      deletedAt = (value as string | null) ?? null;
      continue;
    }
    values[field] = value;
    heads[field] = head;
    stamps[field] = c.hlc;
  }
  const stamp = decodeHlc(c.hlc);
  const created = new Date(stamp.wall).toISOString();
  return {
    id: c.recordId,
    tableName: c.tableName,
    values,
    heads,
    stamps,
    deletedAt,
    createdAt: created,
    updatedAt: created,
    originWs: c.workstationId ?? stamp.node,
    hlc: c.hlc,
    conflicts: [],
  };
}

/** Merges one record's changes (all of the same table and id). */
export function mergeRecord(entries: readonly ChangeEntry[]): MergedRecord {
  if (!entries.length) throw new Error('no changes to merge');
  if (entries.length === 1) {
    const { fields, base } = fieldsOf(entries[0]!);
    let overwrote = false;
    for (const _ in base) {
      overwrote = true;
      break;
    }
    if (!overwrote) return firstWrite(entries[0]!, fields);
  }
  const sorted = [...entries].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const versions = new Map<string, FieldVersion[]>();
  const overwritten = new Map<string, Set<string>>();
  let deletion: { hlc: string; value: string | null } | null = null;
  for (const c of sorted) {
    const { fields, base } = fieldsOf(c);
    for (const [field, value] of Object.entries(fields)) {
      if (field === 'deletedAt') {
        // Sorted ascending: the latest deletion event decides.
        deletion = { hlc: c.hlc, value: (value as string | null) ?? null };
        continue;
      }
      const list = versions.get(field) ?? [];
      list.push({ hlc: c.hlc, value, workstationId: c.workstationId ?? null, accountId: c.accountId ?? null });
      versions.set(field, list);
      const seen = overwritten.get(field) ?? new Set<string>();
      // A change never overwrites itself (the validator refuses that; a log kept before it did may hold one).
      for (const b of baseStamps(base[field])) if (b !== c.hlc) seen.add(b);
      overwritten.set(field, seen);
    }
  }
  const values: Record<string, unknown> = {};
  const heads: Record<string, readonly string[]> = {};
  const stamps: Record<string, string> = {};
  const conflicts: FieldConflict[] = [];
  for (const field of [...versions.keys()].sort()) {
    const seen = overwritten.get(field)!;
    const all = versions.get(field)!;
    let live = all.filter((v) => !seen.has(v.hlc));
    // Changes that overwrite one another in a ring (only a hostile peer writes that) leave no head: the latest
    // version is the value, as on every other station that holds the same changes.
    if (!live.length) live = [all[all.length - 1]!];
    const current = live[live.length - 1]!;
    values[field] = current.value;
    stamps[field] = current.hlc;
    heads[field] = live.map((v) => v.hlc);
    for (const other of live.slice(0, -1)) {
      if (!same(other.value, current.value)) conflicts.push({ field, current, other });
    }
  }
  const d = deletion as { hlc: string; value: string | null } | null;
  return {
    id: first.recordId,
    tableName: first.tableName,
    values,
    heads,
    stamps,
    deletedAt: d?.value ?? null,
    createdAt: wallIso(first.hlc),
    updatedAt: wallIso(last.hlc),
    originWs: first.workstationId ?? decodeHlc(first.hlc).node,
    hlc: last.hlc,
    conflicts: d?.value ? [] : conflicts,
  };
}

/** Merges a whole change log, record by record (tests and bundle previews). */
export function mergeAll(changes: Iterable<ChangeEntry>): Map<string, MergedRecord> {
  const byRecord = new Map<string, ChangeEntry[]>();
  for (const c of changes) {
    const key = `${c.tableName}/${c.recordId}`;
    const list = byRecord.get(key) ?? [];
    list.push(c);
    byRecord.set(key, list);
  }
  const out = new Map<string, MergedRecord>();
  for (const [key, list] of byRecord) out.set(key, mergeRecord(list));
  return out;
}
