import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureConnection, createKysely, keyConnection } from '../../electron/db/connection';
import { migrateTo } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations';
import { tempDir } from '../support/host';

const NAME = '2026_12_03_1300_rehabilitation';

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
  it('adds the rehab tables to an encrypted file with data, with the board and roster on indexes; down removes them', async () => {
    const names = Object.keys(migrations);
    const previous = names[names.indexOf(NAME) - 1]!;
    const { raw, db } = freshDb();
    await migrateTo(db, previous);
    const before = schemaOf(raw);
    raw
      .prepare(
        "INSERT INTO units (id, code, name, kind, created_at, updated_at, origin_ws, hlc) VALUES ('u1', 'CSCN', 'Cơ sở cai nghiện', 'rehab_centre', 'x', 'x', 'w', 'h')",
      )
      .run();
    await migrateTo(db, NAME);
    expect(raw.prepare('SELECT code FROM units').all()).toEqual([{ code: 'CSCN' }]);
    const tables = schemaOf(raw)
      .filter((s) => s.startsWith('table '))
      .map((s) => s.split(' ')[1]);
    expect(tables).toEqual(
      expect.arrayContaining([
        'rehab_facilities',
        'rehab_referrals',
        'rehab_documents',
        'rehab_stays',
        'rehab_voluntary',
        'rehab_methadone',
      ]),
    );
    raw
      .prepare(
        `INSERT INTO rehab_referrals (id, person_id, state, state_on, discovered_on, pending_custody, commune_code,
          unit_id, deadline, created_at, updated_at, origin_ws, hlc)
         VALUES ('r1', 'p1', 'discovered', '2026-09-01', '2026-09-01', 'family', '01234', 'u1', '2026-09-09', 'x', 'x', 'w', 'h')`,
      )
      .run();
    const planOf = (q: string) =>
      (raw.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(
      planOf("SELECT * FROM rehab_referrals WHERE commune_code = '01234' AND state = 'discovered' ORDER BY deadline"),
    ).toMatch(/USING INDEX rehab_referrals_commune_due/);
    expect(
      planOf("SELECT * FROM rehab_stays WHERE facility_id = 'f1' AND status = 'in_stay' ORDER BY planned_discharge_on"),
    ).toMatch(/USING INDEX rehab_stays_facility/);
    expect(planOf("SELECT person_id FROM rehab_referrals WHERE facility_id = 'f1'")).toMatch(
      /USING (COVERING )?INDEX rehab_referrals_facility/,
    );
    await migrateTo(db, previous);
    expect(schemaOf(raw)).toEqual(before);
    expect(raw.prepare('SELECT code FROM units').all()).toEqual([{ code: 'CSCN' }]);
    raw.close();
  });
});
