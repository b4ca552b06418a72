import { describe, expect, it } from 'vitest';
import { applyChanges, PendingDerive } from '../../electron/changelog/apply';
import { HlcClock } from '../../electron/changelog/hlc';
import { readEntries } from '../../electron/changelog/log-store';
import type { ChangeEntry } from '../../electron/changelog/merge';
import { ok } from '../support/host';
import { leaderStation, recomputeEachPerson, replicatedRows, searchIndex } from '../support/person-derive';

/**
 * A new person's derived columns are computed before its row is written (`deriveNew` on the persons spec, run
 * by the apply's table writer after the person's measures, tests and determinations of the same batch were
 * written), by the same rule as the re-derive. Applying the same changes in one batch, in odd-sized batches with
 * one re-derive at the end (as a bundle import does), and recomputing every person one at a time (the path the
 * forms use) give the same records, derived columns and search index.
 */
const TODAY = '2026-11-23';

type Raw = ReturnType<Awaited<ReturnType<typeof leaderStation>>['host']['openState']>['raw'];
const derivedColumns = (raw: Raw) => searchIndex(raw).derived;

describe('derived columns of new records', () => {
  it('are written with the row, equal to the re-derive and to the one-person-at-a-time path', async () => {
    const a = await leaderStation();
    await ok(a.host, 'persons.seed', { count: 60, seed: 7, provinceCode: '08' });
    const sa = a.host.openState();
    const ids = (sa.raw.prepare('SELECT id FROM persons ORDER BY id LIMIT 4').all() as { id: string }[]).map(
      (r) => r.id,
    );
    await ok(a.host, 'persons.update', { personId: ids[0]!, patch: { fullName: 'Trần Thị Đổi Tên' } });
    await ok(a.host, 'persons.merge', { keepId: ids[2]!, mergeId: ids[1]! });
    const changes: ChangeEntry[] = (await readEntries(sa.db, { limit: 100_000 }))
      .filter((e) => e.tableName !== 'units')
      .map(({ seq: _s, ...e }) => e);
    expect(new Set(changes.map((c) => c.tableName))).toEqual(
      new Set(['persons', 'personMeasures', 'personCheckIns', 'drugTests', 'addictionDeterminations']),
    );

    // One batch: every person's children are in it, so the rows are complete before any re-derive.
    const c = await leaderStation();
    const sc = c.host.openState();
    const pendingC = new PendingDerive();
    await sc.db
      .transaction()
      .execute((trx) =>
        applyChanges(trx, new HlcClock(sc.workstationId, () => Date.now()), changes, TODAY, { pending: pendingC }),
      );
    const beforeRederive = derivedColumns(sc.raw);
    expect(new Set(beforeRederive.map((d) => d.category)).size).toBeGreaterThan(2);
    await sc.db.transaction().execute((trx) => pendingC.run(trx, TODAY));
    expect(derivedColumns(sc.raw)).toEqual(beforeRederive);

    // Odd-sized batches with one re-derive at the end (a bundle import's chunks).
    const b = await leaderStation();
    const sb = b.host.openState();
    const clock = new HlcClock(sb.workstationId, () => Date.now());
    const pendingB = new PendingDerive();
    await sb.db.transaction().execute(async (trx) => {
      for (let i = 0; i < changes.length; i += 41)
        await applyChanges(trx, clock, changes.slice(i, i + 41), TODAY, { pending: pendingB });
      await pendingB.run(trx, TODAY);
    });
    expect(replicatedRows(sb.raw, true)).toEqual(replicatedRows(sc.raw, true));
    expect(derivedColumns(sb.raw)).toEqual(beforeRederive);
    const index = searchIndex(sb.raw);
    expect(searchIndex(sc.raw)).toEqual(index);
    expect(index.tokens.length).toBeGreaterThan(100);

    // Every person in a first batch and their files in a second (chunks that split a person from its measures):
    // a person inserted before its children is re-derived when they come, not kept as it was first derived.
    const d = await leaderStation();
    const sd = d.host.openState();
    const pendingD = new PendingDerive();
    await sd.db.transaction().execute(async (trx) => {
      const clockD = new HlcClock(sd.workstationId, () => Date.now());
      await applyChanges(
        trx,
        clockD,
        changes.filter((x) => x.tableName === 'persons'),
        TODAY,
        { pending: pendingD },
      );
      expect(new Set(derivedColumns(sd.raw).map((x) => x.category))).toEqual(new Set(['unclassified']));
      await applyChanges(
        trx,
        clockD,
        changes.filter((x) => x.tableName !== 'persons'),
        TODAY,
        { pending: pendingD },
      );
      await pendingD.run(trx, TODAY);
    });
    expect(replicatedRows(sd.raw, true)).toEqual(replicatedRows(sc.raw, true));
    expect(searchIndex(sd.raw)).toEqual(index);

    // The records are the sender's, and every person recomputed one at a time changes nothing.
    expect(replicatedRows(sb.raw)).toEqual(replicatedRows(sa.raw));
    // A determination's registration deadline, written with it (`deriveNew`) or by the re-derive, is the one the
    // sender's form path computed.
    const found = replicatedRows(sa.raw, true).addictionDeterminations as {
      registration_deadline: string | null;
    }[];
    expect(found.filter((d) => d.registration_deadline).length).toBeGreaterThan(0);
    for (const s of [sb, sc]) expect(replicatedRows(s.raw, true).addictionDeterminations).toEqual(found);
    await sb.db.transaction().execute((trx) =>
      recomputeEachPerson(
        trx,
        beforeRederive.map((d) => d.id),
        TODAY,
      ),
    );
    expect(derivedColumns(sb.raw)).toEqual(beforeRederive);
    expect(searchIndex(sb.raw)).toEqual(index);
    for (const h of [a, b, c, d]) await h.host.close();
  }, 120_000);
});
