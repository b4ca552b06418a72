import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../electron/db/migrate';
import { freshDb, previousOf, type Raw } from '../support/migration-db';
import { loadedAt, recountOf as recount } from '../support/person-facts';

const NAME = '2026_12_05_1800_bulk_load_facts_once';
const PREVIOUS = previousOf(NAME);

interface Facts {
  id: string;
  first_positive_on: string | null;
  reach_from: string | null;
}
const facts = (k: { persons: unknown[] }) => k.persons as Facts[];

describe(`migration ${NAME}`, () => {
  it("takes the guard off the recount's two fact statements, and nothing else; down puts it back", async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    const before = recount(raw);
    await migrateTo(db, NAME);
    const after = recount(raw);
    expect(after.length).toBe(before.length);
    expect(after.slice(2)).toEqual(before.slice(2));
    expect(after[0]).toMatch(/^UPDATE persons SET first_positive_on = \(SELECT min\(f\.d\)/);
    expect(after[0]!.endsWith(' WHERE pk BETWEEN @lo AND @hi')).toBe(true);
    expect(after[1]).toMatch(/^UPDATE persons SET \(reach_from, reach_to, reach_gapped\) = \(SELECT min\(r\.s\)/);
    expect(after[1]!.endsWith('\n  WHERE pk BETWEEN @lo AND @hi')).toBe(true);
    for (const i of [0, 1]) {
      // The guard was the value's subquery once more: the statement is half as long, less its WHERE.
      expect(before[i]!.startsWith(after[i]!)).toBe(true);
      expect(before[i]!.slice(after[i]!.length)).toMatch(
        /^ AND (first_positive_on|\(reach_from, reach_to, reach_gapped\)) IS NOT \(SELECT /,
      );
      expect(after[i]!.match(/SELECT min\(/g)).toHaveLength(1);
      expect(before[i]!.match(/SELECT min\(/g)).toHaveLength(2);
    }
    await migrateTo(db, PREVIOUS);
    expect(recount(raw)).toEqual(before);
    await db.destroy();
  });

  it('a bulk load keeps the same facts, gaps and counts as before it', async () => {
    const [before, after] = [await loadedAt(PREVIOUS), await loadedAt(NAME)];
    expect(facts(after).some((p) => p.first_positive_on && p.reach_from)).toBe(true);
    expect(after.counts.length).toBeGreaterThan(5);
    expect(after).toEqual(before);
  });

  it('a person already on record, with no facts and with facts, keeps them through the recount', async () => {
    // A person held before the load (its facts kept by its children's triggers) is in the recount's slice too.
    const held = (raw: Raw) => {
      raw
        .prepare(
          `INSERT INTO persons (pk, id, full_name, name_folded, sort_key, sex, birth_date, birth_year, citizen_id,
          cur_province, cur_commune, unit_id, category, created_at, updated_at, origin_ws, hlc)
          VALUES (2, 'p0', 'Lê Văn An', 'le van an', 'le van an', 'male', '1985', 1985, NULL, '08', '02740', 'unit-a',
          'user', 'x', 'u', 'ws', 'h')`,
        )
        .run();
      raw
        .prepare(
          `INSERT INTO drug_tests (id, person_id, date, method, result, substances, notes, created_at, updated_at,
          origin_ws, hlc, deleted_at) VALUES ('t0', 'p0', '2024-07-01', 'urine_quick', 'positive', '[]', NULL,
          'x', 'u', 'ws', 'h', NULL)`,
        )
        .run();
    };
    const [before, after] = [await loadedAt(PREVIOUS, held), await loadedAt(NAME, held)];
    expect(facts(after).find((p) => p.id === 'p0')).toMatchObject({
      first_positive_on: '2024-07-01',
      reach_gapped: 0,
    });
    expect(after).toEqual(before);
  });
});
