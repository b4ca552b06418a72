import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../electron/db/migrate';
import { measureRepository } from '../../electron/persons/measure.repository';
import { freshDb, insertTwoPersons, previousOf, schemaOf, type Raw } from '../support/migration-db';

const NAME = '2026_12_04_0940_person_children_clustered';
const PREVIOUS = previousOf(NAME);
const TABLES = ['person_measures', 'person_check_ins', 'drug_tests', 'addiction_determinations'] as const;
const SYNC = "'2026-12-03T08:00:00Z', '2026-12-03T08:00:00Z', 'ws', 'h1'";

/** Each person's rows written in turns, so that by rowid they interleave (as a year of work writes them). */
function insertChildren(raw: Raw): void {
  const measure = raw.prepare(`INSERT INTO person_measures (id, person_id, kind, decision_number, decision_date,
    authority, start_date, end_date, status, created_at, updated_at, origin_ws, hlc, deleted_at)
    VALUES (?, ?, 'user_management', '1/QĐ', ?, 'UBND', ?, NULL, 'active', ${SYNC}, ?)`);
  const checkIn = raw.prepare(`INSERT INTO person_check_ins (id, measure_id, person_id, date, note, created_at,
    updated_at, origin_ws, hlc, deleted_at) VALUES (?, ?, ?, ?, 'gặp', ${SYNC}, NULL)`);
  const test = raw.prepare(`INSERT INTO drug_tests (id, person_id, date, method, result, substances, notes,
    created_at, updated_at, origin_ws, hlc, deleted_at) VALUES (?, ?, ?, 'urine_quick', ?, '[]', NULL, ${SYNC}, ?)`);
  const finding = raw.prepare(`INSERT INTO addiction_determinations (id, person_id, requested_date, facility,
    result_date, result, created_at, updated_at, origin_ws, hlc, deleted_at)
    VALUES (?, ?, ?, 'TTYT', ?, 'addicted', ${SYNC}, NULL)`);
  for (let i = 0; i < 4; i++)
    for (const p of ['p1', 'p2']) {
      const day = `2024-0${i + 1}-1${p === 'p1' ? 1 : 2}`;
      test.run(`t${i}${p}`, p, day, i % 2 ? 'positive' : 'negative', i === 3 ? '2024-05-01' : null);
      measure.run(`m${i}${p}`, p, day, day, i === 2 ? '2024-05-01' : null);
      checkIn.run(`c${i}${p}`, `m${i}${p}`, p, day);
      if (i < 2) finding.run(`d${i}${p}`, p, day, day);
    }
}

const rowsOf = (raw: Raw) =>
  Object.fromEntries(TABLES.map((t) => [t, raw.prepare(`SELECT * FROM ${t} ORDER BY id`).all()]));
const facts = (raw: Raw) =>
  raw.prepare('SELECT id, first_positive_on, reach_from, reach_to, reach_gapped FROM persons ORDER BY id').all();

describe(`migration ${NAME}`, () => {
  it("keeps a person's measures, check-ins, tests and findings together, keyed by the person, with the same rows, indexes and triggers, and its down gives the old tables back", async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    insertTwoPersons(raw);
    insertChildren(raw);
    raw.exec('ANALYZE');
    const before = schemaOf(raw);
    const data = rowsOf(raw);
    const factsBefore = facts(raw);
    expect(factsBefore.some((f) => (f as { first_positive_on: string | null }).first_positive_on)).toBe(true);

    await migrateTo(db, NAME);
    const after = schemaOf(raw);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(rowsOf(raw)).toEqual(data);
    expect(facts(raw)).toEqual(factsBefore);
    // Only the four tables changed, their index on person_id alone gave way to a unique index on id; every other
    // index and trigger (the report facts' and gaps') is there with its own text.
    const changed = (a: string[], b: string[]) => a.filter((s) => !b.includes(s)).map((s) => s.split(' ')[1]);
    expect(changed(before, after).sort()).toEqual([...TABLES, ...TABLES.map((t) => `${t}_person`)].sort());
    expect(changed(after, before).sort()).toEqual([...TABLES, ...TABLES.map((t) => `${t}_id`)].sort());
    for (const t of TABLES) {
      const text = after.find((s) => s.startsWith(`table ${t} `))!;
      expect(text).toMatch(/PRIMARY KEY \(person_id, id\)\) WITHOUT ROWID$/);
      expect(raw.prepare(`SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = ?`).get(t)).not.toEqual({ n: 0 });
    }

    // An id stays unique.
    expect(() =>
      raw
        .prepare(
          `INSERT INTO drug_tests (id, person_id, date, method, result, created_at, updated_at, origin_ws, hlc)
           VALUES ('t0p1', 'p2', '2024-06-01', 'urine_quick', 'negative', ${SYNC})`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    // The report facts' triggers still follow a person's tests: a first positive earlier than any.
    raw
      .prepare(
        `INSERT INTO drug_tests (id, person_id, date, method, result, created_at, updated_at, origin_ws, hlc)
         VALUES ('t9', 'p2', '2023-01-01', 'urine_quick', 'positive', ${SYNC})`,
      )
      .run();
    expect(raw.prepare(`SELECT first_positive_on AS f FROM persons WHERE id = 'p2'`).get()).toEqual({
      f: '2023-01-01',
    });
    raw.prepare(`DELETE FROM drug_tests WHERE id = 't9'`).run();

    // A file reads each table by the person's key (no second seek per row), and finds the same entries.
    const plans: string[] = [];
    const entries = await measureRepository.entriesOf(db, 'p1');
    expect(entries.measures.map((m) => m.id).sort()).toEqual(['m0p1', 'm1p1', 'm3p1']);
    expect(entries.measures.flatMap((m) => m.checkIns.map((c) => c.id)).sort()).toEqual(['c0p1', 'c1p1', 'c3p1']);
    expect(entries.tests.map((t) => t.id)).toEqual(['t2p1', 't1p1', 't0p1']); // newest first, not the deleted one
    expect(entries.determinations.map((d) => d.id)).toEqual(['d1p1', 'd0p1']);
    // The file's queries as measure.repository.ts sends them (the measures sorted after reading, not by SQL).
    const order = ['', '', 'ORDER BY date DESC', 'ORDER BY requested_date DESC'];
    for (const [i, t] of TABLES.entries()) {
      const q = `SELECT * FROM ${t} WHERE person_id = ? AND deleted_at IS NULL ${order[i]}`;
      plans.push(
        (raw.prepare(`EXPLAIN QUERY PLAN ${q}`).all('p1') as { detail: string }[]).map((r) => r.detail).join(' | '),
      );
    }
    for (const [i, t] of TABLES.entries())
      expect(plans[i]).toMatch(
        new RegExp(`^SEARCH ${t} USING PRIMARY KEY \\(person_id=\\?\\)( \\| USE TEMP B-TREE FOR ORDER BY)?$`),
      );
    // By id: the unique index, then the key.
    expect(
      (raw.prepare(`EXPLAIN QUERY PLAN SELECT * FROM drug_tests WHERE id = ?`).all('t1p1') as { detail: string }[])
        .map((r) => r.detail)
        .join(' | '),
    ).toBe('SEARCH drug_tests USING INDEX drug_tests_id (id=?)');

    await migrateTo(db, PREVIOUS);
    expect(schemaOf(raw)).toEqual(before);
    expect(rowsOf(raw)).toEqual(data);
    expect(facts(raw)).toEqual(factsBefore);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    await db.destroy();
  });
});
