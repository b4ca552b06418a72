import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** `insert into "t" ("a", "b") values ` and `(?, ?)` of a table and its columns, from Kysely once. */
const templates = new Map<string, { head: string; tuple: string } | null>();

function template(db: Db, table: keyof DB, keys: readonly string[]) {
  const k = `${table}|${keys.join(',')}`;
  let t = templates.get(k);
  if (t === undefined) {
    const q = db
      .insertInto(table)
      .values(Object.fromEntries(keys.map((c) => [c, 0])) as never)
      .compile();
    const at = q.sql.lastIndexOf(' values (');
    t =
      at > 0 && q.parameters.length === keys.length && q.sql.endsWith(')')
        ? { head: q.sql.slice(0, at + 8), tuple: q.sql.slice(at + 8) }
        : null;
    if (templates.size > 200) templates.clear();
    templates.set(k, t);
  }
  return t;
}

/**
 * Inserts rows that all have the same columns, many to a statement, without Kysely building a query tree for
 * every value (which cost more than SQLite's insert itself when an import writes thousands of rows). The SQL
 * comes from Kysely once per table and columns (its names and quoting); the rows' values are bound in order.
 */
export async function insertRows(db: Db, table: keyof DB, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const keys = Object.keys(rows[0]!);
  const t = keys.length ? template(db, table, keys) : null;
  const uniform = rows.every((r) => Object.keys(r).length === keys.length && keys.every((k) => k in r));
  if (!t || !uniform) {
    await db
      .insertInto(table)
      .values(rows as never)
      .execute();
    return;
  }
  // SQLite binds at most 32,766 values to a statement.
  const per = Math.max(1, Math.min(500, Math.floor(30_000 / keys.length)));
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    const params: unknown[] = [];
    for (const r of part) for (const k of keys) params.push(r[k]);
    await db.executeQuery(CompiledQuery.raw(t.head + Array(part.length).fill(t.tuple).join(', '), params));
  }
}
