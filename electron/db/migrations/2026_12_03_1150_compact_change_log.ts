import { sql, type Kysely } from 'kysely';

/**
 * A denser change log (about a fifth of the bytes per person):
 * - the stamp as two integers (wall milliseconds, counter) instead of 59 characters;
 * - who wrote it (workstation, account, the stamp's node) and which table as small numbers into two dictionaries;
 * - record ids as 16-byte blobs (ids that are not UUIDs stay text);
 * - a record's first write on this workstation stored by reference (`changes` NULL): its values are the row's,
 *   for every field no later change wrote (see changelog/log-store.ts).
 * Frozen in time: never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE log_actors (
    n INTEGER PRIMARY KEY,
    workstation_id TEXT NOT NULL,
    account_id TEXT NOT NULL DEFAULT '',
    node TEXT NOT NULL,
    UNIQUE (workstation_id, account_id, node)
  )`);
  await run(`CREATE TABLE log_tables (n INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)`);
  await run(`CREATE TABLE change_log_new (
    seq INTEGER PRIMARY KEY,
    wall INTEGER NOT NULL,
    counter INTEGER NOT NULL,
    actor INTEGER NOT NULL REFERENCES log_actors(n),
    tbl INTEGER NOT NULL REFERENCES log_tables(n),
    record BLOB NOT NULL,
    changes TEXT,
    base TEXT
  )`);
  await run(`INSERT INTO log_tables (name) SELECT DISTINCT table_name FROM change_log ORDER BY table_name`);
  await run(`INSERT INTO log_actors (workstation_id, account_id, node)
    SELECT DISTINCT workstation_id, coalesce(account_id, ''), substr(hlc, 24) FROM change_log`);
  await run(`INSERT INTO change_log_new (seq, wall, counter, actor, tbl, record, changes, base)
    SELECT c.seq, CAST(substr(c.hlc, 1, 15) AS INTEGER), CAST(substr(c.hlc, 17, 6) AS INTEGER), a.n, t.n,
      CASE WHEN length(c.record_id) = 36 AND unhex(replace(c.record_id, '-', '')) IS NOT NULL
           AND length(unhex(replace(c.record_id, '-', ''))) = 16
        THEN unhex(replace(c.record_id, '-', '')) ELSE c.record_id END,
      c.changes, c.base
    FROM change_log c
    JOIN log_tables t ON t.name = c.table_name
    JOIN log_actors a ON a.workstation_id = c.workstation_id AND a.account_id = coalesce(c.account_id, '')
      AND a.node = substr(c.hlc, 24)`);
  await run(`DROP TABLE change_log`);
  await run(`ALTER TABLE change_log_new RENAME TO change_log`);
  await run(`CREATE INDEX change_log_record ON change_log(tbl, record)`);
}

/** Columns of each table that were derived (never logged) when this migration shipped. */
const DERIVED: Record<string, readonly string[]> = {
  persons: ['name_folded', 'sort_key', 'birth_year', 'category', 'last_contact_at', 'citizen_id_warnings'],
  addiction_determinations: ['registration_deadline'],
};
const SYNC = new Set(['pk', 'id', 'hlc', 'created_at', 'updated_at', 'origin_ws', 'deleted_at']);
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Back to text columns; first writes stored by reference are written out in full from their rows. */
export async function down(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE change_log_old (
    seq INTEGER PRIMARY KEY,
    hlc TEXT NOT NULL,
    workstation_id TEXT NOT NULL,
    account_id TEXT,
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    changes TEXT NOT NULL,
    base TEXT
  )`);
  const idText = `CASE WHEN typeof(c.record) = 'blob' THEN lower(substr(hex(c.record), 1, 8) || '-' ||
      substr(hex(c.record), 9, 4) || '-' || substr(hex(c.record), 13, 4) || '-' || substr(hex(c.record), 17, 4) ||
      '-' || substr(hex(c.record), 21)) ELSE c.record END`;
  await run(`INSERT INTO change_log_old
    SELECT c.seq, printf('%015d-%06d-%s', c.wall, c.counter, a.node), a.workstation_id, nullif(a.account_id, ''),
      t.name, ${idText}, coalesce(c.changes, '{}'), c.base
    FROM change_log c JOIN log_actors a ON a.n = c.actor JOIN log_tables t ON t.n = c.tbl`);
  // Write out the first writes kept by reference: every stored, non-derived, non-null column no later change set.
  const refs = (
    await sql<{
      seq: number;
      tableName: string;
      recordId: string;
    }>`SELECT seq, table_name AS "tableName", record_id AS "recordId" FROM change_log_old o
       WHERE seq IN (SELECT seq FROM change_log WHERE changes IS NULL)`.execute(db)
  ).rows;
  for (const r of refs) {
    const table = snake(r.tableName);
    const row = (await sql.raw(`SELECT * FROM ${table} WHERE id = '${r.recordId.replace(/'/g, "''")}'`).execute(db))
      .rows[0] as Record<string, unknown> | undefined;
    if (!row) continue;
    const later = (
      await sql<{ changes: string }>`SELECT changes FROM change_log_old
        WHERE table_name = ${r.tableName} AND record_id = ${r.recordId} AND seq > ${r.seq}`.execute(db)
    ).rows.flatMap((c) => Object.keys(JSON.parse(c.changes) as object));
    const fields: Record<string, unknown> = {};
    for (const [col, v] of Object.entries(row)) {
      if (SYNC.has(col) || (DERIVED[table] ?? []).includes(col) || v === null) continue;
      const name = camel(col);
      if (!later.includes(name)) fields[name] = v;
    }
    await sql`UPDATE change_log_old SET changes = ${JSON.stringify(fields)} WHERE seq = ${r.seq}`.execute(db);
  }
  await run(`DROP TABLE change_log`);
  await run(`DROP TABLE log_actors`);
  await run(`DROP TABLE log_tables`);
  await run(`ALTER TABLE change_log_old RENAME TO change_log`);
  await run(`CREATE INDEX change_log_record ON change_log(table_name, record_id)`);
}
