import { describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../electron/db/migrate';
import { backfillStatements } from '../../electron/db/migrations/2026_12_03_1900_report_counts';
import { beginBulkLoad, BULK_LOAD_MIN_ROWS } from '../../electron/platform/bulk-load';
import { freshDb, insertTwoPersons, previousOf, schemaOf } from '../support/migration-db';

const NAME = '2026_12_04_1800_bulk_load_recounts';
const PREVIOUS = previousOf(NAME);

const counts = (raw: ReturnType<typeof freshDb>['raw']) =>
  raw.prepare('SELECT * FROM report_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6').all();

describe(`migration ${NAME}`, () => {
  it('says how to count persons again by slices of rowids, to what the backfill counts; its down removes it', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    insertTwoPersons(raw);
    raw.exec(`UPDATE persons SET category = 'user', substances = '["heroin"]'`);
    const before = schemaOf(raw);
    const kept = counts(raw);
    expect(kept.length).toBeGreaterThan(5);

    await migrateTo(db, NAME);
    expect(
      schemaOf(raw)
        .filter((s) => !before.includes(s))
        .map((s) => s.split(' ')[1]),
    ).toEqual(['bulk_load_recounts']);
    const row = raw.prepare('SELECT * FROM bulk_load_recounts').get() as Record<string, string>;
    expect(row.tbl).toBe('persons');
    expect(JSON.parse(row.triggers!)).toEqual([
      'report_counts_persons_insert',
      'report_counts_persons_update',
      'report_counts_persons_delete',
      'report_counts_persons_facts_update',
    ]);
    // Cleared and counted again one person at a time (two slices), the counts are what the triggers kept.
    raw.exec(row.clear!);
    expect(counts(raw)).toEqual([]);
    for (const pk of [1, 2]) raw.exec(row.recount!.replaceAll('@lo', String(pk)).replaceAll('@hi', String(pk)));
    expect(counts(raw)).toEqual(kept);
    // The recount is the backfill of persons with the slice added to each of its parts, nothing else.
    expect(row.recount!.replaceAll('r.pk BETWEEN @lo AND @hi AND ', '')).toBe(backfillStatements()[0]);

    await migrateTo(db, PREVIOUS);
    expect(schemaOf(raw)).toEqual(before);
    await db.destroy();
  });
});

const PARTS = '2026_12_05_0000_bulk_load_recount_parts';

describe(`migration ${PARTS}`, () => {
  it('counts persons again one metric at a time, to what the one statement counted; its down gives that back', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, NAME);
    insertTwoPersons(raw);
    raw.exec(`UPDATE persons SET category = 'user', substances = '["heroin", "methamphetamine"]'`);
    const kept = counts(raw);
    const before = raw.prepare('SELECT * FROM bulk_load_recounts').get() as Record<string, string>;

    await migrateTo(db, PARTS);
    const row = raw.prepare('SELECT * FROM bulk_load_recounts').get() as Record<string, string>;
    expect({ ...row, recount: '' }).toEqual({ ...before, recount: '' });
    const list = JSON.parse(row.recount!) as string[];
    // One statement per part of the backfill (onrec … aged), each the backfill with only that part, sliced.
    const whole = backfillStatements()[0]!;
    const at = whole.indexOf('FROM (') + 'FROM ('.length;
    const end = whole.lastIndexOf(') x\n');
    const parts = whole.slice(at, end).split('\n  UNION ALL ');
    expect(parts.length).toBeGreaterThanOrEqual(11);
    expect(list.map((s) => s.replaceAll('r.pk BETWEEN @lo AND @hi AND ', ''))).toEqual(
      parts.map((p) => whole.slice(0, at) + p + whole.slice(end)),
    );
    // Cleared and counted again metric by metric, one person a slice: the counts the triggers kept.
    raw.exec(row.clear!);
    for (const statement of list)
      for (const pk of [1, 2]) raw.exec(statement.replaceAll('@lo', String(pk)).replaceAll('@hi', String(pk)));
    expect(counts(raw)).toEqual(kept);

    await migrateTo(db, NAME);
    expect(raw.prepare('SELECT * FROM bulk_load_recounts').get()).toEqual(before);
    await db.destroy();
  });
});

describe('a bulk load (electron/platform/bulk-load.ts)', () => {
  it('drops only non-unique indexes of tables as large as what comes in, and a rollback gives everything back', async () => {
    const { raw, db } = freshDb();
    await migrateToLatest(db);
    insertTwoPersons(raw);
    const before = schemaOf(raw);
    const objects = (table: string) =>
      (
        raw.prepare(`SELECT name FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL`).all(table) as {
          name: string;
        }[]
      ).map((r) => r.name);

    // Fewer than the threshold, or fewer than the table holds: nothing is touched.
    expect((await beginBulkLoad(db, { persons: BULK_LOAD_MIN_ROWS - 1 })).tables).toEqual([]);
    expect((await beginBulkLoad(db, { persons: 1 })).tables).toEqual([]);
    expect(schemaOf(raw)).toEqual(before);

    // A load: the secondary indexes go; the unique ones (id, citizen ID) and what the apply reads by stay.
    await expect(
      db.transaction().execute(async (trx) => {
        const load = await beginBulkLoad(trx, { persons: BULK_LOAD_MIN_ROWS, unknownTable: 10 ** 6 });
        expect(load.tables).toEqual(['persons', 'person_name_tokens']);
        const left = objects('persons');
        expect(left).toContain('persons_citizen_id');
        // (persons_tokens_follow is a trigger of the name words, not a count: it stays.)
        expect(left.filter((n) => n.startsWith('persons_'))).toEqual(['persons_citizen_id', 'persons_tokens_follow']);
        expect(left.filter((n) => n.startsWith('report_counts_'))).toEqual([]);
        expect(objects('person_name_tokens')).toEqual(['person_name_tokens', 'person_name_tokens_pk']);
        // A refused import rolls the drops back with its rows.
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(schemaOf(raw)).toEqual(before);

    // Finished: the same objects as declared, the indexes agree with the rows, the counts as kept row by row.
    // The indexes are built with a smaller page cache (the sort's buffer is as large), and the caller's is given back.
    const kept = counts(raw);
    raw.pragma('cache_size = -65536');
    await db.transaction().execute(async (trx) => {
      const load = await beginBulkLoad(trx, { persons: BULK_LOAD_MIN_ROWS });
      await load.finish();
    });
    expect(raw.pragma('cache_size', { simple: true })).toBe(-65536);
    expect(schemaOf(raw)).toEqual(before);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(counts(raw)).toEqual(kept);
    await db.destroy();
  });
});
