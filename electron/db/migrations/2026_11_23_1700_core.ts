import { sql, type Kysely } from 'kysely';

/**
 * The secure core: workstation metadata, units, accounts, the hash-chained audit log and the change log.
 *
 * Frozen in time: migrations never import application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('origin_ws', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await sql`CREATE UNIQUE INDEX units_code ON units(code) WHERE deleted_at IS NULL`.execute(db);

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('username', 'text')
    .addColumn('role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text')
    .addColumn('record_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX audit_log_at ON audit_log(at)`.execute(db);
  await sql`CREATE INDEX audit_log_record ON audit_log(record_type, record_id)`.execute(db);
  await sql`CREATE INDEX audit_log_account ON audit_log(account_id, seq)`.execute(db);
  // Append-only: the application never updates or deletes an entry. Tampering needs the key and a
  // deliberate DROP TRIGGER, and is still caught by the hash chain and the MACed head in the vault file.
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);

  // One row per record write: the fields it set, as a JSON object. Merge still works field by field
  // (see changelog/materialize.ts); a row per field would cost ~15 rows and ~6 KB per person.
  await db.schema
    .createTable('change_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('workstation_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX change_log_record ON change_log(table_name, record_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['change_log', 'audit_log', 'accounts', 'units', 'meta']) await db.schema.dropTable(t).execute();
}
