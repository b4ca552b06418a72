import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type { RawDatabase } from './connection';

/**
 * The connection as Kysely's SQLite driver sees it, with prepared statements kept by SQL text. Kysely's driver
 * prepares every query it runs afresh; preparing (parsing and planning the SQL) costs as much as running a
 * small query, so the change-log apply of a bundle spent a quarter of its time there. A statement is reused
 * only when it is idle (an iterator still open on it gets a fresh one); the least recently used fall out
 * beyond `max`, so queries whose text varies (`IN (?, ?, …)` of many lengths) cannot grow it without bound.
 * SQLite re-prepares a kept statement by itself when the schema changes (a migration).
 */
export function cachingDatabase(raw: RawDatabase, max = 150): SqliteDatabase {
  const kept = new Map<string, SqliteStatement & { busy: boolean }>();
  return {
    close() {
      kept.clear();
      raw.close();
    },
    prepare(sql: string): SqliteStatement {
      const hit = kept.get(sql);
      if (hit) {
        if (hit.busy) return raw.prepare(sql);
        // Most recently used last.
        kept.delete(sql);
        kept.set(sql, hit);
        return hit;
      }
      const stmt = raw.prepare(sql);
      kept.set(sql, stmt);
      if (kept.size > max) kept.delete(kept.keys().next().value!);
      return stmt;
    },
  };
}
