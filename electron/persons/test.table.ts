import { DeterminationResults, TestMethods, TestResults } from '../../shared/domain/persons';
import { ALL_COLUMNS, defineTable } from '../platform/table-spec';
import { measureRepository } from './measure.repository';
import { loadRules, registrationDeadline } from './person.rules';

const READERS = { leader: ALL_COLUMNS, investigator: ALL_COLUMNS, commune_officer: ALL_COLUMNS } as const;

/** Drug tests: health data, sensitive throughout. */
export const drugTestTable = defineTable({
  table: 'drugTests',
  recordType: 'drug_test',
  family: 'persons',
  columns: {
    personId: { type: 'text' },
    date: { type: 'date' },
    method: { type: 'text', enum: Object.values(TestMethods) },
    result: { type: 'text', enum: Object.values(TestResults) },
    substances: { type: 'json' },
    notes: { type: 'text', nullable: true },
  },
  derived: [],
  parent: { table: 'persons', column: 'personId' },
  // Read by the person (the primary key) and by id (unique) during an apply: its other indexes may wait.
  bulkLoad: {},
  sensitive: ['result', 'substances', 'notes'],
  views: READERS,
});

const deadlinesByRules = new Map<string, Map<string, string>>();

/**
 * The registration deadline of a result day under the current rules, by day: counting working days builds the
 * years' holidays each time (7 % of an import's CPU when it was done per determination).
 */
async function deadlines(db: Parameters<typeof loadRules>[0]): Promise<(day: string) => string> {
  const rules = await loadRules(db);
  // Kept across calls while the rules stay the same (an import asks once per 200 determinations).
  const key = JSON.stringify(rules);
  let byDay = deadlinesByRules.get(key);
  if (!byDay) {
    if (deadlinesByRules.size >= 4) deadlinesByRules.clear();
    deadlinesByRules.set(key, (byDay = new Map()));
  }
  return (day) => {
    let d = byDay.get(day);
    if (d === undefined) byDay.set(day, (d = registrationDeadline(rules, day)));
    return d;
  };
}

/** Addiction determinations; the registration deadline follows from the result date and the rules. */
export const determinationTable = defineTable({
  table: 'addictionDeterminations',
  recordType: 'determination',
  family: 'persons',
  columns: {
    personId: { type: 'text' },
    requestedDate: { type: 'date' },
    facility: { type: 'text' },
    resultDate: { type: 'date', nullable: true },
    result: { type: 'text', enum: Object.values(DeterminationResults) },
    formRef: { type: 'text', nullable: true },
    registrationDeadline: { type: 'date', nullable: true },
    registeredAt: { type: 'date', nullable: true },
  },
  derived: ['registrationDeadline'],
  // An imported determination is inserted with its deadline (the same rule as below).
  async deriveNew(db, rows) {
    const deadlineOf = await deadlines(db);
    for (const row of rows)
      row.registrationDeadline =
        row.result === 'addicted' && typeof row.resultDate === 'string' ? deadlineOf(row.resultDate) : null;
    return [];
  },
  // Batched (an import re-derives thousands at once): read 500 to a query, written only where it changes.
  async rederive(db, open) {
    const deadlineOf = await deadlines(db);
    const facts = await measureRepository.determinationFactsMany(db, open);
    if (facts.length !== new Set(open).size) throw new Error('no such determination');
    for (const d of facts) {
      const deadline = d.result === 'addicted' && d.resultDate ? deadlineOf(d.resultDate) : null;
      if (deadline !== d.registrationDeadline) await measureRepository.setRegistrationDeadline(db, d.id, deadline);
    }
  },
  parent: { table: 'persons', column: 'personId' },
  // Read by the person (the primary key) and by id (unique) during an apply: its other indexes may wait.
  bulkLoad: {},
  sensitive: ['result'],
  views: READERS,
});
