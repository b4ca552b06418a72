import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../electron/db/migrate';
import {
  personsByCategorySexAge,
  personsBy,
  personsBySubstance,
  casesPerArticle,
} from '../../electron/reports/indicator.queries';
import { casesByArticle, keyAreaFigures } from '../../electron/reports/indicator.sources';
import { summed } from '../../electron/reports/report.counts';
import { computeOne } from '../../electron/reports/report.compute';
import { ageBand, indicator, type ReportPeriod } from '../../shared/domain/indicators';
import { communesOf } from '../../shared/places';
import { keptAndRecounted, openFile, prng, schemaOf } from '../support/report-counts';

/**
 * The counts the indicators add up, kept on write (migration 2026_12_03_1900_report_counts): after random inserts,
 * updates of every counted column and deletions on every source table, the kept counts equal a recount from the
 * records, and the figures read from them equal the same figures counted from the records directly, over periods
 * that cover months whole and in part. (The exchange's apply and rebuild paths: test/db/report-facts.test.ts.)
 */

const THIS = '2026_12_03_1900_report_counts';
const BEFORE = '2026_12_03_1830_person_summary_order';
const GAPS = '2026_12_04_0000_report_gaps';
const GAPS_BEFORE = '2026_12_03_1910_report_hotspots_index';
const WHEN = '2026_12_04_0010_report_facts_when';
const TRIGGERS_WHEN = '2026_12_04_0020_report_triggers_when';
const PERSON_FACTS = '2026_12_04_0030_report_person_facts_counts';
const SYNC_COLS = 'created_at, updated_at, origin_ws, hlc, deleted_at';
const SYNC = "'2026-12-03T08:00:00Z', '2026-12-03T08:00:00Z', 'ws', 'h1', NULL";

function insert(raw: Database.Database, table: string, row: Record<string, unknown>) {
  const cols = Object.keys(row);
  raw
    .prepare(
      `INSERT INTO ${table} (${cols.join(', ')}, ${SYNC_COLS}) VALUES (${cols.map(() => '?').join(', ')}, ${SYNC})`,
    )
    .run(...cols.map((c) => row[c]));
}

const COMMUNES = communesOf('08')
  .slice(0, 3)
  .map((c) => c.code);

/** Random records of every source table, and random edits of them. */
function world(raw: Database.Database, seed: number) {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Half of the days at a month's edges (its first two and last two days), where a period covers a month in part.
  const day = () => {
    const y = 2023 + Math.floor(rnd() * 3);
    const m = Math.floor(rnd() * 12);
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const d = rnd() < 0.5 ? pick([1, 2, last - 1, last]) : 1 + Math.floor(rnd() * last);
    return new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
  };
  const ids: Record<string, string[]> = {};
  const add = (table: string, row: Record<string, unknown>) => {
    const id = crypto.randomUUID();
    insert(raw, table, { id, ...row });
    (ids[table] ??= []).push(id);
    return id;
  };
  const some = (table: string) => pick(ids[table] ?? ['none']);
  const province = () => (rnd() < 0.85 ? '08' : pick(['01', null]));
  const commune = () => (rnd() < 0.9 ? pick(COMMUNES) : null);
  const offences = () =>
    JSON.stringify(
      Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({
        article: pick(['249', '250', '251', '247']),
        clause: rnd() < 0.1 ? null : 1 + Math.floor(rnd() * 3),
      })),
    );
  const history = () => {
    const on = day();
    const h = [{ state: 'investigating', on }];
    if (rnd() < 0.6) h.push({ state: pick(['recommended', 'terminated', 'suspended', 'closed']), on: day() });
    return JSON.stringify(h);
  };
  const inserts: (() => void)[] = [
    () =>
      add('persons', {
        full_name: 'A',
        other_names: '[]',
        name_folded: 'a',
        sort_key: 'a',
        sex: pick(['male', 'female']),
        birth_date:
          rnd() < 0.1
            ? '1990'
            : `${1980 + Math.floor(rnd() * 30)}-${pick(['01', '06', '12'])}-${pick(['01', '15', '31'])}`,
        birth_year: 1980 + Math.floor(rnd() * 30),
        citizen_id_warnings: '[]',
        cur_province: province(),
        cur_commune: commune(),
        ethnicity: pick(['kinh', 'tay', null]),
        education: pick(['primary', null]),
        occupation: pick(['farmer', 'none', null]),
        substances: pick(['[]', '["heroin"]', '["heroin","meth"]', 'not json']),
        category: pick(['unclassified', 'user', 'addict']),
      }),
    () => {
      const start = day();
      // The app refuses an end on or before the start (end_before_start).
      const end = day();
      add('person_measures', {
        person_id: some('persons'),
        kind: 'user_management',
        decision_number: '1',
        decision_date: start,
        authority: 'UBND',
        start_date: start,
        end_date: rnd() < 0.2 ? null : end > start ? end : null,
        status: 'active',
      });
    },
    () =>
      add('drug_tests', {
        person_id: some('persons'),
        date: day(),
        method: 'urine_quick',
        result: pick(['positive', 'negative']),
        substances: '[]',
      }),
    () =>
      add('drug_cases', {
        number: '1',
        province_code: province(),
        commune_code: commune(),
        prosecuted_on: day(),
        decision_number: '1',
        offences: rnd() < 0.05 ? 'bad' : offences(),
        severity: 'serious',
        state: 'investigating',
        state_on: day(),
        state_history: history(),
        deadline: day(),
      }),
    () =>
      add('case_suspects', {
        case_id: rnd() < 0.9 ? some('drug_cases') : crypto.randomUUID(),
        person_id: some('persons'),
        role: 'accused',
        arrested_on: rnd() < 0.2 ? null : day(),
        measure: 'detention',
        outcome: 'pending',
      }),
    () =>
      add('tips', {
        received_on: day(),
        source: 'citizen',
        channel: pick(['air', 'express', 'sea', 'inland_waterway', 'other']),
        province_code: province(),
        commune_code: commune(),
        summary: 'x',
        state: pick(['verifying', 'prosecuted', 'not_prosecuted', 'transferred', 'suspended']),
        deadline: day(),
      }),
    () =>
      add('seizures', {
        province_code: province(),
        commune_code: commune(),
        kind: 'drug',
        substance: pick(['heroin', 'meth', null]),
        quantity: pick(['1.5', '0.125', '20', '3.333']),
        unit: pick(['g', 'kg']),
        seized_on: day(),
      }),
    () =>
      add('rehab_referrals', {
        person_id: some('persons'),
        state: pick(['draft', 'sent', 'decided']),
        state_on: day(),
        discovered_on: day(),
        pending_custody: 'none',
        province_code: province(),
        commune_code: commune(),
      }),
    () =>
      add('rehab_stays', {
        person_id: some('persons'),
        facility_id: 'f1',
        admitted_on: day(),
        status: 'in_care',
        stage: 'intake',
        incidents: JSON.stringify(
          Array.from({ length: Math.floor(rnd() * 3) }, () => ({ kind: pick(['absconded', 'violence']), on: day() })),
        ),
        province_code: province(),
        commune_code: commune(),
      }),
  ];
  const set = (table: string, col: string, value: () => unknown) => () => {
    const id = ids[table] ? some(table) : null;
    if (id) raw.prepare(`UPDATE ${table} SET ${col} = ? WHERE id = ?`).run(value(), id);
  };
  const updates: (() => void)[] = [
    set('persons', 'category', () => pick(['unclassified', 'user', 'addict'])),
    set('persons', 'cur_commune', commune),
    set('persons', 'cur_province', province),
    set('persons', 'deleted_at', () => (rnd() < 0.5 ? '2026-01-01' : null)),
    set('persons', 'merged_into', () => (rnd() < 0.5 ? some('persons') : null)),
    set('persons', 'substances', () => pick(['[]', '["meth"]', '["heroin","meth"]'])),
    set('persons', 'birth_date', () => pick(['1995-03-04', '2011-12-31', '2009'])),
    set('persons', 'birth_year', () => 1990 + Math.floor(rnd() * 25)),
    set('person_measures', 'end_date', () => (rnd() < 0.3 ? null : '2026-06-30')),
    set('person_measures', 'deleted_at', () => '2026-01-01'),
    set('drug_tests', 'result', () => pick(['positive', 'negative'])),
    set('drug_cases', 'prosecuted_on', day),
    set('drug_cases', 'commune_code', commune),
    set('drug_cases', 'province_code', province),
    set('drug_cases', 'offences', offences),
    set('drug_cases', 'state_history', history),
    set('drug_cases', 'deleted_at', () => (rnd() < 0.5 ? '2026-01-01' : null)),
    set('case_suspects', 'arrested_on', () => (rnd() < 0.3 ? null : day())),
    set('case_suspects', 'case_id', () => some('drug_cases')),
    set('case_suspects', 'deleted_at', () => '2026-01-01'),
    set('tips', 'state', () => pick(['verifying', 'prosecuted', 'transferred'])),
    set('tips', 'channel', () => pick(['air', 'sea', 'other'])),
    set('tips', 'received_on', day),
    set('seizures', 'quantity', () => pick(['2.25', '0.001', null])),
    set('seizures', 'unit', () => pick(['g', 'kg'])),
    set('seizures', 'seized_on', day),
    set('rehab_referrals', 'state', () => pick(['draft', 'sent', 'decided'])),
    set('rehab_referrals', 'discovered_on', day),
    set('rehab_referrals', 'deleted_at', () => '2026-01-01'),
    set('rehab_stays', 'incidents', () => JSON.stringify([{ kind: 'absconded', on: day() }])),
    set('rehab_stays', 'commune_code', commune),
    // A record written again as it was (the change log's apply sets every logged column of an existing record).
    ...['persons', 'person_measures', 'drug_tests', 'drug_cases', 'case_suspects', 'seizures'].map((t) => () => {
      const id = ids[t] ? some(t) : null;
      const cols = (raw.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[])
        .map((c) => c.name)
        .filter((c) => c !== 'id');
      if (id) raw.prepare(`UPDATE ${t} SET ${cols.map((c) => `${c} = ${c}`).join(', ')} WHERE id = ?`).run(id);
    }),
  ];
  const deletes = [
    'persons',
    'person_measures',
    'drug_tests',
    'drug_cases',
    'case_suspects',
    'tips',
    'seizures',
    'rehab_referrals',
    'rehab_stays',
  ].map((t) => () => {
    const id = ids[t] ? some(t) : null;
    if (id) raw.prepare(`DELETE FROM ${t} WHERE id = ?`).run(id);
  });
  return {
    step() {
      const r = rnd();
      if (r < 0.55) pick(inserts)();
      else if (r < 0.93) pick(updates)();
      else pick(deletes)();
    },
    fill(n: number) {
      for (const f of inserts) for (let i = 0; i < n; i++) f();
    },
  };
}

const PERIODS: ReportPeriod[] = [
  { from: '2023-01-01', to: '2023-12-31' },
  { from: '2024-01-01', to: '2024-12-31' },
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2024-06-01', to: '2024-06-30' },
  { from: '2024-02-10', to: '2024-04-30' },
  { from: '2024-04-01', to: '2024-04-30' },
  { from: '2023-11-15', to: '2025-02-28' },
  { from: '2025-01-31', to: '2025-03-01' },
  { from: '2024-07-17', to: '2024-07-17' },
  { from: '2024-03-02', to: '2024-07-29' },
];
const AREAS = [
  { provinceCode: '08', communeCode: null },
  ...COMMUNES.map((c) => ({ provinceCode: '08', communeCode: c })),
];

/** Figures counted from the records directly (the queries the counts replaced), for the checks below. */
function direct(raw: Database.Database, a: { provinceCode: string; communeCode: string | null }, p: ReportPeriod) {
  const at = (alias: string, prov = 'province_code', com = 'commune_code') =>
    `${alias}.${prov} = '${a.provinceCode}'${a.communeCode === null ? '' : ` AND ${alias}.${com} = '${a.communeCode}'`}`;
  const all = (q: string) => raw.prepare(q).all({ from: p.from, to: p.to }) as Record<string, unknown>[];
  return {
    cases: all(`SELECT count(*) AS n FROM drug_cases c WHERE ${at('c')} AND c.deleted_at IS NULL
      AND c.prosecuted_on BETWEEN @from AND @to`),
    tips: all(`SELECT t.channel AS channel, count(*) AS d,
        sum(t.state IN ('prosecuted', 'not_prosecuted', 'transferred')) AS n
      FROM tips t WHERE ${at('t')} AND t.deleted_at IS NULL AND t.received_on BETWEEN @from AND @to
        AND t.channel IN ('air', 'express', 'sea', 'inland_waterway') GROUP BY 1 ORDER BY 1`),
    seized: all(`SELECT s.substance AS substance, s.unit AS unit, round(sum(CAST(s.quantity AS REAL)), 3) AS total
      FROM seizures s WHERE ${at('s')} AND s.deleted_at IS NULL AND s.seized_on BETWEEN @from AND @to
        AND s.substance IS NOT NULL AND s.quantity IS NOT NULL AND s.unit IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`),
    referrals: all(`SELECT r.state AS state, count(*) AS n FROM rehab_referrals r WHERE ${at('r')}
      AND r.deleted_at IS NULL AND r.discovered_on BETWEEN @from AND @to GROUP BY 1 ORDER BY 1`),
    absconded: all(`SELECT count(*) AS n FROM rehab_stays s, json_each(CASE WHEN json_valid(s.incidents)
        THEN s.incidents ELSE '[]' END) i
      WHERE ${at('s')} AND s.deleted_at IS NULL AND json_extract(i.value, '$.kind') = 'absconded'
        AND json_extract(i.value, '$.on') BETWEEN @from AND @to`),
    articles: all(`SELECT json_extract(o.value, '$.article') AS article, json_extract(o.value, '$.clause') AS clause,
        count(DISTINCT c.id) AS n
      FROM drug_cases c, json_each(CASE WHEN json_valid(c.offences) THEN c.offences ELSE '[]' END) o
      WHERE ${at('c')} AND c.deleted_at IS NULL AND c.prosecuted_on BETWEEN @from AND @to GROUP BY 1, 2 ORDER BY 1, 2`),
    perArticle: all(`SELECT json_extract(o.value, '$.article') AS article, count(DISTINCT c.id) AS n
      FROM drug_cases c, json_each(CASE WHEN json_valid(c.offences) THEN c.offences ELSE '[]' END) o
      WHERE ${at('c')} AND c.deleted_at IS NULL AND c.prosecuted_on BETWEEN @from AND @to GROUP BY 1 ORDER BY 1`),
    resolved: all(`SELECT coalesce(sum(c.resolved_on BETWEEN @from AND @to), 0) AS n, count(*) AS d FROM drug_cases c
      WHERE ${at('c')} AND c.deleted_at IS NULL AND c.prosecuted_on <= @to
        AND (c.resolved_on IS NULL OR c.resolved_on >= @from)`),
    arrests: all(`SELECT c.commune_code AS c, count(*) AS n FROM case_suspects s JOIN drug_cases c ON c.id = s.case_id
      WHERE c.province_code = '${a.provinceCode}' AND c.deleted_at IS NULL AND s.deleted_at IS NULL
        AND s.arrested_on BETWEEN @from AND @to AND c.commune_code IS NOT NULL GROUP BY 1 ORDER BY 1`),
    first: all(`SELECT count(*) AS n FROM persons p WHERE ${at('p', 'cur_province', 'cur_commune')}
      AND p.first_positive_on BETWEEN @from AND @to AND p.deleted_at IS NULL AND p.merged_into IS NULL`),
    // On record in the area, and of them those with a live measure running on some day of the period.
    reached: all(`SELECT coalesce(sum(EXISTS (SELECT 1 FROM person_measures m WHERE m.person_id = p.id
        AND m.deleted_at IS NULL AND m.start_date <= @to AND coalesce(m.end_date, '9999-12-31') >= @from)), 0) AS n,
        count(*) AS d
      FROM persons p WHERE ${at('p', 'cur_province', 'cur_commune')} AND p.category <> 'unclassified'
        AND p.deleted_at IS NULL AND p.merged_into IS NULL`),
  };
}

const ON_RECORD = `p.category <> 'unclassified' AND p.deleted_at IS NULL AND p.merged_into IS NULL
  AND p.cur_province = '08'`;

describe(`migration ${THIS}`, () => {
  it('counts the records already there, keeps the counts on every later write, and its down restores the schema', async () => {
    const { raw, db } = openFile('m.db');
    await migrateTo(db, BEFORE);
    const w = world(raw, 7);
    w.fill(12);
    const before = schemaOf(raw);
    await migrateTo(db, THIS);
    const first = keptAndRecounted(raw);
    expect(first.kept.size).toBeGreaterThan(50);
    expect(first.kept).toEqual(first.recounted);
    for (let i = 0; i < 200; i++) w.step();
    const later = keptAndRecounted(raw);
    expect(later.kept).toEqual(later.recounted);
    await migrateTo(db, BEFORE);
    expect(schemaOf(raw)).toEqual(before);
    await db.destroy();
  });
});

describe(`migration ${GAPS}`, () => {
  it('keeps the spans and gaps of the persons whose measures leave one, from the records already there and on every later write; its down restores the schema', async () => {
    const { raw, db } = openFile('g.db');
    await migrateTo(db, GAPS_BEFORE);
    const w = world(raw, 11);
    w.fill(30);
    // Measures that leave gaps (unless the random ones cover them).
    const pids = (raw.prepare('SELECT id FROM persons LIMIT 2').all() as { id: string }[]).map((r) => r.id);
    for (const [pid, start, end] of [
      [pids[0], '2023-01-01', '2023-03-31'],
      [pids[0], '2024-01-01', null],
      [pids[0], '2023-06-01', '2023-06-30'],
      [pids[1], '2023-02-01', '2023-02-28'],
      [pids[1], '2023-04-01', '2025-01-01'],
    ])
      insert(raw, 'person_measures', {
        id: crypto.randomUUID(),
        person_id: pid,
        kind: 'user_management',
        decision_number: '1',
        decision_date: start,
        authority: 'UBND',
        start_date: start,
        end_date: end,
        status: 'active',
      });
    const before = schemaOf(raw);
    await migrateTo(db, GAPS);
    const first = keptAndRecounted(raw);
    const gaps = [...first.kept.keys()].filter((k) => k.startsWith('gap '));
    expect(gaps.filter((k) => / g /.test(k)).length).toBeGreaterThan(0);
    expect(first.kept).toEqual(first.recounted);
    // Each person with a gap has one span, and only those persons have rows (the report facts agree).
    const persons = raw
      .prepare(`SELECT count(DISTINCT person_id) AS n, sum(kind = 's') AS s FROM report_gaps`)
      .get() as { n: number; s: number };
    expect(persons.s).toBe(persons.n);
    expect(raw.prepare('SELECT count(*) AS n FROM persons WHERE reach_gapped = 1').get()).toEqual({ n: persons.n });
    for (let i = 0; i < 300; i++) w.step();
    const later = keptAndRecounted(raw);
    expect(later.kept).toEqual(later.recounted);
    await migrateTo(db, GAPS_BEFORE);
    expect(schemaOf(raw)).toEqual(before);
    await db.destroy();
  });
});

describe.each([
  [WHEN, GAPS],
  [TRIGGERS_WHEN, WHEN],
  [PERSON_FACTS, TRIGGERS_WHEN],
])('migration %s', (THAT, PREVIOUS) => {
  it('leaves the facts and the counts as the triggers before it kept them, after the same writes; its down restores the schema', async () => {
    // The same random writes on a file with the triggers before it and on one with its triggers.
    const files = [openFile('w0.db'), openFile('w1.db')];
    await migrateTo(files[0]!.db, PREVIOUS);
    await migrateTo(files[1]!.db, PREVIOUS);
    const before = schemaOf(files[1]!.raw);
    const worlds = files.map((f) => world(f.raw, 5));
    for (const w of worlds) w.fill(20);
    await migrateTo(files[1]!.db, THAT);
    if (THAT === TRIGGERS_WHEN) {
      // The 13 report triggers that follow an update of named columns now say which must change.
      const when = files[1]!.raw.prepare(
        `SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%UPDATE OF%WHEN OLD.%'`,
      );
      expect(when.get()).toEqual({ n: 13 });
    }
    if (THAT === PERSON_FACTS) {
      // A person's facts alone move the reach and first counts through their own trigger.
      const facts = files[1]!.raw.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`);
      const text = (facts.get('report_counts_persons_facts_update') as { sql: string }).sql;
      expect(text.match(/SELECT '\w+' AS metric/g)!.length).toBe(8);
    }
    for (const w of worlds) for (let i = 0; i < 600; i++) w.step();
    const facts = (raw: Database.Database) => [
      raw.prepare('SELECT first_positive_on, reach_from, reach_to, reach_gapped FROM persons ORDER BY rowid').all(),
      raw.prepare('SELECT resolved_on FROM drug_cases ORDER BY rowid').all(),
    ];
    const [old, neu] = files.map((f) => facts(f.raw));
    expect(neu).toEqual(old);
    expect((neu![0] as { reach_from: string | null }[]).some((r) => r.reach_from !== null)).toBe(true);
    expect((neu![1] as { resolved_on: string | null }[]).some((r) => r.resolved_on !== null)).toBe(true);
    const counts = (raw: Database.Database) => {
      const { kept, recounted } = keptAndRecounted(raw);
      expect(kept).toEqual(recounted);
      return [...kept].filter(([k]) => !k.startsWith('gap '));
    };
    expect(counts(files[1]!.raw)).toEqual(counts(files[0]!.raw));
    await migrateTo(files[1]!.db, PREVIOUS);
    expect(schemaOf(files[1]!.raw)).toEqual(before);
    for (const f of files) await f.db.destroy();
  });
});

describe('figures from the kept counts', () => {
  it('equal the records counted directly, after random inserts, updates and deletions on every source table', async () => {
    const { raw, db } = openFile('f.db');
    await migrateToLatest(db);
    const w = world(raw, 20261203);
    w.fill(25);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 300; i++) w.step();
      const { kept, recounted } = keptAndRecounted(raw);
      expect(kept).toEqual(recounted);
      for (const a of AREAS)
        for (const p of PERIODS) {
          const d = direct(raw, a, p);
          const what = `${a.communeCode ?? 'province'} ${p.from}..${p.to}`;
          const one = async (id: string) => computeOne(db, indicator(id)!, a, p, () => true);
          expect((await one('casesDetected')).numerator, what).toBe(d.cases[0]!.n);
          const resolved = await one('casesResolvedRate');
          expect([resolved.numerator, resolved.denominator], what).toEqual([d.resolved[0]!.n, d.resolved[0]!.d]);
          const tips = (await one('tipsVerifiedRateByChannel'))
            .breakdown!.filter((b) => b.denominator! > 0)
            .sort((x, y) => (x.key < y.key ? -1 : 1));
          expect(
            tips.map((b) => ({ channel: b.key, d: b.denominator, n: b.numerator })),
            what,
          ).toEqual(d.tips);
          expect(
            (await one('seizuresBySubstance')).breakdown!.map((b) => ({
              substance: b.key,
              unit: b.measure,
              total: b.value,
            })),
            what,
          ).toEqual(d.seized);
          expect(
            (await one('referralsByState')).breakdown!.map((b) => ({ state: b.key, n: b.value })),
            what,
          ).toEqual(d.referrals);
          expect((await one('abscondingCount')).value, what).toBe(d.absconded[0]!.n);
          expect((await one('newAddicts')).value, what).toBe(d.first[0]!.n);
          const reached = await one('managedReachedRate');
          expect([reached.numerator, reached.denominator], what).toEqual([d.reached[0]!.n, d.reached[0]!.d]);
          expect(await casesByArticle(db, a, p), what).toEqual(
            d.articles.map((x) => ({
              article: x.article,
              clause: x.clause === null ? null : Number(x.clause),
              n: x.n,
            })),
          );
          expect(Object.fromEntries(await casesPerArticle(db, a, p)), what).toEqual(
            Object.fromEntries(d.perArticle.map((x) => [x.article, x.n])),
          );
          if (a.communeCode === null) {
            const key = await keyAreaFigures(db, '08', Number(p.from.slice(0, 4)), { tips: false, cases: true });
            const year = direct(raw, a, { from: `${p.from.slice(0, 4)}-01-01`, to: `${p.from.slice(0, 4)}-12-31` });
            expect(Object.fromEntries([...key.arrests!].filter(([, n]) => n > 0)), what).toEqual(
              Object.fromEntries(year.arrests.filter((x) => COMMUNES.includes(x.c as string)).map((x) => [x.c, x.n])),
            );
          }
        }
      // The statistical tables of the province (kept) equal those counted over the records.
      const area = AREAS[0]!;
      for (const day of ['2024-01-01', '2024-06-15', '2025-12-31', '2026-03-04']) {
        const bands = (rows: { category: string; sex: string; age: number; n: number }[]) => {
          const m: Record<string, number> = {};
          for (const r of rows) {
            const k = `${r.category} ${r.sex} ${ageBand(r.age)}`;
            m[k] = (m[k] ?? 0) + r.n;
          }
          return Object.fromEntries(Object.entries(m).filter(([, n]) => n !== 0));
        };
        const records = raw
          .prepare(
            `SELECT p.category AS category, p.sex AS sex,
              CAST(substr(@day, 1, 4) AS INTEGER) - p.birth_year - (CASE WHEN length(p.birth_date) = 10
                AND substr(p.birth_date, 6) > substr(@day, 6) THEN 1 ELSE 0 END) AS age, count(*) AS n
            FROM persons p WHERE ${ON_RECORD} GROUP BY 1, 2, 3`,
          )
          .all({ day }) as { category: string; sex: string; age: number; n: number }[];
        expect(bands(await personsByCategorySexAge(db, area, day)), day).toEqual(bands(records));
      }
      const byColumn = (col: string) =>
        Object.fromEntries(
          (
            raw
              .prepare(`SELECT coalesce(${col}, '') AS k, count(*) AS n FROM persons p WHERE ${ON_RECORD} GROUP BY 1`)
              .all() as {
              k: string;
              n: number;
            }[]
          ).map((r) => [r.k, r.n]),
        );
      for (const col of ['ethnicity', 'education', 'occupation'] as const)
        expect(Object.fromEntries((await personsBy(db, area, col)).map((r) => [r.key, r.n])), col).toEqual(
          byColumn(col),
        );
      const substances = raw
        .prepare(
          `SELECT j.value AS k, count(*) AS n FROM persons p, json_each(CASE WHEN json_valid(p.substances)
            THEN p.substances ELSE '[]' END) j WHERE ${ON_RECORD} GROUP BY 1`,
        )
        .all() as { k: string; n: number }[];
      expect(Object.fromEntries((await personsBySubstance(db, area)).map((r) => [r.key, r.n]))).toEqual(
        Object.fromEntries(substances.map((r) => [r.k, r.n])),
      );
      // Something was counted (the run is not trivially empty).
      expect((await summed(db, 'cases', area, PERIODS[1]!))[0]!.n).toBeGreaterThan(0);
    }
    await db.destroy();
  }, 240_000);
});
