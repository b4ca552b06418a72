import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../electron/changelog/apply';
import { HlcClock } from '../../electron/changelog/hlc';
import { freshEntries, hasEntry, readEntries } from '../../electron/changelog/log-store';
import type { ChangeEntry } from '../../electron/changelog/merge';
import { personTable } from '../../electron/persons/person.table';
import { TABLE_SPECS } from '../../electron/platform/tables';
import { ok } from '../support/host';
import { leaderStation, recomputeEachPerson, replicatedRows, searchIndex } from '../support/person-derive';

/**
 * The batched apply (changelog/apply.ts: one read of a chunk's records, one write each, one re-derive per table)
 * against what the record-by-record path gives: a station seeds people with measures, tests and determinations,
 * edits and deletes some; another station applies all of it in odd-sized chunks. Every replicated table's rows
 * are the same on both, and the second station's derived columns and search index are exactly what the
 * one-person-at-a-time re-derive computes from the same rows.
 */
const TODAY = '2026-11-23';

describe('batched apply', () => {
  it('gives the same records, derived columns and search index as record-by-record, and applies nothing twice', async () => {
    const a = await leaderStation();
    await ok(a.host, 'persons.seed', { count: 60, seed: 11, provinceCode: '08' });
    const sa = a.host.openState();
    // Some edits and a merge after the seed, so records have several changes (and first writes by reference).
    const ids = (sa.raw.prepare('SELECT id FROM persons ORDER BY id LIMIT 6').all() as { id: string }[]).map(
      (r) => r.id,
    );
    await ok(a.host, 'persons.update', { personId: ids[0]!, patch: { fullName: 'Nguyễn Văn Đổi Tên' } });
    await ok(a.host, 'persons.update', { personId: ids[1]!, patch: { otherNames: ['Tèo', 'Út Nhỏ'] } });
    await ok(a.host, 'persons.merge', { keepId: ids[3]!, mergeId: ids[2]! });
    // Units stay home: both stations were set up with the same first unit code.
    const changes: ChangeEntry[] = (await readEntries(sa.db, { limit: 100_000 }))
      .filter((e) => e.tableName !== 'units')
      .map(({ seq: _s, ...e }) => e);
    expect(changes.length).toBeGreaterThan(100);

    const b = await leaderStation();
    const sb = b.host.openState();
    const clock = new HlcClock(sb.workstationId, () => Date.now());
    let applied = 0;
    // Odd chunks: a record's changes fall into several of them.
    for (let i = 0; i < changes.length; i += 37) {
      const part = changes.slice(i, i + 37);
      applied += (await sb.db.transaction().execute((trx) => applyChanges(trx, clock, part, TODAY))).applied;
    }
    expect(applied).toBe(changes.length);
    const ta = replicatedRows(sa.raw);
    const tb = replicatedRows(sb.raw);
    for (const spec of TABLE_SPECS) {
      if (spec.table === 'units') continue;
      expect(tb[spec.table], spec.table).toEqual(ta[spec.table]);
    }
    expect(tb.persons!.length).toBe(60);

    // The persons' batched re-derive (over everyone now that every measure has arrived) gives the derived
    // columns and search index the one-person-at-a-time path computes.
    const everyone = (sb.raw.prepare('SELECT id FROM persons').all() as { id: string }[]).map((r) => r.id);
    await sb.db.transaction().execute((trx) => personTable.rederive!(trx, everyone, TODAY));
    const batched = searchIndex(sb.raw);
    await sb.db.transaction().execute((trx) =>
      recomputeEachPerson(
        trx,
        batched.derived.map((d) => d.id),
        TODAY,
      ),
    );
    expect(searchIndex(sb.raw)).toEqual(batched);
    expect(batched.tokens.length).toBeGreaterThan(100);
    expect(new Set((batched.derived as { category: string }[]).map((d) => d.category)).size).toBeGreaterThan(2);

    // Everything again, in one batch: all duplicates, nothing changes.
    const head = sb.raw.prepare('SELECT max(seq) AS s, count(*) AS n FROM change_log').get();
    expect(await freshEntries(sb.db, changes)).toEqual(changes.map(() => false));
    expect(await hasEntry(sb.db, changes[5]!.tableName, changes[5]!.recordId, changes[5]!.hlc)).toBe(true);
    const again = await sb.db.transaction().execute((trx) => applyChanges(trx, clock, changes, TODAY));
    expect(again).toMatchObject({ applied: 0, duplicates: changes.length, records: 0 });
    expect(sb.raw.prepare('SELECT max(seq) AS s, count(*) AS n FROM change_log').get()).toEqual(head);
    expect(replicatedRows(sb.raw)).toEqual(tb);

    // A batch that repeats one of its own changes applies it once.
    const c = await leaderStation();
    const sc = c.host.openState();
    const first = changes.slice(0, 40);
    const r = await sc.db
      .transaction()
      .execute((trx) =>
        applyChanges(trx, new HlcClock(sc.workstationId, () => Date.now()), [...first, ...first], TODAY),
      );
    expect(r).toMatchObject({ applied: 40, duplicates: 40 });
    for (const h of [a, b, c]) await h.host.close();
  }, 120_000);
});
