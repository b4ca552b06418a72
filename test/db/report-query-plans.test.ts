import Database from 'better-sqlite3-multiple-ciphers';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureConnection, keyConnection } from '../../electron/db/connection';
import { migrateTo } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations';
import type { DB } from '../../electron/db/schema';
import { computeOne } from '../../electron/reports/report.compute';
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

describe('indicator query plans', () => {
  it("reads a province's year of each indicator through its index, not every row of the table", async () => {
    const { raw, db, sent } = open();
    const all = Object.keys(migrations);
    await migrateTo(db, all[all.length - 1]!);
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
    const expected: Record<string, string[]> = {
      newAddicts: ['drug_tests_positive', 'addiction_determinations_found'],
      newAddictsGrowth: ['drug_tests_positive', 'addiction_determinations_found'],
      managedReachedRate: ['person_measures_period'],
      casesDetected: ['drug_cases_province_prosecuted'],
      casesDetectedGrowth: ['drug_cases_province_prosecuted'],
      casesResolvedRate: ['drug_cases_province_prosecuted'],
      tipsVerifiedRateByChannel: ['tips_province_received'],
      seizuresBySubstance: ['seizures_province_seized'],
      referralsByState: ['rehab_referrals_province_discovered'],
    };
    for (const [id, indexes] of Object.entries(expected)) {
      const plan = await planOf(id);
      for (const ix of indexes) expect(plan, id).toContain(ix);
      // No whole-table walk of the big tables' rows.
      expect(plan, id).not.toMatch(/\bSCAN (t|x|m|c|s)\b(?! USING)/);
    }
    await db.destroy();
  });
});
