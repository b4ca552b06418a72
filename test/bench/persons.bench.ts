import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configureConnection, createKysely } from '../../electron/db/connection';
import { analyzeNewIndexes } from '../../electron/db/migrate';
import { createHost } from '../../electron/host/root';
import { accessiblePerson, loadFile } from '../../electron/persons/person.dossier';
import type { PersonScope } from '../../electron/persons/person.scope';
import { searchPersons } from '../../electron/persons/person.search';
import type { SeedResult } from '../../electron/persons/person.seed';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';
import { foldVietnamese } from '../../shared/text/fold';
import { copyTables, fmt, peakRssMb, percentile, printTable, ratio, timeAsync, warmOsCache, type Row } from './measure';

const TABLES = [
  'persons',
  'person_name_tokens',
  'person_token_stats',
  'person_measures',
  'person_check_ins',
  'drug_tests',
  'addiction_determinations',
  'person_photos',
  'units',
];
const SCOPE: PersonScope = {
  role: 'leader',
  limited: false,
  all: true,
  unitId: null,
  provinceCode: null,
  communeCode: null,
};

const FORMS = ['"nguyen van duc"', '"NGUYỄN VĂN ĐỨC"', '"nguyen duc"', '"nguyen van d"', '"duc"'];

/** Realistic queries: full names as typed without diacritics, family + given, a given name, a prefix. */
function queriesFrom(names: string[]): string[] {
  const q: string[] = [];
  names.forEach((n, i) => {
    const w = foldVietnamese(n).split(' ');
    const pick = i % 5;
    if (pick === 0) q.push(w.join(' '));
    else if (pick === 1) q.push(n.toUpperCase());
    else if (pick === 2) q.push(`${w[0]} ${w[w.length - 1]}`);
    else if (pick === 3) q.push(`${w.slice(0, -1).join(' ')} ${w[w.length - 1]!.slice(0, 2)}`);
    else q.push(w[w.length - 1]!);
  });
  return q;
}

type Kdb = ReturnType<typeof createKysely>;
type Figures = ReturnType<typeof summarise>;
type Measure = Exclude<keyof Figures, 'forms'>;

/** Each figure's median over the rounds, both files, and the range of the rounds' own ratios (encrypted ÷ plain). */
function medianOfRounds(runs: { p: Figures; e: Figures }[]) {
  const median = (xs: number[]) => percentile(xs, 50);
  const of = (side: 'p' | 'e'): Figures => ({
    forms: runs[0]![side].forms.map((_, i) => median(runs.map((r) => r[side].forms[i]!))),
    search: median(runs.map((r) => r[side].search)),
    scoped: median(runs.map((r) => r[side].scoped)),
    scopedWhole: median(runs.map((r) => r[side].scopedWhole)),
    searchMedian: median(runs.map((r) => r[side].searchMedian)),
    cccd: median(runs.map((r) => r[side].cccd)),
    open: median(runs.map((r) => r[side].open)),
  });
  const spread = (m: Measure) => {
    const rs = runs.map((r) => r.e[m] / r.p[m]).sort((a, b) => a - b);
    return runs.length > 1 ? ` (rounds ${rs[0]!.toFixed(2)}–${rs[rs.length - 1]!.toFixed(2)}×)` : '';
  };
  return { p: of('p'), e: of('e'), spread };
}

function summarise(t: {
  search: number[];
  byForm: number[][];
  scoped: number[];
  scopedWhole: number[];
  cccd: number[];
  open: number[];
}) {
  return {
    forms: t.byForm.map((f) => percentile(f, 95)),
    search: percentile(t.search, 95),
    scoped: percentile(t.scoped, 95),
    scopedWhole: percentile(t.scopedWhole, 95),
    searchMedian: percentile(t.search, 50),
    cccd: percentile(t.cccd, 95),
    open: percentile(t.open, 95),
  };
}

/**
 * Runs every probe on both files **interleaved**: plain then encrypted for one probe, encrypted then plain for
 * the next. What the rest of the machine does (two cores, shared) then falls on both sides alike, instead of on
 * whichever file happened to be measured second.
 */
async function measurePair(
  plain: Kdb,
  enc: Kdb,
  queries: string[],
  ids: string[],
  cccds: string[],
  communes: string[],
): Promise<{ p: Figures; e: Figures; plans: string }> {
  const empty = () => ({
    search: [] as number[],
    byForm: [[], [], [], [], []] as number[][],
    scoped: [] as number[],
    scopedWhole: [] as number[],
    cccd: [] as number[],
    open: [] as number[],
  });
  const t = { p: empty(), e: empty() };
  const plans = new Map<string, number>();
  const chosen = (p: string) => plans.set(p, (plans.get(p) ?? 0) + 1);
  let flip = false;
  const both = async (
    probe: (db: Kdb, side: 'p' | 'e') => Promise<unknown>,
    put: (side: 'p' | 'e', ms: number) => void,
  ) => {
    flip = !flip;
    for (const side of flip ? (['p', 'e'] as const) : (['e', 'p'] as const))
      put(side, (await timeAsync(() => probe(side === 'p' ? plain : enc, side))).ms);
  };
  for (const [i, query] of queries.entries()) {
    await both(
      (db, side) => searchPersons(db, SCOPE, { query, limit: 200 }, side === 'e' ? { chosen } : {}),
      (side, ms) => {
        t[side].search.push(ms);
        t[side].byForm[i % 5]!.push(ms);
      },
    );
  }
  // The same queries as a commune officer sees them: one commune's people (and the unit's files).
  for (const [i, query] of queries.entries()) {
    const scope: PersonScope = {
      role: 'commune_officer',
      limited: false,
      all: false,
      unitId: 'no-such-unit',
      provinceCode: null,
      communeCode: communes[i % communes.length]!,
    };
    await both(
      (db) => searchPersons(db, scope, { query, limit: 200 }),
      (side, ms) => t[side].scoped.push(ms),
    );
    // The same, with the scope read as one condition (as before the scope indexes): what reading it in halves saves.
    await both(
      (db) => searchPersons(db, scope, { query, limit: 200 }, { wholeScope: true }),
      (side, ms) => t[side].scopedWhole.push(ms),
    );
  }
  for (const c of cccds)
    await both(
      (db) => searchPersons(db, SCOPE, { query: '', citizenId: c, limit: 10 }),
      (side, ms) => t[side].cccd.push(ms),
    );
  for (const id of ids)
    await both(
      async (db) => loadFile(db, SCOPE, await accessiblePerson(db, SCOPE, id)),
      (side, ms) => t[side].open.push(ms),
    );
  return { p: summarise(t.p), e: summarise(t.e), plans: [...plans].map(([k, v]) => `${k} ${v}`).join(', ') };
}

const CHILD = 'HOSO_BENCH_PERSONS_CHILD';
const PASSWORD = 'mật khẩu benchmark dài';

interface AppMemory {
  rssMb: number;
  maxRssMb: number;
}

/**
 * The app's memory: the bench process holds two connections (encrypted and plain), each with its page cache, and
 * seeds in-process; the app holds one. So a fresh process opens the vault as the app does (one connection), signs in
 * as the leader, runs the same name searches and file openings through the API, and reports its memory.
 */
function appMemoryInChild(dataDir: string, queries: string[], ids: string[]): AppMemory {
  const spec = path.join(dataDir, '..', 'child.json');
  fs.writeFileSync(spec, JSON.stringify({ dataDir, queries, ids }));
  try {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], {
      env: { ...process.env, [CHILD]: spec },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{"rssMb"'));
    if (r.status !== 0 || !line) throw new Error(`memory child failed (${r.status}): ${r.stderr.slice(-2000)}`);
    return JSON.parse(line) as AppMemory;
  } finally {
    fs.rmSync(spec, { force: true });
  }
}

/** Child mode (see appMemoryInChild). Returns true when this process is the child. */
export async function personsChild(): Promise<boolean> {
  const spec = process.env[CHILD];
  if (!spec) return false;
  const { dataDir, queries, ids } = JSON.parse(fs.readFileSync(spec, 'utf8')) as {
    dataDir: string;
    queries: string[];
    ids: string[];
  };
  const host = createHost({ dataDir, kdfPolicy: 'floor', preferences: new MemoryPreferencesStore() });
  const must = (r: { ok: boolean; error?: { code: string } }, what: string) => {
    if (!r.ok) throw new Error(`${what} failed: ${r.error?.code}`);
  };
  must(await host.call('session.unlock', { username: 'lanhdao', password: `${PASSWORD}2` }), 'unlock');
  for (const query of queries) must(await host.call('persons.search', { query, limit: 200 }), 'persons.search');
  for (const personId of ids) must(await host.call('persons.get', { personId }), 'persons.get');
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  await host.close();
  const out: AppMemory = { rssMb, maxRssMb: peakRssMb() };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  return true;
}

/**
 * The same rows in a plain SQLite file through the same schema, built as the seeding builds the encrypted one:
 * each table's rows first (the name words as the seeding writes them), then its indexes, each made by one
 * sorted pass. An index grown row by row in another
 * order than its key fills its pages to about 70-90 %; made after the rows it is packed. Both files then have the
 * same layout, so that the ratio counts the cipher, not the layout (`leafFill` prints both).
 */
function copyToPlain(raw: Database.Database, target: string): void {
  const plainRaw = new Database(target);
  configureConnection(plainRaw);
  plainRaw.close();
  // The seeding writes the name words by ordinary inserts, word by word in key order (person.seed.ts).
  copyTables(raw, target, TABLES, { person_name_tokens: 'token, cls, sort_key, pk' });
}

/** How full the leaf pages of the largest indexes a search reads are, in one file: the two layouts side by side. */
function leafFill(raw: Database.Database): string {
  return ['person_name_tokens', 'persons_summary_sorted', 'persons_walk']
    .map((name) => {
      const r = raw
        .prepare(
          `SELECT count(*) AS pages, sum(pgsize - unused) * 1.0 / sum(pgsize) AS fill FROM dbstat
           WHERE name = ? AND pagetype = 'leaf'`,
        )
        .get(name) as { pages: number; fill: number | null };
      return `${name} ${r.pages.toLocaleString('en')} × ${((r.fill ?? 0) * 100).toFixed(0)} %`;
    })
    .join(', ');
}

export async function benchPersons(count: number): Promise<void> {
  // BENCH_DIR keeps the seeded files there and reuses them on the next run (seeding a million takes a while).
  const keep = process.env.BENCH_DIR ? path.resolve(process.env.BENCH_DIR, String(count)) : null;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-bench-persons-'));
  // A folder whose seeding finished is reused (`vault-seeded`; older folders have only their plain copy).
  const reuse =
    keep !== null && (fs.existsSync(path.join(dir, 'vault-seeded')) || fs.existsSync(path.join(dir, 'plain.db')));
  if (keep) fs.mkdirSync(dir, { recursive: true });
  try {
    const host = createHost({
      dataDir: path.join(dir, 'vault'),
      kdfPolicy: 'floor',
      preferences: new MemoryPreferencesStore(),
    });
    const pw = PASSWORD;
    let seeded: SeedResult | null = null;
    if (reuse) await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` });
    else {
      // The first leader is made at setup with its own password (an administrator cannot grant a reading role).
      await host.call('vault.create', {
        adminUsername: 'bench',
        adminDisplayName: 'Bench',
        password: pw,
        leader: { username: 'lanhdao', displayName: 'Lãnh đạo', password: `${pw}2` },
      });
      await host.call('session.lock', {});
      await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` });
      const stop = host.on('call.progress', ({ done }) => process.stderr.write(`\rseeding ${done}/${count}`));
      const r = await host.call('persons.seed', { count, seed: 42, provinceCode: '08' });
      stop();
      if (!r.ok) throw new Error(`seeding failed: ${r.error.code}`);
      seeded = r.value as SeedResult;
      process.stderr.write('\n');
      const state = host.openState();
      state.raw.pragma('optimize');
      state.raw.exec('ANALYZE');

      fs.writeFileSync(path.join(dir, 'vault-seeded'), '');
    }
    // The same rows in a plain SQLite file, through the same schema, for the ratio (made again when missing).
    if (!fs.existsSync(path.join(dir, 'plain.db'))) copyToPlain(host.openState().raw, path.join(dir, 'plain.db'));
    const enc = host.openState();
    const plainFile = path.join(dir, 'plain.db');
    const plain = new Database(plainFile);
    configureConnection(plain);
    // Reused files migrated before migrations analyzed the indexes they make: analyze those now, as an upgrade does.
    await analyzeNewIndexes(enc.db);
    // Reused files: a table a migration rebuilt with another key since seeding (a person's measures, check-ins, tests
    // and findings stored together, 2026_12_04_0940) is copied again from the encrypted file, rows and indexes, so
    // that both files keep their rows the same way.
    const shapeOf = (db: Database.Database, t: string) => {
      const ddl = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) as
        { sql: string } | undefined;
      const key = db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(t);
      return JSON.stringify([/WITHOUT\s+ROWID\s*$/i.test(ddl?.sql ?? ''), key]);
    };
    for (const t of TABLES) {
      if (shapeOf(enc.raw, t) === shapeOf(plain, t)) continue;
      plain.exec(`DROP TABLE "${t}"`);
      copyTables(enc.raw, plainFile, [t]);
    }
    // Reused files: a column a migration added since seeding is added to the plain copy with its values (copied by
    // id, else rowid, through an attachment), so that the indexes below can be made there too.
    const columnsOf = (db: Database.Database, t: string) =>
      db.prepare('SELECT name, type FROM pragma_table_info(?)').all(t) as { name: string; type: string }[];
    for (const t of TABLES) {
      const missing = columnsOf(enc.raw, t).filter((c) => !columnsOf(plain, t).some((x) => x.name === c.name));
      if (!missing.length) continue;
      for (const c of missing) plain.exec(`ALTER TABLE "${t}" ADD COLUMN "${c.name}" ${c.type}`);
      enc.raw.prepare("ATTACH DATABASE ? AS plain KEY ''").run(plainFile);
      const names = missing.map((c) => `"${c.name}"`).join(', ');
      const key = columnsOf(enc.raw, t).some((c) => c.name === 'id') ? 'id' : 'rowid';
      enc.raw.exec(
        `UPDATE plain."${t}" AS x SET (${names}) = (SELECT ${names} FROM main."${t}" AS m WHERE m.${key} = x.${key})`,
      );
      enc.raw.exec('DETACH DATABASE plain');
    }
    // Reused files: an index a migration added since seeding (the encrypted file got it when it opened) is made in
    // the plain copy too, and one a migration dropped is dropped there, so that both answer with the same plans.
    const indexesOf = (db: Database.Database, t: string) =>
      db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ?")
        .all(t) as { name: string; sql: string }[];
    for (const t of TABLES) {
      const encIndexes = indexesOf(enc.raw, t);
      const plainIndexes = indexesOf(plain, t);
      for (const d of encIndexes) if (!plainIndexes.some((x) => x.name === d.name)) plain.exec(d.sql);
      for (const d of plainIndexes)
        if (!encIndexes.some((x) => x.name === d.name)) plain.exec(`DROP INDEX "${d.name}"`);
    }
    plain.exec('ANALYZE');
    const plainDb = createKysely(plain);

    // ROUNDS rounds of 400 other people each: a p95 of 400 probes moves by ±15 % from one run to the next at this
    // size, so each figure is the median of the rounds' p95s (and the ratio of those medians), rounds' range beside.
    const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
    const sample = enc.raw
      .prepare(
        `SELECT id, full_name AS n, citizen_id AS c FROM persons ORDER BY (pk * 7919) % 100003 LIMIT ${400 * rounds}`,
      )
      .all() as { id: string; n: string; c: string }[];
    const queries = queriesFrom(sample.map((s) => s.n));
    const ids = sample.map((s) => s.id);
    const communes = (
      enc.raw.prepare('SELECT DISTINCT cur_commune AS c FROM persons WHERE pk % 997 = 0 LIMIT 20').all() as {
        c: string;
      }[]
    ).map((r) => r.c);
    const round = (r: number, n = 400) => {
      const part = sample.slice(r * 400, r * 400 + n);
      return [queriesFrom(part.map((s) => s.n)), part.map((s) => s.id), part.map((s) => s.c).filter(Boolean)] as const;
    };
    // Warm both caches the same way, then measure both, interleaved probe by probe. Before each round both files
    // are read into the OS cache side by side (warmOsCache), so that neither side reads from disk what the other
    // finds cached.
    const files = [path.join(dir, 'vault', 'hoso.db'), plainFile];
    const warmed = [warmOsCache(files)];
    await measurePair(plainDb, enc.db, ...round(0, 50), communes);
    const measured: Awaited<ReturnType<typeof measurePair>>[] = [];
    for (let r = 0; r < rounds; r++) {
      warmed.push(warmOsCache(files));
      measured.push(await measurePair(plainDb, enc.db, ...round(r), communes));
    }
    const { p, e, spread } = medianOfRounds(measured);
    const plans = measured[0]!.plans;
    // Seeding a million people outlasts the idle timeout: sign in again before timing the API.
    await host.call('session.unlock', { username: 'lanhdao', password: `${pw}2` });
    const apiOpen: number[] = [];
    for (const id of ids.slice(0, 100)) {
      const t = await timeAsync(() => host.call('persons.get', { personId: id }));
      if (!t.value.ok) throw new Error(`persons.get failed: ${t.value.error.code}`);
      apiOpen.push(t.ms);
    }
    const rss = process.memoryUsage().rss / 1024 / 1024;
    // The app starts on a file whose write-ahead log its last close emptied: empty it here too (seeding, or a migration
    // that built an index on open, left it long), so the child measures the app and not this process's leftovers.
    host.openState().raw.pragma('wal_checkpoint(TRUNCATE)');
    const app = appMemoryInChild(path.join(dir, 'vault'), queries.slice(0, 400), ids.slice(0, 100));
    // The change log's pages (table and its index) per person on file: what a bundle of everything would carry.
    const logBytes = (
      host
        .openState()
        .raw.prepare(`SELECT sum(pgsize) AS b FROM dbstat WHERE name IN ('change_log', 'change_log_record')`)
        .get() as { b: number }
    ).b;
    const rows: Row[] = [
      seeded
        ? {
            what: `seed ${count.toLocaleString('en')} persons (+${seeded.measures} measures, ${seeded.tests} tests)`,
            encrypted: `${(seeded.ms / 1000).toFixed(1)} s (${Math.round((count / seeded.ms) * 1000)}/s)`,
          }
        : { what: `seed ${count.toLocaleString('en')} persons`, encrypted: `reused from ${dir}` },
      {
        what: 'name search (diacritics-insensitive), p95',
        encrypted: fmt(e.search),
        plain: fmt(p.search),
        ratio: ratio(e.search, p.search) + spread('search'),
        goal: '≤ 30 ms',
      },
      ...FORMS.map((form, i) => ({
        what: `  p95 of ${form}`,
        encrypted: fmt(e.forms[i]!),
        plain: fmt(p.forms[i]!),
        ratio: ratio(e.forms[i]!, p.forms[i]!),
      })),
      { what: '  plans chosen', encrypted: plans },
      {
        what: 'name search as a commune officer, p95',
        encrypted: fmt(e.scoped),
        plain: fmt(p.scoped),
        ratio: ratio(e.scoped, p.scoped) + spread('scoped'),
        goal: '≤ 30 ms',
      },
      {
        what: '  the same, scope read as one condition (before the scope indexes)',
        encrypted: fmt(e.scopedWhole),
        plain: fmt(p.scopedWhole),
        ratio: ratio(e.scopedWhole, p.scopedWhole) + spread('scopedWhole'),
      },
      {
        what: 'name search, median',
        encrypted: fmt(e.searchMedian),
        plain: fmt(p.searchMedian),
        ratio: ratio(e.searchMedian, p.searchMedian) + spread('searchMedian'),
      },
      {
        what: 'CCCD lookup, p95',
        encrypted: fmt(e.cccd),
        plain: fmt(p.cccd),
        ratio: ratio(e.cccd, p.cccd) + spread('cccd'),
        goal: '≤ 5 ms',
      },
      {
        what: 'open a person file (load), p95',
        encrypted: fmt(e.open),
        plain: fmt(p.open),
        ratio: ratio(e.open, p.open) + spread('open'),
        goal: '≤ 10 ms',
      },
      {
        what: 'open a person file via the API (+audit), p95',
        encrypted: fmt(percentile(apiOpen, 95)),
        goal: '≤ 10 ms',
      },
      {
        what: 'the app’s memory: one connection, searches and files via the API (RSS, peak)',
        encrypted: `${app.rssMb.toFixed(0)} MB (${app.maxRssMb.toFixed(0)} MB)`,
        goal: '≤ 400 MB',
      },
      {
        what: 'leaf pages × how full (a bulk seed packs both; a small one grows the vault row by row)',
        encrypted: leafFill(host.openState().raw),
        plain: leafFill(plain),
      },
      { what: 'this bench process (two connections, seeding)', encrypted: `${rss.toFixed(0)} MB` },
      {
        what: 'both files read into the OS cache side by side before each round (s)',
        encrypted: warmed.map((w) => w.toFixed(1)).join(', '),
      },
      {
        what: 'change log per person (pages of table + index)',
        encrypted: `${Math.round(logBytes / count).toLocaleString('en')} B`,
        goal: '≤ 400 B',
      },
    ];
    printTable(
      `Persons at ${count.toLocaleString('en')} — encrypted vs plain SQLite, same data, same queries, same run`,
      rows,
    );
    await plainDb.destroy();
    await host.close();
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
