import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import { configureConnection, createKysely, keyConnection } from '../../electron/db/connection';
import { backfillStatements } from '../../electron/db/migrations/2026_12_03_1900_report_counts';
import { gapsStatement } from '../../electron/db/migrations/2026_12_04_0000_report_gaps';
import { tempDir } from './host';

/** An encrypted file in a temp dir, for the report tests that write the records with SQL. */
export function openFile(name: string): { raw: Database.Database; db: ReturnType<typeof createKysely> } {
  const raw = new Database(path.join(tempDir(), name));
  keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  return { raw, db: createKysely(raw) };
}

/** Every table, index and trigger of a file (a migration's down must give back what its up found). */
export const schemaOf = (raw: Database.Database) =>
  raw.prepare('SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name').all() as {
    type: string;
    name: string;
    sql: string;
  }[];

/** A seeded generator (the random runs are reproducible). */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = { metric: string; province_code: string; commune_code: string; grain: string; bucket: string; key: string };

/** The counts' rows that are not zero, keyed, with quantities rounded to 6 places (a kept sum is added in steps). */
function nonZero(raw: Database.Database): Map<string, string> {
  const rows = raw
    .prepare(`SELECT * FROM report_counts WHERE n <> 0 OR abs(q) > 1e-9 ORDER BY 1, 2, 3, 4, 5, 6`)
    .all() as (Row & { n: number; q: number })[];
  const out = new Map(
    rows.map((r) => [
      [r.metric, r.province_code, r.commune_code, r.grain, r.bucket, r.key].join(' '),
      `${r.n} ${r.q.toFixed(6)}`,
    ]),
  );
  // The spans and gaps of the persons whose measures leave a gap (migration 2026_12_04_0000_report_gaps), once there.
  if (hasGaps(raw))
    for (const g of raw.prepare('SELECT * FROM report_gaps ORDER BY person_id, kind, d_from').all() as Record<
      string,
      string | null
    >[])
      out.set(`gap ${g.person_id} ${g.kind} ${g.d_from}`, `${g.d_to} ${g.province_code} ${g.commune_code}`);
  return out;
}

const hasGaps = (raw: Database.Database) =>
  raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'report_gaps'`).get() !== undefined;

/**
 * The counts (and the persons' gaps) as the triggers kept them, and as the migrations' backfills count them from the
 * records now (in a
 * savepoint rolled back, so the file is left as it was). Equal when every write kept them.
 */
export function keptAndRecounted(raw: Database.Database): {
  kept: Map<string, string>;
  recounted: Map<string, string>;
} {
  const kept = nonZero(raw);
  raw.exec('SAVEPOINT recount');
  try {
    raw.exec('DELETE FROM report_counts');
    for (const s of backfillStatements()) raw.exec(s);
    if (hasGaps(raw)) {
      raw.exec('DELETE FROM report_gaps');
      raw.exec(gapsStatement(null));
    }
    return { kept, recounted: nonZero(raw) };
  } finally {
    raw.exec('ROLLBACK TO recount');
    raw.exec('RELEASE recount');
  }
}
