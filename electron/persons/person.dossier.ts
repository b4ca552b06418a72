import type {
  CheckIn,
  Determination,
  DrugTest,
  Measure,
  PersonFile,
  TimelineEvent,
} from '../../shared/contract/person-types';
import type {
  DeterminationResult,
  MeasureKind,
  MeasureStatus,
  Substance,
  TestMethod,
  TestResult,
} from '../../shared/domain/persons';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { vietnamDay } from '../../shared/domain/working-days';
import type { Db } from '../changelog/changelog';
import type { CheckInRow, DeterminationRow, DrugTestRow, MeasureRow, PersonRow } from '../db/schema';
import { rowToRecord } from './person.mapper';
import { mayView, project } from '../platform/tables';
import { inFacilityScope, inScope, type PersonScope } from './person.scope';

/** Loads a person's whole file: identity, measures with check-ins, tests, determinations, timeline. */
export function measureOf(r: MeasureRow, checkIns: CheckInRow[]): Measure {
  return {
    id: r.id,
    personId: r.personId,
    kind: r.kind as MeasureKind,
    decisionNumber: r.decisionNumber,
    decisionDate: r.decisionDate,
    authority: r.authority,
    officer: r.officer,
    startDate: r.startDate,
    endDate: r.endDate,
    status: r.status as MeasureStatus,
    notes: r.notes,
    checkIns: checkIns
      .filter((c) => c.measureId === r.id)
      .map((c): CheckIn => ({ id: c.id, measureId: c.measureId, date: c.date, note: c.note, createdAt: c.createdAt }))
      .sort((a, b) => (a.date < b.date ? 1 : -1)),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function testOf(r: DrugTestRow): DrugTest {
  return {
    id: r.id,
    personId: r.personId,
    date: r.date,
    method: r.method as TestMethod,
    result: r.result as TestResult,
    substances: JSON.parse(r.substances) as Substance[],
    notes: r.notes,
    createdAt: r.createdAt,
  };
}

export function determinationOf(r: DeterminationRow): Determination {
  return {
    id: r.id,
    personId: r.personId,
    requestedDate: r.requestedDate,
    facility: r.facility,
    resultDate: r.resultDate,
    result: r.result as DeterminationResult,
    formRef: r.formRef,
    registrationDeadline: r.registrationDeadline,
    registeredAt: r.registeredAt,
    createdAt: r.createdAt,
  };
}

function timelineOf(measures: Measure[], tests: DrugTest[], dets: Determination[]): TimelineEvent[] {
  const t: TimelineEvent[] = [];
  for (const m of measures) {
    t.push({ date: m.startDate, kind: 'measure_start', refId: m.id, detail: m.kind });
    if (m.status === 'active') {
      if (m.endDate) t.push({ date: m.endDate, kind: 'measure_end', refId: m.id, detail: m.kind });
    } else {
      // Ended by hand: on the day it was marked, unless its planned end came first.
      const marked = vietnamDay(new Date(m.updatedAt));
      const date = m.endDate && m.endDate < marked ? m.endDate : marked;
      const kind = m.status === 'interrupted' ? 'measure_interrupted' : 'measure_end';
      t.push({ date, kind, refId: m.id, detail: m.kind });
    }
    for (const c of m.checkIns) t.push({ date: c.date, kind: 'check_in', refId: m.id, detail: m.kind });
  }
  for (const x of tests) t.push({ date: x.date, kind: 'test', refId: x.id, detail: x.result });
  for (const d of dets) {
    t.push({ date: d.requestedDate, kind: 'determination_requested', refId: d.id, detail: null });
    if (d.resultDate) t.push({ date: d.resultDate, kind: 'determination_result', refId: d.id, detail: d.result });
    if (d.registeredAt) t.push({ date: d.registeredAt, kind: 'registration', refId: d.id, detail: null });
  }
  return t.sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
}

/** The person row if the caller may see it: missing or deleted is NOT_FOUND, out of scope is FORBIDDEN. */
export async function accessiblePerson(db: Db, scope: PersonScope, id: string): Promise<PersonRow> {
  const row = await db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.deletedAt) throw new AppError(ErrorCodes.NOT_FOUND, 'person not found');
  if (!inScope(scope, row) && !(await inFacilityScope(db, scope, id)))
    throw new AppError(ErrorCodes.FORBIDDEN, 'this person is outside your unit');
  return row;
}

export async function loadFile(db: Db, scope: PersonScope, row: PersonRow): Promise<PersonFile> {
  const photo = await db
    .selectFrom('personPhotos')
    .select('id')
    .where('id', '=', row.id)
    .where('photo', 'is not', null)
    .executeTakeFirst();
  // The role's allow-list of columns (person.table.ts): a column added later stays hidden from a limited view.
  const record = rowToRecord(
    project('persons', scope.role, row),
    Boolean(photo) && mayView('personPhotos', scope.role),
  );
  if (scope.limited)
    return { person: record, limited: true, measures: [], tests: [], determinations: [], timeline: [] };
  const [mRows, cRows, tRows, dRows] = await Promise.all([
    db
      .selectFrom('personMeasures')
      .selectAll()
      .where('personId', '=', row.id)
      .where('deletedAt', 'is', null)
      .orderBy('startDate', 'desc')
      .execute(),
    db.selectFrom('personCheckIns').selectAll().where('personId', '=', row.id).where('deletedAt', 'is', null).execute(),
    db
      .selectFrom('drugTests')
      .selectAll()
      .where('personId', '=', row.id)
      .where('deletedAt', 'is', null)
      .orderBy('date', 'desc')
      .execute(),
    db
      .selectFrom('addictionDeterminations')
      .selectAll()
      .where('personId', '=', row.id)
      .where('deletedAt', 'is', null)
      .orderBy('requestedDate', 'desc')
      .execute(),
  ]);
  const measures = mRows.map((m) => measureOf(m, cRows));
  const tests = tRows.map(testOf);
  const determinations = dRows.map(determinationOf);
  return {
    person: record,
    limited: false,
    measures,
    tests,
    determinations,
    timeline: timelineOf(measures, tests, determinations),
  };
}
