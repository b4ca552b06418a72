import { sql } from 'kysely';
import type { Db } from '../platform/table-spec';

/**
 * Indicator figures kept between calls while nothing was written: per database (its workstation id) and its
 * change log's head. Every write to a record goes through the change log (changelog.ts, the batch writer and an
 * import's apply all append to it), so while the head is the same every count over the records is the same; a
 * new head drops everything kept for that database (a record entered today may be dated in any earlier year).
 * The trend's earlier years and a second look at a period are then read from memory. Figures only: counts and
 * breakdowns, never a record. Kept in the host process, so a lock or a restart does not carry anything over
 * (the figures are not secret beyond what the caller's area and families allow, which is checked before).
 */
export interface FigureStore {
  get<T>(key: string): T | undefined;
  set<T>(key: string, value: T): void;
}

interface Kept {
  head: string;
  figures: Map<string, unknown>;
}

/** A bound on what one database keeps (a dashboard asks ~20 indicators × 5 periods). */
const MAX_FIGURES = 4000;
const kept = new Map<string, Kept>();

/** The change log's head: its last entry's sequence number and stamp (a reused number has another stamp). */
export async function changeLogHead(db: Db): Promise<string> {
  const r = await sql<{ seq: number; wall: number; counter: number }>`SELECT seq, wall, counter FROM change_log
    ORDER BY seq DESC LIMIT 1`.execute(db);
  const h = r.rows[0];
  return h ? `${h.seq}.${h.wall}.${h.counter}` : 'empty';
}

/** The store of one database at its current head (older figures of it are dropped). */
export async function figureStore(db: Db, database: string): Promise<FigureStore> {
  const head = await changeLogHead(db);
  let k = kept.get(database);
  if (!k || k.head !== head) {
    k = { head, figures: new Map() };
    kept.set(database, k);
  }
  const figures = k.figures;
  return {
    get: <T>(key: string) => {
      const v = figures.get(key);
      return v === undefined ? undefined : (structuredClone(v) as T);
    },
    set: <T>(key: string, value: T) => {
      if (figures.size >= MAX_FIGURES) figures.clear();
      figures.set(key, structuredClone(value));
    },
  };
}

/** Forgets every kept figure (tests; a database replaced under the same workstation id by a restore). */
export function forgetFigures(): void {
  kept.clear();
}
