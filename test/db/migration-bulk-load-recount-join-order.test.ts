import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../electron/db/migrate';
import { freshDb, previousOf } from '../support/migration-db';
import { loadedAt, recountOf as recount } from '../support/person-facts';

const NAME = '2026_12_05_1500_bulk_load_recount_join_order';
const PREVIOUS = previousOf(NAME);

describe(`migration ${NAME}`, () => {
  it("reads each slice of persons once per metric: the recount's counts are the same; down undoes it", async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    const before = recount(raw);
    await migrateTo(db, NAME);
    const after = recount(raw);
    expect(after.length).toBe(before.length);
    const counts = after.filter((s) => s.startsWith('INSERT INTO report_counts'));
    expect(counts.length).toBeGreaterThanOrEqual(11);
    for (const [i, s] of after.entries()) {
      if (!s.startsWith('INSERT INTO report_counts')) expect(s).toBe(before[i]);
      else {
        expect(s.match(/\n {2}CROSS JOIN \(SELECT /g)).toHaveLength(2);
        expect(s.replaceAll('CROSS JOIN', 'JOIN')).toBe(before[i]);
      }
    }
    // The plan: the slice of persons is the outer loop, read once (before: inside the constants' six pairs).
    const plan = (s: string) =>
      (
        raw.prepare(`EXPLAIN QUERY PLAN ${s.replaceAll('@lo', '1').replaceAll('@hi', '100')}`).all() as {
          detail: string;
        }[]
      ).map((p) => p.detail);
    const first = (list: string[]) => list.find((s) => s.includes("SELECT 'first' AS metric"))!;
    const order = (list: string[]) =>
      plan(first(list))
        .filter((d) => /^(SEARCH r |SCAN g|SCAN l)/.test(d))
        .map((d) => d.split(' ')[1]);
    expect(order(before)).toEqual(['l', 'g', 'r']);
    expect(order(after)).toEqual(['r', 'g', 'l']);

    await migrateTo(db, PREVIOUS);
    expect(recount(raw)).toEqual(before);
    await db.destroy();
  });

  it('a bulk load keeps the same facts, gaps and counts as before it', async () => {
    const [before, after] = [await loadedAt(PREVIOUS), await loadedAt(NAME)];
    expect(after.counts.length).toBeGreaterThan(5);
    expect(after).toEqual(before);
  });
});
