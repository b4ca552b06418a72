import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { BundleImported, ExchangePolicy, PeerKind, PeerView, RefusedItem } from '../../shared/contract/exchange';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { entryHash, genesisHash } from '../audit/audit';
import { vietnamDay } from '../../shared/domain/working-days';
import { applyChanges, PendingDerive, validateChange } from '../changelog/apply';
import { beginBulkLoad, type BulkLoad } from '../platform/bulk-load';
import { freshEntries, readEntries, withoutSeq } from '../changelog/log-store';
import type { ChangeEntry } from '../changelog/merge';
import type { ExchangePeerTable } from './exchange.schema';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import type { ColumnSpec, Db } from '../platform/table-spec';
import { recordInScope } from '../platform/record-access';
import { allSpecs, specOf } from '../platform/tables';
import { caseTable } from '../investigations/investigation.table';
import { parseAgeRecipient } from './bech32';
import { settingsRepository } from '../platform/settings.repository';
import { unitRepository } from '../units/unit.repository';
import { exchangeRepository as repo } from './exchange.repository';
import { basisOf, sequenceVerdict, supersededOf } from './sequence';
import {
  auditMembers,
  changeMembers,
  invalid,
  readBundle,
  verifySignature,
  writeBundle,
  BUNDLE_FORMAT,
  type AuditLine,
  type Manifest,
} from './bundle';
import { caseExtract, defaultPolicy, facilityChildren, facilityLinkColumns, localLookups, placedIn } from './policy';
import { MemberSpool } from './spool';
import {
  cardFacility,
  cardOf,
  parseCard,
  policyFacility,
  sameFingerprint,
  STATION_UNIT_SETTING,
  stationKeys,
  stationUnit,
  stationView,
} from './station';

/**
 * The exchange's procedures: station identity, peers, archive recipients, bundle export and import. Import
 * verifies the whole bundle before applying anything, then applies it in the call's transaction (the router's):
 * any failure rolls everything back, and the router's audit entry records the refusal and its code.
 */
type PeerRow = ExchangePeerTable;

function peerView(r: PeerRow): PeerView {
  return {
    id: r.id,
    name: r.name,
    unitCode: r.unitCode,
    kind: r.kind as PeerKind,
    status: r.status as PeerView['status'],
    fingerprint: r.fingerprint,
    ageRecipient: r.ageRecipient,
    policy: JSON.parse(r.policy) as ExchangePolicy,
    addedAt: r.addedAt,
    updatedAt: r.updatedAt,
  };
}

async function peerRow(db: Db, id: string): Promise<PeerRow> {
  const r = await repo.peer(db, id);
  if (!r) throw new AppError(ErrorCodes.NOT_FOUND, 'no such peer');
  return r;
}

const stationId = (ctx: DomainContext) => ctx.changes().workstationId;
const nowIso = (ctx: DomainContext) => ctx.now().toISOString();

/** File names carry station codes and the number, never personal data. */
function bundleFileName(from: string, to: string, seq: number): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 32);
  return `hoso-${clean(from)}-to-${clean(to)}-${String(seq).padStart(6, '0')}.age`;
}

const lastBundle = (db: Db, direction: 'out' | 'in', peerId: string) => repo.lastBundle(db, direction, peerId);

/**
 * The changes a peer has not acknowledged and its policy lets travel to it, streamed a page at a time from the
 * change log. `placed` remembers each record's placement, so the writer's second pass asks no more questions.
 */
export async function* outgoing(
  db: Db,
  peer: PeerRow,
  policy: ExchangePolicy,
  placed: Map<string, boolean>,
): AsyncGenerator<ChangeEntry> {
  const scope = policy.send.scope;
  if (scope.kind === 'none') return;
  // A neighbour's extract: every change of the selected cases' records, each time (the receiver keeps one copy).
  if (scope.kind === 'cases') {
    yield* caseExtract(db, scope.ids, policy.send.families);
    return;
  }
  const specs = allSpecs().filter((s) => policy.send.families.includes(s.family));
  if (!specs.length) return;
  // After the last change the basis covered (the last bundle the peer acknowledged; numbers and coverage rise together).
  const basis = (await repo.lastAcknowledged(db, peer.id))?.throughChangeSeq ?? 0;
  const { lookup, children } = localLookups(db);
  // The tables whose rows may hold a file (a photo, a dossier scan) are read after the others, a few changes a page:
  // a page of 5,000 held the text of every photo a bundle carries at once (410 photos: a 570 MB heap, whose
  // collections took a quarter of the export). A receiver applies a bundle's changes in any order.
  const files = specs.filter((s) => Object.values(s.columns as Record<string, ColumnSpec>).some((c) => c.attachment));
  const parts = [
    { tables: specs.filter((s) => !files.includes(s)), limit: 5000 },
    { tables: files, limit: 16 },
  ];
  for (const part of parts) {
    if (!part.tables.length) continue;
    const tables = part.tables.map((s) => s.table as string);
    let after = basis;
    for (;;) {
      const page = await readEntries(db, { afterSeq: after, limit: part.limit, tables });
      if (!page.length) break;
      if (scope.kind === 'all') {
        // Everything is placed: only a record with a row travels (as `placedIn` has it), nothing to remember.
        const byTable = new Map<string, Set<string>>();
        for (const e of page) byTable.set(e.tableName, (byTable.get(e.tableName) ?? new Set()).add(e.recordId));
        const exists = new Set<string>();
        for (const [table, ids] of byTable)
          for (const id of await repo.existingIds(db, table, [...ids])) exists.add(`${table}:${id}`);
        for (const e of page) {
          after = e.seq;
          if (e.workstationId !== peer.id && exists.has(`${e.tableName}:${e.recordId}`)) yield withoutSeq(e);
        }
        continue;
      }
      // The page's records not placed yet, read per table in batches (not one query each).
      const wanted = new Map<string, Set<string>>();
      for (const e of page)
        if (!placed.has(`${e.tableName}:${e.recordId}`))
          wanted.set(e.tableName, (wanted.get(e.tableName) ?? new Set()).add(e.recordId));
      const rows = new Map<string, Record<string, unknown>>();
      for (const [table, ids] of wanted)
        for (const r of await repo.rowsByIds(db, table, [...ids])) rows.set(`${table}:${r.id as string}`, r);
      for (const e of page) {
        after = e.seq;
        // What the peer wrote itself it already holds.
        if (e.workstationId === peer.id) continue;
        const key = `${e.tableName}:${e.recordId}`;
        let ok = placed.get(key);
        if (ok === undefined) {
          const row = rows.get(key);
          ok = row ? await placedIn(specOf(e.tableName), row, scope, lookup, children, 0, placed) : false;
          placed.set(key, ok);
        }
        if (ok) yield withoutSeq(e);
      }
    }
  }
}

/** The audit entries a hub has not acknowledged: after the audit head of the last bundle it acknowledged. */
async function auditToSend(db: Db, peer: PeerRow): Promise<AuditLine[]> {
  if (peer.kind !== 'hub') return [];
  const acked = await repo.lastAcknowledged(db, peer.id);
  const from = acked?.auditHead ? (JSON.parse(acked.auditHead) as { seq: number }).seq : 0;
  return repo.ownAuditAfter(db, from);
}

/** What pass 1 learns of each record a bundle touches: the values that place it (scope and parent columns). */
interface Incoming {
  /** Kept only when the accept policy places records (not for `all`): then shared and empty (`NO_VALUES`). */
  values: Record<string, unknown>;
  /** At least one of its changes is not in our log yet (a re-sent bundle repeats changes already applied). */
  fresh: boolean;
}

const NO_VALUES: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** Whether records must be placed to be accepted (a scope other than everything or nothing). */
const placesRecords = (policy: ExchangePolicy) =>
  policy.accept.scope.kind !== 'all' && policy.accept.scope.kind !== 'none';

const placing = new Map<string, string[]>();
function placingColumns(table: string): string[] {
  let cols = placing.get(table);
  if (!cols) {
    const s = specOf(table);
    cols = [
      ...new Set([
        ...Object.values(s.scope ?? {}).filter((c): c is string => typeof c === 'string'),
        ...(s.parent && s.parent.column !== 'id' ? [s.parent.column] : []),
        ...facilityLinkColumns(table),
      ]),
    ];
    placing.set(table, cols);
  }
  return cols;
}

/** The audit head of the last bundle received from a peer (what its audit chain must continue). */
async function lastAuditHead(db: Db, peerId: string): Promise<Manifest['auditHead']> {
  const head = await repo.lastReceivedAuditHead(db, peerId);
  return head ? (JSON.parse(head) as Manifest['auditHead']) : null;
}

function fork(detail: string): AppError {
  return new AppError(ErrorCodes.BUNDLE_AUDIT_FORK, `the sender's audit chain forks: ${detail}`);
}

/**
 * Checks the sender's audit chain against what this station received from it before: the new head may not be
 * behind the old one or differ at the same position, and the audit entries a commune sends its hub must each hash
 * correctly, link to the one before, join the head received before and end at the manifest's head. A station
 * whose history was rewritten (a fork) is refused with BUNDLE_AUDIT_FORK.
 */
class AuditChain {
  private prev: { seq: number; hash: string } | null = null;
  private linked = false;
  private count = 0;

  constructor(
    private readonly sender: string,
    private readonly before: Manifest['auditHead'],
    private readonly head: Manifest['auditHead'],
  ) {
    if (before && !head) throw fork('the audit head is gone');
    if (before && head && head.seq < before.seq) throw fork('the audit head went back');
    if (before && head && head.seq === before.seq && head.hash !== before.hash)
      throw fork('another entry at the same position');
    this.linked = !before || (head !== null && head.seq === before.seq);
  }

  line(l: AuditLine): void {
    if (!this.head || l.seq > this.head.seq) throw invalid('audit entries beyond the audit head');
    if (this.prev ? l.seq !== this.prev.seq + 1 : false) throw invalid('audit entries out of order');
    if (this.prev && l.prevHash !== this.prev.hash) throw fork('an entry does not follow the one before');
    if (!this.prev && l.seq === 1 && l.prevHash !== genesisHash(this.sender)) throw fork('another beginning');
    const { seq, prevHash, hash, ...rest } = l;
    const row = {
      at: rest.at,
      account_id: rest.accountId,
      username: rest.username,
      role: rest.role,
      action: rest.action,
      record_type: rest.recordType,
      record_id: rest.recordId,
      outcome: rest.outcome,
      detail: rest.detail,
    };
    if (entryHash(prevHash, seq, row) !== hash) throw invalid('an audit entry does not match its hash');
    const b = this.before;
    if (b && !this.linked) {
      if (seq === b.seq && hash !== b.hash) throw fork('an entry received before was changed');
      if (seq === b.seq + 1 && prevHash !== b.hash) throw fork('the entries do not continue those received before');
      if (seq > b.seq + 1 && !this.prev) throw fork('the entries after those received before are missing');
      if (seq >= b.seq) this.linked = true;
    }
    this.prev = { seq, hash };
    this.count++;
  }

  /** After the last member: carried entries end at the head; a head that moved on must have been joined. */
  end(): void {
    if (this.count && (this.prev!.seq !== this.head!.seq || this.prev!.hash !== this.head!.hash))
      throw fork('the entries do not end at the audit head');
    if (this.count && !this.linked) throw fork('the entries do not reach those received before');
  }
}

/**
 * While a bundle applies, V8's old space may grow by this much (percent) past what its last full collection kept,
 * not by V8's own factor (up to 4 times when collections cost little, as an import's do): an import's heap is
 * mostly short-lived garbage promoted between chunks (33 MB live at the end of 20,000 persons, yet 120-290 MB
 * of heap). 20,000 persons, importer alone, load 3-4: RSS 401-416 -> 335-338 MB, heap peak 115-143 -> 47-57 MB,
 * the same CPU (12.3-12.8 s).
 */
const IMPORT_HEAP_GROWING_PERCENT = 50;

/**
 * Bounds the heap's growth for the import's duration (`--heap-growing-percent`, which V8 reads at each full
 * collection); `restore` gives V8 back its own rule (0).
 */
function boundHeapGrowth(): { restore(): void } {
  v8.setFlagsFromString(`--heap-growing-percent=${IMPORT_HEAP_GROWING_PERCENT}`);
  return { restore: () => v8.setFlagsFromString('--heap-growing-percent=0') };
}

/** The page cache (KiB) of the connection while a bundle of records is imported, and one with attachments. */
const RECORDS_CACHE_KIB = 64 * 1024;
const ATTACHMENTS_CACHE_KIB = 32 * 1024;

/** `withAttachments` is called (before anything applies) when the bundle carries attachment blobs. */
async function importBundle(
  ctx: DomainContext,
  file: string,
  preview: boolean,
  withAttachments: () => Promise<void>,
): Promise<BundleImported> {
  const db = ctx.db();
  const me = stationId(ctx);
  const keys = await stationKeys(db, me);
  let peer: PeerRow | null = null;
  let manifest: Manifest | null = null;
  let hash = '';
  const counts: Record<string, number> = {};
  // Per table, by record id (no key string per record: a bundle of 100,000 persons touches ~360,000 records).
  const incoming = new Map<string, Map<string, Incoming>>();
  const incomingOf = (table: string, id: string) => incoming.get(table)?.get(id);
  let unchecked: [Incoming, ChangeEntry][] = [];
  const checkFresh = async () => {
    const list = unchecked;
    unchecked = [];
    const fresh = await freshEntries(
      db,
      list.map(([, e]) => e),
    );
    list.forEach(([rec], i) => {
      if (fresh[i]) rec.fresh = true;
    });
  };
  let audit: AuditChain | null = null;
  let skipped: number[] = [];
  let places = true;
  // The signed manifest's bytes: pass 2 must read the same, so its chunks (hashes in it) are the ones validated.
  let signed: Buffer | null = null;
  let policy: ExchangePolicy | null = null;

  // What the apply finds and needs (in pass 2, or in the one pass of a policy that places nothing).
  const refused: RefusedItem[] = [];
  const refusedKeys = new Set<string>();
  let newRecords = 0;
  let updatedRecords = 0;
  let duplicates = 0;
  const conflictsBefore = await repo.conflictKeys(db);
  const today = vietnamDay(ctx.now());
  let pending: ChangeEntry[] = [];
  // Derived columns (a person's category from its measures) once at the end, not once per chunk.
  const derive = new PendingDerive();
  // A bundle as large as what we hold: some indexes are built after its rows (bulk-load.ts).
  let bulk = null as BulkLoad | null;
  // Progress of the apply (the long part): changes read so far of the bundle's total, after each chunk.
  let total = 0;
  let seen = 0;
  // The sender's audit entries are kept (not in a preview: rolled back with the rest anyway), a few hundred at a time.
  let auditLines: AuditLine[] = [];
  const at = nowIso(ctx);
  const keepAudit = async () => {
    if (!preview && auditLines.length) await repo.keepAuditEntries(db, peer!.id, manifest!.seq, at, auditLines);
    auditLines = [];
  };
  const applyPending = async () => {
    const batch = pending;
    pending = [];
    try {
      // Every change of these chunks was validated, and each chunk's hash checked before it ended.
      const r = await applyChanges(db, ctx.changes().hlc, batch, today, {
        validated: true,
        pending: derive,
        // Two passes counted new and updated records in the first.
        rebuilt: direct ? countRecord : undefined,
      });
      duplicates += r.duplicates;
    } catch (e) {
      if (e instanceof AppError && e.code !== ErrorCodes.INVALID_INPUT) throw e;
      throw invalid(`a change could not be applied (${e instanceof Error ? e.message : 'error'})`);
    }
    ctx.progress(seen, total);
  };
  // One pass: a policy that places no record (everything, or nothing, of the families it accepts) refuses by
  // table alone, so each verified chunk is applied as it ends; anything refused later (a count differing from the
  // manifest, a forked audit chain, the file changing under the read) rolls the whole call back.
  let direct = false;
  // Records counted new or updated (by table): a record's first chunk with a change we do not hold decides.
  const counted = new Map<string, Set<string>>();
  const countRecord = (table: string, id: string, existed: boolean) => {
    let ids = counted.get(table);
    if (!ids) counted.set(table, (ids = new Set()));
    if (ids.has(id)) return;
    ids.add(id);
    if (existed) updatedRecords++;
    else newRecords++;
  };
  if (preview) await repo.savepoint.open(db);

  // Pass 1: verify everything, write nothing (or, with `direct`, apply each verified chunk).
  hash = await readBundle(
    file,
    keys.agePrivate,
    {
      manifest: async (m, bytes, sig, fileHash) => {
        signed = bytes;
        if (m.recipient !== me) throw new AppError(ErrorCodes.BUNDLE_NOT_FOR_US, 'bundle addressed to another station');
        const p = await repo.peer(db, m.sender);
        if (!p) throw new AppError(ErrorCodes.BUNDLE_UNKNOWN_SENDER, 'sender is not a peer');
        ctx.target({
          recordType: 'bundle',
          recordId: p.id,
          detail: { peer: p.id, seq: m.seq, basis: basisOf(m).seq, preview },
        });
        if (!verifySignature(Buffer.from(p.signingPublic, 'base64'), bytes, sig)) throw invalid('signature');
        if (p.status !== 'active') throw new AppError(ErrorCodes.BUNDLE_SENDER_SUSPENDED, 'sender is suspended');
        const v = await sequenceVerdict(db, p.id, m, fileHash);
        switch (v.kind) {
          case 'already_imported':
            throw new AppError(ErrorCodes.BUNDLE_ALREADY_APPLIED, `bundle ${m.seq} was imported before`);
          case 'replayed':
            throw new AppError(ErrorCodes.BUNDLE_REPLAYED, `bundle ${m.seq} differs from the one imported`);
          case 'superseded':
            throw new AppError(ErrorCodes.BUNDLE_SUPERSEDED, `bundle ${m.seq} was superseded by bundle ${v.by}`, {
              supersededBy: v.by,
            });
          case 'gap':
            throw new AppError(
              ErrorCodes.BUNDLE_GAP,
              `bundles ${v.missing[0]}..${v.missing[v.missing.length - 1]} are missing`,
              { missing: v.missing },
            );
          case 'invalid':
            throw invalid(v.reason);
          case 'ready':
            skipped = v.skipped;
        }
        peer = p;
        manifest = m;
        if (m.members.some((x) => x.name.startsWith('blobs/'))) await withAttachments();
        policy = JSON.parse(p.policy) as ExchangePolicy;
        places = placesRecords(policy);
        direct = !places;
        audit = new AuditChain(m.sender, await lastAuditHead(db, p.id), m.auditHead);
        if (direct) {
          total = Object.values(m.counts).reduce((a, b) => a + b, 0);
          bulk = await beginBulkLoad(db, m.counts);
          if (!preview) ctx.deferCheckpoint?.();
          ctx.progress(0, total);
        }
      },
      audit: async (line) => {
        audit!.line(line);
        if (!direct) return;
        auditLines.push(line);
        if (auditLines.length >= 500) await keepAudit();
      },
      auditEnd: () => (direct ? keepAudit() : undefined),
      chunkEnd: () => (direct ? applyPending() : checkFresh()),
      entry: async (e) => {
        let fields: Record<string, unknown>;
        try {
          fields = validateChange(e);
        } catch (e) {
          // The reason names the table and field, never a value.
          throw invalid(`a change does not match its table spec (${e instanceof Error ? e.message : ''})`);
        }
        counts[e.tableName] = (counts[e.tableName] ?? 0) + 1;
        if (direct) {
          seen++;
          if (policy!.accept.families.includes(specOf(e.tableName).family)) pending.push(e);
          else if (!refusedKeys.has(`${e.tableName}:${e.recordId}`)) {
            refusedKeys.add(`${e.tableName}:${e.recordId}`);
            refused.push({ tableName: e.tableName, recordId: e.recordId, reason: 'family' });
          }
          return;
        }
        let ofTable = incoming.get(e.tableName);
        if (!ofTable) incoming.set(e.tableName, (ofTable = new Map()));
        let rec = ofTable.get(e.recordId);
        if (!rec) ofTable.set(e.recordId, (rec = { values: NO_VALUES, fresh: false }));
        // Whether it is new is asked of the log once per chunk (at its end), not once per change.
        if (!rec.fresh) unchecked.push([rec, e]);
        if (places)
          for (const c of placingColumns(e.tableName))
            if (c in fields) (rec.values === NO_VALUES ? (rec.values = {}) : rec.values)[c] = fields[c];
      },
    },
    // One pass: the file's hash (found first) is also taken as it is decrypted, and compared at the end.
    { rehash: true },
  );
  if (!direct) await checkFresh();
  if (!peer || !manifest || !audit || !policy) throw invalid('no manifest');
  const p: PeerRow = peer;
  const m: Manifest = manifest;
  (audit as AuditChain).end();
  const declared = Object.entries(m.counts).filter(([, n]) => n > 0);
  if (declared.length !== Object.keys(counts).length || declared.some(([t, n]) => counts[t] !== n))
    throw invalid('counts differ from the manifest');
  if (!direct) await applyPlaced(p, m, policy);
  await keepAudit();
  // The records applied and their parents (a person whose measure arrived: the category follows).
  await derive.run(db, today);
  await bulk?.finish();
  // Opened and closed by this bundle (a leader's decision made elsewhere closes one here): not one difference.
  const conflictsAfter = await repo.conflictKeys(db);
  const conflicts = [...conflictsAfter].filter((k) => !conflictsBefore.has(k)).length;
  const closedConflicts = [...conflictsBefore].filter((k) => !conflictsAfter.has(k)).length;
  if (preview) {
    await repo.savepoint.undo(db);
  }
  return finish(p, m, conflicts, closedConflicts);

  /** Two passes (a policy that places records): which records are refused, then pass 2 applies the rest. */
  async function applyPlaced(p: PeerRow, m: Manifest, policy: ExchangePolicy): Promise<void> {
    // Policy: what this peer may send us. Placement reads the bundle's own values over the local row.
    const local = localLookups(db);
    // Which of the bundle's records this station holds, asked 500 ids to a query: a record the bundle brings and we
    // do not hold has no local row to read (a first copy of 100,000 persons asked ~630,000 single-row queries).
    const held = new Map<string, Set<string>>();
    for (const [table, records] of incoming) held.set(table, await repo.existingIds(db, table, [...records.keys()]));
    const lookup = async (table: string, id: string) => {
      const there = incomingOf(table, id);
      const here = there && !held.get(table)!.has(id) ? undefined : await local.lookup(table, id);
      if (!here && !there) return undefined;
      return { ...(here ?? {}), ...(there?.values ?? {}) };
    };
    const children = async (table: string, id: string, facilityId: string) => {
      if (await local.children(table, id, facilityId)) return true;
      for (const c of facilityChildren(table)) {
        for (const r of incoming.get(c.spec.table)?.values() ?? [])
          if (r.values[c.column] === id && r.values[c.facility] === facilityId) return true;
      }
      return false;
    };
    // The records that bring changes we do not hold: new, or updated when this station holds them.
    for (const [table, records] of incoming) {
      const spec = specOf(table);
      const family = policy.accept.families.includes(spec.family);
      const here = held.get(table)!;
      for (const [id, r] of records) {
        let reason: RefusedItem['reason'] | null = null;
        if (!family) reason = 'family';
        else if (places) {
          const row = await lookup(table, id);
          if (!row || !(await placedIn(spec, { id, ...row }, policy.accept.scope, lookup, children))) reason = 'scope';
        }
        if (reason) {
          refused.push({ tableName: table, recordId: id, reason });
          refusedKeys.add(`${table}:${id}`);
          continue;
        }
        if (!r.fresh) continue;
        if (here.has(id)) updatedRecords++;
        else newRecords++;
      }
    }
    held.clear();

    // Pass 2: apply, in this call's transaction; the file is read and checked again as it is applied. What it
    // writes is checkpointed into the database after the call has answered (the WAL keeps it safe meanwhile).
    if (!preview) ctx.deferCheckpoint?.();
    total = Object.values(counts).reduce((a, b) => a + b, 0);
    // A load as large as what is applied: records refused above (out of the peer's policy) are not written.
    const accepted: Record<string, number> = {};
    for (const [table, records] of incoming) {
      let n = 0;
      for (const id of records.keys()) if (!refusedKeys.has(`${table}:${id}`)) n++;
      accepted[table] = n;
    }
    // What pass 1 kept of each record (its place, whether it is new) is not read again: let the apply have its
    // memory (at 365,000 records it is ~95 MB of the heap).
    incoming.clear();
    bulk = await beginBulkLoad(db, accepted);
    ctx.progress(0, total);
    const again = await readBundle(file, keys.agePrivate, {
      manifest: (m2, bytes, _sig, fileHash) => {
        // The same file as pass 1 verified, byte for byte (a stick swapped meanwhile is refused).
        if (fileHash !== hash || !signed?.equals(bytes) || m2.seq !== m.seq || m2.sender !== m.sender)
          throw invalid('the file changed');
      },
      entry: (e) => {
        seen++;
        if (!refusedKeys.has(`${e.tableName}:${e.recordId}`)) pending.push(e);
      },
      audit: async (line) => {
        auditLines.push(line);
        if (auditLines.length >= 500) await keepAudit();
      },
      auditEnd: keepAudit,
      // Pass 1 validated every change of these chunks, whose hashes pass 2 checked again before this.
      chunkEnd: applyPending,
    });
    if (again !== hash) throw invalid('the file changed while it was read');
  }

  /** Records the bundle (not in a preview), takes the receipt, and says what the import did. */
  async function finish(p: PeerRow, m: Manifest, conflicts: number, closedConflicts: number): Promise<BundleImported> {
    let acknowledged: number | null = null;
    if (!preview) {
      await repo.recordBundle(db, {
        direction: 'in',
        peerId: p.id,
        seq: m.seq,
        hash,
        prevHash: m.prevHash,
        throughChangeSeq: null,
        counts: JSON.stringify(counts),
        refused: refused.length,
        auditHead: m.auditHead ? JSON.stringify(m.auditHead) : null,
        at: nowIso(ctx),
        ackedAt: null,
      });
      if (m.receipt) {
        const mine = await repo.bundle(db, 'out', p.id, m.receipt.seq);
        if (mine?.hash === m.receipt.hash) {
          await repo.acknowledge(db, p.id, m.receipt.seq, nowIso(ctx));
          acknowledged = m.receipt.seq;
        }
      }
    }
    ctx.target({
      recordType: 'bundle',
      recordId: p.id,
      detail: {
        peer: p.id,
        seq: m.seq,
        preview,
        changes: total,
        newRecords,
        updatedRecords,
        conflicts,
        closedConflicts,
        refused: refused.length,
        acknowledged,
        skipped: skipped.length ? skipped.join(',') : null,
      },
    });
    return {
      peerId: p.id,
      peerName: p.name,
      seq: m.seq,
      preview,
      counts,
      newRecords,
      updatedRecords,
      duplicates,
      conflicts,
      closedConflicts,
      refused,
      acknowledged,
      skipped,
    };
  }
}

type ExchangeProcedure =
  | 'station.show'
  | 'station.setUnit'
  | 'station.card'
  | 'peers.list'
  | 'peers.add'
  | 'peers.suspend'
  | 'peers.resume'
  | 'peers.replaceKeys'
  | 'peers.shareCase'
  | 'archive.list'
  | 'archive.add'
  | 'bundles.export'
  | 'bundles.import'
  | 'bundles.status'
  | 'bundles.auditTrail';

export const exchangeHandlers: DomainHandlerGroup<ExchangeProcedure> = {
  async 'station.show'(ctx) {
    return stationView(ctx.db(), stationId(ctx));
  },

  async 'station.card'(ctx, input) {
    const v = await stationView(ctx.db(), stationId(ctx));
    ctx.target({ recordType: 'station', recordId: v.id, detail: { fingerprint: v.fingerprint, ...input } });
    const facility = input.facilityId ? await cardFacility(ctx.db(), input.facilityId) : undefined;
    const code = [v.unit?.code ?? v.id.slice(0, 8), facility?.code].filter(Boolean).join('.');
    const fileName = `hoso-station-${code.replace(/[^A-Za-z0-9._-]/g, '_')}.card.json`;
    return { card: `${JSON.stringify(cardOf(v, facility), null, 2)}\n`, fileName };
  },

  async 'station.setUnit'(ctx, { unitId }) {
    const db = ctx.db();
    // A live unit only: a station does not serve a deleted unit.
    if (!(await unitRepository.liveExists(db, unitId))) throw new AppError(ErrorCodes.NOT_FOUND, 'no such unit');
    ctx.target({ recordType: 'station', recordId: stationId(ctx), detail: { unitId } });
    await settingsRepository.put(db, STATION_UNIT_SETTING, unitId, ctx.now());
    return stationView(db, stationId(ctx));
  },

  async 'peers.list'(ctx) {
    return (await repo.peers(ctx.db())).map(peerView);
  },

  async 'peers.add'(ctx, input) {
    const db = ctx.db();
    const card = parseCard(input.card);
    ctx.target({ recordType: 'peer', recordId: card.id, detail: { kind: input.kind, policy: input.policy } });
    if (!sameFingerprint(input.fingerprint, card.fingerprint))
      throw new AppError(ErrorCodes.FINGERPRINT_MISMATCH, 'the typed fingerprint does not match the card');
    if (card.id === stationId(ctx)) throw new AppError(ErrorCodes.PEER_CARD_INVALID, 'this is our own card');
    if (await repo.peer(db, card.id)) throw new AppError(ErrorCodes.CONFLICT, 'this peer is already registered');
    const facilityId = policyFacility(input.policy, input.facilityId, card);
    const policy = defaultPolicy(input.policy, await stationUnit(db, stationId(ctx)), card.unit, facilityId);
    const at = nowIso(ctx);
    await repo.addPeer(db, {
      id: card.id,
      name: card.name,
      unitCode: card.unit?.code ?? card.id.slice(0, 8),
      provinceCode: card.unit?.provinceCode ?? null,
      communeCode: card.unit?.communeCode ?? null,
      facilityId: facilityId ?? null,
      kind: input.kind,
      policy: JSON.stringify(policy),
      signingPublic: card.signingPublic.toString('base64'),
      ageRecipient: card.ageRecipient,
      fingerprint: card.fingerprint,
      status: 'active',
      addedAt: at,
      updatedAt: at,
    });
    return peerView(await peerRow(db, card.id));
  },

  async 'peers.suspend'(ctx, { peerId }) {
    return setStatus(ctx, peerId, 'suspended');
  },

  async 'peers.resume'(ctx, { peerId }) {
    return setStatus(ctx, peerId, 'active');
  },

  async 'peers.replaceKeys'(ctx, { peerId, card: text, fingerprint }) {
    const db = ctx.db();
    const old = await peerRow(db, peerId);
    const card = parseCard(text);
    ctx.target({ recordType: 'peer', recordId: peerId, detail: { oldFingerprint: old.fingerprint } });
    if (card.id !== peerId) throw new AppError(ErrorCodes.PEER_CARD_INVALID, 'the card is of another station');
    if (!sameFingerprint(fingerprint, card.fingerprint))
      throw new AppError(ErrorCodes.FINGERPRINT_MISMATCH, 'the typed fingerprint does not match the card');
    await repo.updatePeer(
      db,
      peerId,
      {
        signingPublic: card.signingPublic.toString('base64'),
        ageRecipient: card.ageRecipient,
        fingerprint: card.fingerprint,
      },
      nowIso(ctx),
    );
    ctx.target({
      recordType: 'peer',
      recordId: peerId,
      detail: { oldFingerprint: old.fingerprint, newFingerprint: card.fingerprint },
    });
    return peerView(await peerRow(db, peerId));
  },

  async 'peers.shareCase'(ctx, { peerId, caseId, shared, purpose }) {
    const db = ctx.db();
    const p = await peerRow(db, peerId);
    ctx.target({
      recordType: 'case',
      recordId: caseId,
      detail: { peer: p.id, shared, ...(purpose ? { purpose } : {}) },
    });
    // Only a case the caller may read (a leader's cases scope); anyone else is told it does not exist.
    if (!(await recordInScope(ctx, caseTable, caseId))) throw new AppError(ErrorCodes.NOT_FOUND, 'no such case');
    const policy = JSON.parse(p.policy) as ExchangePolicy;
    if (policy.send.scope.kind !== 'cases')
      throw new AppError(ErrorCodes.INVALID_INPUT, 'this peer does not take case extracts', {
        issues: [{ path: 'peerId', code: 'peer_not_neighbour' }],
      });
    const ids = new Set(policy.send.scope.ids);
    if (shared) ids.add(caseId);
    else ids.delete(caseId);
    const next: ExchangePolicy = { ...policy, send: { ...policy.send, scope: { kind: 'cases', ids: [...ids] } } };
    await repo.updatePeer(db, p.id, { policy: JSON.stringify(next) }, nowIso(ctx));
    return peerView(await peerRow(db, p.id));
  },

  async 'archive.list'(ctx) {
    return repo.archiveRecipients(ctx.db());
  },

  async 'archive.add'(ctx, { recipient, label }) {
    const db = ctx.db();
    if (!parseAgeRecipient(recipient))
      throw new AppError(ErrorCodes.INVALID_INPUT, 'not an age recipient', {
        issues: [{ path: 'recipient', code: 'age_recipient_format' }],
      });
    ctx.target({ recordType: 'archive_recipient', recordId: recipient, detail: { label } });
    if (await repo.archiveRecipient(db, recipient))
      throw new AppError(ErrorCodes.CONFLICT, 'this archive recipient is already added');
    const row = { recipient, label, addedAt: nowIso(ctx) };
    await repo.addArchiveRecipient(db, row);
    return row;
  },

  async 'bundles.export'(ctx, { peerId, out, purpose }) {
    const db = ctx.db();
    const me = stationId(ctx);
    const p = await peerRow(db, peerId);
    ctx.target({ recordType: 'bundle', recordId: p.id, detail: { peer: p.id, purpose } });
    if (p.status !== 'active') throw new AppError(ErrorCodes.BUNDLE_SENDER_SUSPENDED, 'this peer is suspended');
    const keys = await stationKeys(db, me);
    const policy = JSON.parse(p.policy) as ExchangePolicy;
    const last = await lastBundle(db, 'out', p.id);
    const seq = (last?.seq ?? 0) + 1;
    const received = await lastBundle(db, 'in', p.id);
    const through = await repo.changeLogHead(db);
    const unit = await stationUnit(db, me);
    const name = bundleFileName(unit?.code ?? me.slice(0, 8), p.unitCode, seq);
    let target: string;
    try {
      target = fs.existsSync(out) && fs.statSync(out).isDirectory() ? path.join(out, name) : out;
    } catch {
      throw new AppError(ErrorCodes.IO_ERROR, 'the output folder cannot be read');
    }
    if (fs.existsSync(target)) throw new AppError(ErrorCodes.IO_ERROR, 'a file of that name exists already');
    const archive = await repo.archiveRecipients(db);
    const recipients = [parseAgeRecipient(p.ageRecipient)!, ...archive.map((a) => parseAgeRecipient(a.recipient)!)];
    // The audit head is read before the audit entries are: the router's entry of this call comes after both.
    const head = await repo.ownAuditHead(db);
    const audit = await auditToSend(db, p);
    // The basis: the last bundle the peer acknowledged; everything after it travels again (a lost stick).
    const acked = await repo.lastAcknowledged(db, p.id);
    const placed = new Map<string, boolean>();
    // The writer passes over the members twice (sizes and hashes for the manifest, then the bytes): the change log
    // is read once, its members spooled (encrypted, see spool.ts) and read back by the second pass, which reports.
    let pass = 0;
    let total = 0;
    let spool: MemberSpool | null = null;
    let written;
    try {
      const kept = (spool = new MemberSpool());
      written = await writeBundle(
        target,
        recipients,
        keys.signingPrivate,
        {
          format: BUNDLE_FORMAT,
          sender: me,
          recipient: p.id,
          seq,
          prevHash: last?.hash ?? null,
          createdAt: nowIso(ctx),
          purpose,
          auditHead: head,
          receipt: received ? { seq: received.seq, hash: received.hash } : null,
          basis: acked ? { seq: acked.seq, hash: acked.hash } : { seq: 0, hash: null },
        },
        async function* (stats) {
          if (++pass === 1) {
            for await (const m of changeMembers(outgoing(db, p, policy, placed), stats)) {
              kept.add(m);
              yield m;
            }
            total = stats.changes;
            yield* auditMembers(audit);
            return;
          }
          let done = 0;
          ctx.progress(0, total);
          for (const m of kept.members()) {
            yield m;
            if (m.name.startsWith('changes/')) ctx.progress((done += m.entries), total);
          }
          ctx.progress(done, total);
          yield* auditMembers(audit);
        },
      );
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError(ErrorCodes.IO_ERROR, 'the bundle could not be written');
    } finally {
      spool?.close();
    }
    const counts = written.manifest.counts;
    const changes = Object.values(counts).reduce((a, b) => a + b, 0);
    await repo.recordBundle(db, {
      direction: 'out',
      peerId: p.id,
      seq,
      hash: written.hash,
      prevHash: last?.hash ?? null,
      throughChangeSeq: through,
      counts: JSON.stringify(counts),
      refused: 0,
      auditHead: head ? JSON.stringify(head) : null,
      at: nowIso(ctx),
      ackedAt: null,
    });
    ctx.target({
      recordType: 'bundle',
      recordId: p.id,
      detail: { peer: p.id, seq, purpose, changes, file: path.basename(target), bytes: written.bytes },
    });
    return {
      file: target,
      seq,
      hash: written.hash,
      counts,
      changes,
      receiptFor: received?.seq ?? null,
      basis: acked?.seq ?? 0,
      bytes: written.bytes,
    };
  },

  async 'bundles.import'(ctx, { path: file, preview }) {
    // An import applies with a smaller page cache than the connection's 128 MiB of decrypted pages (kept for
    // search), which is what took the importer over 400 MB: records with 64 MiB (100,000 persons: 441 MB with
    // 128 MiB), a bundle with attachments with 32 MiB (it writes far more pages than it reads again; 50 MB of
    // photos: 410-425 MB with 128 MiB, 325-327 MB with 32 MiB, in the same time). Records' indexes are read back
    // while they are written, so their cache stays larger; with AEGIS pages a miss costs little more than a read.
    const db = ctx.db();
    const restore = await repo.pageCache.get(db);
    const heap = boundHeapGrowth();
    try {
      await repo.pageCache.set(db, -RECORDS_CACHE_KIB);
      return await importBundle(ctx, file, preview, async () => {
        await repo.pageCache.set(db, -ATTACHMENTS_CACHE_KIB);
      });
    } finally {
      heap.restore();
      await repo.pageCache.set(db, restore);
    }
  },

  async 'bundles.status'(ctx) {
    const db = ctx.db();
    const peers = await repo.peers(db);
    const received = await repo.receivedSeqs(db);
    const out = [];
    for (const p of peers) {
      const rows = await repo.bundlesOf(db, p.id);
      const sent = rows.filter((r) => r.direction === 'out');
      const lastSent = Math.max(0, ...sent.map((r) => r.seq));
      const lastAcknowledged = Math.max(0, ...sent.filter((r) => r.ackedAt).map((r) => r.seq));
      out.push({
        peerId: p.id,
        name: p.name,
        status: p.status as 'active' | 'suspended',
        lastSent,
        lastAcknowledged,
        outstanding: lastSent - lastAcknowledged,
        lastReceived: Math.max(0, ...rows.filter((r) => r.direction === 'in').map((r) => r.seq)),
        superseded: supersededOf(received.get(p.id) ?? []),
      });
    }
    return out;
  },

  async 'bundles.auditTrail'(ctx, { peerId }) {
    const db = ctx.db();
    const names = new Map((await repo.peers(db)).map((p) => [p.id, p.name]));
    return (await repo.auditSummary(db))
      .filter((t) => !peerId || t.peerId === peerId)
      .map((t) => ({ ...t, name: names.get(t.peerId) ?? t.peerId }));
  },
};

async function setStatus(ctx: DomainContext, peerId: string, status: 'active' | 'suspended'): Promise<PeerView> {
  const db = ctx.db();
  await peerRow(db, peerId);
  ctx.target({ recordType: 'peer', recordId: peerId, detail: { status } });
  await repo.updatePeer(db, peerId, { status }, nowIso(ctx));
  return peerView(await peerRow(db, peerId));
}
