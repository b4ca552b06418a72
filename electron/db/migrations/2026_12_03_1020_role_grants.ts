import { sql, type Kysely } from 'kysely';

/**
 * Separation of duties: a role that reads records, given by an administrator (a new account, a role change, a
 * password reset or re-enabling), is a grant that takes effect only when a leader approves it.
 *
 * Accounts that exist before this migration keep their roles (no grant row means nothing awaits approval).
 * Local to the workstation, like accounts: never replicated. Frozen in time: never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE role_grants (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    role TEXT NOT NULL,
    previous_role TEXT,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_by TEXT REFERENCES accounts(id),
    requested_at TEXT NOT NULL,
    decided_by TEXT REFERENCES accounts(id),
    decided_at TEXT
  )`.execute(db);
  // At most one grant per account awaits a decision.
  await sql`CREATE UNIQUE INDEX role_grants_pending ON role_grants(account_id) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX role_grants_decided ON role_grants(decided_at) WHERE status <> 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE role_grants`.execute(db);
}
