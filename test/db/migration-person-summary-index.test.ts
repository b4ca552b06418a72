import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../electron/db/migrate';
import { freshDb, insertTwoPersons, previousOf, schemaOf } from '../support/migration-db';
import { SUMMARY_COLUMNS } from '../../electron/persons/person.mapper';

const snake = (c: string) => c.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`);

const NAME = '2026_12_03_1750_person_summary_index';
const PREVIOUS = previousOf(NAME);

describe(`migration ${NAME}`, () => {
  it('adds a covering index for a page of results, changes no row, and its down removes exactly it', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    insertTwoPersons(raw);
    const before = schemaOf(raw);
    const data = raw.prepare('SELECT * FROM persons ORDER BY pk').all();

    await migrateTo(db, NAME);
    expect(
      schemaOf(raw)
        .filter((s) => !before.includes(s))
        .map((s) => s.split(' ')[1]),
    ).toEqual(['persons_summary']);
    expect(raw.prepare('SELECT * FROM persons ORDER BY pk').all()).toEqual(data);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');

    // The index carries every column a result line shows (a new summary column must be added to it).
    const indexed = (raw.prepare(`PRAGMA index_info(persons_summary)`).all() as { name: string }[]).map((r) => r.name);
    for (const c of SUMMARY_COLUMNS) expect(indexed).toContain(snake(c));

    // The result lookup as person.search.ts wrote it until 2026_12_03_1830 replaced this index: a covering seek by pk.
    raw.exec('ANALYZE');
    const select = [...SUMMARY_COLUMNS.map((c) => `"p"."${snake(c)}"`), '"p"."pk"'].join(', ');
    const text = `SELECT ${select} FROM "persons" AS "p" WHERE "p"."pk" IN (SELECT value FROM json_each(?))`;
    const planText = (raw.prepare(`EXPLAIN QUERY PLAN ${text}`).all('[1,2]') as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
    expect(planText).toMatch(/USING COVERING INDEX persons_summary \(pk=\?\)/);
    expect((raw.prepare(text).all('[2,1]') as { id: string }[]).map((r) => r.id).sort()).toEqual(['p1', 'p2']);

    await migrateTo(db, PREVIOUS);
    expect(schemaOf(raw)).toEqual(before);
    await db.destroy();
  });
});
