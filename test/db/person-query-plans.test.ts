import { beforeAll, describe, expect, it } from 'vitest';
import type { RawDatabase } from '../../electron/db/connection';
import type { HostCore } from '../../electron/host/host';
import type { PersonScope } from '../../electron/persons/person.scope';
import { searchPersons } from '../../electron/persons/person.search';
import { seedPersons } from '../../electron/persons/seed';
import { ok } from '../support/host';
import { as, personsWorld } from '../support/persons';

const ALL: PersonScope = { limited: false, all: true, unitId: null, provinceCode: null, communeCode: null };

function plan(raw: RawDatabase, q: { sql: string; parameters: readonly unknown[] }): string[] {
  const rows = raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
  return rows.map((r) => r.detail);
}

/** A full scan is a SCAN of a table with no index; an ordered index walk that stops at LIMIT is allowed. */
function fullScans(lines: string[]): string[] {
  return lines.filter(
    (l) =>
      /^SCAN (p|persons|person_name_tokens|c)\b/.test(l) &&
      !/USING (COVERING )?INDEX|USING PRIMARY KEY/.test(l) &&
      !/^SCAN c$/.test(l),
  );
}

describe('query plans of person search and file queries (no full scans)', () => {
  let host: HostCore;
  let raw: RawDatabase;
  let sample: { name: string; cccd: string; commune: string };

  beforeAll(async () => {
    const w = await personsWorld();
    host = w.host;
    await as(host, w.accounts.leader.username);
    await seedPersons(host, { count: 3000, seed: 3, provinceCode: '08' }, () => undefined);
    raw = host.openState().raw;
    raw.exec('ANALYZE');
    sample = raw
      .prepare(
        'SELECT full_name AS name, citizen_id AS cccd, cur_commune AS commune FROM persons WHERE citizen_id IS NOT NULL LIMIT 1',
      )
      .get() as typeof sample;
  });

  async function plansOf(f: Parameters<typeof searchPersons>[2], driverMax?: number) {
    const lines: string[] = [];
    await searchPersons(host.openState().db, ALL, f, (q) => lines.push(...plan(raw, q)), driverMax);
    return lines;
  }

  it('a selective name search reads the token index, then persons by primary key', async () => {
    const lines = await plansOf({ query: sample.name, limit: 200 });
    expect(fullScans(lines)).toEqual([]);
    expect(lines.join('\n')).toMatch(/person_name_tokens USING (COVERING INDEX|PRIMARY KEY)/);
  });

  it('a dense name search walks persons in sort order through an index', async () => {
    // With the selective plan capped at 10 rows, "nguyen" (a third of all people) is dense, as at a million.
    const lines = await plansOf({ query: 'nguyen', limit: 50 }, 10);
    expect(fullScans(lines)).toEqual([]);
    expect(lines.join('\n')).toContain('persons_sort');
    expect(lines.join('\n')).not.toContain('person_name_tokens');
  });

  it('common words that are rare together intersect two token lists instead of walking everyone', async () => {
    const lines = await plansOf({ query: 'tran thi', limit: 50 }, 10);
    expect(fullScans(lines)).toEqual([]);
    expect(lines.join('\n')).toContain('INTERSECT');
  });

  it('a CCCD lookup uses the citizen-ID index', async () => {
    const lines = await plansOf({ query: '', citizenId: sample.cccd, limit: 10 });
    expect(fullScans(lines)).toEqual([]);
    expect(lines.join('\n')).toContain('persons_citizen_id');
  });

  it('a commune filter uses the commune index', async () => {
    const lines = await plansOf({ query: '', communeCode: sample.commune, limit: 100 });
    expect(fullScans(lines)).toEqual([]);
    expect(lines.join('\n')).toContain('persons_commune_sort');
  });

  it('opening a file reads by id and each list by person', async () => {
    const id = (raw.prepare('SELECT id FROM persons LIMIT 1').get() as { id: string }).id;
    for (const sql of [
      'SELECT * FROM persons WHERE id = ?',
      'SELECT * FROM person_measures WHERE person_id = ? AND deleted_at IS NULL ORDER BY start_date DESC',
      'SELECT * FROM drug_tests WHERE person_id = ? AND deleted_at IS NULL ORDER BY date DESC',
      'SELECT * FROM addiction_determinations WHERE person_id = ? AND deleted_at IS NULL',
      'SELECT * FROM person_check_ins WHERE person_id = ? AND deleted_at IS NULL',
    ]) {
      const lines = plan(raw, { sql, parameters: [id] });
      expect(
        lines.some((l) => l.startsWith('SEARCH')),
        sql,
      ).toBe(true);
      expect(
        lines.filter((l) => /^SCAN (?!.*USING)/.test(l)),
        sql,
      ).toEqual([]);
    }
    expect((await ok(host, 'persons.get', { personId: id })).person.id).toBe(id);
  });
});
