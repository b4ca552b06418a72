import { sql } from 'kysely';
import type { Db, ReplicatedTable } from '../platform/table-spec';
import type { AuditLine } from './bundle';
import type { ArchiveRecipientTable, ExchangeBundleTable, ExchangePeerTable } from './exchange.schema';

type NewBundle = Omit<ExchangeBundleTable, 'id'>;

/**
 * The exchange's local tables (exchange.schema.ts): bundles sent and received, the audit entries peers sent along.
 * Every function takes the call's Kysely handle first; services call these, never the query builder.
 */
export const exchangeRepository = Object.freeze({
  // ── Peers ──────────────────────────────────────────────────────────────────────────────────────────────────
  async peer(db: Db, id: string): Promise<ExchangePeerTable | undefined> {
    return db.selectFrom('exchangePeers').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async peers(db: Db): Promise<ExchangePeerTable[]> {
    return db.selectFrom('exchangePeers').selectAll().orderBy('name').execute();
  },

  async addPeer(db: Db, row: ExchangePeerTable): Promise<void> {
    await db.insertInto('exchangePeers').values(row).execute();
  },

  async updatePeer(
    db: Db,
    id: string,
    patch: Partial<Pick<ExchangePeerTable, 'signingPublic' | 'ageRecipient' | 'fingerprint' | 'status' | 'policy'>>,
    updatedAt: string,
  ): Promise<void> {
    await db
      .updateTable('exchangePeers')
      .set({ ...patch, updatedAt })
      .where('id', '=', id)
      .execute();
  },

  // ── Archive recipients ─────────────────────────────────────────────────────────────────────────────────────
  async archiveRecipients(db: Db): Promise<ArchiveRecipientTable[]> {
    return db.selectFrom('exchangeArchiveRecipients').selectAll().orderBy('addedAt').execute();
  },

  async archiveRecipient(db: Db, recipient: string): Promise<ArchiveRecipientTable | undefined> {
    return db.selectFrom('exchangeArchiveRecipients').selectAll().where('recipient', '=', recipient).executeTakeFirst();
  },

  async addArchiveRecipient(db: Db, row: ArchiveRecipientTable): Promise<void> {
    await db.insertInto('exchangeArchiveRecipients').values(row).execute();
  },

  // ── Bundles ────────────────────────────────────────────────────────────────────────────────────────────────
  async recordBundle(db: Db, row: NewBundle): Promise<void> {
    await db.insertInto('exchangeBundles').values(row).execute();
  },

  /** Marks this station's bundles to a peer up to `seq` acknowledged (a receipt came back). */
  async acknowledge(db: Db, peerId: string, seq: number, at: string): Promise<void> {
    await db
      .updateTable('exchangeBundles')
      .set({ ackedAt: at })
      .where('direction', '=', 'out')
      .where('peerId', '=', peerId)
      .where('seq', '<=', seq)
      .where('ackedAt', 'is', null)
      .execute();
  },

  /** Every bundle to and from a peer. */
  async bundlesOf(db: Db, peerId: string) {
    return db.selectFrom('exchangeBundles').selectAll().where('peerId', '=', peerId).execute();
  },

  /** The audit head of the last bundle received from a peer that carried one. */
  async lastReceivedAuditHead(db: Db, peerId: string): Promise<string | null> {
    const r = await db
      .selectFrom('exchangeBundles')
      .select('auditHead')
      .where('direction', '=', 'in')
      .where('peerId', '=', peerId)
      .where('auditHead', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.auditHead ?? null;
  },

  /** The highest number received from each peer. */
  async lastReceivedPerPeer(db: Db): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('exchangeBundles')
      .select(['peerId', (eb) => eb.fn.max('seq').as('seq')])
      .where('direction', '=', 'in')
      .groupBy('peerId')
      .execute();
    return new Map(rows.map((r) => [r.peerId, Number(r.seq)]));
  },

  /** Bundles both ways, newest first, with the peer's name. */
  async history(db: Db, peerId: string | undefined, limit: number) {
    let q = db
      .selectFrom('exchangeBundles as b')
      .leftJoin('exchangePeers as p', 'p.id', 'b.peerId')
      .select([
        'b.id',
        'b.direction',
        'b.peerId',
        'p.name as peerName',
        'b.seq',
        'b.at',
        'b.ackedAt',
        'b.counts',
        'b.refused',
      ])
      .orderBy('b.at', 'desc')
      .orderBy('b.id', 'desc')
      .limit(limit);
    if (peerId) q = q.where('b.peerId', '=', peerId);
    return q.execute();
  },

  // ── What this station holds elsewhere, as the exchange needs it ────────────────────────────────────────────
  /** This station's own audit head. */
  async ownAuditHead(db: Db): Promise<{ seq: number; hash: string } | null> {
    const r = await db
      .selectFrom('auditLog')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? { seq: r.seq, hash: r.hash } : null;
  },

  /** This station's audit entries after `seq`, in order, as a bundle carries them. */
  async ownAuditAfter(db: Db, seq: number): Promise<AuditLine[]> {
    const rows = await db.selectFrom('auditLog').selectAll().where('seq', '>', seq).orderBy('seq').execute();
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      accountId: r.accountId,
      username: r.username,
      role: r.role,
      action: r.action,
      recordType: r.recordType,
      recordId: r.recordId,
      outcome: r.outcome,
      detail: r.detail,
      prevHash: r.prevHash,
      hash: r.hash,
    }));
  },

  /** The audit entries of bundles presented here (inspected or imported), for the peers given: newest first. */
  async presentations(db: Db, peerIds: readonly string[], limit: number) {
    if (!peerIds.length) return [];
    return db
      .selectFrom('auditLog')
      .select(['recordId', 'detail'])
      .where('action', 'in', ['exchange.bundle_preview', 'exchange.bundle_import'])
      .where('recordId', 'in', [...peerIds])
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
  },

  /** The change log's last sequence number (what an export covers). */
  async changeLogHead(db: Db): Promise<number> {
    const r = await db
      .selectFrom('changeLog')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return Number(r?.seq ?? 0);
  },

  /** Each open conflict by what it is (record, field, the version that lost): its row id changes on a rebuild. */
  async conflictKeys(db: Db): Promise<Set<string>> {
    const rows = await db.selectFrom('conflicts').select(['tableName', 'recordId', 'field', 'otherHlc']).execute();
    return new Set(rows.map((r) => `${r.tableName}|${r.recordId}|${r.field}|${r.otherHlc}`));
  },

  /** Which of these ids have a row in a replicated table (500 to a query). */
  async existingIds(db: Db, table: string, ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += 500)
      for (const r of (await db
        .selectFrom(table as ReplicatedTable)
        .select('id')
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()) as { id: string }[])
        out.add(r.id);
    return out;
  },

  /** Rows of a replicated table by id (for placing records an export selects). */
  async rowsByIds(db: Db, table: string, ids: readonly string[]): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < ids.length; i += 500)
      out.push(
        ...((await db
          .selectFrom(table as ReplicatedTable)
          .selectAll()
          .where('id', 'in', ids.slice(i, i + 500))
          .execute()) as Record<string, unknown>[]),
      );
    return out;
  },

  /**
   * The connection's page cache in KiB (`PRAGMA cache_size`, negative: a size, not a page count). An import
   * lowers it for its duration and gives the earlier value back (see `IMPORT_CACHE_KIB`).
   */
  pageCache: Object.freeze({
    async get(db: Db): Promise<number> {
      const r = await sql<{ n: number }>`SELECT cache_size AS n FROM pragma_cache_size`.execute(db);
      return Number(r.rows[0]?.n ?? -2000);
    },
    async set(db: Db, cacheSize: number): Promise<void> {
      await sql.raw(`PRAGMA cache_size = ${Math.trunc(cacheSize)}`).execute(db);
    },
  }),

  /**
   * A preview applies inside a savepoint of the call's transaction and rolls it back: `open` before, `undo` after
   * (the changes applied, their conflicts and re-derived columns all go).
   */
  savepoint: Object.freeze({
    async open(db: Db): Promise<void> {
      await sql`SAVEPOINT bundle_preview`.execute(db);
    },
    async undo(db: Db): Promise<void> {
      await sql`ROLLBACK TO bundle_preview`.execute(db);
      await sql`RELEASE bundle_preview`.execute(db);
    },
  }),

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
