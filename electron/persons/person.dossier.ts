import type { Determination, DrugTest, Measure, PersonFile, TimelineEvent } from '../../shared/contract/person-types';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { vietnamDay } from '../../shared/domain/working-days';
import type { Db } from '../changelog/changelog';
import type { PersonRow } from '../db/schema';
import { mayView, project } from '../platform/tables';
import { measureRepository } from './measure.repository';
import { rowToRecord } from './person.mapper';
import { personRepository } from './person.repository';
import { inFacilityScope, inScope, type PersonScope } from './person.scope';

/**
 * A person's dossier (hồ sơ) as the caller may see it: the access check on the person, and the whole file —
 * identity, measures with check-ins, tests, determinations and the timeline built from them.
 */
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
  const row = await personRepository.find(db, id);
  if (!row || row.deletedAt) throw new AppError(ErrorCodes.NOT_FOUND, 'person not found');
  if (!inScope(scope, row) && !(await inFacilityScope(db, scope, id)))
    throw new AppError(ErrorCodes.FORBIDDEN, 'this person is outside your unit');
  return row;
}

export async function loadFile(db: Db, scope: PersonScope, row: PersonRow): Promise<PersonFile> {
  const photo = await personRepository.hasPhoto(db, row.id);
  // The role's allow-list of columns (person.table.ts): a column added later stays hidden from a limited view.
  const record = rowToRecord(project('persons', scope.role, row), photo && mayView('personPhotos', scope.role));
  if (scope.limited)
    return { person: record, limited: true, measures: [], tests: [], determinations: [], timeline: [] };
  const { measures, tests, determinations } = await measureRepository.entriesOf(db, row.id);
  return {
    person: record,
    limited: false,
    measures,
    tests,
    determinations,
    timeline: timelineOf(measures, tests, determinations),
  };
}
