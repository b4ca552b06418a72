import { sqliteVersions } from '../db/connection';
import { latestMigrationName } from '../db/migrate';
import { migrations } from '../db/migrations';
import type { HandlerGroup } from './context';

/** Counts only: `hoso info` and the about screen show no personal data. */
export const appHandlers: HandlerGroup<'app.info'> = {
  async 'app.info'(ctx) {
    const s = ctx.open();
    const count = (table: string) => (s.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const counts: Record<string, number> = {};
    for (const t of ['accounts', 'units', 'audit_log', 'change_log']) counts[t] = count(t);
    return {
      workstationId: s.workstationId,
      schemaVersion: latestMigrationName(),
      migrations: Object.keys(migrations).length,
      counts,
      ...sqliteVersions(s.raw),
    };
  },
};
