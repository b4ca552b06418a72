import { sql, type QueryExecutorProvider } from 'kysely';

/**
 * Runs `work` with the connection's page cache at most `kib` KiB, and gives the earlier size back after, even when
 * `work` throws (`PRAGMA cache_size` is not part of a transaction). For work that sorts much (CREATE INDEX, a large
 * GROUP BY): SQLite's sorter buffer is as large as the cache, and with temp_store=MEMORY what it spills stays in
 * memory too, so a large cache doubles the peak. A smaller cache the caller set is kept.
 */
export async function withPageCacheAtMost<T>(
  db: QueryExecutorProvider,
  kib: number,
  work: () => Promise<T>,
): Promise<T> {
  const cache = Math.trunc(
    Number((await sql<{ n: number }>`SELECT cache_size AS n FROM pragma_cache_size`.execute(db)).rows[0]!.n),
  );
  // (Negative: a size in KiB; positive: a number of pages.)
  await sql.raw(`PRAGMA cache_size = ${cache < 0 ? Math.max(cache, -kib) : -kib}`).execute(db);
  try {
    return await work();
  } finally {
    await sql.raw(`PRAGMA cache_size = ${cache}`).execute(db);
  }
}
