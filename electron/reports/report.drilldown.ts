import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DrillDown, DrillQuery, DrillRecordType, DrillRow, ReportArea } from '../../shared/contract/reports';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { indicator, periodYear, samePeriodYearBefore, type ReportPeriod } from '../../shared/domain/indicators';
import type { Role } from '../../shared/domain/roles';
import { commune, communesOf } from '../../shared/places';
import { compareVietnamese } from '../../shared/text/fold';
import { fieldVisible } from '../platform/record-access';
import type { RecordFamily, RecordScope } from '../platform/scope';
import { scopeSql } from '../platform/scope-sql';
import type { Db } from '../platform/table-spec';
import { specOf } from '../platform/tables';
import { statusesOf } from './commune-status.service';
import { newAddictsSet, ON_RECORD, personArea, REACHED, tableExists } from './indicator.queries';
import { area, PLAN_CHANNELS, resolvableIn } from './indicator.sources';
import { computeOne } from './report.compute';
import { summed, total } from './report.counts';

/**
 * The records behind an indicator's numerator or denominator. Each set here is the same condition the
 * indicator counts (indicator.queries.ts, indicator.sources.ts: the drill-down test checks every total against
 * the figure), and in addition within the caller's scope for the records' own family (platform/scope-sql.ts):
 * never more than the caller's own lists show. A name is shown only where the caller's view of that table holds
 * it, and a person named on a referral or stay only when that person is within the caller's persons scope.
 */
interface RowDb {
  id: string;
  title: string | null;
  detail: string | null;
  kind: string | null;
  date: string | null;
  communeCode: string | null;
  personId: string | null;
  caseId: string | null;
  quantity: number | string | null;
  measure: string | null;
}

interface DrillEnv {
  area: ReportArea;
  period: ReportPeriod;
  key: string | null;
  measure: string | null;
  role: Role;
  scope(family: RecordFamily): RecordScope;
}

interface SqlSet {
  recordType: Exclude<DrillRecordType, 'commune'>;
  /** The table the set lists (it must exist: the indicator says `no_source` otherwise). */
  table: string;
  sql: RawBuilder<RowDb>;
  /**
   * The set in its listing order with a page's LIMIT/OFFSET, when an index walks it in that order (persons: by
   * name, through persons_summary_sorted, stopping at the page's end); otherwise the set is listed newest first.
   */
  paged?: (page: RawBuilder<unknown>) => RawBuilder<RowDb>;
}

type Part = 'numerator' | 'denominator';
type SetOf = (e: DrillEnv, part: Part) => SqlSet | 'communes' | null;

const visible = (e: DrillEnv, table: string, field: string) => fieldVisible(specOf(table), e.role, field);
const orNull = (ok: boolean, expr: RawBuilder<unknown>) => (ok ? expr : sql`NULL`);
const scoped = (e: DrillEnv, table: string, alias: string): RawBuilder<SqlBool> =>
  scopeSql(e.scope(specOf(table).family), specOf(table), alias);
const keyIs = (e: DrillEnv, col: RawBuilder<unknown>): RawBuilder<unknown> =>
  e.key === null ? sql`1` : sql`${col} = ${e.key}`;

// ---------------------------------------------------------------------------------------------------------------
// Persons.

/** The columns of a person row; `date` is given by the set. */
function personRow(e: DrillEnv, date: RawBuilder<unknown>) {
  return sql`p.id AS id, ${orNull(visible(e, 'persons', 'fullName'), sql`p.full_name`)} AS title,
    p.category AS detail, NULL AS kind, ${date} AS date, p.cur_commune AS commune_code, p.id AS person_id,
    NULL AS case_id, NULL AS quantity, NULL AS measure`;
}

const onRecordSet = (e: DrillEnv, reached: boolean): SqlSet => {
  const select = (indexed: RawBuilder<unknown>) => sql<RowDb>`SELECT ${personRow(
    e,
    reached
      ? sql`(SELECT max(m.start_date) FROM person_measures m WHERE m.person_id = p.id AND m.deleted_at IS NULL
          AND m.start_date <= ${e.period.to} AND (m.end_date IS NULL OR m.end_date >= ${e.period.from}))`
      : sql`NULL`,
  )}
    FROM persons p ${indexed} WHERE ${personArea(e.area)} AND ${ON_RECORD} AND ${scoped(e, 'persons', 'p')}
    ${reached ? sql`AND ${REACHED(e.period)}` : sql``}`;
  return {
    recordType: 'person',
    table: 'persons',
    sql: select(sql``),
    // In Vietnamese name order: the page is the first persons of the name index who are in the set (a province's
    // first page reads about as many entries as it shows, a commune's about the province's share of it).
    paged: (page) => sql<RowDb>`${select(sql`INDEXED BY persons_summary_sorted`)} ORDER BY p.sort_key, p.pk ${page}`,
  };
};

const newAddictsIn = (e: DrillEnv, p: ReportPeriod): SqlSet => ({
  recordType: 'person',
  table: 'persons',
  sql: sql<RowDb>`SELECT ${personRow(e, sql`n.first`)} FROM (${newAddictsSet(e.area, p)}) n
    JOIN persons p ON p.id = n.pid WHERE ${scoped(e, 'persons', 'p')}`,
});

// ---------------------------------------------------------------------------------------------------------------
// Cases, tips, hot spots, seizures.

function caseRow(e: DrillEnv, date: RawBuilder<unknown>) {
  return sql`c.id AS id, ${orNull(visible(e, 'drugCases', 'number'), sql`c.number`)} AS title, c.state AS detail,
    NULL AS kind, ${date} AS date, c.commune_code AS commune_code, NULL AS person_id, c.id AS case_id,
    NULL AS quantity, NULL AS measure`;
}

const casesIn = (e: DrillEnv, p: ReportPeriod): SqlSet => ({
  recordType: 'case',
  table: 'drugCases',
  sql: sql<RowDb>`SELECT ${caseRow(e, sql`c.prosecuted_on`)} FROM drug_cases c
    WHERE ${area('c', e.area)} AND c.deleted_at IS NULL AND c.prosecuted_on BETWEEN ${p.from} AND ${p.to}
      AND ${scoped(e, 'drugCases', 'c')}`,
});

const casesResolved = (e: DrillEnv, part: Part): SqlSet => ({
  recordType: 'case',
  table: 'drugCases',
  sql: sql<RowDb>`SELECT ${caseRow(e, sql`c.resolved_on`)} FROM drug_cases c
    WHERE ${area('c', e.area)} AND c.deleted_at IS NULL AND ${resolvableIn(e.period, part)}
      AND ${scoped(e, 'drugCases', 'c')}`,
});

const tipsIn = (e: DrillEnv, part: Part): SqlSet => ({
  recordType: 'tip',
  table: 'tips',
  sql: sql<RowDb>`SELECT t.id AS id,
      ${orNull(visible(e, 'tips', 'summary'), sql`substr(t.summary, 1, 120)`)} AS title, t.state AS detail,
      t.channel AS kind, t.received_on AS date, t.commune_code AS commune_code, NULL AS person_id,
      t.case_id AS case_id, NULL AS quantity, NULL AS measure
    FROM tips t WHERE ${area('t', e.area)} AND t.deleted_at IS NULL
      AND t.received_on BETWEEN ${e.period.from} AND ${e.period.to}
      AND t.channel IN (${sql.join(PLAN_CHANNELS.map((c) => sql`${c}`))}) AND ${keyIs(e, sql`t.channel`)}
      ${part === 'numerator' ? sql`AND t.state IN ('prosecuted', 'not_prosecuted', 'transferred')` : sql``}
      AND ${scoped(e, 'tips', 't')}`,
});

function hotspotRow(e: DrillEnv, date: RawBuilder<unknown>) {
  return sql`h.id AS id, ${orNull(visible(e, 'hotspots', 'address'), sql`h.address`)} AS title,
    h.status AS detail, h.kind AS kind, ${date} AS date, h.commune_code AS commune_code, NULL AS person_id,
    h.eliminated_by_case_id AS case_id, NULL AS quantity, NULL AS measure`;
}

const hotspotsEliminated = (e: DrillEnv, part: Part): SqlSet => ({
  recordType: 'hotspot',
  table: 'hotspots',
  sql: sql<RowDb>`SELECT ${hotspotRow(e, part === 'numerator' ? sql`h.eliminated_on` : sql`h.discovered_on`)}
    FROM hotspots h WHERE ${area('h', e.area)} AND h.deleted_at IS NULL AND h.discovered_on <= ${e.period.to}
      AND (h.eliminated_on IS NULL OR h.eliminated_on >= ${e.period.from})
      ${part === 'numerator' ? sql`AND h.eliminated_on BETWEEN ${e.period.from} AND ${e.period.to}` : sql``}
      AND ${scoped(e, 'hotspots', 'h')}`,
});

const hotspotsReformed = (e: DrillEnv): SqlSet => ({
  recordType: 'hotspot',
  table: 'hotspots',
  sql: sql<RowDb>`SELECT ${hotspotRow(e, sql`h.reformed_on`)} FROM hotspots h
    WHERE ${area('h', e.area)} AND h.deleted_at IS NULL AND h.reformed_on BETWEEN ${e.period.from} AND ${e.period.to}
      AND ${scoped(e, 'hotspots', 'h')}`,
});

const seizuresIn = (e: DrillEnv): SqlSet => ({
  recordType: 'seizure',
  table: 'seizures',
  sql: sql<RowDb>`SELECT s.id AS id,
      ${orNull(visible(e, 'drugCases', 'number'), sql`(SELECT c.number FROM drug_cases c WHERE c.id = s.case_id)`)}
        AS title,
      NULL AS detail, s.substance AS kind, s.seized_on AS date, s.commune_code AS commune_code, NULL AS person_id,
      s.case_id AS case_id, CAST(s.quantity AS REAL) AS quantity, s.unit AS measure
    FROM seizures s WHERE ${area('s', e.area)} AND s.deleted_at IS NULL
      AND s.seized_on BETWEEN ${e.period.from} AND ${e.period.to}
      AND s.substance IS NOT NULL AND s.quantity IS NOT NULL AND s.unit IS NOT NULL
      AND ${keyIs(e, sql`s.substance`)} ${e.measure === null ? sql`` : sql`AND s.unit = ${e.measure}`}
      AND ${scoped(e, 'seizures', 's')}`,
});

// ---------------------------------------------------------------------------------------------------------------
// Referrals and stays: the person is named only when within the caller's persons scope.

function personOf(e: DrillEnv, col: string) {
  return sql`LEFT JOIN persons p ON p.id = ${sql.ref(col)} AND ${scoped(e, 'persons', 'p')}`;
}

const referralsIn = (e: DrillEnv): SqlSet => ({
  recordType: 'referral',
  table: 'rehabReferrals',
  sql: sql<RowDb>`SELECT r.id AS id, ${orNull(visible(e, 'persons', 'fullName'), sql`p.full_name`)} AS title,
      r.state AS detail, NULL AS kind, r.discovered_on AS date, r.commune_code AS commune_code, p.id AS person_id,
      NULL AS case_id, NULL AS quantity, NULL AS measure
    FROM rehab_referrals r ${personOf(e, 'r.personId')}
    WHERE ${area('r', e.area)} AND r.deleted_at IS NULL
      AND r.discovered_on BETWEEN ${e.period.from} AND ${e.period.to} AND ${keyIs(e, sql`r.state`)}
      AND ${scoped(e, 'rehabReferrals', 'r')}`,
});

const abscondings = (e: DrillEnv): SqlSet => ({
  recordType: 'stay',
  table: 'rehabStays',
  sql: sql<RowDb>`SELECT s.id AS id, ${orNull(visible(e, 'persons', 'fullName'), sql`p.full_name`)} AS title,
      s.status AS detail, 'absconded' AS kind, json_extract(i.value, '$.on') AS date, s.commune_code AS commune_code,
      p.id AS person_id, NULL AS case_id, NULL AS quantity, NULL AS measure
    FROM rehab_stays s JOIN json_each(s.incidents) i ${personOf(e, 's.personId')}
    WHERE ${area('s', e.area)} AND s.deleted_at IS NULL AND json_extract(i.value, '$.kind') = 'absconded'
      AND json_extract(i.value, '$.on') BETWEEN ${e.period.from} AND ${e.period.to}
      AND ${scoped(e, 'rehabStays', 's')}`,
});

// ---------------------------------------------------------------------------------------------------------------

const before = (e: DrillEnv) => samePeriodYearBefore(e.period);

/** Per indicator: the set behind each part (null: the indicator has no such part). */
const SETS: Record<string, SetOf> = {
  managedReachedRate: (e, part) => onRecordSet(e, part === 'numerator'),
  newAddicts: (e, part) => (part === 'numerator' ? newAddictsIn(e, e.period) : null),
  newAddictsGrowth: (e, part) => newAddictsIn(e, part === 'numerator' ? e.period : before(e)),
  drugFreeCommuneRate: () => 'communes',
  keyCommunesUnderTreatment: (_e, part) => (part === 'numerator' ? 'communes' : null),
  casesDetected: (e, part) => (part === 'numerator' ? casesIn(e, e.period) : null),
  casesDetectedGrowth: (e, part) => casesIn(e, part === 'numerator' ? e.period : before(e)),
  casesResolvedRate: (e, part) => casesResolved(e, part),
  tipsVerifiedRateByChannel: (e, part) => tipsIn(e, part),
  hotSpotsEliminatedRate: (e, part) => hotspotsEliminated(e, part),
  hotSpotsReformed: (e, part) => (part === 'numerator' ? hotspotsReformed(e) : null),
  seizuresBySubstance: (e, part) => (part === 'numerator' ? seizuresIn(e) : null),
  referralsByState: (e, part) => (part === 'numerator' ? referralsIn(e) : null),
  abscondingCount: (e, part) => (part === 'numerator' ? abscondings(e) : null),
};

const noPart = () =>
  new AppError(ErrorCodes.INVALID_INPUT, 'this indicator has no such part', {
    issues: [{ path: 'part', code: 'drill_part_none' }],
  });

function toRow(recordType: DrillRecordType, r: RowDb): DrillRow {
  return {
    recordType,
    id: r.id,
    title: r.title,
    detail: r.detail,
    kind: r.kind,
    date: r.date,
    communeCode: r.communeCode,
    communeName: r.communeCode ? (commune(r.communeCode)?.name ?? r.communeCode) : null,
    personId: r.personId,
    caseId: r.caseId,
    quantity: r.quantity === null ? null : Number(r.quantity),
    measure: r.measure,
  };
}

/** The communes behind the commune-status indicators (reference data: every reader of reports sees them). */
async function communeRows(db: Db, e: DrillEnv, indicatorId: string, part: Part): Promise<DrillRow[]> {
  const year = periodYear(e.period);
  const statuses = await statusesOf(db, e.area.provinceCode, year);
  return communesOf(e.area.provinceCode)
    .filter((c) => e.area.communeCode === null || c.code === e.area.communeCode)
    .map((c) => ({ c, s: statuses.get(c.code) }))
    .filter(({ s }) =>
      indicatorId === 'drugFreeCommuneRate'
        ? part === 'denominator' || s?.drugFree === 1
        : s?.keyAreaType != null && (e.key === null || s.keyAreaType === e.key),
    )
    .sort((a, b) => compareVietnamese(a.c.name, b.c.name))
    .map(({ c, s }) => ({
      recordType: 'commune' as const,
      id: c.code,
      title: c.name,
      detail: s?.drugFree === 1 ? 'drug_free' : null,
      kind: s?.keyAreaType ?? null,
      date: s?.drugFreeDate ?? null,
      communeCode: c.code,
      communeName: c.name,
      personId: null,
      caseId: null,
      quantity: null,
      measure: s?.drugFreeDecision ?? null,
    }));
}

/**
 * One page of the set (or all of it when `limit` is null, for the export). The caller has already checked the
 * area against their reach (report.area.ts) and that the indicator is visible to them.
 */
export async function drill(
  db: Db,
  e: DrillEnv,
  q: Pick<DrillQuery, 'indicatorId' | 'part'> & { offset: number; limit: number | null },
): Promise<DrillDown> {
  const setOf = SETS[q.indicatorId];
  const set = setOf?.(e, q.part);
  if (!set) throw noPart();
  const base = { indicatorId: q.indicatorId, part: q.part, key: e.key, offset: q.offset };
  if (set === 'communes') {
    const all = await communeRows(db, e, q.indicatorId, q.part);
    const rows = q.limit === null ? all.slice(q.offset) : all.slice(q.offset, q.offset + q.limit);
    return { ...base, recordType: 'commune', total: all.length, rows };
  }
  if (!(await tableExists(db, snake(set.table))))
    throw new AppError(ErrorCodes.INVALID_INPUT, 'these records have no table yet', {
      issues: [{ path: 'indicatorId', code: 'drill_no_source' }],
    });
  const total =
    (await countedTotal(db, e, q.indicatorId, q.part, set.table)) ??
    Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (${set.sql})`.execute(db)).rows[0]?.n ?? 0);
  const page = q.limit === null ? sql`LIMIT -1 OFFSET ${q.offset}` : sql`LIMIT ${q.limit} OFFSET ${q.offset}`;
  const rows = await (
    set.paged?.(page) ?? sql<RowDb>`SELECT * FROM (${set.sql}) ORDER BY date DESC, id ${page}`
  ).execute(db);
  return { ...base, recordType: set.recordType, total, rows: rows.rows.map((r) => toRow(set.recordType, r)) };
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Whether the caller's scope over the set's table holds every record of the area (a leader of the province, an
 * officer of the commune drilled into, or a reach over everything): the scope condition then filters nothing.
 * Fail-closed like scopeSql: no view, a family or role the table gives none, no scope columns: not implied.
 */
function scopeImplied(e: DrillEnv, table: string): boolean {
  const spec = specOf(table);
  const s = e.scope(spec.family);
  if (s.view === 'none' || !spec.views[s.role] || spec.family !== s.family) return false;
  if (s.all) return true;
  const cols = spec.scope;
  if (!cols) return false;
  const [province, communeCol] = table === 'persons' ? ['curProvince', 'curCommune'] : ['provinceCode', 'communeCode'];
  if (s.provinceCode !== null && cols.province === province && s.provinceCode === e.area.provinceCode) return true;
  return (
    s.communeCode !== null &&
    cols.commune === communeCol &&
    e.area.communeCode !== null &&
    s.communeCode === e.area.communeCode
  );
}

/**
 * The size of the set without listing it, when the caller's scope filters nothing of the area: the indicator's own
 * figure (from the kept counts), which counts the same set (the drill-down test checks every set against it).
 * Null when the set must be counted (a narrower scope, a seizures line, a figure that is not a count).
 */
async function countedTotal(
  db: Db,
  e: DrillEnv,
  indicatorId: string,
  part: Part,
  table: string,
): Promise<number | null> {
  if (!scopeImplied(e, table)) return null;
  const def = indicator(indicatorId);
  if (!def) return null;
  if (indicatorId === 'seizuresBySubstance') {
    // Seizures counted per substance and measuring unit (the figure is their quantities).
    const lines = await summed(db, 'seized', e.area, e.period, { key: true });
    return lines
      .filter((l) => {
        const cut = l.key.lastIndexOf('|');
        return (
          (e.key === null || l.key.slice(0, cut) === e.key) &&
          (e.measure === null || l.key.slice(cut + 1) === e.measure)
        );
      })
      .reduce((sum, l) => sum + l.n, 0);
  }
  // Persons on record: their kept count alone (the figure would also count those reached, testing the persons
  // whose measures leave a gap against their measures: most of its time).
  if (indicatorId === 'managedReachedRate' && part === 'denominator') return total(db, 'onrec', e.area, null);
  const r = await computeOne(db, def, e.area, e.period, () => true);
  if (r.status !== 'ok') return null;
  if (e.key === null) return (part === 'numerator' ? r.numerator : r.denominator) ?? null;
  const line = r.breakdown?.find((l) => l.key === e.key);
  if (!line) return r.breakdown ? 0 : null;
  return (part === 'numerator' ? (line.numerator ?? line.value) : line.denominator) ?? null;
}
