import { sql } from 'kysely';
import { withPageCacheAtMost } from '../db/page-cache';
import { snake } from './batch';
import type { Db, TableSpec } from './table-spec';
import { specOf } from './tables';

/**
 * A large import fills a table faster with its secondary indexes built once at the end: each row inserted into
 * a table with its indexes in place is also put into every index, at a random place of each (a person's sort key,
 * commune, category…), which at 100,000 persons and their 12 such indexes cost ~80 µs a person, while CREATE INDEX
 * afterwards sorts each index once (~17 ms per 1,000 rows for all twelve). Worth it only when the rows coming in
 * are at least as many as the table holds (the rebuild covers the whole table): the first bundle of a commune at
 * its hub, a workstation's first full copy.
 *
 * Only what a table spec lists under `bulkLoad` is touched, and only its non-unique indexes: a UNIQUE index
 * (the id, a citizen ID) keeps its constraint checked row by row, and the indexes the apply itself reads by are
 * named in `keep`. The drops and the rebuild are part of the import's transaction: a crash or a refusal rolls
 * them back with the rows, and the indexes are made again from their own stored text (`sqlite_master`), so a
 * later migration's index is rebuilt as it declared it.
 *
 * Counts and facts kept by per-row triggers are handled the same way when a migration says how
 * (`bulk_load_recounts`: which triggers of the table, the statement that clears what they keep, and the statements
 * that make it again from the rows: for persons their report facts and gaps, then one per metric): the triggers are
 * dropped for the load, and at its end what they keep is made again, each statement over slices of the table's
 * rowids, and the triggers created again from their stored text.
 */
export interface BulkLoadSpec {
  /** Non-unique indexes of the table that stay during the load (the apply reads by them). */
  keep?: readonly string[];
  /** Tables the spec's derive fills for each record (SQL names), with the indexes of theirs that stay. */
  derived?: Readonly<Record<string, { keep?: readonly string[] }>>;
}

/** Below this many incoming rows for a table, its indexes are kept: dropping and rebuilding is not worth it. */
export const BULK_LOAD_MIN_ROWS = 5_000;

/**
 * Rows of a table recounted to a statement: its GROUP BY sorts in memory (temp files would not be encrypted),
 * at most a few rows a record for one metric (a dated one: its day and month, in its commune and its province).
 */
const RECOUNT_SLICE = 50_000;

/**
 * The page cache (KiB) while `finish` makes again what the dropped triggers kept and builds the dropped indexes.
 * CREATE INDEX and a recount's GROUP BY sort in a buffer as large as the cache, and with temp_store=MEMORY what they
 * spill stays in memory too: on top of an import's 64 MiB cache, the end of 100,000 persons lifted the importer's
 * peak from ~345 to ~400 MB. Each statement reads its table once in order (a slice of rowids, or the whole table
 * for an index) and writes in order: a small cache cost them nothing measurable (35.1-35.4 s against 34.8-36.4 s).
 */
const REBUILD_CACHE_KIB = 16 * 1024;

export interface BulkLoad {
  /** Tables (SQL names) whose secondary indexes were dropped until `finish`. */
  readonly tables: readonly string[];
  /** Builds the dropped indexes again (call after the last write of the import, inside its transaction). */
  finish(): Promise<void>;
}

interface Stored {
  name: string;
  sql: string;
}

interface Recount {
  table: string;
  triggers: Stored[];
  clear: string;
  /** One statement per metric, each counting the rows whose rowid is in @lo..@hi. */
  recount: string[];
}

async function rowCount(db: Db, table: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** A table's indexes or triggers with their stored text (indexes SQLite made for a constraint have none). */
async function storedOf(db: Db, type: 'index' | 'trigger', table: string): Promise<Stored[]> {
  const r = await sql<Stored>`SELECT name, sql FROM sqlite_master
    WHERE type = ${type} AND tbl_name = ${table} AND sql IS NOT NULL ORDER BY name`.execute(db);
  return r.rows;
}

/** The indexes of a table a load may drop: declared in SQL (not a PRIMARY KEY's or UNIQUE column's), not UNIQUE. */
async function droppable(db: Db, table: string, keep: readonly string[]): Promise<Stored[]> {
  return (await storedOf(db, 'index', table)).filter(
    (i) => !/^\s*CREATE\s+UNIQUE\b/i.test(i.sql) && !keep.includes(i.name),
  );
}

/** The triggers a load of `table` may drop, with the statements that make their counts again (none: null). */
async function recountOf(db: Db, table: string): Promise<Recount | null> {
  const r = await sql<{ triggers: string; clear: string; recount: string }>`SELECT triggers, clear, recount
    FROM bulk_load_recounts WHERE tbl = ${table}`.execute(db);
  const row = r.rows[0];
  if (!row) return null;
  const names = JSON.parse(row.triggers) as string[];
  const triggers = (await storedOf(db, 'trigger', table)).filter((t) => names.includes(t.name));
  // The recount stands for exactly these triggers: one missing (renamed by a later migration) keeps them all.
  if (triggers.length !== names.length) return null;
  const recount = JSON.parse(row.recount) as unknown;
  if (!Array.isArray(recount) || !recount.every((s) => typeof s === 'string')) return null;
  return { table, triggers, clear: row.clear, recount };
}

/**
 * Drops the secondary indexes (and the count triggers `bulk_load_recounts` names) of the tables an import brings at
 * least as many rows to as they hold (`counts`: the bundle's changes per table, by spec name; a record's changes
 * count as rows, an upper bound).
 */
export async function beginBulkLoad(db: Db, counts: Readonly<Record<string, number>>): Promise<BulkLoad> {
  const dropped: Stored[] = [];
  const recounts: Recount[] = [];
  const tables: string[] = [];
  for (const [name, incoming] of Object.entries(counts)) {
    if (incoming < BULK_LOAD_MIN_ROWS) continue;
    let spec: TableSpec;
    try {
      spec = specOf(name);
    } catch {
      continue;
    }
    if (!spec.bulkLoad) continue;
    const table = snake(spec.table);
    if ((await rowCount(db, table)) > incoming) continue;
    const targets: [string, readonly string[]][] = [
      [table, spec.bulkLoad.keep ?? []],
      ...Object.entries(spec.bulkLoad.derived ?? {}).map(([t, o]): [string, readonly string[]] => [t, o.keep ?? []]),
    ];
    for (const [t, keep] of targets) {
      const list = await droppable(db, t, keep);
      for (const i of list) await sql`DROP INDEX ${sql.id(i.name)}`.execute(db);
      dropped.push(...list);
      if (list.length) tables.push(t);
    }
    const recount = await recountOf(db, table);
    if (recount) {
      for (const t of recount.triggers) await sql`DROP TRIGGER ${sql.id(t.name)}`.execute(db);
      recounts.push(recount);
    }
  }
  return {
    tables,
    async finish() {
      if (!recounts.length && !dropped.length) return;
      await withPageCacheAtMost(db, REBUILD_CACHE_KIB, async () => {
        for (const r of recounts.splice(0)) {
          await sql.raw(r.clear).execute(db);
          const { lo, hi } = (
            await sql<{ lo: number | null; hi: number | null }>`SELECT min(rowid) AS lo, max(rowid) AS hi
              FROM ${sql.table(r.table)}`.execute(db)
          ).rows[0]!;
          for (const statement of r.recount)
            for (let from = lo ?? 1; hi !== null && from <= hi; from += RECOUNT_SLICE)
              // Two integers of ours, written into the text (the driver binds positional values, the text names them).
              await sql
                .raw(statement.replaceAll('@lo', String(from)).replaceAll('@hi', String(from + RECOUNT_SLICE - 1)))
                .execute(db);
          for (const t of r.triggers) await sql.raw(t.sql).execute(db);
        }
        // The indexes last: a recount reads its slices by rowid, not by an index the planner might prefer.
        while (dropped.length) await sql.raw(dropped.shift()!.sql).execute(db);
      });
    },
  };
}
