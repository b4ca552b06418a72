import type { CheckIn, Determination, DrugTest, Measure } from '../../shared/contract/person-types';
import type {
  DeterminationResult,
  MeasureKind,
  MeasureStatus,
  Substance,
  TestMethod,
  TestResult,
} from '../../shared/domain/persons';
import type { CheckInRow, DeterminationRow, DrugTestRow, MeasureRow } from '../db/schema';

/**
 * Row → domain mapping for a person's measures, check-ins (measure.table.ts), drug tests and addiction
 * determinations (test.table.ts): the services and the screens never see raw rows.
 */
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
