import type { RawDatabase } from '../db/connection';
import { loggedFields } from './tables';
import type { ChangeContext } from '../changelog/changelog';
import { wallIso } from '../changelog/merge';

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
    this.insChange = raw.prepare(
      'INSERT INTO change_log (hlc, workstation_id, account_id, table_name, record_id, changes, base) VALUES (?, ?, ?, ?, ?, ?, NULL)',
    );
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
    const logged = loggedFields(table, row);
    if (logged)
      this.insChange.run([hlc, this.changes.workstationId, this.changes.accountId, table, id, JSON.stringify(logged)]);
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
