import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureConnection, createKysely, keyConnection } from '../../electron/db/connection';
import { migrateTo } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations';
import { tempDir } from '../support/host';

const NAME = '2026_12_03_1200_investigations';

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
  it('adds the investigations tables to an encrypted file with data in it, and its down removes exactly them', async () => {
    const names = Object.keys(migrations);
    const previous = names[names.indexOf(NAME) - 1]!;
    const { raw, db } = freshDb();
    await migrateTo(db, previous);
    const before = schemaOf(raw);
    raw
      .prepare(
        "INSERT INTO units (id, code, name, kind, created_at, updated_at, origin_ws, hlc) VALUES ('u1', 'PC04', 'Phòng PC04', 'province_department', 'x', 'x', 'w', 'h')",
      )
      .run();
    await migrateTo(db, NAME);
    expect(raw.prepare('SELECT code FROM units').all()).toEqual([{ code: 'PC04' }]);
    const tables = schemaOf(raw)
      .filter((s) => s.startsWith('table '))
      .map((s) => s.split(' ')[1]);
    expect(tables).toEqual(
      expect.arrayContaining([
        'tips',
        'tip_extensions',
        'drug_cases',
        'case_extensions',
        'case_suspects',
        'seizures',
        'hotspots',
      ]),
    );
    // A case row with its derived columns; the board's index answers "open cases of a unit by deadline".
    raw
      .prepare(
        `INSERT INTO drug_cases (id, number, unit_id, province_code, prosecuted_on, decision_number, offences, severity, state,
          state_on, deadline, created_at, updated_at, origin_ws, hlc)
         VALUES ('c1', '1/2026', 'u1', '08', '2026-01-05', '1/QĐ', '[{"article":"251","clause":1}]', 'serious', 'investigating',
          '2026-01-05', '2026-04-06', 'x', 'x', 'w', 'h')`,
      )
      .run();
    const plan = raw
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM drug_cases WHERE unit_id = 'u1' AND state = 'investigating' AND deadline <= '2026-12-31' ORDER BY deadline",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX drug_cases_unit_due/);
    // Case search by number (case-insensitive prefix) and a person's cases are index seeks, not scans.
    const planOf = (q: string) =>
      (raw.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(
      planOf("SELECT * FROM drug_cases WHERE number COLLATE NOCASE >= '1/' AND number COLLATE NOCASE < '1/\uffff'"),
    ).toMatch(/USING INDEX drug_cases_number/);
    expect(
      planOf(
        "SELECT c.* FROM case_suspects s JOIN drug_cases c ON c.id = s.case_id WHERE s.person_id IN ('a', 'b') AND s.deleted_at IS NULL",
      ),
    ).toMatch(/case_suspects_person/);
    expect(
      planOf("SELECT * FROM tips WHERE commune_code = 'x' AND state = 'verifying' AND deadline <= '2027-01-01'"),
    ).toMatch(/USING INDEX tips_commune_due/);
    await migrateTo(db, previous);
    expect(schemaOf(raw)).toEqual(before);
    expect(raw.prepare('SELECT code FROM units').all()).toEqual([{ code: 'PC04' }]);
    await db.destroy();
  });
});
