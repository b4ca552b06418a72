/**
 * Rebuilds record state from change-log entries, in any order: the merge rule in one pure function.
 *
 * - Each field takes the value of its change with the greatest HLC stamp (last writer wins; the stamps are
 *   unique because they carry the workstation id).
 * - A tombstone (a non-null `deletedAt`) is final: the earliest tombstone wins over older edits and no later
 *   change revives the record.
 * - `hlc` of a record is the greatest stamp among its changes.
 */
export interface ChangeEntry {
  hlc: string;
  tableName: string;
  recordId: string;
  /** JSON object of the fields one write set. */
  changes: string;
}

export type MaterializedRecord = Record<string, unknown> & { id: string; hlc: string; deletedAt: string | null };

export function materialize(changes: Iterable<ChangeEntry>): Map<string, MaterializedRecord> {
  const stamps = new Map<string, Map<string, string>>();
  const records = new Map<string, MaterializedRecord>();
  for (const c of changes) {
    const key = `${c.tableName}/${c.recordId}`;
    let rec = records.get(key);
    let fieldStamps = stamps.get(key);
    if (!rec || !fieldStamps) {
      rec = { id: c.recordId, hlc: c.hlc, deletedAt: null };
      fieldStamps = new Map();
      records.set(key, rec);
      stamps.set(key, fieldStamps);
    }
    if (c.hlc > rec.hlc) rec.hlc = c.hlc;
    for (const [field, value] of Object.entries(JSON.parse(c.changes) as Record<string, unknown>)) {
      if (field === 'deletedAt') {
        if (value === null) continue;
        const prev = fieldStamps.get('deletedAt');
        if (prev === undefined || c.hlc < prev) {
          fieldStamps.set('deletedAt', c.hlc);
          rec.deletedAt = value as string;
        }
        continue;
      }
      const prev = fieldStamps.get(field);
      if (prev === undefined || c.hlc > prev) {
        fieldStamps.set(field, c.hlc);
        rec[field] = value;
      }
    }
  }
  return records;
}
