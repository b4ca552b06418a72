import { sqliteVersions } from '../db/connection';
import { latestMigrationName } from '../db/migrate';
import { migrations } from '../db/migrations';
import type { HandlerGroup } from './context';
import { encodeHlc } from '../changelog/hlc';
import { allSpecs } from '../platform/tables';

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Counts only: `hoso info` and the about screen show no personal data. */
export const appHandlers: HandlerGroup<'app.info'> = {
  async 'app.info'(ctx) {
    const s = ctx.open();
    const count = (table: string) => (s.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const counts: Record<string, number> = {};
    // Every replicated table, the exchange's own and the logs: anyone can see that a refused import changed nothing.
    const tables = [
      'accounts',
      'units',
      ...allSpecs().map((t) => snake(t.table)),
      'conflicts',
      'exchange_peers',
      'exchange_bundles',
      'audit_log',
      'change_log',
    ];
    for (const t of new Set(tables)) counts[t] = count(t);
    const head = s.raw
      .prepare(
        'SELECT c.seq, c.wall, c.counter, a.node FROM change_log c JOIN log_actors a ON a.n = c.actor ORDER BY c.seq DESC LIMIT 1',
      )
      .get() as { seq: number; wall: number; counter: number; node: string } | undefined;
    return {
      workstationId: s.workstationId,
      schemaVersion: latestMigrationName(),
      migrations: Object.keys(migrations).length,
      counts,
      changeLogHead: head ? { seq: head.seq, hlc: encodeHlc(head) } : null,
      ...sqliteVersions(s.raw),
    };
  },
};
