import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely, keyConnection, configureConnection } from '../../electron/db/connection';
import { latestMigrationName, migrateTo, migrateToLatest } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations';
import { tempDir } from '../support/host';

function freshDb() {
  const raw = new Database(path.join(tempDir(), 'm.db'));
  keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  return { raw, db: createKysely(raw) };
}

/** Every table, index and trigger with its SQL, in a stable order (the migrator's own tables aside). */
function schemaOf(raw: ReturnType<typeof freshDb>['raw']): string[] {
  return (
    raw
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
      )
      .all() as { type: string; name: string; sql: string | null }[]
  ).map((r) => `${r.type} ${r.name}${r.type === 'table' ? '' : ` ${r.sql ?? ''}`}`);
}

describe('migrations', () => {
  it('are listed in time order, so a new one cannot sort before the latest', () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
    for (const n of names) expect(n).toMatch(/^\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+$/);
    expect(latestMigrationName()).toBe(names[names.length - 1]);
  });

  it('2026_11_23_1700_core creates the core tables and makes the audit log append-only', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, '2026_11_23_1700_core');
    const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(tables).toEqual(expect.arrayContaining(['meta', 'units', 'accounts', 'audit_log', 'change_log']));
    raw
      .prepare("INSERT INTO audit_log (seq, at, action, outcome, prev_hash, hash) VALUES (1, 'x', 'a', 'ok', 'p', 'h')")
      .run();
    expect(() => raw.prepare("UPDATE audit_log SET action = 'b'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    await db.destroy();
  });

  it('2026_12_03_1020_role_grants keeps existing roles in force and holds at most one pending grant per account', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, '2026_11_23_1800_persons');
    const account = (id: string, role: string) =>
      raw
        .prepare(
          "INSERT INTO accounts (id, username, display_name, role, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', 'x', 'x')",
        )
        .run(id, `u-${id}`, `U ${id}`, role);
    account('a1', 'leader');
    account('a2', 'investigator');
    await migrateTo(db, '2026_12_03_1020_role_grants');
    // Accounts made before separation of duties have no grant row: nothing of theirs awaits approval.
    expect(raw.prepare('SELECT count(*) AS n FROM role_grants').get()).toEqual({ n: 0 });
    const grant = raw.prepare(
      "INSERT INTO role_grants (id, account_id, role, kind, status, requested_by, requested_at) VALUES (?, 'a2', 'leader', 'role_change', ?, 'a1', 'x')",
    );
    grant.run('g1', 'pending');
    expect(() => grant.run('g2', 'pending')).toThrow(/UNIQUE/);
    grant.run('g3', 'rejected');
    expect(() =>
      raw
        .prepare(
          "INSERT INTO role_grants (id, account_id, role, kind, status, requested_at) VALUES ('g4', 'nobody', 'leader', 'create', 'pending', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    await db.destroy();
  });

  it('2026_11_23_1800_persons adds the persons tables to a file with data, and its down removes all it made', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, '2026_11_23_1700_core');
    const before = schemaOf(raw);
    raw
      .prepare(
        "INSERT INTO units (id, code, name, kind, created_at, updated_at, origin_ws, hlc) VALUES ('u1', 'PC04', 'Phòng PC04', 'province_department', 'x', 'x', 'w', 'h')",
      )
      .run();
    await migrateTo(db, '2026_11_23_1800_persons');
    expect(raw.prepare('SELECT code FROM units').all()).toEqual([{ code: 'PC04' }]);
    const tables = schemaOf(raw).filter((s) => s.startsWith('table '));
    expect(tables).toEqual(
      expect.arrayContaining(['table persons', 'table person_name_tokens', 'table person_measures', 'table settings']),
    );
    await migrateTo(db, '2026_11_23_1700_core');
    expect(schemaOf(raw)).toEqual(before);
    expect(raw.prepare('SELECT code FROM units').all()).toEqual([{ code: 'PC04' }]);
    await db.destroy();
  });

  it('2026_12_03_1100_platform adds the base of each change and the conflicts table, keeping every change; down undoes it', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, '2026_12_03_1020_role_grants');
    const before = schemaOf(raw);
    raw
      .prepare(
        `INSERT INTO change_log (hlc, workstation_id, account_id, table_name, record_id, changes) VALUES ('h1', 'w', NULL, 'units', 'u1', '{"name":"A"}')`,
      )
      .run();
    await migrateTo(db, '2026_12_03_1100_platform');
    expect(raw.prepare('SELECT hlc, changes, base FROM change_log').all()).toEqual([
      { hlc: 'h1', changes: '{"name":"A"}', base: null },
    ]);
    raw
      .prepare(
        "INSERT INTO conflicts (table_name, record_id, field, current_hlc, other_hlc) VALUES ('units', 'u1', 'name', 'h2', 'h1')",
      )
      .run();
    expect(() =>
      raw
        .prepare(
          "INSERT INTO conflicts (table_name, record_id, field, current_hlc, other_hlc) VALUES ('units', 'u1', 'name', 'h3', 'h1')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    await migrateTo(db, '2026_12_03_1020_role_grants');
    expect(schemaOf(raw)).toEqual(before);
    expect(raw.prepare('SELECT hlc, changes FROM change_log').all()).toEqual([{ hlc: 'h1', changes: '{"name":"A"}' }]);
    await db.destroy();
  });

  it('every migration with a down returns the schema to what the previous one left', async () => {
    const names = Object.keys(migrations);
    for (let i = 1; i < names.length; i++) {
      const { raw, db } = freshDb();
      await migrateTo(db, names[i - 1]!);
      const before = schemaOf(raw);
      await migrateTo(db, names[i]!);
      await migrateTo(db, names[i - 1]!);
      expect([names[i], schemaOf(raw)]).toEqual([names[i], before]);
      await db.destroy();
    }
  });

  it('migrating runs with a small page cache and gives the connection back the cache it was configured with', async () => {
    const { raw, db } = freshDb();
    const configured = raw.pragma('cache_size', { simple: true });
    expect(configured).toBe(-131072);
    await migrateToLatest(db);
    expect(raw.pragma('cache_size', { simple: true })).toBe(configured);
    // Nothing pending: the cache is not touched at all.
    raw.pragma('cache_size = -1000');
    await migrateToLatest(db);
    expect(raw.pragma('cache_size', { simple: true })).toBe(-1000);
    await db.destroy();
  });

  it('a migration that makes an index on an analyzed file gives it statistics; a file never analyzed stays so', async () => {
    const { raw, db } = freshDb();
    const names = Object.keys(migrations);
    await migrateTo(db, names[names.indexOf('2026_12_03_1830_person_summary_order') - 1]!);
    raw
      .prepare(
        `INSERT INTO persons (pk, id, full_name, name_folded, sort_key, sex, birth_date, birth_year, created_at,
          updated_at, origin_ws, hlc) VALUES (1, 'p1', 'Nguyễn Văn Đức', 'nguyen van duc', 'nguyen van duc', 'male',
          '1990', 1990, 'x', 'u', 'ws', 'h')`,
      )
      .run();
    raw.exec('ANALYZE');
    await migrateToLatest(db);
    const stat = raw.prepare(`SELECT stat FROM sqlite_stat1 WHERE idx = 'persons_summary_sorted'`).get() as
      { stat: string } | undefined;
    expect(stat?.stat).toMatch(/^1 /);
    await db.destroy();

    const fresh = freshDb();
    await migrateToLatest(fresh.db);
    expect(fresh.raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`).get()).toEqual({
      n: 0,
    });
    await fresh.db.destroy();
  });

  it('migrating to latest twice is a no-op', async () => {
    const { db } = freshDb();
    await migrateToLatest(db);
    await migrateToLatest(db);
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM kysely_migration`.execute(db);
    expect(r.rows[0]!.n).toBe(Object.keys(migrations).length);
    await db.destroy();
  });
});
