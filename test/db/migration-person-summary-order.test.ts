import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../electron/db/migrate';
import { SUMMARY_COLUMNS } from '../../electron/persons/person.mapper';
import { summaryLookup } from '../../electron/persons/person.search';
import { freshDb, insertTwoPersons, previousOf, schemaOf } from '../support/migration-db';

const snake = (c: string) => c.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`);

const NAME = '2026_12_03_1830_person_summary_order';
const PREVIOUS = previousOf(NAME);
describe(`migration ${NAME}`, () => {
  it('reads a page of results in Vietnamese order from one covering index, changes no row, and its down restores the schema', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    insertTwoPersons(raw);
    const before = schemaOf(raw);
    const data = raw.prepare('SELECT * FROM persons ORDER BY pk').all();

    await migrateTo(db, NAME);
    const added = schemaOf(raw).filter((s) => !before.includes(s));
    const removed = before.filter((s) => !schemaOf(raw).includes(s));
    expect(added.map((s) => s.split(' ')[1])).toEqual(['persons_summary_sorted']);
    expect(removed.map((s) => s.split(' ')[1])).toEqual(['persons_summary']);
    expect(raw.prepare('SELECT * FROM persons ORDER BY pk').all()).toEqual(data);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');

    // Led by the search's order, and carrying every column a result line shows (a new one must be added to it).
    const indexed = (raw.prepare(`PRAGMA index_info(persons_summary_sorted)`).all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(indexed.slice(0, 2)).toEqual(['sort_key', 'pk']);
    for (const c of SUMMARY_COLUMNS) expect(indexed).toContain(snake(c));

    // The result lookup as person.search.ts sends it: a covering seek by (sort_key, pk), no person row read.
    raw.exec('ANALYZE');
    const lookup = summaryLookup([
      { sortKey: 'tran thi hoa', pk: 2 },
      { sortKey: 'nguyen van duc', pk: 1 },
    ]);
    const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${lookup.sql}`).all(...lookup.parameters) as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
    expect((await db.executeQuery(lookup)).rows.map((r) => r.id).sort()).toEqual(['p1', 'p2']);
    expect(plan).toMatch(/USING COVERING INDEX persons_summary_sorted \(sort_key=\? AND pk=\?\)/);

    await migrateTo(db, PREVIOUS);
    expect(schemaOf(raw)).toEqual(before);
    await db.destroy();
  });
});
