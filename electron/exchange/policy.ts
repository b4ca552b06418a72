import type { ExchangeFamily, ExchangePolicy, PolicyName, PolicyScope } from '../../shared/contract/exchange';
import { EXCHANGE_FAMILIES } from '../../shared/contract/exchange';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { readRecordEntries, withoutSeq } from '../changelog/log-store';
import type { ChangeEntry } from '../changelog/merge';
import type { Db, ReplicatedTable, TableSpec } from '../platform/table-spec';
import { allSpecs, specOf } from '../platform/tables';

/**
 * Export policies: which families travel and where their records must be placed. Selection is generic over
 * the registered table specs (family, scope columns, parent): no list of tables here, so a family added by a
 * new module travels under the policies that name its family.
 */
interface PlaceCodes {
  provinceCode: string | null;
  communeCode: string | null;
}

function unitScope(u: PlaceCodes | null): PolicyScope {
  if (u?.communeCode) return { kind: 'commune', code: u.communeCode };
  if (u?.provinceCode) return { kind: 'province', code: u.provinceCode };
  return { kind: 'all' };
}

function invalid(path: string, code: string): AppError {
  return new AppError(ErrorCodes.INVALID_INPUT, `policy needs ${path}`, { issues: [{ path, code }] });
}

/** The default policy of a name, made concrete for this station and the peer (the issue's defaults). */
export function defaultPolicy(
  name: PolicyName,
  station: PlaceCodes | null,
  peer: PlaceCodes | null,
  facilityId: string | undefined,
): ExchangePolicy {
  const all = [...EXCHANGE_FAMILIES] as ExchangeFamily[];
  switch (name) {
    // This station is a commune; the peer its province hub: everything of the commune goes up, the commune's
    // persons and referral status come back.
    case 'commune-to-hub':
      return {
        name,
        send: { families: all, scope: unitScope(station) },
        accept: { families: ['persons', 'rehab', 'reference'], scope: unitScope(station) },
      };
    // This station is the hub; the peer a commune.
    case 'hub-to-commune': {
      if (!peer?.communeCode) throw invalid('card', 'peer_commune_required');
      const scope: PolicyScope = { kind: 'commune', code: peer.communeCode };
      return {
        name,
        send: { families: ['persons', 'rehab', 'reference'], scope },
        accept: { families: all, scope },
      };
    }
    // The peer is a rehab centre: it receives the people referred to it (placed in its facility by a referral,
    // stay, voluntary registration or methadone episode there), their records, referrals and rehab records, and
    // the reference data (units, facilities) — never tips, cases or other persons. It sends back stays and
    // discharges, and the measures an admission and a discharge put in the person's file (the category follows).
    case 'police-to-rehab': {
      if (!facilityId) throw invalid('facilityId', 'required');
      const scope: PolicyScope = { kind: 'facility', id: facilityId };
      return {
        name,
        send: { families: ['persons', 'rehab', 'reference'], scope },
        accept: { families: ['persons', 'rehab'], scope },
      };
    }
    // This station is the rehab centre (its facility), the peer the police.
    case 'rehab-to-police': {
      if (!facilityId) throw invalid('facilityId', 'required');
      const scope: PolicyScope = { kind: 'facility', id: facilityId };
      return {
        name,
        send: { families: ['rehab', 'persons'], scope },
        accept: { families: ['persons', 'rehab', 'reference'], scope },
      };
    }
    // A neighbouring province: nothing travels unless a leader selects it (a case's joint-investigation extract:
    // `peers.shareCase` adds the case to `send.scope`); what it sends of persons and cases is accepted.
    case 'neighbour':
      return {
        name,
        send: { families: ['cases', 'persons'], scope: { kind: 'cases', ids: [] } },
        accept: { families: ['persons', 'cases'], scope: { kind: 'all' } },
      };
  }
}

/** Reads a record's values: the local row, or (on import) the values a bundle brings. */
export type RowLookup = (table: string, id: string) => Promise<Record<string, unknown> | undefined>;
/** Whether a record of `table` has a child placed in the facility (a person referred to it). */
export type FacilityChildLookup = (table: string, id: string, facilityId: string) => Promise<boolean>;

/**
 * Whether a record is placed within a policy's scope: by its own scope columns, by its parent's (recursively),
 * or for a facility, by a child record placed in that facility. Reference data (no scope, no parent) is placed
 * everywhere. Fail-closed: a record that cannot be placed is outside.
 */
export async function placedIn(
  spec: TableSpec,
  row: Record<string, unknown>,
  scope: PolicyScope,
  lookup: RowLookup,
  children: FacilityChildLookup,
  depth = 0,
  memo?: Map<string, boolean>,
): Promise<boolean> {
  if (!memo || typeof row.id !== 'string') return placedOnce(spec, row, scope, lookup, children, depth, memo);
  const key = `${spec.table}:${row.id}`;
  let hit = memo.get(key);
  if (hit === undefined) memo.set(key, (hit = await placedOnce(spec, row, scope, lookup, children, depth, memo)));
  return hit;
}

async function placedOnce(
  spec: TableSpec,
  row: Record<string, unknown>,
  scope: PolicyScope,
  lookup: RowLookup,
  children: FacilityChildLookup,
  depth: number,
  memo: Map<string, boolean> | undefined,
): Promise<boolean> {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  if (scope.kind === 'cases') {
    // Only a selected case and the records tied to it by its id (its extract is built by caseExtract).
    if (spec.table === CASE_TABLE) return typeof row.id === 'string' && scope.ids.includes(row.id);
    return typeof row.caseId === 'string' && scope.ids.includes(row.caseId) && spec.family === 'cases';
  }
  if (!spec.scope && !spec.parent) return true;
  if (spec.scope) {
    const col =
      scope.kind === 'province'
        ? spec.scope.province
        : scope.kind === 'commune'
          ? spec.scope.commune
          : spec.scope.facility;
    const want = scope.kind === 'facility' ? scope.id : scope.code;
    if (col && row[col] === want) return true;
  }
  if (scope.kind === 'facility' && typeof row.id === 'string' && (await children(spec.table, row.id, scope.id)))
    return true;
  if (spec.parent && depth < 5) {
    const parentId = spec.parent.column === 'id' ? row.id : row[spec.parent.column];
    if (typeof parentId !== 'string') return false;
    const known = memo?.get(`${spec.parent.table}:${parentId}`);
    if (known !== undefined) return known;
    const parent = await lookup(spec.parent.table, parentId);
    if (!parent) return false;
    return placedIn(specOf(spec.parent.table), { id: parentId, ...parent }, scope, lookup, children, depth + 1, memo);
  }
  return false;
}

/** A table tied to a facility whose records point at a record of another table, by `column`. */
export interface FacilityChild {
  spec: TableSpec;
  column: string;
  facility: string;
}

/**
 * The tables whose records place a record of `table` in a facility: tied to a facility (a facility scope column)
 * and pointing at it by their parent column or by a column named after its record type (`personId` for a
 * person: a referral, a stay, a voluntary registration, a methadone episode). So a person referred to a centre is
 * placed there, and with it the person's own records.
 */
export function facilityChildren(table: string): FacilityChild[] {
  let target: TableSpec;
  try {
    target = specOf(table);
  } catch {
    return [];
  }
  const ref = `${target.recordType}Id`;
  return allSpecs().flatMap((s): FacilityChild[] => {
    const facility = s.scope?.facility;
    if (!facility) return [];
    if (s.parent?.table === table && s.parent.column !== 'id') return [{ spec: s, column: s.parent.column, facility }];
    if (ref in s.columns) return [{ spec: s, column: ref, facility }];
    return [];
  });
}

/** The columns of `table` that tie its records to another's facility placement (see facilityChildren). */
export function facilityLinkColumns(table: string): string[] {
  const out = new Set<string>();
  for (const t of allSpecs()) for (const c of facilityChildren(t.table)) if (c.spec.table === table) out.add(c.column);
  return [...out];
}

/** The local database's lookups, for export (and for records already here, on import). */
export function localLookups(db: Db): { lookup: RowLookup; children: FacilityChildLookup } {
  return {
    lookup: async (table, id) =>
      (await db
        .selectFrom(table as ReplicatedTable)
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()) as Record<string, unknown> | undefined,
    children: async (table, id, facilityId) => {
      for (const c of facilityChildren(table)) {
        const hit = await db
          .selectFrom(c.spec.table as ReplicatedTable)
          .select('id')
          .where(c.column as never, '=', id as never)
          .where(c.facility as never, '=', facilityId as never)
          .executeTakeFirst();
        if (hit) return true;
      }
      return false;
    },
  };
}

export function familyOf(table: string): ExchangeFamily | null {
  try {
    return specOf(table).family;
  } catch {
    return null;
  }
}

const CASE_TABLE = 'drugCases';

/**
 * A case's joint-investigation extract, for a neighbouring province: the case, the records of the `cases` family
 * tied to it (its children by parent, and seizures by their case column: a seizure's parent may be a tip), and
 * with `persons` in the families, the registry records of its suspects (their person rows only: no measures,
 * tests or other files). Every change of each record, tombstones included; the receiver keeps one copy of each.
 */
export async function* caseExtract(
  db: Db,
  caseIds: readonly string[],
  families: readonly ExchangeFamily[],
): AsyncGenerator<ChangeEntry> {
  const linked = allSpecs().filter(
    (s) =>
      s.family === 'cases' &&
      s.table !== CASE_TABLE &&
      ((s.parent?.table === CASE_TABLE && s.parent.column === 'caseId') || 'caseId' in s.columns),
  );
  const sent = new Set<string>();
  async function* record(table: string, id: string): AsyncGenerator<ChangeEntry> {
    if (sent.has(`${table}:${id}`)) return;
    sent.add(`${table}:${id}`);
    for (const e of await readRecordEntries(db, table, id)) yield withoutSeq(e);
  }
  for (const caseId of caseIds) {
    if (!families.includes('cases')) break;
    const exists = await db.selectFrom(CASE_TABLE).select('id').where('id', '=', caseId).executeTakeFirst();
    if (!exists) continue;
    yield* record(CASE_TABLE, caseId);
    for (const spec of linked) {
      const rows = (await db
        .selectFrom(spec.table as ReplicatedTable)
        .select('id')
        .where('caseId' as never, '=', caseId as never)
        .orderBy('id')
        .execute()) as { id: string }[];
      for (const r of rows) yield* record(spec.table, r.id);
    }
    if (!families.includes('persons')) continue;
    const suspects = await db
      .selectFrom('caseSuspects')
      .select('personId')
      .where('caseId', '=', caseId)
      .orderBy('personId')
      .execute();
    for (const r of suspects) yield* record('persons', r.personId);
  }
}
