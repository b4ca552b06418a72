import type { RawDatabase } from '../db/connection';
import { loggedFields } from './tables';
import type { ChangeContext } from '../changelog/changelog';
import { wallIso } from '../changelog/merge';
import { decodeHlc } from '../changelog/hlc';
import { recordKey } from '../changelog/log-store';

type Statement = ReturnType<RawDatabase['prepare']>;

/**
 * The batch writer for procedures declared `transaction: false` that load many records (seeding, and later
 * bundle import): prepared statements kept across rows, commits in steps, and every record written through the
 * same change-log rule as a service's write (only the fields the table spec logs). It is handed out by the
 * router for one call; it holds the connection, never the key, and nothing outlives the call.
 */
export class BatchWriter {
  private readonly statements = new Map<string, Statement>();
  private readonly insChange: Statement;

  constructor(
    private readonly raw: RawDatabase,
    private readonly changes: ChangeContext,
  ) {
    // First writes are kept by reference to their rows (changelog/log-store.ts): only the stamp, who and where.
    this.insChange = raw.prepare(
      'INSERT INTO change_log (wall, counter, actor, tbl, record, changes, base) VALUES (?, ?, ?, ?, ?, NULL, NULL)',
    );
  }

  private readonly numbers = new Map<string, number>();

  /** A dictionary number (log_tables, log_actors), looked up once per call. */
  private dictionary(kind: 'table' | 'actor', key: string, insert: () => void, select: () => unknown): number {
    const k = `${kind}:${key}`;
    let n = this.numbers.get(k);
    if (n === undefined) {
      insert();
      n = (select() as { n: number }).n;
      this.numbers.set(k, n);
    }
    return n;
  }

  /** Runs `fn` in one transaction: all of it commits, or none. */
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    return this.raw.transaction(fn) as (...args: A) => void;
  }

  /** A prepared statement kept for the call (staging tables, index copies). */
  statement(sqlText: string): Statement {
    let s = this.statements.get(sqlText);
    if (!s) this.statements.set(sqlText, (s = this.raw.prepare(sqlText)));
    return s;
  }

  exec(sqlText: string): void {
    this.raw.exec(sqlText);
  }

  /** Inserts a new record of a replicated table with its change-log row; returns its rowid. */
  insert(table: string, id: string, fields: Record<string, unknown>): { pk: number } {
    const hlc = this.changes.hlc.now();
    const at = wallIso(hlc);
    const row = { ...fields, createdAt: at, updatedAt: at, originWs: this.changes.workstationId };
    const cols = Object.keys(row);
    const sqlText = `INSERT INTO ${snake(table)} (id, ${cols.map(snake).join(', ')}, hlc) VALUES (?, ${cols.map(() => '?').join(', ')}, ?)`;
    const info = this.statement(sqlText).run([id, ...Object.values(row).map(sqlValue), hlc]);
    if (loggedFields(table, row)) {
      const stamp = decodeHlc(hlc);
      const ws = this.changes.workstationId;
      const acc = this.changes.accountId ?? '';
      const tbl = this.dictionary(
        'table',
        table,
        () => this.statement('INSERT OR IGNORE INTO log_tables (name) VALUES (?)').run([table]),
        () => this.statement('SELECT n FROM log_tables WHERE name = ?').get([table]),
      );
      const actor = this.dictionary(
        'actor',
        `${ws}/${acc}/${stamp.node}`,
        () =>
          this.statement('INSERT OR IGNORE INTO log_actors (workstation_id, account_id, node) VALUES (?, ?, ?)').run([
            ws,
            acc,
            stamp.node,
          ]),
        () =>
          this.statement('SELECT n FROM log_actors WHERE workstation_id = ? AND account_id = ? AND node = ?').get([
            ws,
            acc,
            stamp.node,
          ]),
      );
      this.insChange.run([stamp.wall, stamp.counter, actor, tbl, recordKey(id)]);
    }
    return { pk: Number(info.lastInsertRowid) };
  }
}

const snakeCache = new Map<string, string>();
export function snake(k: string): string {
  let v = snakeCache.get(k);
  if (!v) snakeCache.set(k, (v = k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
  return v;
}

function sqlValue(v: unknown): unknown {
  return typeof v === 'boolean' ? Number(v) : v;
}
