import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { periodOf } from '../../shared/domain/indicators';
import { configureConnection, createKysely } from '../../electron/db/connection';
import { createHost } from '../../electron/host/root';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';
import { computeCommuneTable, computeKpi, computeTables } from '../../electron/reports/report.compute';
import { drill } from '../../electron/reports/report.drilldown';
import { toXlsx } from '../../electron/reports/report.export';
import { toPdf } from '../../electron/reports/report.pdf';
import type { RecordFamily, RecordScope } from '../../electron/platform/scope';
import { fmt, percentile, printTable, ratio, timeAsync, type Row } from './measure';

const TABLES = [
  'persons',
  'person_measures',
  'drug_tests',
  'addiction_determinations',
  'tips',
  'drug_cases',
  'case_suspects',
  'seizures',
  'hotspots',
  'rehab_facilities',
  'rehab_referrals',
  'rehab_stays',
  'rehab_voluntary',
  'rehab_methadone',
  'report_plans',
  'commune_statuses',
];

/**
 * `BENCH_REPORTS=1000000 npm run bench` (off by default): persons, half as many cases (BENCH_REPORTS_CASES) and a
 * fifth as many referrals (BENCH_REPORTS_REFERRALS) in one province, then a province's year of every indicator,
 * the dashboard (with four years of trend), the XLSX of every commune, the A4 PDF and a page of two drill-downs,
 * on the encrypted database and on a plain SQLite copy. Prints figures; asserts nothing.
 */
export async function benchReports(persons: number): Promise<void> {
  const cases = Number(process.env.BENCH_REPORTS_CASES ?? Math.floor(persons / 2));
  const referrals = Number(process.env.BENCH_REPORTS_REFERRALS ?? Math.floor(persons / 5));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-bench-reports-'));
  try {
    const host = createHost({
      dataDir: path.join(dir, 'vault'),
      kdfPolicy: 'floor',
      preferences: new MemoryPreferencesStore(),
    });
    const pw = 'mật khẩu benchmark dài';
    const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }, what: string): T => {
      if (!r.ok) throw new Error(`${what} failed: ${r.error.code}`);
      return r.value;
    };
    must(
      await host.call('vault.create', {
        adminUsername: 'bench',
        adminDisplayName: 'Bench',
        password: pw,
        unit: { code: 'PC04', name: 'Phòng PC04', kind: 'province_department' },
        leader: { username: 'lanhdao', displayName: 'Lãnh đạo', password: `${pw}2` },
      }),
      'vault.create',
    );
    const unitId = (host.openState().raw.prepare(`SELECT id FROM units WHERE code = 'PC04'`).get() as { id: string })
      .id;
    must(
      await host.call('units.update', {
        unitId,
        name: 'Phòng PC04',
        kind: 'province_department',
        provinceCode: '08',
        communeCode: null,
      } as never),
      'units.update',
    );
    await host.call('session.lock', {});
    must(await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` }), 'unlock');
    must(await host.call('persons.seed', { count: persons, seed: 42, provinceCode: '08' }), 'persons.seed');
    if (cases > 0)
      must(
        await host.call('investigations.seed', { cases, seed: 42, provinceCode: '08' } as never),
        'investigations.seed',
      );
    if (referrals > 0) must(await host.call('rehab.seed', { referrals, seed: 42 }), 'rehab.seed');
    const state = host.openState();
    state.raw.exec('ANALYZE');

    const target = path.join(dir, 'plain.db');
    const p0 = new Database(target);
    configureConnection(p0);
    p0.close();
    state.raw.prepare("ATTACH DATABASE ? AS plain KEY ''").run(target);
    for (const t of TABLES) {
      const ddl = state.raw
        .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL AND type IN ('table', 'index')")
        .all(t) as { sql: string }[];
      for (const d of ddl)
        state.raw.exec(
          d.sql.replace(
            /^create (unique )?(table|index) "?(\w+)"?/i,
            (_m, u, k, name) => `CREATE ${u ?? ''}${k} plain."${name}"`,
          ),
        );
      if (ddl.length) state.raw.exec(`INSERT INTO plain.${t} SELECT * FROM main.${t}`);
    }
    state.raw.exec('DETACH DATABASE plain');
    const plainRaw = new Database(target);
    configureConnection(plainRaw);
    plainRaw.exec('ANALYZE');
    const plain = createKysely(plainRaw);
    const enc = state.db;

    const area = { provinceCode: '08', communeCode: null };
    const year = Number(new Date().toISOString().slice(0, 4));
    const period = periodOf('year', year);
    const visible = () => true;
    // A province's leader: every family, the province's reach.
    const scope = (family: RecordFamily): RecordScope => ({
      family,
      view: 'full',
      all: family === 'reference',
      role: 'leader',
      unitId,
      provinceCode: '08',
      communeCode: null,
      facilityId: null,
    });
    const drillEnv = { area, period, key: null, measure: null, role: 'leader' as const, scope };
    const probes: Record<
      'kpi' | 'dashboard' | 'xlsx' | 'pdf' | 'drillPersons' | 'drillCases',
      (db: typeof enc) => Promise<unknown>
    > = {
      kpi: (db: typeof enc) => computeKpi(db, area, period, visible),
      dashboard: (db: typeof enc) => computeKpi(db, area, period, visible, { trendYears: 4 }),
      xlsx: async (db: typeof enc) =>
        toXlsx(
          await computeKpi(db, area, period, visible),
          await computeCommuneTable(db, area, year, visible),
          await computeTables(db, area, period, visible),
          new Date(),
        ),
      pdf: async (db: typeof enc) =>
        toPdf(await computeKpi(db, area, period, visible), await computeTables(db, area, period, visible), new Date()),
      drillPersons: (db: typeof enc) =>
        drill(db, drillEnv, { indicatorId: 'managedReachedRate', part: 'denominator', offset: 0, limit: 50 }),
      drillCases: (db: typeof enc) =>
        drill(db, drillEnv, { indicatorId: 'casesResolvedRate', part: 'denominator', offset: 0, limit: 50 }),
    };
    const rows: Row[] = [];
    const goals: Record<keyof typeof probes, string> = {
      kpi: '≤ 500 ms',
      dashboard: '≤ 1 s',
      xlsx: '≤ 3 s',
      pdf: '',
      drillPersons: '',
      drillCases: '',
    };
    for (const k of Object.keys(probes) as (keyof typeof probes)[]) {
      const e: number[] = [];
      const p: number[] = [];
      for (let i = 0; i < 3; i++) {
        p.push((await timeAsync(() => probes[k](plain))).ms);
        e.push((await timeAsync(() => probes[k](enc))).ms);
      }
      const me = percentile(e, 50);
      const mp = percentile(p, 50);
      rows.push({
        what: `${k} (median of 3)`,
        encrypted: fmt(me),
        plain: fmt(mp),
        ratio: ratio(me, mp),
        goal: goals[k],
      });
    }
    printTable(`reports: a province's year, ${persons} persons, ${cases} cases, ${referrals} referrals`, rows);
    await plain.destroy();
    await host.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
