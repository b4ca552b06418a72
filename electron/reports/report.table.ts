import { KEY_AREA_TYPE_LIST, PlanScopes } from '../../shared/domain/indicators';
import { ALL_COLUMNS, defineTable } from '../platform/table-spec';

/**
 * Plans and commune statuses are reference records: issued decisions, not personal data. Every role that reads
 * reports reads them; a province's plan travels to its communes with the other replicated records.
 */
const READERS = { leader: ALL_COLUMNS, investigator: ALL_COLUMNS, commune_officer: ALL_COLUMNS } as const;

export const reportPlanTable = defineTable({
  table: 'reportPlans',
  recordType: 'report_plan',
  family: 'reference',
  columns: {
    title: { type: 'text' },
    decisionNumber: { type: 'text' },
    decisionDate: { type: 'date' },
    authority: { type: 'text' },
    scope: { type: 'text', enum: Object.values(PlanScopes) },
    provinceCode: { type: 'text', nullable: true },
    fromYear: { type: 'integer' },
    toYear: { type: 'integer' },
    targets: { type: 'json' },
  },
  derived: [],
  scope: { province: 'provinceCode' },
  sensitive: [],
  views: READERS,
});

export const communeStatusTable = defineTable({
  table: 'communeStatuses',
  recordType: 'commune_status',
  family: 'reference',
  columns: {
    provinceCode: { type: 'text' },
    communeCode: { type: 'text' },
    year: { type: 'integer' },
    population: { type: 'integer', nullable: true },
    drugFree: { type: 'integer' },
    drugFreeDecision: { type: 'text', nullable: true },
    drugFreeDate: { type: 'date', nullable: true },
    keyAreaType: { type: 'text', enum: KEY_AREA_TYPE_LIST, nullable: true },
    keyAreaDecision: { type: 'text', nullable: true },
  },
  derived: [],
  scope: { province: 'provinceCode', commune: 'communeCode' },
  sensitive: [],
  views: READERS,
});
