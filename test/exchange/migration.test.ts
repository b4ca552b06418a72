import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureConnection, createKysely, keyConnection } from '../../electron/db/connection';
import { migrateTo } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations';
import { tempDir } from '../support/host';

const NAME = '2026_12_03_1400_exchange';
const names = Object.keys(migrations);
const PREVIOUS = names[names.indexOf(NAME) - 1]!;

function freshDb() {
  const raw = new Database(path.join(tempDir(), 'm.db'));
  keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  return { raw, db: createKysely(raw) };
}

function schemaOf(raw: ReturnType<typeof freshDb>['raw']): string[] {
  return (
    raw
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
      )
      .all() as { type: string; name: string; sql: string | null }[]
  ).map((r) => `${r.type} ${r.name} ${r.sql ?? ''}`);
}

describe(`migration ${NAME}`, () => {
  it('gives an existing vault its station keys (valid Ed25519 and X25519 pairs), keeps its data, and down undoes it', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    const before = schemaOf(raw);
    raw
      .prepare(
        "INSERT INTO units (id, code, name, kind, created_at, updated_at, origin_ws, hlc) VALUES ('u1', 'PC04', 'Phòng PC04', 'province_department', 'x', 'x', 'w', 'h')",
      )
      .run();
    await migrateTo(db, NAME);
    const keys = raw.prepare('SELECT * FROM station_keys').all() as Record<string, string>[];
    expect(keys).toHaveLength(1);
    const k = keys[0]!;
    // The pairs belong together: a signature verifies, and the X25519 public half is the private half's.
    const signing = crypto.createPrivateKey({
      key: Buffer.concat([
        Buffer.from('302e020100300506032b657004220420', 'hex'),
        Buffer.from(k.signing_private!, 'base64'),
      ]),
      format: 'der',
      type: 'pkcs8',
    });
    const pub = crypto.createPublicKey(signing).export({ format: 'jwk' }) as { x: string };
    expect(Buffer.from(pub.x, 'base64url').toString('base64')).toBe(k.signing_public);
    const age = crypto.createPrivateKey({
      key: Buffer.concat([
        Buffer.from('302e020100300506032b656e04220420', 'hex'),
        Buffer.from(k.age_private!, 'base64'),
      ]),
      format: 'der',
      type: 'pkcs8',
    });
    const agePub = crypto.createPublicKey(age).export({ format: 'jwk' }) as { x: string };
    expect(Buffer.from(agePub.x, 'base64url').toString('base64')).toBe(k.age_public);
    expect(() => raw.prepare("INSERT INTO station_keys VALUES (2, 'a', 'b', 'c', 'd', 'e')").run()).toThrow(/CHECK/);
    expect(raw.prepare('SELECT code FROM units').all()).toEqual([{ code: 'PC04' }]);
    // Bundle history is numbered once per direction and peer.
    raw
      .prepare(
        "INSERT INTO exchange_peers VALUES ('p', 'n', 'c', NULL, NULL, NULL, 'hub', '{}', 's', 'a', 'f', 'active', 'x', 'x')",
      )
      .run();
    const bundle =
      "INSERT INTO exchange_bundles (direction, peer_id, seq, hash, counts, at) VALUES ('in', 'p', 1, 'h', '{}', 'x')";
    raw.prepare(bundle).run();
    expect(() => raw.prepare(bundle).run()).toThrow(/UNIQUE/);
    await migrateTo(db, PREVIOUS);
    expect(schemaOf(raw)).toEqual(before);
    expect(raw.prepare('SELECT code FROM units').all()).toEqual([{ code: 'PC04' }]);
    await db.destroy();
  });
});
