import { sql, type Kysely } from 'kysely';

/**
 * The audit entries a peer's bundles carry (a commune's trail sent to its hub, issue 12): until now the hub checked
 * them and kept only the sender's audit head. Kept per sender station, with their hash chain (`prev_hash`, `hash`,
 * as in the sender's own `audit_log`), and which bundle brought them. Append-only like the audit log. Local to the
 * workstation, never replicated. Frozen in time: never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE exchange_audit_entries (
    peer_id TEXT NOT NULL REFERENCES exchange_peers(id),
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    account_id TEXT,
    username TEXT,
    role TEXT,
    action TEXT NOT NULL,
    record_type TEXT,
    record_id TEXT,
    outcome TEXT NOT NULL,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    bundle_seq INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (peer_id, seq)
  ) WITHOUT ROWID`.execute(db);
  await sql`CREATE TRIGGER exchange_audit_entries_no_update BEFORE UPDATE ON exchange_audit_entries
    BEGIN SELECT RAISE(ABORT, 'received audit entries are append-only'); END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER exchange_audit_entries_no_update`.execute(db);
  await sql`DROP TABLE exchange_audit_entries`.execute(db);
}
