import { sql, type Kysely } from 'kysely';

/**
 * Drafts: what a user had typed into a form and not saved yet, kept across a lock inside the encrypted
 * database (never in the renderer, never on disk in clear). One row per account and form; local to the
 * workstation, like accounts: never replicated, never in the change log. Frozen in time: never imports
 * application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE drafts (
    account_id TEXT NOT NULL REFERENCES accounts(id),
    form_key TEXT NOT NULL,
    payload TEXT NOT NULL,
    screen TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, form_key)
  ) WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX drafts_recent ON drafts(account_id, updated_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE drafts`.execute(db);
}
