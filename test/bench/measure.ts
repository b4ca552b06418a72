import type Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Small timing helpers for `npm run bench`: figures are printed, never asserted. */
export function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

export interface Row {
  what: string;
  encrypted: string;
  plain?: string;
  ratio?: string;
  goal?: string;
}

export function fmt(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}

export function ratio(enc: number, plain: number): string {
  return plain > 0 ? `${(enc / plain).toFixed(2)}×` : '-';
}

export function printTable(title: string, rows: Row[]): void {
  const cols: (keyof Row)[] = ['what', 'encrypted', 'plain', 'ratio', 'goal'];
  const heads: Record<keyof Row, string> = {
    what: 'measure',
    encrypted: 'encrypted',
    plain: 'plain SQLite',
    ratio: 'ratio',
    goal: 'goal',
  };
  const width = (c: keyof Row) => Math.max(heads[c].length, ...rows.map((r) => (r[c] ?? '').length));
  const line = (r: Record<string, string | undefined>) => cols.map((c) => (r[c] ?? '').padEnd(width(c))).join(' │ ');
  console.log(`\n${title}`);
  console.log(line(heads));
  console.log(cols.map((c) => '─'.repeat(width(c))).join('─┼─'));
  for (const r of rows) console.log(line(r as unknown as Record<string, string>));
}

/**
 * This process's peak resident memory in MB. On Linux from `VmHWM` (the peak of this process's own memory):
 * `getrusage`'s maxRSS, which `process.resourceUsage()` reports, keeps across `execve` the peak of the memory the
 * process was forked with, so a bench's child reported the bench process's own size (two connections, seeded data)
 * as its peak. Elsewhere maxRSS, which may carry the same inheritance.
 */
export function peakRssMb(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Copies tables from an open vault into a plain SQLite file: each table's rows, then its indexes made in one sorted
 * pass each (as the seeding makes them in the vault), so both files' indexes are packed alike and the ratio counts
 * the cipher, not how full the pages are. A table that is itself a key-ordered tree (WITHOUT ROWID) is copied with
 * the ORDER BY `writeOrder` names, as the seeding writes it: a plain `INSERT … SELECT *` would take SQLite's
 * transfer shortcut, which packs that tree full (as an index build does) while the seeding's ordinary inserts leave
 * its pages about 89 % full, and the plain file would then read fewer pages than the vault for the same search.
 */
export function copyTables(
  vault: Database.Database,
  target: string,
  tables: string[],
  writeOrder: Record<string, string> = {},
): void {
  vault.prepare("ATTACH DATABASE ? AS plain KEY ''").run(target);
  try {
    for (const t of tables) {
      const ddl = vault
        .prepare(
          "SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL AND type IN ('table', 'index') ORDER BY type DESC",
        )
        .all(t) as { type: string; sql: string }[];
      const inPlain = (sql: string) =>
        sql.replace(
          /^create (unique )?(table|index) "?(\w+)"?/i,
          (_m, u, k, name) => `CREATE ${u ?? ''}${k} plain."${name}"`,
        );
      for (const d of ddl.filter((x) => x.type === 'table')) vault.exec(inPlain(d.sql));
      const order = writeOrder[t] ? ` ORDER BY ${writeOrder[t]}` : '';
      if (ddl.length) vault.exec(`INSERT INTO plain.${t} SELECT * FROM main.${t}${order}`);
      for (const d of ddl.filter((x) => x.type === 'index')) vault.exec(inPlain(d.sql));
    }
  } finally {
    vault.exec('DETACH DATABASE plain');
  }
}

/**
 * Reads files into the OS cache side by side, a slice of each in turn, so that none is older there than another.
 * Machines here give the OS cache back to their host as it ages (hundreds of MB a minute, oldest first): a file read
 * before the other was then partly on disk again when measured, and its side lost by a disk read per miss.
 * Returns the seconds it took (about 1 s per 8 GB already cached).
 */
export function warmOsCache(files: string[], sliceBytes = 16 << 20): number {
  const t0 = performance.now();
  const fds = files.map((f) => fs.openSync(f, 'r'));
  const buf = Buffer.allocUnsafe(sliceBytes);
  try {
    const sizes = fds.map((fd) => fs.fstatSync(fd).size);
    for (let at = 0; at < Math.max(...sizes); at += sliceBytes)
      for (const [i, fd] of fds.entries()) if (at < sizes[i]!) fs.readSync(fd, buf, 0, sliceBytes, at);
  } finally {
    for (const fd of fds) fs.closeSync(fd);
  }
  return (performance.now() - t0) / 1000;
}
