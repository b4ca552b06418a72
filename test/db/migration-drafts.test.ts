import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureConnection, createKysely, keyConnection } from '../../electron/db/connection';
import { migrateTo } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations';
import { tempDir } from '../support/host';

function freshDb() {
  const raw = new Database(path.join(tempDir(), 'm.db'));
  keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  return { raw, db: createKysely(raw) };
}

const tables = (raw: ReturnType<typeof freshDb>['raw']) =>
  (
    raw.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

const NAME = '2026_12_03_1500_drafts';
/** The migration just before this one, whatever others are added around it. */
const PREVIOUS = Object.keys(migrations)[Object.keys(migrations).indexOf(NAME) - 1]!;

describe('migration 2026_12_03_1500_drafts', () => {
  it('adds drafts per account and form beside existing data, and its down removes them alone', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    raw
      .prepare(
        "INSERT INTO accounts (id, username, display_name, role, status, created_at, updated_at) VALUES ('a1', 'canbo', 'Cán bộ', 'commune_officer', 'active', 'x', 'x')",
      )
      .run();
    const before = tables(raw);

    await migrateTo(db, NAME);
    const insert = raw.prepare(
      'INSERT INTO drafts (account_id, form_key, payload, screen, updated_at) VALUES (?, ?, ?, NULL, ?)',
    );
    insert.run('a1', 'persons.create', '{"values":{}}', '2026-12-03T08:00:00Z');
    // One draft per account and form; only accounts that exist own drafts.
    expect(() => insert.run('a1', 'persons.create', '{}', 'x')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('nobody', 'persons.create', '{}', 'x')).toThrow(/FOREIGN KEY/);
    expect(raw.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 1 });

    await migrateTo(db, PREVIOUS);
    expect(tables(raw)).toEqual(before);
    expect(raw.prepare('SELECT username FROM accounts').all()).toEqual([{ username: 'canbo' }]);
    await db.destroy();
  });
});
