import { beforeAll, describe, expect, it } from 'vitest';
import type { RawDatabase } from '../../electron/db/connection';
import type { HostCore } from '../../electron/host/host';
import type { PersonScope } from '../../electron/persons/person.scope';
import { searchPersons, type SearchPlan } from '../../electron/persons/person.search';
import { NO_CONTACT_MAX } from '../../electron/persons/due.service';
import { addDays } from '../../electron/persons/person.rules';
import { ok } from '../support/host';
import { as, personsWorld } from '../support/persons';

const ALL: PersonScope = {
  role: 'leader',
  limited: false,
  all: true,
  unitId: null,
  provinceCode: null,
  communeCode: null,
};

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
  let officerUnit: string;

  beforeAll(async () => {
    const w = await personsWorld();
    host = w.host;
    officerUnit = w.accounts.officerA.unitId;
    await as(host, w.accounts.leader.username);
    await ok(host, 'persons.seed', { count: 3000, seed: 3, provinceCode: '08', intoLive: true });
    raw = host.openState().raw;
    raw.exec('ANALYZE');
    sample = raw
      .prepare(
        'SELECT full_name AS name, citizen_id AS cccd, cur_commune AS commune FROM persons WHERE citizen_id IS NOT NULL LIMIT 1',
      )
      .get() as typeof sample;
  });

  async function plansOf(f: Parameters<typeof searchPersons>[2], force?: SearchPlan, scope: PersonScope = ALL) {
    const lines: string[] = [];
    const chosen: string[] = [];
    await searchPersons(host.openState().db, scope, f, {
      inspect: (q) => lines.push(...plan(raw, q)),
      plan: force,
      chosen: (p) => chosen.push(p),
    });
    return { lines, text: lines.join('\n'), chosen: chosen[0] };
  }

  it('a full name seeks the names that begin with it in persons_walk, and walks only unusual word positions', async () => {
    const { lines, text, chosen } = await plansOf({ query: sample.name, limit: 200 });
    expect(chosen).toBe('prefix');
    expect(fullScans(lines)).toEqual([]);
    expect(text).toMatch(/SEARCH p USING COVERING INDEX persons_walk \(sort_key>\? AND sort_key<\?\)/);
    expect(text).toMatch(/SEARCH t USING PRIMARY KEY \(token=\? AND cls=\?\)/);
    // The page's result lines: neighbours in Vietnamese order, read from one covering index (no person row).
    expect(text).toMatch(/SEARCH p USING COVERING INDEX persons_summary_sorted \(sort_key=\? AND pk=\?\)/);
    expect(text).not.toMatch(/TEMP B-TREE/);
  });

  it('a word walk reads each indexed word and class in order, without sorting', async () => {
    const { lines, text } = await plansOf({ query: sample.name, limit: 200 }, 'words');
    expect(fullScans(lines)).toEqual([]);
    expect(text).toMatch(/SEARCH t USING PRIMARY KEY \(token=\? AND cls=\?\)/);
    expect(text).not.toMatch(/TEMP B-TREE/);
  });

  it('a dense name search walks persons_walk in order, covering, without sorting', async () => {
    const { lines, text } = await plansOf({ query: 'nguyen', limit: 50 }, 'dense');
    expect(fullScans(lines)).toEqual([]);
    expect(text).toMatch(/SCAN p USING COVERING INDEX persons_walk/);
    expect(text).not.toMatch(/TEMP B-TREE/);
    expect(text).not.toContain('person_name_tokens');
  });

  it('a prefix read as one range stays in the token index', async () => {
    // A small page, so that the count runs too: it must read the range, never walk the pk index.
    const { lines, text } = await plansOf({ query: 'th', limit: 5 }, 'range');
    expect(fullScans(lines)).toEqual([]);
    expect(lines.filter((l) => /token>\? AND token<\?/.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/SEARCH t USING PRIMARY KEY \(token>\? AND token<\?\)/);
    expect(text).not.toContain('person_name_tokens_pk');
  });

  it("a commune officer's search seeks the commune's entries and the unit's files outside it, each by its own index", async () => {
    const officer: PersonScope = {
      role: 'commune_officer',
      limited: false,
      all: false,
      unitId: officerUnit,
      provinceCode: null,
      communeCode: sample.commune,
    };
    const words = sample.name.split(' ');
    let withLines = 0;
    for (const [query, force] of [
      [sample.name, 'words'],
      [sample.name, 'prefix'],
      [words.at(-1)!, 'words'],
      [words[0]!.slice(0, 2), 'range'],
      ['nguyen', 'dense'],
      [sample.name, undefined],
    ] as [string, SearchPlan | undefined][]) {
      // A small page, so that the count runs too.
      const { lines, text } = await plansOf({ query, limit: 5 }, force, officer);
      expect(fullScans(lines), `${force} ${query}`).toEqual([]);
      // Never a word's entries in the whole database: the scope is no longer an OR tested entry by entry.
      expect(text, `${force} ${query}`).not.toMatch(/SEARCH t USING PRIMARY KEY/);
      expect(text).toMatch(/SEARCH p USING COVERING INDEX persons_unit_walk \(unit_id=\? AND cur_commune<\?\)/);
      expect(text).toMatch(/SEARCH p USING COVERING INDEX persons_unit_walk \(unit_id=\? AND cur_commune>\?\)/);
      if (force === 'words' || force === 'range')
        expect(text).toMatch(/SEARCH t USING COVERING INDEX person_name_tokens_commune \(cur_commune=\? AND token/);
      if (force === 'prefix' || force === 'dense') expect(text).toMatch(/persons_commune_sort \(cur_commune=\?/);
      // The commune's page of result lines from the index led by the commune (its people sit together there).
      if (/persons_summary_sorted|persons_commune_summary/.test(text)) {
        expect(text).toMatch(
          /USING COVERING INDEX persons_commune_summary \(cur_commune=\? AND sort_key=\? AND pk=\?\)/,
        );
        withLines++;
      }
    }
    expect(withLines).toBeGreaterThan(3);
  });

  it('a CCCD lookup uses the citizen-ID index', async () => {
    const { lines, text } = await plansOf({ query: '', citizenId: sample.cccd, limit: 10 });
    expect(fullScans(lines)).toEqual([]);
    expect(text).toContain('persons_citizen_id');
  });

  it('a commune filter uses the commune index', async () => {
    const { lines, text } = await plansOf({ query: '', communeCode: sample.commune, limit: 100 });
    expect(fullScans(lines)).toEqual([]);
    expect(text).toContain('persons_commune_sort');
  });

  it('the due list shows the longest silent first and says when it cut the list', async () => {
    const due = await ok(host, 'persons.due', {});
    const quiet = due.items.filter((i) => i.reason === 'no_contact');
    const silent = (
      raw
        .prepare(
          `SELECT count(*) AS n FROM persons WHERE category != 'unclassified'
           AND coalesce(last_contact_at, created_at) < ?`,
        )
        .get(addDays(due.today, -90)) as { n: number }
    ).n;
    expect(silent).toBeGreaterThan(NO_CONTACT_MAX);
    expect(quiet).toHaveLength(NO_CONTACT_MAX);
    expect(due.noContactTruncated).toBe(true);
    const newest = quiet
      .map((i) => i.date)
      .sort()
      .at(-1)!;
    // Nobody left out was silent for longer than everybody listed.
    const leftOutOlder = raw
      .prepare(
        `SELECT count(*) AS n FROM persons WHERE category != 'unclassified' AND last_contact_at IS NOT NULL
         AND last_contact_at < ?`,
      )
      .get(newest) as { n: number };
    expect(leftOutOlder.n).toBeLessThanOrEqual(NO_CONTACT_MAX);
  });

  it("opening a file reads by id and each list by the person's key, where their rows sit together", async () => {
    const id = (raw.prepare('SELECT id FROM persons LIMIT 1').get() as { id: string }).id;
    expect(plan(raw, { sql: 'SELECT * FROM persons WHERE id = ?', parameters: [id] })).toEqual([
      'SEARCH persons USING INDEX sqlite_autoindex_persons_1 (id=?)',
    ]);
    // As measure.repository.ts sends them (the measures sorted after reading: ordered by SQL, the report's period
    // index would be read first and then each row by its key). Migration 2026_12_04_0940_person_children_clustered.
    for (const [table, order] of [
      ['person_measures', ''],
      ['drug_tests', ' ORDER BY date DESC'],
      ['addiction_determinations', ' ORDER BY requested_date DESC'],
      ['person_check_ins', ''],
    ] as const) {
      const sql = `SELECT * FROM ${table} WHERE person_id = ? AND deleted_at IS NULL${order}`;
      expect(plan(raw, { sql, parameters: [id] }).join(' | '), sql).toBe(
        `SEARCH ${table} USING PRIMARY KEY (person_id=?)${order ? ' | USE TEMP B-TREE FOR ORDER BY' : ''}`,
      );
    }
    expect((await ok(host, 'persons.get', { personId: id })).person.id).toBe(id);
  });
});
