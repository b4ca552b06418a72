import { describe, expect, it } from 'vitest';
import { applyChanges, PendingDerive } from '../../electron/changelog/apply';
import { HlcClock } from '../../electron/changelog/hlc';
import { readEntries } from '../../electron/changelog/log-store';
import type { ChangeEntry } from '../../electron/changelog/merge';
import { refreshDerived } from '../../electron/persons/person.category';
import { foldedNames, personRepository } from '../../electron/persons/person.repository';
import { TABLE_SPECS } from '../../electron/platform/tables';
import { vietnameseSortKey } from '../../shared/text/sort-key';
import { LEADER, ok, setupVault } from '../support/host';

/**
 * A new person's derived columns are computed before its row is written (`deriveNew` on the persons spec, run
 * by the apply's table writer after the person's measures, tests and determinations of the same batch were
 * written), by the same rule as the re-derive. Applying the same changes in one batch, in odd-sized batches with
 * one re-derive at the end (as a bundle import does), and recomputing every person one at a time (the path the
 * forms use) give the same records, derived columns and search index.
 */
const TODAY = '2026-11-23';

async function station() {
  const v = await setupVault();
  await v.host.call('session.lock', {});
  await ok(v.host, 'session.unlock', LEADER);
  return v;
}

type Raw = ReturnType<Awaited<ReturnType<typeof station>>['host']['openState']>['raw'];
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Every replicated table's rows by id (all columns but the local rowid). */
function tables(raw: Raw): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const spec of TABLE_SPECS) {
    if (spec.table === 'units') continue;
    const cols = ['id', ...Object.keys(spec.columns), 'createdAt', 'updatedAt', 'originWs', 'hlc', 'deletedAt'];
    out[spec.table] = raw.prepare(`SELECT ${cols.map(snake).join(', ')} FROM ${snake(spec.table)} ORDER BY id`).all();
  }
  return out;
}

const derivedColumns = (raw: Raw) =>
  raw
    .prepare('SELECT id, name_folded, sort_key, birth_year, category, last_contact_at FROM persons ORDER BY id')
    .all() as { id: string; category: string }[];

function searchIndex(raw: Raw) {
  return {
    tokens: raw
      .prepare(
        `SELECT p.id, t.token, t.cls, t.sort_key, t.name_folded, t.cur_province, t.cur_commune, t.unit_id, t.category
         FROM person_name_tokens t JOIN persons p ON p.pk = t.pk ORDER BY p.id, t.token, t.cls`,
      )
      .all(),
    stats: raw.prepare('SELECT token, cls, n FROM person_token_stats WHERE n != 0 ORDER BY token, cls').all(),
  };
}

describe('derived columns of new records', () => {
  it('are written with the row, equal to the re-derive and to the one-person-at-a-time path', async () => {
    const a = await station();
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
    const c = await station();
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
    const b = await station();
    const sb = b.host.openState();
    const clock = new HlcClock(sb.workstationId, () => Date.now());
    const pendingB = new PendingDerive();
    await sb.db.transaction().execute(async (trx) => {
      for (let i = 0; i < changes.length; i += 41)
        await applyChanges(trx, clock, changes.slice(i, i + 41), TODAY, { pending: pendingB });
      await pendingB.run(trx, TODAY);
    });
    expect(tables(sb.raw)).toEqual(tables(sc.raw));
    expect(derivedColumns(sb.raw)).toEqual(beforeRederive);
    const index = searchIndex(sb.raw);
    expect(searchIndex(sc.raw)).toEqual(index);
    expect(index.tokens.length).toBeGreaterThan(100);

    // The records are the sender's, and every person recomputed one at a time changes nothing.
    const ta = tables(sa.raw);
    const tb = tables(sb.raw);
    for (const spec of TABLE_SPECS) {
      if (spec.table === 'units') continue;
      const logged = ['id', ...Object.keys(spec.columns).filter((k) => !spec.derived.includes(k))].map(snake);
      const pick = (rows: unknown[]) =>
        (rows as Record<string, unknown>[]).map((r) => Object.fromEntries(logged.map((k) => [k, r[k]])));
      expect(pick(tb[spec.table]!), spec.table).toEqual(pick(ta[spec.table]!));
    }
    await sb.db.transaction().execute(async (trx) => {
      for (const { id } of beforeRederive) {
        const row = await personRepository.row(trx, id);
        await personRepository.setNameDerived(trx, id, {
          nameFolded: foldedNames(row.fullName, JSON.parse(row.otherNames) as string[]),
          sortKey: vietnameseSortKey(row.fullName),
          birthYear: Number(row.birthDate.slice(0, 4)),
        });
        await refreshDerived(trx, id, TODAY);
        await personRepository.refreshTokens(trx, await personRepository.row(trx, id));
      }
    });
    expect(derivedColumns(sb.raw)).toEqual(beforeRederive);
    expect(searchIndex(sb.raw)).toEqual(index);
    for (const h of [a, b, c]) await h.host.close();
  }, 120_000);
});
