import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../electron/db/migrate';
import { SUMMARY_COLUMNS } from '../../electron/persons/person.mapper';
import { summaryLookup } from '../../electron/persons/person.search';
import { freshDb, insertTwoPersons, previousOf, schemaOf } from '../support/migration-db';

const snake = (c: string) => c.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`);

const NAME = '2026_12_04_0440_person_commune_summary';
const PREVIOUS = previousOf(NAME);
describe(`migration ${NAME}`, () => {
  it("reads a commune's page of results from an index led by the commune, changes no row, and its down removes it", async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    insertTwoPersons(raw);
    raw.exec(`UPDATE persons SET cur_commune = '02743' WHERE pk = 2`); // two communes
    const before = schemaOf(raw);
    const data = raw.prepare('SELECT * FROM persons ORDER BY pk').all();

    await migrateTo(db, NAME);
    expect(
      schemaOf(raw)
        .filter((s) => !before.includes(s))
        .map((s) => s.split(' ')[1]),
    ).toEqual(['persons_commune_summary']);
    expect(raw.prepare('SELECT * FROM persons ORDER BY pk').all()).toEqual(data);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');

    // Led by the commune and the search's order, carrying every column a result line shows.
    const indexed = (raw.prepare(`PRAGMA index_info(persons_commune_summary)`).all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(indexed.slice(0, 3)).toEqual(['cur_commune', 'sort_key', 'pk']);
    for (const c of SUMMARY_COLUMNS) expect(indexed).toContain(snake(c));

    // The lookup as person.search.ts sends it for a commune: covering seeks, and only the commune's people.
    raw.exec('ANALYZE');
    const people = raw
      .prepare('SELECT pk, sort_key AS sortKey, cur_commune AS c, id FROM persons ORDER BY pk')
      .all() as {
      pk: number;
      sortKey: string;
      c: string;
      id: string;
    }[];
    expect(new Set(people.map((p) => p.c)).size).toBe(2);
    const hits = people.map((p) => ({ pk: p.pk, sortKey: p.sortKey }));
    const lookup = summaryLookup(hits, people[0]!.c);
    const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${lookup.sql}`).all(...lookup.parameters) as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING COVERING INDEX persons_commune_summary \(cur_commune=\? AND sort_key=\? AND pk=\?\)/);
    expect((await db.executeQuery(lookup)).rows.map((r) => r.id)).toEqual([people[0]!.id]);

    await migrateTo(db, PREVIOUS);
    expect(schemaOf(raw)).toEqual(before);
    await db.destroy();
  });
});
