import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawDatabase } from '../../electron/db/connection';
import type { HostCore } from '../../electron/host/host';
import type { PersonScope } from '../../electron/persons/person.scope';
import { nameTokens, searchPersons, type SearchFilters, type SearchPlan } from '../../electron/persons/person.search';
import { ok } from '../support/host';
import { as, personsWorld } from '../support/persons';

interface Row {
  id: string;
  pk: number;
  name_folded: string;
  sort_key: string;
  cur_province: string | null;
  cur_commune: string | null;
  unit_id: string | null;
  category: string;
  deleted_at: string | null;
  merged_into: string | null;
}

/** The answer by brute force over every person row: what each plan must agree with. */
function expected(rows: Row[], scope: PersonScope, f: SearchFilters): string[] {
  const typed = nameTokens(f.query);
  const words = [...new Set(typed)];
  // Every typed word but the last is a whole word; the last (unless typed earlier too) may be a prefix.
  const last = typed[typed.length - 1];
  const prefix = last !== undefined && typed.indexOf(last) === typed.length - 1 ? last : null;
  return rows
    .filter((r) => !r.deleted_at && !r.merged_into)
    .filter(
      (r) =>
        scope.all ||
        r.unit_id === scope.unitId ||
        (scope.communeCode !== null && r.cur_commune === scope.communeCode) ||
        (scope.provinceCode !== null && r.cur_province === scope.provinceCode),
    )
    .filter((r) => !f.communeCode || r.cur_commune === f.communeCode)
    .filter((r) => !f.category || r.category === f.category)
    .filter((r) => {
      const have = r.name_folded.split(' ');
      return words.every((w) => {
        if (w !== prefix) return have.includes(w);
        // The prefix must start a word of the names that is not one of the whole words typed.
        return have.some((h) => h.startsWith(w) && (h === w || !words.includes(h)));
      });
    })
    .map((r) => r.sort_key)
    .sort()
    .slice(0, f.limit);
}

describe('name search: every plan gives the brute-force answer', () => {
  let host: HostCore;
  let raw: RawDatabase;
  let rows: Row[];
  let communes: string[];
  let units: string[];

  beforeAll(async () => {
    const w = await personsWorld();
    host = w.host;
    await as(host, w.accounts.leader.username);
    await ok(host, 'persons.seed', { count: 2500, seed: 11, provinceCode: '08', intoLive: true });
    // Names that begin unlike what is typed: a family name in the middle, other names, irregular spellings
    // (hyphen, apostrophe, a letter Vietnamese does not have, a fourth and fifth word), and a rename.
    const odd = [
      ['Trần Nguyễn Văn Phúc', []],
      ['Lò Văn Tủa', ['Nguyễn Văn Phát']],
      ['Nguyễn-Văn Phong', []],
      ["H'Nguyễn Văn Ph", []],
      ['Nguyễn Văn Phñ', []],
      ['Nguyễn Văn Thị Phương Anh', ['Phụng']],
      ['Phạm Nguyễn Văn', ['Đức Còi']],
      ['Nguyễn Văn Phongg', []],
      ['Nguyễnn Văn Phúc', []],
    ] as const;
    for (const [fullName, otherNames] of odd) {
      const r = await host.call('persons.create', {
        fullName,
        otherNames: [...otherNames],
        sex: 'male',
        birthDate: '1990',
        citizenId: null,
        currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: '' },
        confirmed: true,
      });
      if (!r.ok) throw new Error(`create failed: ${r.error.code}`);
    }
    raw = host.openState().raw;
    // Rows changed behind the application's back: the token entries must follow (trigger).
    raw.exec(`UPDATE persons SET cur_commune = '${w.communeA.code}', category = 'addict' WHERE pk % 13 = 0`);
    raw.exec(`UPDATE persons SET unit_id = '${w.accounts.officerB.unitId}' WHERE pk % 29 = 0`);
    raw.exec('ANALYZE');
    rows = raw.prepare('SELECT * FROM persons').all() as Row[];
    communes = [...new Set(rows.map((r) => r.cur_commune).filter((c): c is string => !!c))].slice(0, 5);
    units = [w.accounts.leader.unitId, w.accounts.officerB.unitId];
  });

  const scopes = (): fc.Arbitrary<PersonScope> =>
    fc.oneof(
      fc.constant<PersonScope>({
        role: 'leader',
        limited: false,
        all: true,
        unitId: null,
        provinceCode: null,
        communeCode: null,
      }),
      fc.record({
        role: fc.constant('leader' as const),
        limited: fc.constant(false),
        all: fc.constant(false),
        unitId: fc.constantFrom(...units, null),
        provinceCode: fc.constantFrom('08', null),
        communeCode: fc.constantFrom(...communes, null),
      }),
      // A commune officer: their unit's files or their commune's people, read in two halves (communeSplit). The
      // leader's unit owns every seeded file, so its half outside the commune is most of the database.
      fc.record({
        role: fc.constant('commune_officer' as const),
        limited: fc.constant(false),
        all: fc.constant(false),
        unitId: fc.constantFrom(...units, 'no-such-unit'),
        provinceCode: fc.constant(null),
        communeCode: fc.constantFrom(...communes),
      }),
    );

  /** Queries as people type them: whole names, family + given, prefixes, one word, in any case and accents. */
  const queries = (): fc.Arbitrary<string> =>
    fc
      .tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 3 }))
      .map(([i, form, cut]) => {
        const words = rows[i % rows.length]!.name_folded.split(' ');
        const last = words[words.length - 1]!;
        switch (form) {
          case 0:
            return words.join(' ');
          case 1:
            return `${words[0]} ${last}`;
          case 2:
            return `${words.slice(0, -1).join(' ')} ${last.slice(0, cut)}`;
          case 3:
            return last;
          case 4:
            return words[0]!.slice(0, cut);
          case 5:
            return `${words[1] ?? last} ${words[0]!.slice(0, cut)}`.toUpperCase();
          default:
            return [
              'nguyen van ph',
              'nguyen van',
              'nguyen',
              'van phuc',
              'nguyen van phong',
              'h nguyen',
              'tran nguyen',
              'nguyen n',
              'duc coi',
              'phu',
              'nguyen van thi phuong anh',
              'ph',
              'nguyen thi ng',
              'nguyen nguyen',
              'a',
            ][i % 15]!;
        }
      });

  it('prefix, words, range and dense plans agree with brute force across scopes and filters', async () => {
    const db = host.openState().db;
    await fc.assert(
      fc.asyncProperty(
        queries(),
        scopes(),
        fc.option(fc.constantFrom('addict', 'user', 'unclassified'), { nil: undefined }),
        fc.boolean(),
        fc.constantFrom(5, 50, 200),
        async (query, scope, category, byCommune, limit) => {
          const f: SearchFilters = { query, limit, category, communeCode: byCommune ? communes[0] : undefined };
          const want = expected(rows, scope, f);
          const wantAll = expected(rows, scope, { ...f, limit: 1e9 });
          for (const plan of [undefined, 'prefix', 'words', 'range', 'dense'] as (SearchPlan | undefined)[]) {
            // A commune officer's scope is read in halves, and (as the benchmark compares) as one condition.
            for (const wholeScope of scope.role === 'commune_officer' ? [false, true] : [false]) {
              const r = await searchPersons(db, scope, f, { plan, wholeScope });
              const got = r.items.map((i) => rows.find((x) => x.id === i.id)!.sort_key);
              expect(got, `${plan ?? 'auto'}${wholeScope ? ' whole' : ''} ${query}`).toEqual(want);
              expect(r.truncated).toBe(wantAll.length > limit);
              if (r.total !== null) expect(r.total).toBe(wantAll.length);
              else expect(wantAll.length).toBeGreaterThan(limit);
            }
          }
        },
      ),
      { numRuns: Number(process.env.SEARCH_RUNS ?? 120) },
    );
  });

  it('a word nobody has finds nobody, at once', async () => {
    const r = await searchPersons(
      host.openState().db,
      { role: 'leader', limited: false, all: true, unitId: null, provinceCode: null, communeCode: null },
      { query: 'nguyen qqqzz', limit: 50 },
    );
    expect(r).toEqual({ items: [], total: 0, truncated: false });
  });
});
