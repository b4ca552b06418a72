import { sql, type Kysely } from 'kysely';

/**
 * The recount after a bulk load of persons (2026_12_05_0000: one statement per metric over a slice of rowids) reads
 * the slice of persons once, not six times: each statement joins the persons' parts to two lists of constants (the
 * grains: day, month, undated; the levels: commune, whole province), and SQLite put the constants outside, so it
 * read the slice again for each of their six pairs. `CROSS JOIN` keeps the order written (SQLite's documented way to
 * fix a join's order): the slice outside, each row joined to the constants. The same rows come out, so the same
 * counts. At 100,000 persons a dated metric's slice went from ~450 to ~320 ms (first positive), the recount from ~3.2
 * to ~2.8 s. The triggers' statements, whose parts are the one row NEW or OLD, are left as they are. Frozen in time:
 * never imports application code.
 */

const JOINS: [string, string][] = [
  ["\n  JOIN (SELECT 'd' AS grain ", "\n  CROSS JOIN (SELECT 'd' AS grain "],
  ['\n  JOIN (SELECT 0 AS star ', '\n  CROSS JOIN (SELECT 0 AS star '],
];

async function rewrite(db: Kysely<any>, swap: (s: string) => string): Promise<void> {
  const r = await sql<{ recount: string }>`SELECT recount FROM bulk_load_recounts WHERE tbl = 'persons'`.execute(db);
  if (!r.rows[0]) throw new Error('bulk_load_recounts: no row for persons');
  const list = JSON.parse(r.rows[0].recount) as string[];
  await sql`UPDATE bulk_load_recounts SET recount = ${JSON.stringify(list.map(swap))} WHERE tbl = 'persons'`.execute(
    db,
  );
}

/** Each count statement (`INSERT INTO report_counts`) with its two joins to constants turned, the others as they are. */
function swapped(from: 0 | 1): (s: string) => string {
  const to = from === 0 ? 1 : 0;
  return (s) => {
    if (!s.startsWith('INSERT INTO report_counts')) return s;
    let out = s;
    for (const pair of JOINS) {
      if (out.split(pair[from]).length !== 2) throw new Error('bulk_load_recounts: unexpected count statement');
      out = out.replace(pair[from], pair[to]);
    }
    return out;
  };
}

export async function up(db: Kysely<any>): Promise<void> {
  await rewrite(db, swapped(0));
}

export async function down(db: Kysely<any>): Promise<void> {
  await rewrite(db, swapped(1));
}
