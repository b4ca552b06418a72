import { sql, type ExpressionBuilder } from 'kysely';
import type { PersonSummary } from '../../shared/contract';
import { foldVietnamese } from '../../shared/text/fold';
import type { Db } from '../changelog/changelog';
import type { DB } from '../db/schema';
import { SUMMARY_COLUMNS, rowToSummary } from '../persons/person.mapper';
import { inScope, type RecordScope } from '../platform/scope';
import { caseDerived, orderExtensions, tipDerived } from './investigation.mapper';
import type {
  CaseRowDb,
  ExtensionRowDb,
  HotspotRowDb,
  SeizureRowDb,
  SuspectRowDb,
  TipRowDb,
} from './investigation.schema';

type ScopedTable = 'tips' | 'drugCases' | 'hotspots' | 'seizures';

/** The scope as the columns that place a record: a record matches when any one of them does (inScope). */
function scopeKeys(scope: RecordScope): ['unitId' | 'communeCode' | 'provinceCode', string][] {
  if (scope.view === 'none') return [];
  const keys: ['unitId' | 'communeCode' | 'provinceCode', string][] = [];
  if (scope.unitId) keys.push(['unitId', scope.unitId]);
  if (scope.communeCode) keys.push(['communeCode', scope.communeCode]);
  if (scope.provinceCode) keys.push(['provinceCode', scope.provinceCode]);
  return keys;
}

/** A where-clause for the scope (fail-closed: no key matches nothing). */
function inScopeSql<T extends ScopedTable>(scope: RecordScope) {
  return (eb: ExpressionBuilder<DB, T>) => {
    const keys = scopeKeys(scope);
    if (scope.all && scope.view !== 'none') return sql<boolean>`1 = 1`;
    if (!keys.length) return sql<boolean>`0 = 1`;
    return eb.or(keys.map(([col, v]) => eb(sql.ref(col), '=', v)));
  };
}

export interface TipFilter {
  state?: string;
  channel?: string;
  source?: string;
  communeCode?: string;
  from?: string;
  to?: string;
  open?: boolean;
  overdue?: boolean;
  dueBy?: string;
  today: string;
  offset: number;
  limit: number;
}

/**
 * Every query of the investigations tables, for the services (which never call `selectFrom` themselves).
 * Derived columns are written here too (not change-logged: they follow from the logged ones).
 */
export const investigationRepository = Object.freeze({
  async tip(db: Db, id: string): Promise<TipRowDb | undefined> {
    return db.selectFrom('tips').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },
  async tipExtensions(db: Db, tipId: string): Promise<ExtensionRowDb[]> {
    return db
      .selectFrom('tipExtensions')
      .selectAll()
      .where('tipId', '=', tipId)
      .where('deletedAt', 'is', null)
      .execute();
  },
  async caseRow(db: Db, id: string): Promise<CaseRowDb | undefined> {
    return db
      .selectFrom('drugCases')
      .selectAll()
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },
  async caseExtensions(db: Db, caseId: string): Promise<ExtensionRowDb[]> {
    return db
      .selectFrom('caseExtensions')
      .selectAll()
      .where('caseId', '=', caseId)
      .where('deletedAt', 'is', null)
      .execute();
  },
  /** A case number already used by another live case of the unit. */
  async caseNumberTaken(db: Db, unitId: string | null, number: string, exceptId?: string): Promise<boolean> {
    let q = db
      .selectFrom('drugCases')
      .select('id')
      .where(sql<boolean>`number = ${number} COLLATE NOCASE`)
      .where('deletedAt', 'is', null);
    q = unitId === null ? q.where('unitId', 'is', null) : q.where('unitId', '=', unitId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  },
  /** The case's suspects with the person each links to. */
  async suspectsOf(db: Db, caseId: string): Promise<{ row: SuspectRowDb; person: PersonSummary | null }[]> {
    const rows = await db
      .selectFrom('caseSuspects')
      .selectAll()
      .where('caseId', '=', caseId)
      .where('deletedAt', 'is', null)
      .orderBy('createdAt')
      .execute();
    const persons = await this.personSummaries(
      db,
      rows.map((r) => r.personId),
    );
    return rows.map((row) => ({ row, person: persons.get(row.personId) ?? null }));
  },
  async suspect(db: Db, id: string): Promise<SuspectRowDb | undefined> {
    return db
      .selectFrom('caseSuspects')
      .selectAll()
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },
  async suspectLink(db: Db, caseId: string, personId: string): Promise<SuspectRowDb | undefined> {
    return db
      .selectFrom('caseSuspects')
      .selectAll()
      .where('caseId', '=', caseId)
      .where('personId', '=', personId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },
  async personSummaries(db: Db, ids: readonly string[]): Promise<Map<string, PersonSummary>> {
    const out = new Map<string, PersonSummary>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      if (!chunk.length) continue;
      const rows = await db
        .selectFrom('persons')
        .select(SUMMARY_COLUMNS)
        .where('id', 'in', chunk)
        .where('deletedAt', 'is', null)
        .execute();
      for (const p of rows) out.set(p.id, rowToSummary(p));
    }
    return out;
  },
  async personExists(db: Db, id: string): Promise<boolean> {
    return (
      (await db
        .selectFrom('persons')
        .select('id')
        .where('id', '=', id)
        .where('deletedAt', 'is', null)
        .executeTakeFirst()) !== undefined
    );
  },
  async seizure(db: Db, id: string): Promise<SeizureRowDb | undefined> {
    return db.selectFrom('seizures').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },
  async seizuresOf(db: Db, owner: { caseId: string } | { tipId: string }): Promise<SeizureRowDb[]> {
    let q = db.selectFrom('seizures').selectAll().where('deletedAt', 'is', null);
    q = 'caseId' in owner ? q.where('caseId', '=', owner.caseId) : q.where('tipId', '=', owner.tipId);
    return q.orderBy('seizedOn').orderBy('createdAt').execute();
  },
  async hotspot(db: Db, id: string): Promise<HotspotRowDb | undefined> {
    return db.selectFrom('hotspots').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },

  /** Recomputes a tip's deadline from its receipt and extensions (after a write or a merge). */
  async refreshTip(db: Db, id: string): Promise<void> {
    const row = await db
      .selectFrom('tips')
      .select(['receivedOn', 'state', 'decidedOn', 'deadline'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return;
    const { deadline } = tipDerived(row, orderExtensions(await this.tipExtensions(db, id)));
    if (deadline !== row.deadline) await db.updateTable('tips').set({ deadline }).where('id', '=', id).execute();
  },
  /** Recomputes a case's severity and deadline from its offences, prosecution date and extensions. */
  async refreshCase(db: Db, id: string): Promise<void> {
    const row = await db
      .selectFrom('drugCases')
      .select(['offences', 'prosecutedOn', 'severity', 'deadline'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return;
    const d = caseDerived(row, orderExtensions(await this.caseExtensions(db, id)));
    if (d.severity !== row.severity || d.deadline !== row.deadline)
      await db.updateTable('drugCases').set(d).where('id', '=', id).execute();
  },
  /** The tips or cases some extension records belong to. */
  async extensionOwners(db: Db, table: 'tipExtensions' | 'caseExtensions', ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    if (table === 'tipExtensions') {
      const rows = await db.selectFrom('tipExtensions').select('tipId').where('id', 'in', ids).execute();
      return [...new Set(rows.map((r) => r.tipId))];
    }
    const rows = await db.selectFrom('caseExtensions').select('caseId').where('id', 'in', ids).execute();
    return [...new Set(rows.map((r) => r.caseId))];
  },

  /** The tip register: newest first, with the total of the filtered set. */
  async tipList(db: Db, scope: RecordScope, f: TipFilter): Promise<{ rows: TipRowDb[]; total: number }> {
    let q = db.selectFrom('tips').where('deletedAt', 'is', null).where(inScopeSql<'tips'>(scope));
    if (f.state) q = q.where('state', '=', f.state);
    if (f.open) q = q.where('state', '=', 'verifying');
    if (f.channel) q = q.where('channel', '=', f.channel);
    if (f.source) q = q.where('source', '=', f.source);
    if (f.communeCode) q = q.where('communeCode', '=', f.communeCode);
    if (f.from) q = q.where('receivedOn', '>=', f.from);
    if (f.to) q = q.where('receivedOn', '<=', f.to);
    if (f.overdue) q = q.where('state', '=', 'verifying').where('deadline', '<', f.today);
    if (f.dueBy) q = q.where('state', '=', 'verifying').where('deadline', '<=', f.dueBy);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q
      .selectAll()
      .orderBy('receivedOn', 'desc')
      .orderBy('id', 'desc')
      .offset(f.offset)
      .limit(f.limit)
      .execute();
    return { rows, total };
  },
  /** The case list of a scope: newest prosecution first, with the total of the filtered set. */
  async caseList(
    db: Db,
    scope: RecordScope,
    f: { state?: string; severity?: string; open?: boolean; offset: number; limit: number },
  ): Promise<{ rows: CaseRowDb[]; total: number }> {
    let q = db.selectFrom('drugCases').where('deletedAt', 'is', null).where(inScopeSql<'drugCases'>(scope));
    if (f.state) q = q.where('state', '=', f.state);
    if (f.open) q = q.where('state', '=', 'investigating');
    if (f.severity) q = q.where('severity', '=', f.severity);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q
      .selectAll()
      .orderBy('prosecutedOn', 'desc')
      .orderBy('id', 'desc')
      .offset(f.offset)
      .limit(f.limit)
      .execute();
    return { rows, total };
  },
  async extensionCounts(db: Db, table: 'tipExtensions', ids: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!ids.length || table !== 'tipExtensions') return out;
    const rows = await db
      .selectFrom('tipExtensions')
      .select(['tipId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tipId', 'in', ids)
      .where('deletedAt', 'is', null)
      .groupBy('tipId')
      .execute();
    for (const r of rows) out.set(r.tipId, Number(r.n));
    return out;
  },
  async suspectCounts(db: Db, caseIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!caseIds.length) return out;
    const rows = await db
      .selectFrom('caseSuspects')
      .select(['caseId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('caseId', 'in', caseIds)
      .where('deletedAt', 'is', null)
      .groupBy('caseId')
      .execute();
    for (const r of rows) out.set(r.caseId, Number(r.n));
    return out;
  },

  /**
   * Open tips (verifying) and cases (investigating) whose limit ends by `until`, earliest first, in scope: one
   * index range per scope column (unit, commune, province), merged.
   */
  async dueTips(db: Db, scope: RecordScope, until: string, limit: number): Promise<TipRowDb[]> {
    const seen = new Map<string, TipRowDb>();
    for (const [col, v] of scopeKeys(scope)) {
      const rows = await db
        .selectFrom('tips')
        .selectAll()
        .where(sql.ref(col), '=', v)
        .where('state', '=', 'verifying')
        .where('deadline', '<=', until)
        .where('deletedAt', 'is', null)
        .orderBy('deadline')
        .limit(limit)
        .execute();
      for (const r of rows) seen.set(r.id, r);
    }
    return [...seen.values()].sort((a, b) => a.deadline.localeCompare(b.deadline)).slice(0, limit);
  },
  async dueCases(db: Db, scope: RecordScope, until: string, limit: number): Promise<CaseRowDb[]> {
    const seen = new Map<string, CaseRowDb>();
    for (const [col, v] of scopeKeys(scope)) {
      if (col === 'communeCode') continue; // cases are read by unit or province only
      const rows = await db
        .selectFrom('drugCases')
        .selectAll()
        .where(sql.ref(col), '=', v)
        .where('state', '=', 'investigating')
        .where('deadline', '<=', until)
        .where('deletedAt', 'is', null)
        .orderBy('deadline')
        .limit(limit)
        .execute();
      for (const r of rows) seen.set(r.id, r);
    }
    return [...seen.values()].sort((a, b) => a.deadline.localeCompare(b.deadline)).slice(0, limit);
  },

  /** Cases by number: the exact number, or numbers beginning with the query (case-insensitive). */
  async casesByNumber(db: Db, query: string, limit: number): Promise<CaseRowDb[]> {
    return db
      .selectFrom('drugCases')
      .selectAll()
      .where(sql<boolean>`number COLLATE NOCASE >= ${query} AND number COLLATE NOCASE < ${`${query}\u{10FFFF}`}`)
      .where('deletedAt', 'is', null)
      .orderBy(sql`number COLLATE NOCASE`)
      .limit(limit)
      .execute();
  },
  /** Persons holding this CCCD / CMND. */
  async personsByCitizenId(db: Db, citizenId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('persons')
      .select('id')
      .where('citizenId', '=', citizenId)
      .where('deletedAt', 'is', null)
      .execute();
    return rows.map((r) => r.id);
  },
  /**
   * Persons whose names contain every word of the query, diacritics-insensitive (shared/text fold): the rarest
   * word is looked up in the persons' word index, the others checked on the folded names.
   */
  async personsByName(db: Db, query: string, cap: number): Promise<string[]> {
    const words = foldVietnamese(query)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
      .split(' ')
      .filter(Boolean);
    if (!words.length) return [];
    const stats = await db
      .selectFrom('personTokenStats')
      .select(['token', (eb) => eb.fn.sum<number>('n').as('n')])
      .where('token', 'in', words)
      .groupBy('token')
      .execute();
    const counts = new Map(stats.map((s) => [s.token, Number(s.n)]));
    const rarest = [...words].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0))[0]!;
    if (!counts.get(rarest)) return [];
    // The other words filter the index rows themselves (their folded names), before any person row is read.
    let q = db
      .selectFrom('personNameTokens as t')
      .innerJoin('persons', 'persons.pk', 't.pk')
      .select(['persons.id', 't.nameFolded'])
      .where('t.token', '=', rarest);
    for (const w of words) if (w !== rarest) q = q.where('t.nameFolded', 'like', `%${w}%`);
    const rows = await q.limit(cap * 4).execute();
    const out = new Set<string>();
    for (const r of rows) {
      const have = new Set(r.nameFolded.replace(/[^a-z0-9]+/g, ' ').split(' '));
      if (words.every((w) => have.has(w))) out.add(r.id);
      if (out.size >= cap) break;
    }
    return [...out];
  },
  /**
   * Cases matching a search, with what matched: a CCCD (9 or 12 digits) held by a suspect, a case number (exact
   * or prefix, case-insensitive), a suspect's name (diacritics-insensitive, every word). Unscoped: the caller
   * filters by scope.
   */
  async findCaseRows(
    db: Db,
    query: string,
    limit: number,
  ): Promise<{ row: CaseRowDb; matchedBy: 'number' | 'name' | 'citizen_id' }[]> {
    const found: { row: CaseRowDb; matchedBy: 'number' | 'name' | 'citizen_id' }[] = [];
    if (/^(\d{9}|\d{12})$/.test(query)) {
      for (const c of await this.casesOfPersons(db, await this.personsByCitizenId(db, query)))
        found.push({ row: c.row, matchedBy: 'citizen_id' });
    }
    for (const row of await this.casesByNumber(db, query, limit * 4)) found.push({ row, matchedBy: 'number' });
    if (/\p{L}/u.test(query)) {
      for (const c of await this.casesOfPersons(db, await this.personsByName(db, query, 500)))
        found.push({ row: c.row, matchedBy: 'name' });
    }
    return found;
  },
  /** The live cases in which any of these persons is a suspect, with the person's role. */
  async casesOfPersons(
    db: Db,
    personIds: readonly string[],
  ): Promise<{ row: CaseRowDb; personId: string; role: string }[]> {
    const out: { row: CaseRowDb; personId: string; role: string }[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      const chunk = personIds.slice(i, i + 500);
      const rows = await db
        .selectFrom('caseSuspects as s')
        .innerJoin('drugCases as c', 'c.id', 's.caseId')
        .selectAll('c')
        .select(['s.personId as suspectPersonId', 's.role as suspectRole'])
        .where('s.personId', 'in', chunk)
        .where('s.deletedAt', 'is', null)
        .where('c.deletedAt', 'is', null)
        .execute();
      for (const r of rows) {
        const { suspectPersonId, suspectRole, ...row } = r;
        out.push({ row: row as CaseRowDb, personId: suspectPersonId, role: suspectRole });
      }
    }
    return out;
  },

  async hotspotList(
    db: Db,
    scope: RecordScope,
    f: { communeCode?: string; status?: string; offset: number; limit: number },
  ): Promise<{ rows: HotspotRowDb[]; total: number; byCommune: { communeCode: string; status: string; n: number }[] }> {
    let q = db.selectFrom('hotspots').where('deletedAt', 'is', null).where(inScopeSql<'hotspots'>(scope));
    if (f.communeCode) q = q.where('communeCode', '=', f.communeCode);
    if (f.status) q = q.where('status', '=', f.status);
    const byCommune = (
      await q
        .select(['communeCode', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['communeCode', 'status'])
        .execute()
    ).map((r) => ({ communeCode: r.communeCode, status: r.status, n: Number(r.n) }));
    const total = byCommune.reduce((s, r) => s + r.n, 0);
    const rows = await q
      .selectAll()
      // Re-formed first (the plans forbid them), then active, under treatment, eliminated.
      .orderBy(sql`CASE status WHEN 'reformed' THEN 0 WHEN 'active' THEN 1 WHEN 'under_treatment' THEN 2 ELSE 3 END`)
      .orderBy('communeCode')
      .orderBy('discoveredOn', 'desc')
      .offset(f.offset)
      .limit(f.limit)
      .execute();
    return { rows, total, byCommune };
  },

  async unit(db: Db, id: string): Promise<{ name: string; provinceCode: string | null } | undefined> {
    return db.selectFrom('units').select(['name', 'provinceCode']).where('id', '=', id).executeTakeFirst();
  },

  /** Whether a loaded row is within the scope (the one rule, for rows found by a search). */
  inScope(scope: RecordScope, row: { unitId: string | null; provinceCode: string | null; communeCode: string | null }) {
    return inScope(scope, { unitId: row.unitId, provinceCode: row.provinceCode, communeCode: row.communeCode });
  },
});
