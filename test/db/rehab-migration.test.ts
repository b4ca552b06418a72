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

describe('migration 2026_12_03_1700_rehab_indexes', () => {
  const NEXT = '2026_12_03_1700_rehab_indexes';
  it('puts the dossier, the roster and the occupancy count on indexes, keeps the rows; down restores the schema', async () => {
    const names = Object.keys(migrations);
    const previous = names[names.indexOf(NEXT) - 1]!;
    const { raw, db } = freshDb();
    await migrateTo(db, previous);
    const before = schemaOf(raw);
    const stay = raw.prepare(
      `INSERT INTO rehab_stays (id, person_id, facility_id, referral_id, admitted_on, planned_discharge_on, status, stage,
        commune_code, created_at, updated_at, origin_ws, hlc) VALUES (?, ?, 'f1', ?, '2026-01-05', ?, ?, 'intake', '01234', 'x', 'x', 'w', 'h')`,
    );
    stay.run('s1', 'p1', 'r1', '2027-01-04', 'in_stay');
    stay.run('s2', 'p2', 'r2', '2026-12-01', 'absconded');
    stay.run('s3', 'p3', 'r3', '2026-06-01', 'discharged');
    await migrateTo(db, NEXT);
    expect(raw.prepare('SELECT id FROM rehab_stays ORDER BY id').all()).toEqual([
      { id: 's1' },
      { id: 's2' },
      { id: 's3' },
    ]);
    const planOf = (q: string) =>
      (raw.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');
    expect(
      planOf(
        `SELECT id, person_id, commune_code, admitted_on, stage, status, planned_discharge_on, referral_id FROM rehab_stays
         WHERE facility_id = 'f1' AND status IN ('in_stay', 'absconded') AND deleted_at IS NULL ORDER BY planned_discharge_on`,
      ),
    ).toMatch(/USING COVERING INDEX rehab_stays_roster/);
    expect(
      planOf(
        "SELECT count(*) FROM rehab_stays WHERE facility_id = 'f1' AND status IN ('in_stay', 'absconded') AND deleted_at IS NULL",
      ),
    ).toMatch(/USING COVERING INDEX rehab_stays_roster/);
    expect(
      planOf(
        "SELECT * FROM rehab_stays WHERE referral_id = 'r1' AND deleted_at IS NULL ORDER BY admitted_on DESC LIMIT 1",
      ),
    ).toMatch(/USING INDEX rehab_stays_referral/);
    expect(
      planOf(
        "SELECT id FROM rehab_referrals WHERE facility_id = 'f1' AND state IN ('decided', 'deferred') AND deleted_at IS NULL ORDER BY deadline",
      ),
    ).toMatch(/USING INDEX rehab_referrals_facility_due/);
    await migrateTo(db, previous);
    expect(schemaOf(raw)).toEqual(before);
    expect(raw.prepare('SELECT count(*) AS n FROM rehab_stays').get()).toEqual({ n: 3 });
    raw.close();
  });
});
