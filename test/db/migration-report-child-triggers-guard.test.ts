import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../electron/db/migrate';
import { GUARD } from '../../electron/db/migrations/2026_12_05_0100_report_child_triggers_guard';
import { freshDb, previousOf, schemaOf } from '../support/migration-db';
import { kept, work } from '../support/person-facts';

const NAME = '2026_12_05_0100_report_child_triggers_guard';
const PREVIOUS = previousOf(NAME);
const GUARDED = [
  'report_facts_findings_insert',
  'report_facts_measures_insert',
  'report_facts_tests_insert',
  'report_gaps_measures_insert',
];

describe(`migration ${NAME}`, () => {
  it('guards the four child insert triggers by the person, and they keep exactly what they kept', async () => {
    const before = freshDb();
    await migrateTo(before.db, PREVIOUS);
    const schemaBefore = schemaOf(before.raw);
    work(before.raw);
    const expected = kept(before.raw);
    // (The work reaches every fact the guarded triggers keep.)
    expect(expected.persons).toEqual([
      { id: 'p1', first_positive_on: '2024-02-01', reach_from: '2024-01-01', reach_to: '9999-12-31', reach_gapped: 1 },
      { id: 'p2', first_positive_on: '2024-01-15', reach_from: '2024-04-01', reach_to: '2024-12-31', reach_gapped: 0 },
    ]);
    expect(expected.gaps.length).toBeGreaterThan(0);

    const after = freshDb();
    await migrateTo(after.db, NAME);
    const triggers = after.raw
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE ?  ORDER BY name`)
      .all(`%${GUARD}%`) as { name: string; sql: string }[];
    expect(triggers.map((t) => t.name)).toEqual(GUARDED);
    // Only the guard differs from the triggers as they were.
    const changed = schemaOf(after.raw).filter((s) => !schemaBefore.includes(s));
    expect(changed.map((s) => s.replace(` ${GUARD} BEGIN `, ' BEGIN ')).every((s) => schemaBefore.includes(s))).toBe(
      true,
    );
    expect(changed).toHaveLength(GUARDED.length);
    work(after.raw);
    expect(kept(after.raw)).toEqual(expected);

    await migrateTo(after.db, PREVIOUS);
    expect(schemaOf(after.raw)).toEqual(schemaBefore);
    await before.db.destroy();
    await after.db.destroy();
  });
});
