import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** `insert into "t" ("a", "b") values ` and `(?, ?)` of a table and its columns, from Kysely once. */
const templates = new Map<string, Template | null>();

interface Template {
  head: string;
  tuple: string;
  /**
   * The statement's text per count of rows, made once: the same string every time, whose hash V8 keeps, so the
   * statement cache finds it without hashing and comparing ~10-60 KB of new text per statement.
   */
  texts: Map<number, string>;
  /** The same with a RETURNING clause, by the clause. */
  returning?: Map<string, Map<number, string>>;
}

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
        ? { head: q.sql.slice(0, at + 8), tuple: q.sql.slice(at + 8), texts: new Map() }
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
export async function insertRows(db: Db, table: keyof DB, rows: readonly Record<string, unknown>[]): Promise<void>;
/** With `returning` (columns by their SQL names): those columns of each row inserted, in no particular order. */
export async function insertRows(
  db: Db,
  table: keyof DB,
  rows: readonly Record<string, unknown>[],
  returning: readonly string[],
): Promise<Record<string, unknown>[]>;
export async function insertRows(
  db: Db,
  table: keyof DB,
  rows: readonly Record<string, unknown>[],
  returning?: readonly string[],
): Promise<Record<string, unknown>[] | void> {
  const out: Record<string, unknown>[] = [];
  if (!rows.length) return returning ? out : undefined;
  const keys = Object.keys(rows[0]!);
  const t = keys.length ? template(db, table, keys) : null;
  const uniform = rows.every((r) => Object.keys(r).length === keys.length && keys.every((k) => k in r));
  if (!t || !uniform) {
    const q = db.insertInto(table).values(rows as never);
    if (!returning) return void (await q.execute());
    return (await q.returning(returning as never).execute()) as Record<string, unknown>[];
  }
  const tail = returning ? ` returning ${returning.map((c) => `"${c}"`).join(', ')}` : '';
  let texts = t.texts;
  if (tail) {
    t.returning ??= new Map();
    texts = t.returning.get(tail) ?? new Map<number, string>();
    t.returning.set(tail, texts);
  }
  // SQLite binds at most 32,766 values to a statement. Rows go in statements of a power of two rows each (256,
  // then what is left as 128 + 64 + …): a table has at most nine shapes of statement, which stay prepared in the
  // connection's cache, instead of a new one to compile for every count of rows a batch happens to end with.
  let per = 1;
  while (per < 256 && per * 2 * keys.length <= 30_000) per *= 2;
  for (let i = 0; i < rows.length;) {
    let n = per;
    while (n > rows.length - i) n >>= 1;
    const params: unknown[] = [];
    for (let j = i; j < i + n; j++) {
      const r = rows[j]!;
      for (const k of keys) params.push(r[k]);
    }
    let text = texts.get(n);
    if (text === undefined) texts.set(n, (text = t.head + tuples(t.tuple, n) + tail));
    const r = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params));
    if (returning) for (const row of r.rows) out.push(row);
    i += n;
  }
  return returning ? out : undefined;
}

/** `(?, ?), (?, ?), …` for n rows, made once per tuple and count. */
const tupleLists = new Map<string, string>();
function tuples(tuple: string, n: number): string {
  const k = `${n}|${tuple}`;
  let list = tupleLists.get(k);
  if (list === undefined) {
    list = Array(n).fill(tuple).join(', ');
    if (tupleLists.size > 500) tupleLists.clear();
    tupleLists.set(k, list);
  }
  return list;
}
