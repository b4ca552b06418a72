import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import { configureConnection, createKysely, keyConnection, type RawDatabase } from '../../electron/db/connection';
import { migrations } from '../../electron/db/migrations';
import { tempDir } from './host';

/** A fresh encrypted database file for a migration test, with no migration run yet. */
export function freshDb(): { raw: RawDatabase; db: ReturnType<typeof createKysely> } {
  const raw: RawDatabase = new Database(path.join(tempDir(), 'm.db'));
  keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  return { raw, db: createKysely(raw) };
}
export type Raw = RawDatabase;

/** Every table, index and trigger with its SQL (the migrator's own tables aside). */
export const schemaOf = (raw: Raw) =>
  (
    raw
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
      )
      .all() as { type: string; name: string; sql: string | null }[]
  ).map((r) => `${r.type} ${r.name} ${r.sql ?? ''}`);

/** The migration just before `name`, whatever others are added around it. */
export function previousOf(name: string): string {
  const names = Object.keys(migrations);
  const i = names.indexOf(name);
  if (i < 1) throw new Error(`no migration before ${name}`);
  return names[i - 1]!;
}

/** Two people written straight into `persons` as the persons migration left it (pk 1 with a CCCD, pk 2 without). */
export function insertTwoPersons(raw: Raw): void {
  const person = raw.prepare(`INSERT INTO persons (pk, id, full_name, name_folded, sort_key, sex, birth_date,
    birth_year, citizen_id, cur_province, cur_commune, unit_id, created_at, updated_at, origin_ws, hlc)
    VALUES (?, ?, ?, ?, ?, 'male', '1990', 1990, ?, '08', '02740', 'unit-a', 'x', 'u', 'ws', 'h')`);
  person.run(1, 'p1', 'Nguyễn Văn Đức', 'nguyen van duc', 'nguyen van duc', '008090000001');
  person.run(2, 'p2', 'Trần Thị Hoa', 'tran thi hoa', 'tran thi hoa', null);
}
