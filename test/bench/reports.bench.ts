import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INDICATORS, periodOf } from '../../shared/domain/indicators';
import { configureConnection, createKysely } from '../../electron/db/connection';
import { createHost } from '../../electron/host/root';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';
import { computeCommuneTable, computeKpi, computeOne, computeTables } from '../../electron/reports/report.compute';
import { forgetFigures } from '../../electron/reports/report.cache';
import { drill } from '../../electron/reports/report.drilldown';
import { toXlsx } from '../../electron/reports/report.export';
import { toPdf } from '../../electron/reports/report.pdf';
import type { RecordFamily, RecordScope } from '../../electron/platform/scope';
import { copyTables, fmt, percentile, printTable, ratio, timeAsync, type Row } from './measure';

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
  'log_tables',
  'log_actors',
  'change_log',
  'report_counts',
  'report_gaps',
];

/**
 * `BENCH_REPORTS=1000000 npm run bench` (off by default): persons, half as many cases (BENCH_REPORTS_CASES) and a
 * fifth as many referrals (BENCH_REPORTS_REFERRALS) in one province, then each indicator alone, a province's year
 * of every indicator (the dashboard's first paint), the trend's four earlier years (counted, then kept while the
 * change log's head stays), the XLSX of every commune, the A4 PDF and a page of two drill-downs, on the encrypted
 * database and on a plain SQLite copy, interleaved. Prints figures and the load average; asserts nothing.
 * `BENCH_DIR=/tmp/bench-x` keeps the seeded files there and reuses them on the next run (indexes added since by a
 * migration are made in the plain copy too); `BENCH_REPORTS_RUNS` (3) runs per probe, the median printed.
 * `BENCH_REPORTS_FROM=/tmp/benchdir/1000000/vault` starts from a copy of a vault the persons (or rehab) bench
 * seeded (leader `lanhdao`): its unlock runs the newer migrations (their time is printed) and only the families
 * it lacks are seeded (cases when it has none, referrals when it has none).
 */
export async function benchReports(persons: number): Promise<void> {
  const cases = Number(process.env.BENCH_REPORTS_CASES ?? Math.floor(persons / 2));
  const referrals = Number(process.env.BENCH_REPORTS_REFERRALS ?? Math.floor(persons / 5));
  const runs = Math.max(1, Number(process.env.BENCH_REPORTS_RUNS ?? 3));
  const keep = process.env.BENCH_DIR
    ? path.resolve(process.env.BENCH_DIR, `reports-${persons}-${cases}-${referrals}`)
    : null;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-bench-reports-'));
  // Reused only when a seeding finished (it writes `vault-seeded`, then `seeded` once the plain copy is made); a
  // half-seeded folder is started again, a seeded vault without its plain copy is copied again.
  const reuse = keep !== null && fs.existsSync(path.join(dir, 'seeded'));
  const reuseVault = keep !== null && fs.existsSync(path.join(dir, 'vault-seeded'));
  const from = process.env.BENCH_REPORTS_FROM ? path.resolve(process.env.BENCH_REPORTS_FROM) : null;
  if (keep && !reuseVault) fs.rmSync(dir, { recursive: true, force: true });
  if (from && !reuseVault) fs.cpSync(from, path.join(dir, 'vault'), { recursive: true });
  if (keep && reuseVault && !reuse)
    for (const f of ['plain.db', 'plain.db-wal', 'plain.db-shm']) fs.rmSync(path.join(dir, f), { force: true });
  if (keep) fs.mkdirSync(dir, { recursive: true });
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  const loadBefore = load();
  try {
    // Seeding a family at this size outlasts the default idle lock (10 minutes): the longest the app allows.
    const preferences = new MemoryPreferencesStore();
    await preferences.save({ ...(await preferences.load()), idleMinutes: 120 });
    const host = createHost({
      dataDir: path.join(dir, 'vault'),
      kdfPolicy: 'floor',
      preferences,
    });
    const pw = 'mật khẩu benchmark dài';
    const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }, what: string): T => {
      if (!r.ok) throw new Error(`${what} failed: ${r.error.code}`);
      return r.value;
    };
    const target = path.join(dir, 'plain.db');
    let seedMs = 0;
    let migrateMs = 0;
    const progress = host.on('call.progress', ({ done }) => process.stderr.write(`\rseeding ${done}`));
    if (reuseVault) {
      // The unlock runs the migrations added since the vault was seeded (their backfills at this size).
      const t0 = Date.now();
      must(await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` }), 'unlock');
      migrateMs = Date.now() - t0;
    }
    if (!reuseVault && from) {
      // A copy of a seeded vault: its unlock migrates it (the report facts' backfill at this size), then what it lacks.
      const t0 = Date.now();
      must(await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` }), 'unlock');
      migrateMs = Date.now() - t0;
      const rows = (t: string) =>
        (host.openState().raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      if (cases > 0 && rows('drug_cases') === 0)
        must(
          await host.call('investigations.seed', { cases, seed: 42, provinceCode: '08' } as never),
          'investigations.seed',
        );
      if (referrals > 0 && rows('rehab_referrals') === 0)
        must(await host.call('rehab.seed', { referrals, seed: 42 }), 'rehab.seed');
      seedMs = Date.now() - t0 - migrateMs;
      host.openState().raw.exec('ANALYZE');
      if (keep) fs.writeFileSync(path.join(dir, 'vault-seeded'), '');
    }
    if (!reuseVault && !from) {
      const t0 = Date.now();
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
      seedMs = Date.now() - t0;
      host.openState().raw.exec('ANALYZE');
      if (keep) fs.writeFileSync(path.join(dir, 'vault-seeded'), '');
    }
    if (!reuse) {
      const seeded = host.openState();

      // The same rows in a plain SQLite file, through the same schema, for the ratio.
      const p0 = new Database(target);
      configureConnection(p0);
      p0.close();
      copyTables(seeded.raw, target, TABLES);
      if (keep) fs.writeFileSync(path.join(dir, 'seeded'), '');
      // Seeding outlasts the idle lock at the larger sizes: sign in again before timing.
      must(await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` }), 'unlock');
    }
    progress();
    process.stderr.write('\n');
    const state = host.openState();
    const unitId =
      (state.raw.prepare(`SELECT id FROM units WHERE code = 'PC04'`).get() as { id: string } | undefined)?.id ?? null;
    // Tables a migration added since the plain copy was made (the kept report counts): copied there too.
    const tablesOf = (db: Database.Database) =>
      new Set(
        (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
          (r) => r.name,
        ),
      );
    const probe = new Database(target);
    const plainTables = tablesOf(probe);
    probe.close();
    const vaultTables = tablesOf(state.raw);
    const newTables = TABLES.filter((t) => vaultTables.has(t) && !plainTables.has(t));
    if (newTables.length) copyTables(state.raw, target, newTables);
    const plainRaw = new Database(target);
    configureConnection(plainRaw);
    // Indexes a migration added since the plain copy was made (an index under trial): the same DDL there.
    const indexes = (db: typeof plainRaw) =>
      db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as {
        name: string;
        sql: string;
      }[];
    const plainIndexes = new Set(indexes(plainRaw).map((i) => i.name));
    const added = indexes(state.raw).filter(
      (i) => !plainIndexes.has(i.name) && TABLES.some((t) => new RegExp(`\\bON "?${t}"?\\s*\\(`, 'i').test(i.sql)),
    );
    for (const i of added) plainRaw.exec(i.sql);
    // And those a migration replaced since: dropped there too, so that both files are planned over the same indexes.
    const vaultIndexes = new Set(indexes(state.raw).map((i) => i.name));
    const replaced = indexes(plainRaw).filter((i) => !vaultIndexes.has(i.name));
    for (const i of replaced) plainRaw.exec(`DROP INDEX "${i.name}"`);
    if (!reuse) {
      plainRaw.exec('ANALYZE');
      if (reuseVault) state.raw.exec('ANALYZE');
    } else {
      // A reused pair: only what a migration added since is analyzed, in both files alike (a full ANALYZE of a
      // 7 GB file takes minutes; the vault's migrations analyzed their own indexes already).
      for (const name of [...added.map((i) => i.name), ...newTables]) {
        plainRaw.exec(`ANALYZE "${name}"`);
        state.raw.exec(`ANALYZE "${name}"`);
      }
    }
    // What was measured: the rows there are (a seeding cut short leaves fewer than asked).
    const n = (q: string) => (state.raw.prepare(q).get() as { n: number }).n;
    const sizes =
      `${n('SELECT count(*) AS n FROM persons')} persons (` +
      `${n(`SELECT count(*) AS n FROM persons WHERE category <> 'unclassified' AND deleted_at IS NULL AND merged_into IS NULL AND cur_province = '08'`)} on record in 08, ` +
      `${n('SELECT count(*) AS n FROM persons WHERE reach_gapped = 1')} with a gap between measures), ` +
      `${n('SELECT count(*) AS n FROM drug_cases')} cases (${n('SELECT count(*) AS n FROM drug_cases WHERE resolved_on IS NULL')} open), ` +
      `${n('SELECT count(*) AS n FROM rehab_referrals')} referrals`;
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
    type Probe = { what: string; goal?: string; run: (db: typeof enc, side: 'p' | 'e') => Promise<unknown> };
    const probes: Probe[] = [
      ...INDICATORS.map((def): Probe => ({
        what: `  ${def.id}`,
        run: (db) => computeOne(db, def, area, period, visible),
      })),
      {
        what: 'kpi: every indicator, no trend (first paint)',
        goal: '≤ 500 ms / ≤ 1 s',
        run: (db) => computeKpi(db, area, period, visible),
      },
      {
        what: 'trend: + 4 earlier years, counted',
        run: (db) => {
          forgetFigures();
          return computeKpi(db, area, period, visible, { trendYears: 4 });
        },
      },
      {
        what: 'trend again, nothing written (kept figures)',
        run: async (db, side) => {
          forgetFigures();
          await computeKpi(db, area, period, visible, { trendYears: 4, cache: side });
          const t0 = performance.now();
          await computeKpi(db, area, period, visible, { trendYears: 4, cache: side });
          return performance.now() - t0;
        },
      },
      {
        what: 'xlsx of every commune',
        goal: '≤ 3 s',
        run: async (db) =>
          toXlsx(
            await computeKpi(db, area, period, visible),
            await computeCommuneTable(db, area, year, visible),
            await computeTables(db, area, period, visible),
            new Date(),
          ),
      },
      {
        what: '  xlsx: counting (kpi, communes, tables)',
        run: async (db) => [
          await computeKpi(db, area, period, visible),
          await computeCommuneTable(db, area, year, visible),
          await computeTables(db, area, period, visible),
        ],
      },
      {
        what: '  xlsx: writing the workbook alone (exceljs)',
        run: async (db) => {
          const kpi = await computeKpi(db, area, period, visible);
          const communes = await computeCommuneTable(db, area, year, visible);
          const tables = await computeTables(db, area, period, visible);
          const t0 = performance.now();
          await toXlsx(kpi, communes, tables, new Date());
          return performance.now() - t0;
        },
      },
      {
        what: 'xlsx after the dashboard (its figures kept)',
        goal: '≤ 3 s',
        run: async (db, side) => {
          forgetFigures();
          await computeKpi(db, area, period, visible, { cache: side });
          const t0 = performance.now();
          await toXlsx(
            await computeKpi(db, area, period, visible, { cache: side }),
            await computeCommuneTable(db, area, year, visible, side),
            await computeTables(db, area, period, visible, side),
            new Date(),
          );
          return performance.now() - t0;
        },
      },
      {
        what: 'pdf (A4, indicators and tables)',
        run: async (db) =>
          toPdf(
            await computeKpi(db, area, period, visible),
            await computeTables(db, area, period, visible),
            new Date(),
          ),
      },
      {
        what: 'drill-down: persons on record, page 1',
        run: (db) =>
          drill(db, drillEnv, { indicatorId: 'managedReachedRate', part: 'denominator', offset: 0, limit: 50 }),
      },
      {
        what: 'drill-down: cases open for resolution, page 1',
        run: (db) =>
          drill(db, drillEnv, { indicatorId: 'casesResolvedRate', part: 'denominator', offset: 0, limit: 50 }),
      },
    ];
    const rows: Row[] = [];
    for (const [n, probe] of probes.entries()) {
      const e: number[] = [];
      const p: number[] = [];
      // Interleaved, the order alternating per probe and run: what the rest of the machine does falls on both.
      const once = async (side: 'p' | 'e') => {
        const t = await timeAsync(() => probe.run(side === 'p' ? plain : enc, side));
        // A probe that returns a number timed its own part (the second look of the kept figures).
        (side === 'p' ? p : e).push(typeof t.value === 'number' ? t.value : t.ms);
      };
      for (let i = 0; i < runs; i++) {
        if ((n + i) % 2 === 0) {
          await once('p');
          await once('e');
        } else {
          await once('e');
          await once('p');
        }
      }
      const me = percentile(e, 50);
      const mp = percentile(p, 50);
      rows.push({
        what: probe.what,
        encrypted: fmt(me),
        plain: fmt(mp),
        ratio: ratio(me, mp),
        goal: probe.goal ?? '',
      });
    }
    forgetFigures();
    rows.unshift({ what: sizes, encrypted: '' });
    rows.unshift({
      what: reuse
        ? `seeded files reused from ${dir} (unlock with migrations: ${(migrateMs / 1000).toFixed(1)} s)`
        : `seeded in ${(seedMs / 1000).toFixed(0)} s` +
          (from ? ` (from a copy of ${from}; its migrations took ${(migrateMs / 1000).toFixed(1)} s)` : ''),
      encrypted: '',
    });
    printTable(
      `reports: a province's year, ${persons} persons, ${cases} cases, ${referrals} referrals ` +
        `(median of ${runs}; load average ${loadBefore} before, ${load()} after)`,
      rows,
    );
    await plain.destroy();
    await host.close();
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
