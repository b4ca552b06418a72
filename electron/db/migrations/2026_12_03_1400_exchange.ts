import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * The exchange (bundles on USB sticks): this station's keys, its peers, archive recipients and the history of
 * bundles sent and received. Local to the workstation, never replicated.
 *
 * The station's identity is made here, so a vault gets it when it is created and an existing vault at its next
 * opening: an Ed25519 signing key and an X25519 age identity, whose private halves live only in this encrypted
 * database. Frozen in time: never imports application code.
 */
function raw(k: crypto.KeyObject, part: 'd' | 'x'): string {
  const jwk = k.export({ format: 'jwk' }) as Record<string, string>;
  return Buffer.from(jwk[part]!, 'base64url').toString('base64');
}

export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE station_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    signing_private TEXT NOT NULL,
    signing_public TEXT NOT NULL,
    age_private TEXT NOT NULL,
    age_public TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`);
  await run(`CREATE TABLE exchange_peers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    province_code TEXT,
    commune_code TEXT,
    facility_id TEXT,
    kind TEXT NOT NULL,
    policy TEXT NOT NULL,
    signing_public TEXT NOT NULL,
    age_recipient TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL,
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`);
  await run(`CREATE TABLE exchange_archive_recipients (
    recipient TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    added_at TEXT NOT NULL
  )`);
  await run(`CREATE TABLE exchange_bundles (
    id INTEGER PRIMARY KEY,
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    peer_id TEXT NOT NULL REFERENCES exchange_peers(id),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    prev_hash TEXT,
    through_change_seq INTEGER,
    counts TEXT NOT NULL,
    refused INTEGER NOT NULL DEFAULT 0,
    audit_head TEXT,
    at TEXT NOT NULL,
    acked_at TEXT,
    UNIQUE (direction, peer_id, seq)
  )`);
  const signing = crypto.generateKeyPairSync('ed25519').privateKey;
  const age = crypto.generateKeyPairSync('x25519').privateKey;
  await sql`INSERT INTO station_keys (id, signing_private, signing_public, age_private, age_public, created_at)
    VALUES (1, ${raw(signing, 'd')}, ${raw(signing, 'x')}, ${raw(age, 'd')}, ${raw(age, 'x')}, ${new Date().toISOString()})`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['exchange_bundles', 'exchange_archive_recipients', 'exchange_peers', 'station_keys'])
    await sql.raw(`DROP TABLE ${t}`).execute(db);
}
