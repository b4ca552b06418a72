import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InvestigationsSeeded } from '../../shared/contract';
import { vietnamDay } from '../../shared/domain/working-days';
import { foldVietnamese } from '../../shared/text/fold';
import { configureConnection, createKysely } from '../../electron/db/connection';
import { createHost } from '../../electron/host/root';
import { caseSummary, caseView, suspectView } from '../../electron/investigations/investigation.mapper';
import { investigationRepository as repo } from '../../electron/investigations/investigation.repository';
import type { RecordScope } from '../../electron/platform/scope';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';
import { fmt, percentile, printTable, ratio, timeAsync, type Row } from './measure';

const TABLES = [
  'units',
  'persons',
  'person_name_tokens',
  'person_token_stats',
  'tips',
  'tip_extensions',
  'drug_cases',
  'case_extensions',
  'case_suspects',
  'seizures',
  'hotspots',
];

type Kdb = ReturnType<typeof createKysely>;

/** A case file as cases.get builds it, without the router: the repository and the mapper. */
async function openCase(db: Kdb, id: string, today: string) {
  const row = (await repo.caseRow(db, id))!;
  const suspects = (await repo.suspectsOf(db, id)).map((s) => suspectView(s.row, s.person));
  return caseView(row, await repo.caseExtensions(db, id), suspects, await repo.seizuresOf(db, { caseId: id }), today);
}

/** The deadlines board for a unit: open tips and cases due within a week, as investigations.deadlines reads it. */
async function board(db: Kdb, scope: RecordScope, until: string) {
  return [...(await repo.dueTips(db, scope, until, 500)), ...(await repo.dueCases(db, scope, until, 500))];
}

async function find(db: Kdb, query: string, today: string) {
  const found = await repo.findCaseRows(db, query, 50);
  const counts = await repo.suspectCounts(
    db,
    found.slice(0, 50).map((f) => f.row.id),
  );
  return found.slice(0, 50).map((f) => caseSummary(f.row, today, counts.get(f.row.id) ?? 0));
}

/**
 * `BENCH_CASES=500000 npm run bench`: seeds persons (BENCH_CASES_PERSONS, default twice the cases) and cases with
 * their tips, suspects, seizures and hot spots, copies the rows into a plain SQLite file with the same schema,
 * then times the probes on both, interleaved: open a case file, the unit's deadlines board, case search
 * by number, suspect name and CCCD. Prints figures and ratios; asserts nothing.
 */
export async function benchInvestigations(cases: number): Promise<void> {
  const persons = Number(process.env.BENCH_CASES_PERSONS ?? cases * 2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-bench-cases-'));
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
    const created = must(
      await host.call('vault.create', {
        adminUsername: 'bench',
        adminDisplayName: 'Bench',
        password: pw,
        unit: { code: 'PC04', name: 'Phòng PC04', kind: 'province_department' },
        leader: { username: 'lanhdao', displayName: 'Lãnh đạo', password: `${pw}2` },
      }),
      'vault.create',
    ) as { unit?: { id: string } | null };
    const unitId = (host.openState().raw.prepare(`SELECT id FROM units WHERE code = 'PC04'`).get() as { id: string })
      .id;
    void created;
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
    const stop = host.on('call.progress', ({ procedure, done, total }) =>
      process.stderr.write(`\r${procedure} ${done}/${total}   `),
    );
    const p = must(
      await host.call('persons.seed', { count: persons, seed: 42, provinceCode: '08' }),
      'persons.seed',
    ) as { ms: number };
    const c = must(
      await host.call('investigations.seed', { cases, seed: 42, provinceCode: '08' }),
      'investigations.seed',
    ) as InvestigationsSeeded;
    stop();
    process.stderr.write('\n');
    const state = host.openState();
    state.raw.pragma('optimize');
    state.raw.exec('ANALYZE');

    // The same rows in a plain SQLite file, through the same schema, for the ratio.
    const target = path.join(dir, 'plain.db');
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
    const plainRaw = new Database(target);
    configureConnection(plainRaw);
    plainRaw.exec('ANALYZE');
    const plain = createKysely(plainRaw);
    const enc = state.db;

    const today = vietnamDay(new Date());
    const until = vietnamDay(new Date(Date.now() + 7 * 86_400_000));
    const scope: RecordScope = {
      family: 'cases',
      view: 'full',
      all: false,
      role: 'leader',
      unitId,
      provinceCode: null,
      communeCode: null,
      facilityId: null,
    };
    const sample = state.raw
      .prepare('SELECT id, number FROM drug_cases ORDER BY (rowid * 7919) % 100003 LIMIT 300')
      .all() as { id: string; number: string }[];
    const suspects = state.raw
      .prepare(
        `SELECT p.full_name AS n, p.citizen_id AS c FROM case_suspects s JOIN persons p ON p.id = s.person_id
         ORDER BY (s.rowid * 7919) % 100003 LIMIT 300`,
      )
      .all() as { n: string; c: string | null }[];
    const names = suspects.map((s) => foldVietnamese(s.n));
    const cccds = suspects.map((s) => s.c).filter((x): x is string => !!x);

    const t = {
      p: {
        open: [] as number[],
        board: [] as number[],
        number: [] as number[],
        name: [] as number[],
        cccd: [] as number[],
      },
      e: {
        open: [] as number[],
        board: [] as number[],
        number: [] as number[],
        name: [] as number[],
        cccd: [] as number[],
      },
    };
    let flip = false;
    const both = async (probe: (db: Kdb) => Promise<unknown>, key: keyof (typeof t)['p']) => {
      flip = !flip;
      for (const side of flip ? (['p', 'e'] as const) : (['e', 'p'] as const))
        t[side][key].push((await timeAsync(() => probe(side === 'p' ? plain : enc))).ms);
    };
    for (let round = 0; round < 2; round++) {
      if (round === 1)
        for (const s of ['p', 'e'] as const)
          for (const k of Object.keys(t[s]) as (keyof (typeof t)['p'])[]) t[s][k] = [];
      for (const s of sample) await both((db) => openCase(db, s.id, today), 'open');
      for (let i = 0; i < 30; i++) await both((db) => board(db, scope, until), 'board');
      for (const s of sample) await both((db) => find(db, s.number, today), 'number');
      for (const n of names) await both((db) => find(db, n, today), 'name');
      for (const x of cccds) await both((db) => find(db, x, today), 'cccd');
    }
    const apiOpen: number[] = [];
    must(await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` }), 'unlock');
    for (const s of sample.slice(0, 100)) {
      const r = await timeAsync(() => host.call('cases.get', { caseId: s.id }));
      must(r.value, 'cases.get');
      apiOpen.push(r.ms);
    }
    const boardSize = (await board(plain, scope, until)).length;
    const pair = (what: string, key: keyof (typeof t)['p'], goal: string, q = 95): Row => {
      const e = percentile(t.e[key], q);
      const pl = percentile(t.p[key], q);
      return { what, encrypted: fmt(e), plain: fmt(pl), ratio: ratio(e, pl), goal };
    };
    const rows: Row[] = [
      {
        what: `seed ${persons.toLocaleString('en')} persons`,
        encrypted: `${(p.ms / 1000).toFixed(1)} s (${Math.round((persons / p.ms) * 1000)}/s)`,
      },
      {
        what: `seed ${c.cases.toLocaleString('en')} cases (+${c.tips} tips, ${c.suspects} suspects, ${c.seizures} seizures, ${c.hotspots} hot spots)`,
        encrypted: `${(c.ms / 1000).toFixed(1)} s (${Math.round((c.cases / c.ms) * 1000)} cases/s)`,
      },
      pair('open a case file (repository + mapper), p95', 'open', '≤ 10 ms'),
      { what: 'open a case file via the API (+audit), p95', encrypted: fmt(percentile(apiOpen, 95)), goal: '≤ 10 ms' },
      pair(`deadlines board for the unit (${boardSize} items), p95`, 'board', '≤ 50 ms'),
      pair('case search by number, p95', 'number', '≤ 30 ms'),
      pair('case search by suspect name (no diacritics), p95', 'name', '≤ 30 ms'),
      pair('case search by CCCD, p95', 'cccd', '≤ 30 ms'),
    ];
    printTable(
      `Investigations at ${c.cases.toLocaleString('en')} cases, ${persons.toLocaleString('en')} persons — encrypted vs plain SQLite`,
      rows,
    );
    await plain.destroy();
    await host.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
