import { sql, type Expression, type SqlBool } from 'kysely';
import type { RecordScope } from '../platform/scope';
import type { Db } from '../platform/table-spec';
import type { FacilityTable, MethadoneTable, ReferralTable, StayTable, VoluntaryTable } from './rehab.schema';

/**
 * Every query of the rehabilitation family (issue 8's repository pattern): the services ask these functions, each
 * taking the call's Kysely handle first, and never build a query themselves. Rows come back as the tables hold
 * them (camelCase); the views are made in rehab.core.ts.
 */

/** The rule of platform/scope.ts `inScope` as a SQL condition on a table with the four scope columns. */
function scopeSql(scope: RecordScope, alias: string, facilityColumn = 'facility_id'): Expression<SqlBool> {
  if (scope.view === 'none') return sql<SqlBool>`0`;
  if (scope.all) return sql<SqlBool>`1`;
  const c = (name: string) => sql.ref(`${alias}.${name}`);
  const ors = [];
  if (scope.unitId !== null) ors.push(sql<SqlBool>`${c('unit_id')} = ${scope.unitId}`);
  if (scope.communeCode !== null) ors.push(sql<SqlBool>`${c('commune_code')} = ${scope.communeCode}`);
  if (scope.provinceCode !== null) ors.push(sql<SqlBool>`${c('province_code')} = ${scope.provinceCode}`);
  if (scope.facilityId !== null) ors.push(sql<SqlBool>`${c(facilityColumn)} = ${scope.facilityId}`);
  return ors.length ? sql<SqlBool>`(${sql.join(ors, sql` OR `)})` : sql<SqlBool>`0`;
}

/** Referral states in which a facility expects the person (its roster's "incoming"). */
const INCOMING = ['decided', 'complaint_window', 'deferred', 'transferred'] as const;

/** Stays that hold a place at their facility (in the facility, or absconded: the place is kept). */
const OPEN_STAY = ['in_stay', 'absconded'] as const;

/** The columns of a stay as one JSON object (camelCase, as Kysely reads the row). */
const STAY_JSON = sql.raw(
  `json_object(${(
    [
      'id',
      'person_id',
      'facility_id',
      'referral_id',
      'voluntary_id',
      'admitted_on',
      'term_months',
      'planned_discharge_on',
      'discharged_on',
      'certificate_number',
      'status',
      'stage',
      'stages',
      'incidents',
      'capacity_override',
      'measure_id',
      'post_measure_id',
      'province_code',
      'commune_code',
      'unit_id',
      'created_at',
      'updated_at',
      'origin_ws',
      'hlc',
      'deleted_at',
    ] as const
  )
    .map((c) => `'${c.replace(/_(\w)/g, (_m, x: string) => x.toUpperCase())}', s.${c}`)
    .join(', ')})`,
);

/** A referral with its person's summary, its facility and occupancy, its scans' metadata and its latest stay. */
export type DossierRow = ReferralTable & {
  pFullName: string | null;
  pSex: string;
  pBirthDate: string;
  pCitizenId: string | null;
  pCategory: string;
  pProvince: string | null;
  pCommune: string | null;
  fCode: string | null;
  fName: string;
  fKind: string;
  fProvince: string;
  fCommune: string | null;
  fCapacity: number;
  fUnitId: string | null;
  fCreatedAt: string;
  fUpdatedAt: string;
  fOccupancy: number | null;
  docs: string | null;
  stay: string | null;
};

export interface BoardRow {
  id: string;
  personId: string;
  communeCode: string | null;
  state: string;
  stateOn: string;
  minor: number;
  facilityId: string | null;
  deadline: string | null;
  fullName: string;
  birthDate: string;
  n: number;
  overdue: number;
}

export interface BoardQuery {
  scope: RecordScope;
  states: readonly string[];
  today: string;
  limit: number;
  facilityId?: string;
  communeCode?: string;
  overdueOnly?: boolean;
}

export interface HandoverRow {
  personId: string;
  fullName: string;
  birthDate: string;
  communeCode: string | null;
  stayId: string;
  facilityId: string;
  facilityName: string;
  dischargedOn: string;
  certificateNumber: string | null;
  measureId: string | null;
  measureEndsOn: string | null;
}

const PERSON_COLUMNS = [
  'id',
  'fullName',
  'sex',
  'birthDate',
  'citizenId',
  'category',
  'curProvince',
  'curCommune',
  'unitId',
  'deletedAt',
  'mergedInto',
] as const;

export const rehabRepository = Object.freeze({
  // -------------------------------------------------------------------------------------------------------
  // Persons, as the rehab screens read them

  /** A person's identity and place (the summary a centre needs), or undefined when missing or deleted. */
  async person(db: Db, personId: string) {
    const p = await db.selectFrom('persons').select(PERSON_COLUMNS).where('id', '=', personId).executeTakeFirst();
    return p && !p.deletedAt ? p : undefined;
  },

  /**
   * Names and birth dates of these persons, in one statement. The ids are sorted first, so the persons' id index
   * and (ids being time-ordered like the rowids) the table itself are walked forwards, each page once.
   */
  async personNames(db: Db, ids: readonly string[]): Promise<Map<string, { fullName: string; birthDate: string }>> {
    const sorted = [...new Set(ids)].sort();
    if (!sorted.length) return new Map();
    const rows = await sql<{ id: string; fullName: string; birthDate: string }>`SELECT p.id AS id,
        p.full_name AS "fullName", p.birth_date AS "birthDate"
      FROM json_each(${JSON.stringify(sorted)}) AS j CROSS JOIN persons AS p ON p.id = j.value`.execute(db);
    return new Map(rows.rows.map((r) => [r.id, { fullName: r.fullName, birthDate: r.birthDate }]));
  },

  /** What the eligibility rule reads of a person's file: determinations and measures. */
  async eligibilityFacts(db: Db, personId: string) {
    const [determinations, measures] = await Promise.all([
      db
        .selectFrom('addictionDeterminations')
        .select(['result', 'resultDate'])
        .where('personId', '=', personId)
        .where('deletedAt', 'is', null)
        .execute(),
      db
        .selectFrom('personMeasures')
        .select(['kind', 'status'])
        .where('personId', '=', personId)
        .where('deletedAt', 'is', null)
        .execute(),
    ]);
    return { determinations, measures };
  },

  /** The latest positive determination on or before a day (the voluntary registration's 5-working-day clock). */
  async lastPositiveDetermination(db: Db, personId: string, onOrBefore: string): Promise<string | null> {
    const det = await db
      .selectFrom('addictionDeterminations')
      .select(['resultDate'])
      .where('personId', '=', personId)
      .where('result', '=', 'addicted')
      .where('deletedAt', 'is', null)
      .where('resultDate', '<=', onOrBefore)
      .orderBy('resultDate', 'desc')
      .executeTakeFirst();
    return det?.resultDate ?? null;
  },

  /** Positive determinations whose registration is still open (ids). */
  async unregisteredDeterminations(db: Db, personId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('addictionDeterminations')
      .select('id')
      .where('personId', '=', personId)
      .where('result', '=', 'addicted')
      .where('registeredAt', 'is', null)
      .where('deletedAt', 'is', null)
      .execute();
    return rows.map((r) => r.id);
  },

  async measureStatus(db: Db, measureId: string): Promise<string | null> {
    const m = await db.selectFrom('personMeasures').select('status').where('id', '=', measureId).executeTakeFirst();
    return m?.status ?? null;
  },

  /** Whether the person had compulsory rehab before (a measure on file). */
  async hasCompulsoryMeasure(db: Db, personId: string): Promise<boolean> {
    const m = await db
      .selectFrom('personMeasures')
      .select('id')
      .where('personId', '=', personId)
      .where('kind', '=', 'compulsory_rehab')
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return Boolean(m);
  },

  async activeCompulsoryMeasure(db: Db, personId: string): Promise<string | null> {
    const m = await db
      .selectFrom('personMeasures')
      .select('id')
      .where('personId', '=', personId)
      .where('kind', '=', 'compulsory_rehab')
      .where('status', '=', 'active')
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return m?.id ?? null;
  },

  async unitExists(db: Db, unitId: string): Promise<boolean> {
    return Boolean(await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst());
  },

  async unitProvince(db: Db, unitId: string): Promise<string | null | undefined> {
    const u = await db.selectFrom('units').select(['provinceCode']).where('id', '=', unitId).executeTakeFirst();
    return u?.provinceCode;
  },

  // -------------------------------------------------------------------------------------------------------
  // Referrals and their scans

  async referral(db: Db, id: string): Promise<ReferralTable | undefined> {
    return db.selectFrom('rehabReferrals').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async referralCount(db: Db): Promise<number> {
    const r = await db
      .selectFrom('rehabReferrals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /**
   * A referral with everything its dossier shows, in one statement: the person's summary, the facility and its
   * occupancy, the scans' metadata and the latest stay (indexes of migration 2026_12_03_1700_rehab_indexes).
   */
  async dossier(db: Db, id: string): Promise<DossierRow | undefined> {
    const rows = await sql<DossierRow>`SELECT r.*,
        p.full_name AS "pFullName", p.sex AS "pSex", p.birth_date AS "pBirthDate", p.citizen_id AS "pCitizenId",
        p.category AS "pCategory", p.cur_province AS "pProvince", p.cur_commune AS "pCommune",
        f.code AS "fCode", f.name AS "fName", f.kind AS "fKind", f.province_code AS "fProvince",
        f.commune_code AS "fCommune", f.capacity AS "fCapacity", f.unit_id AS "fUnitId",
        f.created_at AS "fCreatedAt", f.updated_at AS "fUpdatedAt",
        CASE WHEN f.id IS NULL THEN NULL ELSE (SELECT count(*) FROM rehab_stays AS o
          WHERE o.facility_id = f.id AND o.status IN ('in_stay', 'absconded') AND o.deleted_at IS NULL) END
          AS "fOccupancy",
        (SELECT json_group_array(json_object('item', d.item, 'mime', d.mime, 'size', d.size, 'addedOn', d.added_on))
          FROM rehab_documents AS d WHERE d.referral_id = r.id AND d.deleted_at IS NULL AND d.scan IS NOT NULL) AS docs,
        (SELECT ${STAY_JSON} FROM rehab_stays AS s WHERE s.referral_id = r.id AND s.deleted_at IS NULL
          ORDER BY s.admitted_on DESC, s.created_at DESC LIMIT 1) AS stay
      FROM rehab_referrals AS r
        LEFT JOIN persons AS p ON p.id = r.person_id AND p.deleted_at IS NULL
        LEFT JOIN rehab_facilities AS f ON f.id = r.facility_id AND f.deleted_at IS NULL
      WHERE r.id = ${id}`.execute(db);
    return rows.rows[0];
  },

  /** The person's referral that is not closed, if any (id). */
  async openReferralOf(db: Db, personId: string, terminal: readonly string[]): Promise<string | null> {
    const r = await db
      .selectFrom('rehabReferrals')
      .select('id')
      .where('personId', '=', personId)
      .where('state', 'not in', terminal as string[])
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return r?.id ?? null;
  },

  /** Whether the person has another referral that reached a facility (a repeat, for the term's range). */
  async hadReferralAdmitted(db: Db, personId: string, exceptReferral: string | null): Promise<boolean> {
    let q = db
      .selectFrom('rehabReferrals')
      .select('id')
      .where('personId', '=', personId)
      .where('state', 'in', ['completed', 'admitted', 'absconded', 'transferred'])
      .where('deletedAt', 'is', null);
    if (exceptReferral) q = q.where('id', '!=', exceptReferral);
    return Boolean(await q.executeTakeFirst());
  },

  /**
   * The board in one statement: each state's first `limit` referrals by time limit (overdue first), with its count
   * and overdue count as window columns; the persons join only for the rows kept.
   */
  async board(db: Db, q: BoardQuery): Promise<BoardRow[]> {
    const and = [scopeSql(q.scope, 'r')];
    if (q.facilityId) and.push(sql`r.facility_id = ${q.facilityId}`);
    if (q.communeCode) and.push(sql`r.commune_code = ${q.communeCode}`);
    if (q.overdueOnly) and.push(sql`r.deadline < ${q.today}`);
    and.push(sql`r.deleted_at IS NULL`);
    const rows = await sql<BoardRow>`WITH x AS (
        SELECT r.id, r.person_id, r.commune_code, r.state, r.state_on, r.minor, r.facility_id, r.deadline,
          row_number() OVER (PARTITION BY r.state ORDER BY r.deadline IS NULL, r.deadline, r.state_on) AS rn,
          count(*) OVER (PARTITION BY r.state) AS n,
          sum(r.deadline < ${q.today}) OVER (PARTITION BY r.state) AS overdue
        FROM rehab_referrals AS r WHERE r.state IN (${sql.join(q.states)}) AND ${sql.join(and, sql` AND `)})
      SELECT x.id AS id, x.person_id AS "personId", x.commune_code AS "communeCode", x.state AS state,
        x.state_on AS "stateOn", x.minor AS minor, x.facility_id AS "facilityId", x.deadline AS deadline,
        p.full_name AS "fullName", p.birth_date AS "birthDate", x.n AS n, x.overdue AS overdue
      FROM x JOIN persons AS p ON p.id = x.person_id
      WHERE x.rn <= ${q.limit} ORDER BY x.state, x.rn`.execute(db);
    return rows.rows;
  },

  /**
   * A page of the referrals coming to a facility (decided, in the complaint window, deferred, being transferred) by
   * time limit, on `rehab_referrals_facility_due`, and how many there are; the names come from `personNames`.
   */
  async incoming(db: Db, facilityId: string, page: { offset: number; limit: number }) {
    const base = db
      .selectFrom('rehabReferrals as r')
      .where('r.facilityId', '=', facilityId)
      .where('r.state', 'in', INCOMING)
      .where('r.deletedAt', 'is', null);
    const [rows, count] = await Promise.all([
      base
        .select([
          'r.id',
          'r.personId',
          'r.communeCode',
          'r.state',
          'r.stateOn',
          'r.minor',
          'r.facilityId',
          'r.deadline',
        ])
        .orderBy('r.deadline')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ]);
    return { rows, count: Number(count?.n ?? 0) };
  },

  /** The live document row of a checklist item (its id), if any. */
  async documentId(db: Db, referralId: string, item: string): Promise<string | null> {
    const d = await db
      .selectFrom('rehabDocuments')
      .select('id')
      .where('referralId', '=', referralId)
      .where('item', '=', item)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return d?.id ?? null;
  },

  /** A checklist item's scan (a data URL) and its type, if one is attached. */
  async documentScan(db: Db, referralId: string, item: string) {
    return db
      .selectFrom('rehabDocuments')
      .select(['scan', 'mime'])
      .where('referralId', '=', referralId)
      .where('item', '=', item)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },

  // -------------------------------------------------------------------------------------------------------
  // Stays

  async stay(db: Db, id: string): Promise<StayTable | undefined> {
    return db.selectFrom('rehabStays').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The referral's or the voluntary registration's latest stay. */
  async latestStay(db: Db, of: { referralId?: string; voluntaryId?: string }): Promise<StayTable | undefined> {
    let q = db.selectFrom('rehabStays').selectAll().where('deletedAt', 'is', null);
    if (of.referralId) q = q.where('referralId', '=', of.referralId);
    if (of.voluntaryId) q = q.where('voluntaryId', '=', of.voluntaryId);
    return q.orderBy('admittedOn', 'desc').orderBy('createdAt', 'desc').executeTakeFirst();
  },

  /** The stay of a referral or a voluntary registration that still holds a place. */
  async openStay(db: Db, of: { referralId?: string; voluntaryId?: string }): Promise<StayTable | undefined> {
    let q = db.selectFrom('rehabStays').selectAll().where('status', 'in', OPEN_STAY).where('deletedAt', 'is', null);
    if (of.referralId) q = q.where('referralId', '=', of.referralId);
    if (of.voluntaryId) q = q.where('voluntaryId', '=', of.voluntaryId);
    return q.executeTakeFirst();
  },

  /** Open stays at a facility (its occupancy). */
  async occupancy(db: Db, facilityId: string): Promise<number> {
    const r = await db
      .selectFrom('rehabStays')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('facilityId', '=', facilityId)
      .where('status', 'in', OPEN_STAY)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  /** Open stays per facility. */
  async occupancies(db: Db): Promise<Map<string, number>> {
    const counts = await db
      .selectFrom('rehabStays')
      .select(['facilityId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', OPEN_STAY)
      .where('deletedAt', 'is', null)
      .groupBy('facilityId')
      .execute();
    return new Map(counts.map((c) => [c.facilityId, Number(c.n)]));
  },

  /**
   * How many stays of a facility each roster list holds (in the facility, due by `dueBefore`, absconded), from the
   * covering index `rehab_stays_roster` alone. A stay without a planned discharge counts as due.
   */
  async rosterCounts(db: Db, facilityId: string, dueBefore: string) {
    const r = await sql<{ residents: number | null; dischargesDue: number | null; absconded: number | null }>`SELECT
        sum(s.status = 'in_stay') AS residents,
        sum(s.status = 'in_stay' AND (s.planned_discharge_on IS NULL OR s.planned_discharge_on < ${dueBefore}))
          AS "dischargesDue",
        sum(s.status = 'absconded') AS absconded
      FROM rehab_stays AS s
      WHERE s.facility_id = ${facilityId} AND s.status IN ('in_stay', 'absconded') AND s.deleted_at IS NULL`.execute(
      db,
    );
    const row = r.rows[0];
    return {
      residents: Number(row?.residents ?? 0),
      dischargesDue: Number(row?.dischargesDue ?? 0),
      absconded: Number(row?.absconded ?? 0),
    };
  },

  /**
   * One page of a roster list by planned discharge, read in the order of the covering index `rehab_stays_roster`
   * (one status: no sort, no table row); the names come from `personNames`.
   */
  async rosterPage(
    db: Db,
    q: {
      facilityId: string;
      list: 'residents' | 'dischargesDue' | 'absconded';
      dueBefore: string;
      offset: number;
      limit: number;
    },
  ) {
    let query = db
      .selectFrom('rehabStays')
      .select([
        'id as stayId',
        'personId',
        'communeCode',
        'admittedOn',
        'stage',
        'status',
        'plannedDischargeOn',
        'referralId',
      ])
      .where('facilityId', '=', q.facilityId)
      .where('status', '=', q.list === 'absconded' ? 'absconded' : 'in_stay')
      .where('deletedAt', 'is', null);
    if (q.list === 'dischargesDue')
      query = query.where((eb) =>
        eb.or([eb('plannedDischargeOn', 'is', null), eb('plannedDischargeOn', '<', q.dueBefore)]),
      );
    return query.orderBy('plannedDischargeOn').limit(q.limit).offset(q.offset).execute();
  },

  /** Discharged stays handed over to communes, newest first, in the caller's rehab scope. */
  async handovers(
    db: Db,
    q: { scope: RecordScope; communeCode: string | null; from?: string; to?: string; limit: number },
  ): Promise<HandoverRow[]> {
    const rows = await sql<HandoverRow>`SELECT s.person_id AS "personId", p.full_name AS "fullName",
        p.birth_date AS "birthDate", s.commune_code AS "communeCode", s.id AS "stayId", s.facility_id AS "facilityId",
        f.name AS "facilityName", s.discharged_on AS "dischargedOn", s.certificate_number AS "certificateNumber",
        s.post_measure_id AS "measureId", m.end_date AS "measureEndsOn"
      FROM rehab_stays AS s JOIN persons AS p ON p.id = s.person_id
        JOIN rehab_facilities AS f ON f.id = s.facility_id
        LEFT JOIN person_measures AS m ON m.id = s.post_measure_id
      WHERE s.status = 'discharged' AND s.deleted_at IS NULL AND ${scopeSql(q.scope, 's')}
        ${q.communeCode ? sql`AND s.commune_code = ${q.communeCode}` : sql``}
        ${q.from ? sql`AND s.discharged_on >= ${q.from}` : sql``}
        ${q.to ? sql`AND s.discharged_on <= ${q.to}` : sql``}
      ORDER BY s.discharged_on DESC LIMIT ${q.limit}`.execute(db);
    return rows.rows;
  },

  // -------------------------------------------------------------------------------------------------------
  // Facilities, voluntary rehab, methadone

  async facility(db: Db, id: string): Promise<FacilityTable | undefined> {
    const f = await db.selectFrom('rehabFacilities').selectAll().where('id', '=', id).executeTakeFirst();
    return f && !f.deletedAt ? f : undefined;
  },

  async facilities(db: Db, filter: { kind?: string; provinceCode?: string }): Promise<FacilityTable[]> {
    let q = db.selectFrom('rehabFacilities').selectAll().where('deletedAt', 'is', null);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.provinceCode) q = q.where('provinceCode', '=', filter.provinceCode);
    return q.orderBy('name').execute();
  },

  async facilityCodeTaken(db: Db, code: string): Promise<boolean> {
    const f = await db
      .selectFrom('rehabFacilities')
      .select('id')
      .where('code', '=', code)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return Boolean(f);
  },

  async voluntary(db: Db, id: string): Promise<VoluntaryTable | undefined> {
    return db.selectFrom('rehabVoluntary').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async methadone(db: Db, id: string): Promise<MethadoneTable | undefined> {
    return db.selectFrom('rehabMethadone').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The person's methadone episode that is treating or paused (id), if any. */
  async activeMethadone(db: Db, personId: string): Promise<string | null> {
    const m = await db
      .selectFrom('rehabMethadone')
      .select('id')
      .where('personId', '=', personId)
      .where('status', 'in', ['treating', 'paused'])
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return m?.id ?? null;
  },

  /** Every live rehab record of a person (the caller filters them by scope). */
  async personRecords(db: Db, personId: string) {
    const [referrals, voluntary, methadone, stays] = await Promise.all([
      db
        .selectFrom('rehabReferrals')
        .selectAll()
        .where('personId', '=', personId)
        .where('deletedAt', 'is', null)
        .execute(),
      db
        .selectFrom('rehabVoluntary')
        .selectAll()
        .where('personId', '=', personId)
        .where('deletedAt', 'is', null)
        .execute(),
      db
        .selectFrom('rehabMethadone')
        .selectAll()
        .where('personId', '=', personId)
        .where('deletedAt', 'is', null)
        .execute(),
      db.selectFrom('rehabStays').selectAll().where('personId', '=', personId).where('deletedAt', 'is', null).execute(),
    ]);
    return { referrals, voluntary, methadone, stays };
  },
});
