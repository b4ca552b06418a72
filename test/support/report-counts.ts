import type Database from 'better-sqlite3-multiple-ciphers';
import { backfillStatements } from '../../electron/db/migrations/2026_12_03_1900_report_counts';

type Row = { metric: string; province_code: string; commune_code: string; grain: string; bucket: string; key: string };

/** The counts' rows that are not zero, keyed, with quantities rounded to 6 places (a kept sum is added in steps). */
function nonZero(raw: Database.Database): Map<string, string> {
  const rows = raw
    .prepare(`SELECT * FROM report_counts WHERE n <> 0 OR abs(q) > 1e-9 ORDER BY 1, 2, 3, 4, 5, 6`)
    .all() as (Row & { n: number; q: number })[];
  return new Map(
    rows.map((r) => [
      [r.metric, r.province_code, r.commune_code, r.grain, r.bucket, r.key].join(' '),
      `${r.n} ${r.q.toFixed(6)}`,
    ]),
  );
}

/**
 * The counts as the triggers kept them, and as the migration's backfill counts them from the records now (in a
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
    return { kept, recounted: nonZero(raw) };
  } finally {
    raw.exec('ROLLBACK TO recount');
    raw.exec('RELEASE recount');
  }
}
