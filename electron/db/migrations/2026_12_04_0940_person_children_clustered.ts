import { sql, type Kysely } from 'kysely';

/**
 * A person's measures, check-ins, tests and addiction findings are stored together, keyed by the person
 * (issue 8: opening a file at a million people cost 1.13-1.53× plain SQLite). Each of the four tables was a rowid
 * table with an index on `person_id`: a file read the index, then each row from wherever it had been appended,
 * every page another page decrypted. Rebuilt `WITHOUT ROWID` with the primary key `(person_id, id)`, a person's
 * rows sit side by side in one B-tree and a file reads them in one seek per table. Lookups by id keep a unique
 * index on `id` (as the old implicit primary-key index did); `(person_id)` alone is the key's prefix now, so its
 * index goes. Every other index and trigger of the tables is made again exactly as it was (read from the schema
 * first), with the same rows. Frozen in time: never imports application code.
 */

const SYNC = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin_ws TEXT NOT NULL, hlc TEXT NOT NULL, deleted_at TEXT`;

interface Shape {
  table: string;
  /** The table exactly as the persons migration made it (its `down` gives this text back). */
  original: string;
  /** The old index on `person_id` alone (made again by `down`). */
  personIndex: string;
}

const TABLES: Shape[] = [
  {
    table: 'person_measures',
    original: `CREATE TABLE person_measures (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, kind TEXT NOT NULL,
    decision_number TEXT NOT NULL, decision_date TEXT NOT NULL, authority TEXT NOT NULL, officer TEXT,
    start_date TEXT NOT NULL, end_date TEXT, status TEXT NOT NULL, notes TEXT, ${SYNC})`,
    personIndex: 'person_measures_person',
  },
  {
    table: 'person_check_ins',
    original: `CREATE TABLE person_check_ins (
    id TEXT PRIMARY KEY, measure_id TEXT NOT NULL, person_id TEXT NOT NULL, date TEXT NOT NULL, note TEXT NOT NULL, ${SYNC})`,
    personIndex: 'person_check_ins_person',
  },
  {
    table: 'drug_tests',
    original: `CREATE TABLE drug_tests (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, date TEXT NOT NULL, method TEXT NOT NULL, result TEXT NOT NULL,
    substances TEXT NOT NULL DEFAULT '[]', notes TEXT, ${SYNC})`,
    personIndex: 'drug_tests_person',
  },
  {
    table: 'addiction_determinations',
    original: `CREATE TABLE addiction_determinations (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, requested_date TEXT NOT NULL, facility TEXT NOT NULL,
    result_date TEXT, result TEXT NOT NULL, form_ref TEXT, registration_deadline TEXT, registered_at TEXT, ${SYNC})`,
    personIndex: 'addiction_determinations_person',
  },
];

/** The same columns keyed by the person: `id` stays unique through its own index. */
const clustered = (t: Shape) =>
  `${t.original.replace('id TEXT PRIMARY KEY,', 'id TEXT NOT NULL,').slice(0, -1)},
    PRIMARY KEY (person_id, id)) WITHOUT ROWID`;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Rebuilds `table` as `create` makes it, with its rows (copied in `order`), and its indexes and triggers as they
 * were, save `drop`; `extra` indexes are made after. The old table is renamed with `legacy_alter_table` on, so the
 * triggers of other tables that name it (a person's insert reads their tests and measures) are left naming the
 * table, which the new one then is.
 */
async function rebuild(
  db: Kysely<any>,
  table: string,
  create: string,
  order: string,
  drop: readonly string[],
  extra: readonly string[],
): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  const kept = (
    await sql<{ name: string; sql: string; type: string }>`SELECT type, name, sql FROM sqlite_master
      WHERE tbl_name = ${table} AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db)
  ).rows.filter((r) => !drop.includes(r.name));
  const columns = (
    await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}) ORDER BY cid`.execute(db)
  ).rows.map((r) => quote(r.name));
  const old = `${table}__rebuilt`;
  await run('PRAGMA legacy_alter_table = ON');
  try {
    await run(`ALTER TABLE ${quote(table)} RENAME TO ${quote(old)}`);
    await run(create);
    await run(
      `INSERT INTO ${quote(table)} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM ${quote(old)} ORDER BY ${order}`,
    );
    await run(`DROP TABLE ${quote(old)}`);
  } finally {
    await run('PRAGMA legacy_alter_table = OFF');
  }
  // Indexes before triggers: a trigger's statements are planned against the indexes there are.
  for (const r of kept.filter((k) => k.type === 'index')) await run(r.sql);
  for (const text of extra) await run(text);
  for (const r of kept.filter((k) => k.type === 'trigger')) await run(r.sql);
  // A file with statistics (seeded or analyzed) gets them for the rebuilt table, so plans stay measured.
  const stats = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`.execute(
    db,
  );
  if (stats.rows[0]?.n) {
    await sql`DELETE FROM sqlite_stat1 WHERE tbl IN (${table}, ${old})`.execute(db);
    await run(`ANALYZE ${quote(table)}`);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of TABLES)
    await rebuild(
      db,
      t.table,
      clustered(t),
      'person_id, id',
      [t.personIndex],
      [`CREATE UNIQUE INDEX ${t.table}_id ON ${t.table}(id)`],
    );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES)
    await rebuild(
      db,
      t.table,
      t.original,
      'id',
      [`${t.table}_id`],
      [`CREATE INDEX ${t.personIndex} ON ${t.table}(person_id)`],
    );
}
