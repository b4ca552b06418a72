import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureConnection, createKysely, keyConnection } from '../../electron/db/connection';
import { migrateTo } from '../../electron/db/migrate';
import { tempDir } from '../support/host';

function freshDb() {
  const raw = new Database(path.join(tempDir(), 'm.db'));
  keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  return { raw, db: createKysely(raw) };
}

const names = (raw: ReturnType<typeof freshDb>['raw']) =>
  (
    raw.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

const SYNC = "'2026-12-03T08:00:00Z', '2026-12-03T08:00:00Z', 'ws', 'h1', NULL";

describe('migration 2026_12_03_1600_reports', () => {
  it('adds plans and commune statuses beside existing data, and its down removes them alone', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, '2026_12_03_1500_drafts');
    raw
      .prepare(
        `INSERT INTO units (id, code, name, kind, province_code, commune_code, created_at, updated_at, origin_ws, hlc, deleted_at)
         VALUES ('u1', 'PC04-08', 'Phòng PC04', 'province_department', '08', NULL, ${SYNC})`,
      )
      .run();
    const before = names(raw);

    await migrateTo(db, '2026_12_03_1600_reports');
    raw
      .prepare(
        `INSERT INTO report_plans (id, title, decision_number, decision_date, authority, scope, province_code, from_year,
         to_year, targets, created_at, updated_at, origin_ws, hlc, deleted_at)
         VALUES ('p1', 'Kế hoạch', '2406/QĐ-UBND', '2021-10-25', 'UBND tỉnh', 'province', '08', 2021, 2025,
         '[{"indicatorId":"managedReachedRate","year":null,"value":80}]', ${SYNC})`,
      )
      .run();
    raw
      .prepare(
        `INSERT INTO commune_statuses (id, province_code, commune_code, year, population, drug_free, drug_free_decision,
         drug_free_date, key_area_type, key_area_decision, created_at, updated_at, origin_ws, hlc, deleted_at)
         VALUES ('s1', '08', '02263', 2025, 12000, 1, '1/QĐ', '2026-01-20', NULL, NULL, ${SYNC})`,
      )
      .run();
    expect(raw.prepare('SELECT drug_free, population FROM commune_statuses').get()).toEqual({
      drug_free: 1,
      population: 12000,
    });
    expect(names(raw)).toEqual(
      expect.arrayContaining(['report_plans', 'commune_statuses', 'commune_statuses_place', 'report_plans_province']),
    );

    await migrateTo(db, '2026_12_03_1500_drafts');
    expect(names(raw)).toEqual(before);
    expect(raw.prepare('SELECT code FROM units').all()).toEqual([{ code: 'PC04-08' }]);
    await db.destroy();
  });
});
