import { sql, type Kysely } from 'kysely';
import { backfillStatements } from './2026_12_03_1900_report_counts';

/**
 * What a large import may do instead of a table's per-row count triggers (electron/platform/bulk-load.ts): at
 * 100,000 persons, report_counts' insert trigger on persons (2026_12_03_1900) cost ~64 µs a person, about 22
 * upserts each, while counting every person of the table again in one statement costs ~30 µs a person.
 *
 * `bulk_load_recounts` holds, per source table (its SQL name): the triggers a load may drop while its rows go in
 * (JSON list of names), the statement that clears what they keep, and the statement that adds it again from the
 * rows whose rowid is between its parameters @lo and @hi (a slice at a time: the GROUP BY sorts in memory, since temp
 * files are not encrypted, and a slice bounds that memory; the counts are sums, so slices add up). A load drops
 * the named triggers, and after its last write runs the clear and the recount over every slice, then creates the
 * triggers again from their own stored text (`sqlite_master`), all in the import's transaction.
 *
 * For persons: its four report_counts triggers (insert, update, delete, and the facts update of 2026_12_04_0030)
 * keep the metrics made from a persons row alone (on record, reach, first positive, ethnicity, education,
 * occupation, substances, age); the statement that counts them is 1900's backfill of persons, the same expressions
 * as its triggers (a test compares the counts an import kept with a recount). A later migration that changes the
 * persons parts or their triggers must update this row. Frozen in time: never imports application code (1900 is a
 * migration, frozen as well).
 */

const PERSONS_TRIGGERS = [
  'report_counts_persons_insert',
  'report_counts_persons_update',
  'report_counts_persons_delete',
  'report_counts_persons_facts_update',
];

/** The metrics a backfill statement counts (its parts' `SELECT '<metric>' AS metric`). */
const metricsOf = (statement: string) => [...statement.matchAll(/SELECT '(\w+)' AS metric/g)].map((m) => m[1]!);

/** Each part of 1900's persons backfill (`FROM persons r[, json_each(…) j] WHERE …`) limited to a slice of rowids. */
const SOURCE = /FROM persons r((?:, json_each\([^\n]*?\) \w+)?) WHERE /g;
export const sliced = (statement: string) =>
  statement.replace(SOURCE, 'FROM persons r$1 WHERE r.pk BETWEEN @lo AND @hi AND ');

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE bulk_load_recounts (tbl TEXT PRIMARY KEY, triggers TEXT NOT NULL, clear TEXT NOT NULL,
    recount TEXT NOT NULL) WITHOUT ROWID`.execute(db);
  const persons = backfillStatements()[0]!;
  const metrics = metricsOf(persons);
  const recount = sliced(persons);
  if (!metrics.includes('onrec') || !metrics.includes('aged') || recount.split('@lo').length !== metrics.length + 1)
    throw new Error('persons backfill: unexpected text');
  const clear = `DELETE FROM report_counts WHERE metric IN (${metrics.map((m) => `'${m}'`).join(', ')})`;
  await sql`INSERT INTO bulk_load_recounts (tbl, triggers, clear, recount)
    VALUES ('persons', ${JSON.stringify(PERSONS_TRIGGERS)}, ${clear}, ${recount})`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE bulk_load_recounts`.execute(db);
}
