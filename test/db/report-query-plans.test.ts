import Database from 'better-sqlite3-multiple-ciphers';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureConnection, keyConnection } from '../../electron/db/connection';
import { migrateTo } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations';
import type { DB } from '../../electron/db/schema';
import { computeCommuneTable, computeOne, computeTables } from '../../electron/reports/report.compute';
import { indicator, periodOf } from '../../shared/domain/indicators';
import { tempDir } from '../support/host';

/** An encrypted file, with the statements Kysely sends captured (their SQL and parameters). */
function open() {
  const raw = new Database(path.join(tempDir(), 'plans.db'));
  keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  const sent: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: raw }),
    plugins: [new CamelCasePlugin()],
    log: (e) => {
      if (e.level === 'query') sent.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  return { raw, db, sent };
}

const names = (raw: Database.Database) =>
  (
    raw.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

const SYNC = "'2026-12-03T08:00:00Z', '2026-12-03T08:00:00Z', 'ws', 'h1', NULL";
const NEW_INDEXES = [
  'drug_tests_positive',
  'addiction_determinations_found',
  'person_measures_period',
  'drug_cases_province_prosecuted',
  'tips_province_received',
  'seizures_province_seized',
  'rehab_referrals_province_discovered',
];

describe('migration 2026_12_03_1730_report_indexes', () => {
  it('adds the indicators’ indexes beside existing data, and its down removes them alone', async () => {
    const { raw, db } = open();
    await migrateTo(db, '2026_12_03_1720_exchange_audit');
    raw
      .prepare(
        `INSERT INTO drug_tests (id, person_id, date, method, result, substances, notes, created_at, updated_at,
         origin_ws, hlc, deleted_at) VALUES ('t1', 'p1', '2025-03-01', 'urine_quick', 'positive', '[]', NULL, ${SYNC})`,
      )
      .run();
    const before = names(raw);
    await migrateTo(db, '2026_12_03_1730_report_indexes');
    expect(names(raw)).toEqual(expect.arrayContaining(NEW_INDEXES));
    expect(
      raw
        .prepare(
          `SELECT person_id FROM drug_tests INDEXED BY drug_tests_positive WHERE result = 'positive'
          AND date BETWEEN '2025-01-01' AND '2025-12-31' AND deleted_at IS NULL`,
        )
        .all(),
    ).toEqual([{ person_id: 'p1' }]);
    await migrateTo(db, '2026_12_03_1720_exchange_audit');
    expect(names(raw)).toEqual(before);
    expect(raw.prepare('SELECT id FROM drug_tests').all()).toEqual([{ id: 't1' }]);
    await db.destroy();
  });
});

describe('migration 2026_12_03_1910_report_hotspots_index', () => {
  it('adds the hot spots’ covering index beside existing data, and its down removes it alone', async () => {
    const { raw, db } = open();
    await migrateTo(db, '2026_12_03_1900_report_counts');
    raw
      .prepare(
        `INSERT INTO hotspots (id, province_code, commune_code, address, kind, activities, discovered_on, status,
         status_on, created_at, updated_at, origin_ws, hlc, deleted_at)
         VALUES ('h1', '08', '02263', 'x', 'cluster', '["use"]', '2025-02-01', 'active', '2025-02-01', ${SYNC})`,
      )
      .run();
    const before = names(raw);
    await migrateTo(db, '2026_12_03_1910_report_hotspots_index');
    expect(names(raw)).toEqual([...before, 'hotspots_report'].sort());
    expect(
      raw
        .prepare(
          `SELECT commune_code FROM hotspots INDEXED BY hotspots_report WHERE province_code = '08'
          AND discovered_on <= '2025-12-31' AND deleted_at IS NULL`,
        )
        .all(),
    ).toEqual([{ commune_code: '02263' }]);
    await migrateTo(db, '2026_12_03_1900_report_counts');
    expect(names(raw)).toEqual(before);
    await db.destroy();
  });
});

describe('indicator query plans', () => {
  it("reads a province's year of each indicator through its index, not every row of the table", async () => {
    const { raw, db, sent } = open();
    const all = Object.keys(migrations);
    await migrateTo(db, all[all.length - 1]!);
    // One person on record whose two measures leave a gap: the reached count reads its kept span and gap.
    raw
      .prepare(
        `INSERT INTO persons (id, full_name, other_names, name_folded, sort_key, sex, birth_date, birth_year,
         citizen_id_warnings, cur_province, cur_commune, substances, category, created_at, updated_at, origin_ws, hlc,
         deleted_at) VALUES ('p1', 'A', '[]', 'a', 'a', 'male', '1990-01-01', 1990, '[]', '08', '02263', '[]', 'user',
         ${SYNC})`,
      )
      .run();
    for (const [id, from, to] of [
      ['m1', '2024-01-01', '2024-03-31'],
      ['m2', '2024-06-01', null],
    ])
      raw
        .prepare(
          `INSERT INTO person_measures (id, person_id, kind, decision_number, decision_date, authority, start_date,
           end_date, status, created_at, updated_at, origin_ws, hlc, deleted_at)
           VALUES (?, 'p1', 'user_management', '1/QĐ', '2024-01-01', 'UBND', ?, ?, 'active', ${SYNC})`,
        )
        .run(id, from, to);
    expect(raw.prepare('SELECT reach_gapped FROM persons').get()).toEqual({ reach_gapped: 1 });
    const area = { provinceCode: '08', communeCode: null };
    const period = periodOf('year', 2025);
    /** The plans of every statement the indicator sends (table-existence checks aside), joined. */
    const planOf = async (id: string): Promise<string> => {
      sent.length = 0;
      const r = await computeOne(db, indicator(id)!, area, period, () => true);
      expect(r.status, id).toBe('ok');
      return sent
        .filter((q) => !q.sql.includes('sqlite_master'))
        .map((q) =>
          (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[])
            .map((p) => p.detail)
            .join(' | '),
        )
        .join(' || ');
    };
    // The kept counts (migration 2026_12_03_1900_report_counts) are read by their key: the metric, the place, the
    // grain and a range of days or months. Only the cases resolved before the day they were prosecuted are read
    // from the records, through their own small index.
    const COUNTS = 'report_counts USING PRIMARY KEY (metric=? AND province_code=? AND commune_code=? AND grain=?';
    const expected: Record<string, string[]> = {
      newAddicts: [COUNTS],
      newAddictsGrowth: [COUNTS],
      // The persons with a gap from their kept spans and gaps (migration 2026_12_04_0000_report_gaps).
      managedReachedRate: [COUNTS, 'COVERING INDEX report_gaps_period'],
      casesDetected: [COUNTS],
      casesDetectedGrowth: [COUNTS],
      casesResolvedRate: [COUNTS, 'drug_cases_report_early'],
      tipsVerifiedRateByChannel: [COUNTS],
      seizuresBySubstance: [COUNTS],
      referralsByState: [COUNTS],
      abscondingCount: [COUNTS],
      // The hot spots from their own covering index (migration 2026_12_03_1910_report_hotspots_index).
      hotSpotsEliminatedRate: ['COVERING INDEX hotspots_report'],
      hotSpotsReformed: ['COVERING INDEX hotspots_report'],
    };
    for (const [id, indexes] of Object.entries(expected)) {
      const plan = await planOf(id);
      for (const ix of indexes) expect(plan, id).toContain(ix);
      // No whole-table walk of the big tables' rows.
      expect(plan, id).not.toMatch(/\bSCAN (t|x|m|c|s|p|report_counts)\b(?! USING)/);
    }
    // The commune table and the statistical tables of a province read the kept counts by their key; of the
    // persons with a gap between measures, their kept spans and gaps.
    sent.length = 0;
    await computeCommuneTable(db, area, 2025, () => true);
    await computeTables(db, area, period, () => true);
    const plans = sent
      .filter((q) => /\bFROM (persons p|report_counts|hotspots h|report_gaps g)\b/.test(q.sql))
      .map((q) =>
        (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[])
          .map((p) => p.detail)
          .join(' | '),
      );
    expect(plans.length).toBeGreaterThanOrEqual(10);
    for (const plan of plans) {
      expect(plan).toMatch(
        /report_counts USING PRIMARY KEY \(metric=\? AND province_code=\? AND commune_code=\? AND grain=\?|COVERING INDEX report_gaps_period|COVERING INDEX hotspots_report/,
      );
      expect(plan).not.toMatch(/\bSCAN (p|h|g|report_counts)\b(?! USING)/);
    }
    await db.destroy();
  });
});
