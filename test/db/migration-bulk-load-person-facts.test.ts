import { describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../electron/db/migrate';
import { sliceStatements } from '../../electron/db/migrations/2026_12_05_0200_bulk_load_person_facts';
import { asRecounted } from '../../electron/db/migrations/2026_12_05_1800_bulk_load_facts_once';
import { beginBulkLoad, BULK_LOAD_MIN_ROWS } from '../../electron/platform/bulk-load';
import { freshDb, previousOf, type Raw } from '../support/migration-db';
import { kept, work } from '../support/person-facts';

const NAME = '2026_12_05_0200_bulk_load_person_facts';
const PREVIOUS = previousOf(NAME);
const PERSON_TRIGGERS = ['report_facts_person_insert', 'report_gaps_person_insert'];

const recountRow = (raw: Raw) =>
  raw.prepare(`SELECT * FROM bulk_load_recounts WHERE tbl = 'persons'`).get() as Record<string, string>;
const triggers = (raw: Raw) =>
  (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as { name: string }[]).map(
    (t) => t.name,
  );

/** The work inside a bulk load of persons, finished. */
async function loaded(
  db: ReturnType<typeof freshDb>['db'],
  raw: Raw,
  childrenFirst: boolean,
  during: (names: string[]) => void,
) {
  await db.transaction().execute(async (trx) => {
    const load = await beginBulkLoad(trx, { persons: BULK_LOAD_MIN_ROWS });
    during(triggers(raw));
    work(raw, childrenFirst);
    await load.finish();
  });
}

/** What the triggers keep for the work, row by row, at the migration before. */
async function byRow(childrenFirst: boolean) {
  const { raw, db } = freshDb();
  await migrateTo(db, PREVIOUS);
  work(raw, childrenFirst);
  const out = kept(raw);
  await db.destroy();
  return out;
}

describe(`migration ${NAME}`, () => {
  it("makes a bulk load's persons' facts and gaps at its end, as their insert triggers made them; down undoes it", async () => {
    // Before: a load keeps the persons' insert triggers.
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    const before = recountRow(raw);
    await migrateTo(db, NAME);
    const row = recountRow(raw);
    expect(JSON.parse(row.triggers!)).toEqual([...JSON.parse(before.triggers!), ...PERSON_TRIGGERS]);
    const list = JSON.parse(row.recount!) as string[];
    expect(list.slice(4)).toEqual(JSON.parse(before.recount!));
    // The facts (two UPDATEs of the slice's persons) and the gaps (DELETE, INSERT), before the counts.
    expect(list.slice(0, 4).map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual([
      'UPDATE persons SET',
      'UPDATE persons SET',
      'DELETE FROM report_gaps',
      'INSERT INTO report_gaps',
    ]);

    // A load: the two triggers are gone while the rows go in (children first, as an apply writes them), and at its
    // end the facts, gaps and counts are what the triggers keep; the triggers are back.
    for (const childrenFirst of [false, true]) {
      const expected = await byRow(childrenFirst);
      expect(expected.persons.length).toBe(2);
      raw.exec('DELETE FROM person_measures; DELETE FROM drug_tests; DELETE FROM addiction_determinations');
      raw.exec('DELETE FROM persons');
      await loaded(db, raw, childrenFirst, (names) => {
        for (const t of PERSON_TRIGGERS) expect(names).not.toContain(t);
      });
      expect(kept(raw)).toEqual(expected);
      for (const t of PERSON_TRIGGERS) expect(triggers(raw)).toContain(t);
    }
    // (Children first, on record: the facts, a gap with its province, and counts of reach and first positives.)
    const last = kept(raw);
    expect(last.persons.every((p) => (p as { first_positive_on: string | null }).first_positive_on)).toBe(true);
    expect(last.gaps.some((g) => (g as { province_code: string | null }).province_code === '08')).toBe(true);
    expect(last.counts.length).toBeGreaterThan(5);

    await migrateTo(db, PREVIOUS);
    expect(recountRow(raw)).toEqual(before);
    await db.destroy();
  });

  it('keeps, at the latest schema, the statements the person insert triggers have now', async () => {
    const { raw, db } = freshDb();
    await migrateToLatest(db);
    // A later migration that changes either trigger must update the row (else a load would run the old text).
    // 1800 took the guard off the two facts' statements (the triggers keep theirs).
    const list = JSON.parse(recountRow(raw).recount!) as string[];
    expect(list.slice(0, 4)).toEqual(asRecounted(await sliceStatements(db)));
    await db.destroy();
  });
});
