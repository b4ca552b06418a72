import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RehabSeedResult } from '../../shared/contract/rehab-types';
import { configureConnection, createKysely } from '../../electron/db/connection';
import type { DomainContext } from '../../electron/host/context';
import { createHost } from '../../electron/host/root';
import type { RecordScope } from '../../electron/platform/scope';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';
import { board, readDossier } from '../../electron/rehab/referral.service';
import { roster } from '../../electron/rehab/stay.service';
import { fmt, percentile, printTable, ratio, timeAsync, type Row } from './measure';

const TABLES = [
  'units',
  'settings',
  'persons',
  'person_measures',
  'addiction_determinations',
  'rehab_facilities',
  'rehab_referrals',
  'rehab_documents',
  'rehab_stays',
];

type Kdb = ReturnType<typeof createKysely>;

/**
 * The services' own reading of a call, without the router: a database and a scope. (The router adds the
 * audit entry; the API row below times that too.)
 */
export function context(db: Kdb, scope: RecordScope): DomainContext {
  return {
    db: () => db,
    scope: () => scope,
    now: () => new Date(),
    session: () => ({
      accountId: 'bench',
      username: 'bench',
      displayName: 'Bench',
      role: scope.role,
      unitId: scope.unitId,
      mustChangePassword: false,
      rolePending: false,
    }),
    target: () => undefined,
    audit: () => undefined,
    changes: () => {
      throw new Error('read only');
    },
    batch: () => {
      throw new Error('read only');
    },
    progress: () => undefined,
  };
}

export const scopeOf = (over: Partial<RecordScope>): RecordScope => ({
  family: 'rehab',
  view: 'full',
  all: false,
  role: 'leader',
  unitId: null,
  provinceCode: null,
  communeCode: null,
  facilityId: null,
  ...over,
});

export interface SeededRehab {
  host: ReturnType<typeof createHost>;
  /** The plain SQLite copy (same schema and rows). */
  plain: Kdb;
  dir: string;
  persons: number;
  /** Seeding figures, or null when the files were reused. */
  seeded: { personsMs: number; rehab: RehabSeedResult } | null;
  close: () => Promise<void>;
}

/**
 * Seeds (or, with BENCH_DIR, reuses) an encrypted vault with persons and referrals, and its plain SQLite copy.
 * BENCH_DIR keeps both files under BENCH_DIR/<referrals> for the next run.
 */
export async function seededRehab(referrals: number): Promise<SeededRehab> {
  const persons = Number(process.env.BENCH_REFERRALS_PERSONS ?? referrals * 5);
  const keep = process.env.BENCH_DIR ? path.resolve(process.env.BENCH_DIR, `rehab-${referrals}-${persons}`) : null;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-bench-rehab-'));
  const target = path.join(dir, 'plain.db');
  // The vault is reused once seeded; the plain copy is made again each run (it follows the vault's current schema).
  const marker = path.join(dir, 'seeded');
  const reuse = keep !== null && fs.existsSync(marker);
  if (keep) fs.mkdirSync(dir, { recursive: true });
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
  let seeded: SeededRehab['seeded'] = null;
  if (reuse) must(await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` }), 'unlock');
  else {
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
    await host.call('session.lock', {});
    must(await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` }), 'unlock');
    const stop = host.on('call.progress', ({ procedure, done, total }) =>
      process.stderr.write(`\r${procedure} ${done}/${total}   `),
    );
    const p = must(
      await host.call('persons.seed', { count: persons, seed: 42, provinceCode: '08' }),
      'persons.seed',
    ) as { ms: number };
    // Seeding a million people outlasts the idle timeout: sign in again before the referrals.
    must(await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` }), 'unlock');
    const r = must(await host.call('rehab.seed', { referrals, seed: 42 }), 'rehab.seed') as RehabSeedResult;
    stop();
    process.stderr.write('\n');
    seeded = { personsMs: p.ms, rehab: r };
    // And again after the referrals (200,000 take longer than the idle timeout too).
    must(await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` }), 'unlock');
    host.openState().raw.exec('ANALYZE');
    if (keep) fs.writeFileSync(marker, '');
  }
  {
    const state = host.openState();
    state.raw.pragma('optimize');
    state.raw.exec('ANALYZE');
    fs.rmSync(target, { force: true });
    const plainRaw0 = new Database(target);
    configureConnection(plainRaw0);
    plainRaw0.close();
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
      state.raw.exec(`INSERT INTO plain.${t} SELECT * FROM main.${t}`);
    }
    state.raw.exec('DETACH DATABASE plain');
  }
  const plainRaw = new Database(target);
  configureConnection(plainRaw);
  plainRaw.exec('ANALYZE');
  const plain = createKysely(plainRaw);
  return {
    host,
    plain,
    dir,
    persons,
    seeded,
    close: async () => {
      await plain.destroy();
      await host.close();
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `BENCH_REFERRALS=200000 npm run bench`: seeds persons (BENCH_REFERRALS_PERSONS, default five per referral) and
 * referrals in every state with facilities sized ~2,000 residents, stays, voluntary and methadone; copies the rows
 * into a plain SQLite file with the same schema; times, interleaved on both: a commune's referral board, a
 * facility's roster, opening a referral's dossier. Prints figures and ratios; asserts nothing. BENCH_DIR keeps the
 * seeded files for the next run.
 */
export async function benchRehab(referrals: number): Promise<void> {
  const seededFiles = await seededRehab(referrals);
  const { host, plain, persons, seeded } = seededFiles;
  try {
    const state = host.openState();
    const enc = state.db;

    // The busiest commune (a commune officer's board), the fullest facility (its roster), a sample of referrals.
    const commune = (
      state.raw
        .prepare(
          'SELECT commune_code AS c, count(*) AS n FROM rehab_referrals GROUP BY commune_code ORDER BY n DESC LIMIT 1',
        )
        .get() as { c: string; n: number }
    ).c;
    const facility = state.raw
      .prepare(
        `SELECT facility_id AS f, count(*) AS n FROM rehab_stays WHERE status IN ('in_stay', 'absconded')
         GROUP BY facility_id ORDER BY n DESC LIMIT 1`,
      )
      .get() as { f: string; n: number };
    const sample = state.raw
      .prepare('SELECT id FROM rehab_referrals ORDER BY (rowid * 7919) % 100003 LIMIT 300')
      .all() as { id: string }[];
    const communeScope = scopeOf({ role: 'commune_officer', communeCode: commune });
    const facilityScope = scopeOf({ role: 'rehab_staff', facilityId: facility.f });
    const allScope = scopeOf({ all: true });
    const boardInput = { overdueOnly: false, includeClosed: false, limit: 100 };

    const t = {
      p: { board: [] as number[], roster: [] as number[], rosterAll: [] as number[], open: [] as number[] },
    };
    const e = { board: [] as number[], roster: [] as number[], rosterAll: [] as number[], open: [] as number[] };
    let flip = false;
    // CPU time of the process beside the wall time: on a shared, loaded machine the wall time is mostly waiting.
    const cpu = { p: new Map<string, number[]>(), e: new Map<string, number[]>() };
    const both = async (probe: (db: Kdb) => Promise<unknown>, key: keyof typeof e) => {
      flip = !flip;
      for (const side of flip ? (['p', 'e'] as const) : (['e', 'p'] as const)) {
        const c0 = process.cpuUsage();
        (side === 'p' ? t.p : e)[key].push((await timeAsync(() => probe(side === 'p' ? plain : enc))).ms);
        const d = process.cpuUsage(c0);
        const list = cpu[side].get(key) ?? [];
        list.push((d.user + d.system) / 1000);
        cpu[side].set(key, list);
      }
    };
    for (let round = 0; round < 2; round++) {
      if (round === 1)
        for (const k of Object.keys(e) as (keyof typeof e)[]) {
          t.p[k] = [];
          e[k] = [];
          cpu.p.set(k, []);
          cpu.e.set(k, []);
        }
      for (let i = 0; i < 30; i++) await both((db) => board(context(db, communeScope), boardInput), 'board');
      // The screen's read: the counts and a page (50) of each list; and, for comparison, every resident at once.
      const rosterInput = { facilityId: facility.f, view: 'residents' as const, offset: 0, limit: 50 };
      for (let i = 0; i < 30; i++) await both((db) => roster(context(db, facilityScope), rosterInput), 'roster');
      for (let i = 0; i < 10; i++)
        await both((db) => roster(context(db, facilityScope), { ...rosterInput, offset: 0, limit: 5000 }), 'rosterAll');
      for (const s of sample) await both((db) => readDossier(context(db, allScope), s.id), 'open');
    }
    const apiOpen: number[] = [];
    for (const s of sample.slice(0, 100)) {
      const x = await timeAsync(() => host.call('referrals.get', { referralId: s.id }));
      apiOpen.push(x.ms);
    }
    const boardSize = (await board(context(plain, communeScope), boardInput)).total;
    const pair = (what: string, key: keyof typeof e, goal: string, q = 95): Row => {
      const en = percentile(e[key], q);
      const pl = percentile(t.p[key], q);
      return { what, encrypted: fmt(en), plain: fmt(pl), ratio: ratio(en, pl), goal };
    };
    const referralCount = Number(
      (state.raw.prepare('SELECT count(*) AS n FROM rehab_referrals').get() as { n: number }).n,
    );
    const rows: Row[] = [
      ...(seeded
        ? [
            {
              what: `seed ${persons.toLocaleString('en')} persons`,
              encrypted: `${(seeded.personsMs / 1000).toFixed(1)} s`,
            },
            {
              what: `seed ${seeded.rehab.referrals.toLocaleString('en')} referrals (+${seeded.rehab.stays} stays, ${seeded.rehab.facilities} facilities, ${seeded.rehab.methadone} methadone, ${seeded.rehab.voluntary} voluntary)`,
              encrypted: `${(seeded.rehab.ms / 1000).toFixed(1)} s`,
            },
          ]
        : []),
      pair(`referral board for a commune (${boardSize} open referrals), p50`, 'board', '', 50),
      pair(`referral board for a commune (${boardSize} open referrals), p95`, 'board', '≤ 50 ms'),
      pair(`facility roster (${facility.n} residents; counts + a page of 50), p50`, 'roster', '', 50),
      pair(`facility roster (${facility.n} residents; counts + a page of 50), p95`, 'roster', '≤ 50 ms'),
      pair(`facility roster, all ${facility.n} rows at once (not the screen's read), p50`, 'rosterAll', '', 50),
      pair('open a referral (dossier, services), p50', 'open', '', 50),
      pair('open a referral (dossier, services), p95', 'open', '≤ 10 ms'),
      ...(['board', 'roster', 'open'] as const).map((k) => {
        const en = percentile(cpu.e.get(k) ?? [], 50);
        const pl = percentile(cpu.p.get(k) ?? [], 50);
        return {
          what: `  ${k}: CPU time of the process, p50`,
          encrypted: fmt(en),
          plain: fmt(pl),
          ratio: ratio(en, pl),
        };
      }),
      { what: 'open a referral via the API (+audit), p50', encrypted: fmt(percentile(apiOpen, 50)) },
      { what: 'open a referral via the API (+audit), p95', encrypted: fmt(percentile(apiOpen, 95)), goal: '≤ 10 ms' },
    ];
    printTable(
      `Rehabilitation at ${referralCount.toLocaleString('en')} referrals, ${persons.toLocaleString('en')} persons — encrypted vs plain SQLite`,
      rows,
    );
  } finally {
    await seededFiles.close();
  }
}
