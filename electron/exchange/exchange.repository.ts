import type { Db } from '../platform/table-spec';
import type { AuditLine } from './bundle';

/**
 * The exchange's local tables (exchange.schema.ts): bundles sent and received, the audit entries peers sent along.
 * Every function takes the call's Kysely handle first; services call these, never the query builder.
 */
export const exchangeRepository = Object.freeze({
  /** The bundle of a number from or to a peer, if this station has one. */
  async bundle(db: Db, direction: 'out' | 'in', peerId: string, seq: number) {
    return db
      .selectFrom('exchangeBundles')
      .selectAll()
      .where('direction', '=', direction)
      .where('peerId', '=', peerId)
      .where('seq', '=', seq)
      .executeTakeFirst();
  },

  /** The highest-numbered bundle from or to a peer. */
  async lastBundle(db: Db, direction: 'out' | 'in', peerId: string) {
    return db
      .selectFrom('exchangeBundles')
      .selectAll()
      .where('direction', '=', direction)
      .where('peerId', '=', peerId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /** The last bundle to a peer that the peer acknowledged (what the next bundle is built on: its basis). */
  async lastAcknowledged(db: Db, peerId: string) {
    return db
      .selectFrom('exchangeBundles')
      .selectAll()
      .where('direction', '=', 'out')
      .where('peerId', '=', peerId)
      .where('ackedAt', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /** The first bundle received from a peer after `seq` (the one that superseded a skipped number). */
  async nextReceived(db: Db, peerId: string, seq: number): Promise<number | null> {
    const r = await db
      .selectFrom('exchangeBundles')
      .select('seq')
      .where('direction', '=', 'in')
      .where('peerId', '=', peerId)
      .where('seq', '>', seq)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    return r?.seq ?? null;
  },

  /** The numbers received from each peer (in order): what is missing below the last one was superseded. */
  async receivedSeqs(db: Db): Promise<Map<string, number[]>> {
    const rows = await db
      .selectFrom('exchangeBundles')
      .select(['peerId', 'seq'])
      .where('direction', '=', 'in')
      .orderBy('peerId')
      .orderBy('seq')
      .execute();
    const out = new Map<string, number[]>();
    for (const r of rows) out.set(r.peerId, [...(out.get(r.peerId) ?? []), r.seq]);
    return out;
  },

  /** Keeps audit entries a peer sent (entries already kept, from an earlier overlapping bundle, are left alone). */
  async keepAuditEntries(db: Db, peerId: string, bundleSeq: number, at: string, lines: readonly AuditLine[]) {
    for (let i = 0; i < lines.length; i += 200) {
      const rows = lines.slice(i, i + 200).map((l) => ({ peerId, ...l, bundleSeq, receivedAt: at }));
      await db
        .insertInto('exchangeAuditEntries')
        .values(rows)
        .onConflict((oc) => oc.columns(['peerId', 'seq']).doNothing())
        .execute();
    }
  },

  /** Per peer: how many of its audit entries this station keeps, the first and the last (the head). */
  async auditSummary(db: Db) {
    const rows = await db
      .selectFrom('exchangeAuditEntries')
      .select((eb) => [
        'peerId',
        eb.fn.countAll<number>().as('count'),
        eb.fn.min('seq').as('first'),
        eb.fn.max('seq').as('last'),
        eb.fn.max('receivedAt').as('receivedAt'),
      ])
      .groupBy('peerId')
      .execute();
    const heads = new Map<string, string>();
    for (const r of rows) {
      const h = await db
        .selectFrom('exchangeAuditEntries')
        .select('hash')
        .where('peerId', '=', r.peerId)
        .where('seq', '=', Number(r.last))
        .executeTakeFirst();
      if (h) heads.set(r.peerId, h.hash);
    }
    return rows.map((r) => ({
      peerId: r.peerId,
      count: Number(r.count),
      first: Number(r.first),
      head: { seq: Number(r.last), hash: heads.get(r.peerId) ?? '' },
      receivedAt: String(r.receivedAt),
    }));
  },

  /** A peer's kept audit entries, newest first. */
  async auditEntries(db: Db, peerId: string, limit: number) {
    return db
      .selectFrom('exchangeAuditEntries')
      .selectAll()
      .where('peerId', '=', peerId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
  },
});
