import { MEASURE_KIND_LIST, MeasureStatuses } from '../../shared/domain/persons';
import { ALL_COLUMNS, defineTable } from '../platform/table-spec';

const READERS = { leader: ALL_COLUMNS, investigator: ALL_COLUMNS, commune_officer: ALL_COLUMNS } as const;

/** Management measures (decisions on a person: management, rehab, methadone, after-care). */
export const measureTable = defineTable({
  table: 'personMeasures',
  recordType: 'measure',
  family: 'persons',
  columns: {
    personId: { type: 'text' },
    kind: { type: 'text', enum: MEASURE_KIND_LIST },
    decisionNumber: { type: 'text' },
    decisionDate: { type: 'date' },
    authority: { type: 'text' },
    officer: { type: 'text', nullable: true },
    startDate: { type: 'date' },
    endDate: { type: 'date', nullable: true },
    status: { type: 'text', enum: Object.values(MeasureStatuses) },
    notes: { type: 'text', nullable: true },
  },
  derived: [],
  parent: { table: 'persons', column: 'personId' },
  // Read by the person (the primary key) and by id (unique) during an apply: its other indexes may wait.
  bulkLoad: {},
  sensitive: ['notes', 'officer'],
  views: READERS,
});

/** A meeting with the person under a measure. */
export const checkInTable = defineTable({
  table: 'personCheckIns',
  recordType: 'check_in',
  family: 'persons',
  columns: {
    measureId: { type: 'text' },
    personId: { type: 'text' },
    date: { type: 'date' },
    note: { type: 'text' },
  },
  derived: [],
  parent: { table: 'persons', column: 'personId' },
  sensitive: ['note'],
  views: READERS,
});
