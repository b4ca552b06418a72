import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ROLE_LIST } from '../../shared/domain/roles';
import { inScope, type RecordScope } from '../../electron/platform/scope';
import { scopeSql } from '../../electron/platform/scope-sql';
import { ALL_COLUMNS, type ReplicatedTable, type TableSpec } from '../../electron/platform/table-spec';
import { setupVault } from '../support/host';

/** A made-up table placed by all four scope columns (a temporary table of a real encrypted database). */
const probeSpec: TableSpec = {
  table: 'probe' as ReplicatedTable,
  recordType: 'probe',
  family: 'rehab',
  columns: {},
  derived: [],
  scope: { unit: 'unitId', province: 'provinceCode', commune: 'communeCode', facility: 'facilityId' },
  sensitive: [],
  views: { leader: ALL_COLUMNS, commune_officer: ALL_COLUMNS, rehab_staff: ALL_COLUMNS, investigator: ['unitId'] },
};

const value = fc.constantFrom(null, 'a', 'b');
const row = fc.record({ unitId: value, provinceCode: value, communeCode: value, facilityId: value });
const scope = fc.record({
  family: fc.constantFrom('rehab' as const, 'persons' as const),
  view: fc.constantFrom('full' as const, 'limited' as const, 'none' as const),
  all: fc.boolean(),
  role: fc.constantFrom(...ROLE_LIST),
  unitId: value,
  provinceCode: value,
  communeCode: value,
  facilityId: value,
});

describe('scopeSql: the scope rule as SQL', () => {
  it('matches exactly the rows inScope accepts (for a role the table lets view it), and none otherwise', async () => {
    const v = await setupVault();
    const db = v.host.openState().db;
    await sql`CREATE TEMP TABLE probe (id INTEGER PRIMARY KEY, unit_id TEXT, province_code TEXT, commune_code TEXT,
      facility_id TEXT)`.execute(db);
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), scope, async (rows, s: RecordScope) => {
        await sql`DELETE FROM probe`.execute(db);
        for (const [i, r] of rows.entries())
          await sql`INSERT INTO probe VALUES (${i}, ${r.unitId}, ${r.provinceCode}, ${r.communeCode},
            ${r.facilityId})`.execute(db);
        const got = (
          await sql<{ id: number }>`SELECT id FROM probe t WHERE ${scopeSql(s, probeSpec, 't')} ORDER BY id`.execute(db)
        ).rows.map((r) => r.id);
        const viewable = s.family === probeSpec.family && probeSpec.views[s.role] !== undefined;
        const want = rows.flatMap((r, i) => (viewable && inScope(s, r) ? [i] : []));
        expect(got).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });
});
