import { sql, type Kysely } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { migrations } from './migrations';
import { withPageCacheAtMost } from './page-cache';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Any schema type: migrations see the database as it was when they were written, not as `DB` says it is now. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string> {
  // A migration registered after a later-named one had already run on some file (two engineers' migrations
  // landing out of name order) is run on that file too, instead of refusing to open it.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  // A migration that builds an index sorts every row in memory (temp_store=MEMORY keeps the sort's spill off the
  // disk), beside the page cache, and the sort's own buffer is as large as the cache: at a million people, 128 MiB
  // of cache made an upgrade peak above the 400 MB budget. A small cache while migrating keeps it below.
  const pending = (await migrator.getMigrations()).some((m) => m.executedAt === undefined);
  const { error, results } = pending
    ? await withPageCacheAtMost(db, 16 * 1024, () => migrator.migrateToLatest())
    : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError(ErrorCodes.INTERNAL, `migration ${failed} failed`);
  }
  if (pending) await analyzeNewIndexes(db);
  return latestMigrationName();
}

/**
 * Gives the indexes a migration made their statistics, on a file that has statistics (a seeded or analyzed one):
 * without them SQLite plans with guesses beside the measured figures of every other index, and at a million people
 * it chose the new report indexes for name searches (a leader's search 1.49x plain instead of 1.2x). Only the
 * indexes without statistics are read, once, when the migration runs. Returns their names.
 */
export async function analyzeNewIndexes<DB>(db: Kysely<DB>): Promise<string[]> {
  const analyzed = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`.execute(db);
  if (!analyzed.rows[0]?.n) return [];
  const names = (
    await sql<{
      name: string;
    }>`SELECT m.name AS name FROM sqlite_master AS m WHERE m.type = 'index' AND m.sql IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 AS s WHERE s.idx = m.name)`.execute(db)
  ).rows.map((r) => r.name);
  for (const name of names) await sql.raw(`ANALYZE "${name.replace(/"/g, '""')}"`).execute(db);
  return names;
}

/** Migrates up to and including `name`: used by the per-migration tests. */
export async function migrateTo<DB>(db: Kysely<DB>, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error;
}

export function latestMigrationName(): string {
  const names = Object.keys(migrations).sort();
  return names[names.length - 1] ?? '';
}
