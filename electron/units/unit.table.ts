import { UNIT_KIND_LIST } from '../../shared/domain/roles';
import { ALL_COLUMNS, defineTable } from '../platform/table-spec';

/** Units (police units, rehab centres): reference data every signed-in role may read. */
export const unitTable = defineTable({
  table: 'units',
  recordType: 'unit',
  family: 'reference',
  title: 'name',
  columns: {
    code: { type: 'text' },
    name: { type: 'text' },
    kind: { type: 'text', enum: UNIT_KIND_LIST },
    provinceCode: { type: 'text', nullable: true },
    communeCode: { type: 'text', nullable: true },
  },
  derived: [],
  sensitive: [],
  views: {
    admin: ALL_COLUMNS,
    leader: ALL_COLUMNS,
    investigator: ALL_COLUMNS,
    commune_officer: ALL_COLUMNS,
    rehab_staff: ALL_COLUMNS,
    auditor: ALL_COLUMNS,
  },
});
