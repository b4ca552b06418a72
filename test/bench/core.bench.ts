import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CIPHER, configureConnection, keyConnection } from '../../electron/db/connection';
import { createHost } from '../../electron/host/root';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';
import { fmt, percentile, printTable, ratio, time, timeAsync, type Row } from './measure';

const N = Number(process.env.BENCH_ROWS ?? 200_000);

function openDb(dir: string, encrypted: boolean) {
  const raw = new Database(path.join(dir, encrypted ? 'enc.db' : 'plain.db'));
  if (encrypted) keyConnection(raw, crypto.randomBytes(32));
  configureConnection(raw);
  raw.exec(`CREATE TABLE rec (id TEXT PRIMARY KEY, name TEXT NOT NULL, folded TEXT NOT NULL, born INTEGER, note TEXT);
            CREATE INDEX rec_folded ON rec(folded);`);
  return raw;
}

function workload(raw: Database.Database) {
  const ids: string[] = [];
  const insert = raw.prepare('INSERT INTO rec VALUES (?, ?, ?, ?, ?)');
  const ins = time(() =>
    raw.transaction(() => {
      for (let i = 0; i < N; i++) {
        const id = crypto.createHash('sha1').update(String(i)).digest('hex');
        ids.push(id);
        insert.run(id, `Nguyễn Văn ${i}`, `nguyen van ${i}`, 1960 + (i % 50), 'ghi chú '.repeat(8));
      }
    })(),
  );
  const byId = raw.prepare('SELECT * FROM rec WHERE id = ?');
  const lookups: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const id = ids[(i * 7919) % ids.length]!;
    lookups.push(time(() => byId.get(id)).ms);
  }
  const prefix = raw.prepare('SELECT id, name FROM rec WHERE folded >= ? AND folded < ? ORDER BY folded LIMIT 50');
  const ranges: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const p = `nguyen van ${(i * 31) % 1000}`;
    ranges.push(time(() => prefix.all(p, `${p}\uffff`)).ms);
  }
  const scan = time(() => raw.prepare('SELECT count(*) AS n, avg(born) AS b FROM rec WHERE note LIKE ?').get('%chú%'));
  return { insertMs: ins.ms, lookupP95: percentile(lookups, 95), rangeP95: percentile(ranges, 95), scanMs: scan.ms };
}

export async function benchCore(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-bench-'));
  try {
    const host = createHost({
      dataDir: path.join(dir, 'vault'),
      kdfPolicy: 'tuned',
      preferences: new MemoryPreferencesStore(),
    });
    const pw = 'mật khẩu benchmark dài';
    const create = await timeAsync(() =>
      host.call('vault.create', {
        adminUsername: 'bench',
        adminDisplayName: 'Bench',
        password: pw,
        leader: { username: 'lanhdao', displayName: 'Lãnh đạo', password: `${pw} lãnh đạo` },
      }),
    );
    await host.call('session.lock', {});
    const unlocks: number[] = [];
    for (let i = 0; i < 3; i++) {
      unlocks.push((await timeAsync(() => host.call('session.unlock', { username: 'bench', password: pw }))).ms);
      await host.call('session.lock', {});
    }
    await host.close();

    // Three rounds, alternating which side goes first, each on fresh files; the median of each figure is
    // reported, so one noisy moment on a shared machine does not decide the ratio.
    const runs: { e: ReturnType<typeof workload>; p: ReturnType<typeof workload> }[] = [];
    for (let round = 0; round < 3; round++) {
      const sub = fs.mkdtempSync(path.join(dir, `r${round}-`));
      const enc = openDb(sub, true);
      const plain = openDb(sub, false);
      const first = round % 2 === 0 ? workload(plain) : workload(enc);
      const second = round % 2 === 0 ? workload(enc) : workload(plain);
      runs.push(round % 2 === 0 ? { p: first, e: second } : { e: first, p: second });
      enc.close();
      plain.close();
      fs.rmSync(sub, { recursive: true, force: true });
    }
    const med = (side: 'e' | 'p') =>
      Object.fromEntries(
        (['insertMs', 'lookupP95', 'rangeP95', 'scanMs'] as const).map((k) => [
          k,
          percentile(
            runs.map((r) => r[side][k]),
            50,
          ),
        ]),
      ) as ReturnType<typeof workload>;
    const e = med('e');
    const p = med('p');
    const rows: Row[] = [
      { what: 'vault create (3 argon2id slots: admin, first leader, recovery)', encrypted: fmt(create.ms) },
      {
        what: 'unlock (argon2id, tuned), median of 3',
        encrypted: fmt(percentile(unlocks, 50)),
        goal: '0.5–1 s on purpose',
      },
      {
        what: `insert ${N.toLocaleString('en')} rows, one transaction`,
        encrypted: fmt(e.insertMs),
        plain: fmt(p.insertMs),
        ratio: ratio(e.insertMs, p.insertMs),
        goal: '≤ 1.25×',
      },
      {
        what: 'point lookup by id, p95',
        encrypted: fmt(e.lookupP95),
        plain: fmt(p.lookupP95),
        ratio: ratio(e.lookupP95, p.lookupP95),
        goal: '≤ 1.25×',
      },
      {
        what: 'indexed prefix range (50 rows), p95',
        encrypted: fmt(e.rangeP95),
        plain: fmt(p.rangeP95),
        ratio: ratio(e.rangeP95, p.rangeP95),
        goal: '≤ 1.25×',
      },
      {
        what: 'full scan with LIKE',
        encrypted: fmt(e.scanMs),
        plain: fmt(p.scanMs),
        ratio: ratio(e.scanMs, p.scanMs),
        goal: '≤ 1.25×',
      },
    ];
    printTable(
      `Secure core — encrypted (${CIPHER}) vs plain SQLite, same workload, same run (N=${N}, median of 3 alternating rounds)`,
      rows,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
