import Database from 'better-sqlite3-multiple-ciphers';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureConnection, keyConnection } from '../../electron/db/connection';
import { migrateTo } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations';
import type { DB } from '../../electron/db/schema';
import type { RecordScope } from '../../electron/platform/scope';
import { rehabRepository } from '../../electron/rehab/rehab.repository';
import { tempDir } from '../support/host';

/**
 * The statements the rehab repository really sends (captured through Kysely's log), planned by SQLite on an
 * encrypted file at the latest schema: each read walks an index, and the roster reads no person row per resident
 * through the join but one sorted lookup.
 */
async function setup() {
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
  const names = Object.keys(migrations);
  await migrateTo(db, names[names.length - 1]!);
  sent.length = 0;
  /** The plan of every statement the function sends, one string per statement. */
  const plansOf = async (run: () => Promise<unknown>): Promise<string[]> => {
    sent.length = 0;
    await run();
    return sent.map((q) =>
      (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[])
        .map((p) => p.detail)
        .join(' | '),
    );
  };
  return { raw, db, plansOf };
}

const scope = (over: Partial<RecordScope>): RecordScope => ({
  family: 'rehab',
  view: 'full',
  all: false,
  role: 'commune_officer',
  unitId: null,
  provinceCode: null,
  communeCode: null,
  facilityId: null,
  ...over,
});

describe('rehab repository query plans', () => {
  it("reads the roster's counts and pages from the covering index, and the names by sorted id in one statement", async () => {
    const { raw, db, plansOf } = await setup();
    const counts = await plansOf(() => rehabRepository.rosterCounts(db, 'f1', '2027-01-01'));
    expect(counts).toHaveLength(1);
    expect(counts[0]).toMatch(/USING COVERING INDEX rehab_stays_roster/);
    for (const list of ['residents', 'dischargesDue', 'absconded'] as const) {
      const page = await plansOf(() =>
        rehabRepository.rosterPage(db, { facilityId: 'f1', list, dueBefore: '2027-01-01', offset: 50, limit: 50 }),
      );
      expect(page, list).toHaveLength(1);
      // In the index's own order: no sort of the facility's stays for a page.
      expect(page[0], list).toMatch(/USING COVERING INDEX rehab_stays_roster/);
      expect(page[0], list).not.toMatch(/TEMP B-TREE/);
    }
    const names = await plansOf(() => rehabRepository.personNames(db, ['p3', 'p1', 'p2', 'p1']));
    expect(names).toHaveLength(1);
    // json_each's ids outside, each person found through the id's unique index (no scan of persons).
    expect(names[0]).toMatch(/SCAN j/);
    expect(names[0]).toMatch(/SEARCH p USING INDEX sqlite_autoindex_persons_1 \(id=\?\)/);
    expect(names[0]).not.toMatch(/SCAN p\b/);
    const incoming = await plansOf(() => rehabRepository.incoming(db, 'f1', { offset: 0, limit: 50 }));
    expect(incoming).toHaveLength(2);
    for (const plan of incoming) expect(plan).toMatch(/USING INDEX rehab_referrals_facility_due/);
    raw.close();
  });

  it('opens a dossier by primary keys and indexes in one statement', async () => {
    const { raw, db, plansOf } = await setup();
    const plans = await plansOf(() => rehabRepository.dossier(db, 'r1'));
    expect(plans).toHaveLength(1);
    const plan = plans[0]!;
    expect(plan).toMatch(/SEARCH r USING INDEX sqlite_autoindex_rehab_referrals_1 \(id=\?\)/);
    expect(plan).toMatch(/SEARCH p USING INDEX sqlite_autoindex_persons_1 \(id=\?\)/);
    expect(plan).toMatch(/SEARCH o USING COVERING INDEX rehab_stays_roster/);
    expect(plan).toMatch(/SEARCH d USING INDEX rehab_documents_referral/);
    expect(plan).toMatch(/SEARCH s USING INDEX rehab_stays_referral/);
    expect(plan).not.toMatch(/SCAN (r|p|f|o|d|s)\b/);
    raw.close();
  });

  it("runs a commune's board in one statement on the commune's due index", async () => {
    const { raw, db, plansOf } = await setup();
    const plans = await plansOf(() =>
      rehabRepository.board(db, {
        scope: scope({ communeCode: '01234' }),
        states: ['discovered', 'dossier_prepared'],
        today: '2026-12-03',
        limit: 100,
      }),
    );
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatch(/rehab_referrals_commune_due/);
    expect(plans[0]).toMatch(/SEARCH p USING INDEX sqlite_autoindex_persons_1 \(id=\?\)/);
    expect(plans[0]).not.toMatch(/SCAN r\b/);
    raw.close();
  });
});
