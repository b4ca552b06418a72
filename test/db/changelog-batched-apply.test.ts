import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../electron/changelog/apply';
import { HlcClock } from '../../electron/changelog/hlc';
import { freshEntries, hasEntry, readEntries } from '../../electron/changelog/log-store';
import type { ChangeEntry } from '../../electron/changelog/merge';
import { refreshDerived } from '../../electron/persons/person.category';
import { foldedNames, personRepository } from '../../electron/persons/person.repository';
import { personTable } from '../../electron/persons/person.table';
import { TABLE_SPECS } from '../../electron/platform/tables';
import { vietnameseSortKey } from '../../shared/text/sort-key';
import { LEADER, ok, setupVault } from '../support/host';

/**
 * The batched apply (changelog/apply.ts: one read of a chunk's records, one write each, one re-derive per table)
 * against what the record-by-record path gives: a station seeds people with measures, tests and determinations,
 * edits and deletes some; another station applies all of it in odd-sized chunks. Every replicated table's rows
 * are the same on both, and the second station's derived columns and search index are exactly what the
 * one-person-at-a-time re-derive computes from the same rows.
 */
const TODAY = '2026-11-23';

async function station() {
  const v = await setupVault();
  await v.host.call('session.lock', {});
  await ok(v.host, 'session.unlock', LEADER);
  return v;
}

type Rows = Record<string, Record<string, unknown>[]>;

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Every replicated table's rows by id: the logged columns and the sync columns (derived columns follow the
 * records a batch touches, and a child arriving in a later batch than its parent is the caller's to re-derive).
 */
function tables(raw: ReturnType<Awaited<ReturnType<typeof station>>['host']['openState']>['raw']): Rows {
  const out: Rows = {};
  for (const spec of TABLE_SPECS) {
    const cols = [
      'id',
      ...Object.keys(spec.columns).filter((c) => !(spec.derived as readonly string[]).includes(c)),
      'createdAt',
      'updatedAt',
      'originWs',
      'hlc',
      'deletedAt',
    ].map(snake);
    out[spec.table] = raw.prepare(`SELECT ${cols.join(', ')} FROM ${snake(spec.table)} ORDER BY id`).all() as Record<
      string,
      unknown
    >[];
  }
  return out;
}

function searchIndex(raw: ReturnType<Awaited<ReturnType<typeof station>>['host']['openState']>['raw']) {
  return {
    tokens: raw
      .prepare(
        `SELECT p.id, t.token, t.cls, t.sort_key, t.name_folded, t.cur_province, t.cur_commune, t.unit_id, t.category
         FROM person_name_tokens t JOIN persons p ON p.pk = t.pk ORDER BY p.id, t.token, t.cls`,
      )
      .all(),
    stats: raw.prepare('SELECT token, cls, n FROM person_token_stats WHERE n != 0 ORDER BY token, cls').all(),
    derived: raw
      .prepare('SELECT id, name_folded, sort_key, birth_year, category, last_contact_at FROM persons ORDER BY id')
      .all(),
  };
}

describe('batched apply', () => {
  it('gives the same records, derived columns and search index as record-by-record, and applies nothing twice', async () => {
    const a = await station();
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

    const b = await station();
    const sb = b.host.openState();
    const clock = new HlcClock(sb.workstationId, () => Date.now());
    let applied = 0;
    // Odd chunks: a record's changes fall into several of them.
    for (let i = 0; i < changes.length; i += 37) {
      const part = changes.slice(i, i + 37);
      applied += (await sb.db.transaction().execute((trx) => applyChanges(trx, clock, part, TODAY))).applied;
    }
    expect(applied).toBe(changes.length);
    const ta = tables(sa.raw);
    const tb = tables(sb.raw);
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
    await sb.db.transaction().execute(async (trx) => {
      for (const { id } of batched.derived as { id: string }[]) {
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
    expect(tables(sb.raw)).toEqual(tb);

    // A batch that repeats one of its own changes applies it once.
    const c = await station();
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
