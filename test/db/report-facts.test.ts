import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyChanges, rebuildRecords } from '../../electron/changelog/apply';
import {
  insertRecord,
  tombstone,
  updateRecord,
  type ChangeContext,
  type ReplicatedTable,
} from '../../electron/changelog/changelog';
import { HlcClock } from '../../electron/changelog/hlc';
import { readEntries } from '../../electron/changelog/log-store';
import { migrateTo, migrateToLatest } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations';
import * as m1830 from '../../electron/db/migrations/2026_12_03_1830_person_summary_order';
import { personTable } from '../../electron/persons/person.table';
import { computeOne } from '../../electron/reports/report.compute';
import { indicator, type ReportPeriod } from '../../shared/domain/indicators';
import { keptAndRecounted, openFile, prng, schemaOf } from '../support/report-counts';

/**
 * The facts the indicators count, kept on write (migration 2026_12_03_1810_report_facts): a person's first
 * positive, the span of their measures and whether it has a gap, a case's resolution day. Checked against the
 * records themselves, counted by brute force here, on two workstations that exchange their changes (the apply
 * path), with concurrent edits, a conflict resolved (the rebuild path), and against the migration's backfill.
 */

const THIS = '2026_12_03_1810_report_facts';
const BEFORE = '2026_12_03_1750_person_summary_index';
const SYNC = "'2026-12-03T08:00:00Z', '2026-12-03T08:00:00Z', 'ws', 'h1', NULL";

function insertPerson(raw: Database.Database, id: string) {
  raw
    .prepare(
      `INSERT INTO persons (id, full_name, other_names, name_folded, sort_key, sex, birth_date, birth_year,
       citizen_id_warnings, cur_province, cur_commune, substances, category, created_at, updated_at, origin_ws, hlc,
       deleted_at) VALUES (?, 'A', '[]', 'a', 'a', 'male', '1990-01-01', 1990, '[]', '08', '02263', '[]', 'user', ${SYNC})`,
    )
    .run(id);
}
function insertMeasure(raw: Database.Database, id: string, person: string, from: string, to: string | null) {
  raw
    .prepare(
      `INSERT INTO person_measures (id, person_id, kind, decision_number, decision_date, authority, start_date,
       end_date, status, created_at, updated_at, origin_ws, hlc, deleted_at)
       VALUES (?, ?, 'user_management', '1/QĐ', ?, 'UBND', ?, ?, 'active', ${SYNC})`,
    )
    .run(id, person, from, from, to);
}
function insertTest(raw: Database.Database, id: string, person: string, date: string, result: string) {
  raw
    .prepare(
      `INSERT INTO drug_tests (id, person_id, date, method, result, substances, notes, created_at, updated_at,
       origin_ws, hlc, deleted_at) VALUES (?, ?, ?, 'urine_quick', ?, '[]', NULL, ${SYNC})`,
    )
    .run(id, person, date, result);
}
function insertCase(raw: Database.Database, id: string, history: string) {
  raw
    .prepare(
      `INSERT INTO drug_cases (id, number, unit_id, province_code, commune_code, prosecuted_on, decision_number,
       prosecuting_unit, tip_id, summary, offences, severity, international, partner_country, transnational_route,
       organised_ring, state, state_on, state_history, deadline, created_at, updated_at, origin_ws, hlc, deleted_at)
       VALUES (?, '1/2025', NULL, '08', '02263', '2025-01-10', '1/QĐ', NULL, NULL, NULL, '[]', 'serious', 0, NULL, 0, 0,
       'investigating', '2025-01-10', ?, '2025-05-10', ${SYNC})`,
    )
    .run(id, history);
}
const personFacts = (raw: Database.Database, id: string) =>
  raw
    .prepare('SELECT first_positive_on, reach_from, reach_to, reach_gapped FROM persons WHERE id = ?')
    .get(id) as Record<string, unknown>;

describe(`migration ${THIS}`, () => {
  it('fills the facts of the records already there, keeps them on every later write, and its down restores the schema', async () => {
    const { raw, db } = openFile('m.db');
    await migrateTo(db, BEFORE);
    insertPerson(raw, 'p1');
    insertPerson(raw, 'p2');
    insertTest(raw, 't1', 'p1', '2025-03-01', 'positive');
    insertTest(raw, 't2', 'p1', '2024-07-09', 'negative');
    raw
      .prepare(
        `INSERT INTO addiction_determinations (id, person_id, requested_date, facility, result_date, result, form_ref,
         registration_deadline, registered_at, created_at, updated_at, origin_ws, hlc, deleted_at)
         VALUES ('d1', 'p1', '2025-01-02', 'TTYT', '2025-01-05', 'addicted', NULL, NULL, NULL, ${SYNC})`,
      )
      .run();
    insertMeasure(raw, 'm1', 'p1', '2024-01-01', '2024-06-30');
    insertMeasure(raw, 'm2', 'p1', '2024-07-01', null); // no day between them uncovered
    insertMeasure(raw, 'm3', 'p2', '2023-01-01', '2023-03-31');
    insertMeasure(raw, 'm4', 'p2', '2023-06-01', '2023-12-31'); // April and May uncovered
    const history = (states: [string, string][]) =>
      JSON.stringify(states.map(([state, on]) => ({ state, on, decisionNumber: null, note: null })));
    insertCase(
      raw,
      'c1',
      history([
        ['investigating', '2025-01-10'],
        ['suspended', '2025-02-01'],
        ['recommended', '2025-04-02'],
        ['indicted', '2025-05-01'],
      ]),
    );
    insertCase(raw, 'c2', history([['investigating', '2025-01-10']]));
    insertCase(raw, 'c3', 'not json');
    insertCase(raw, 'c4', '["v0", 3, {"state": "closed", "on": "2025-06-01"}]'); // entries not all objects
    const before = schemaOf(raw);

    await migrateTo(db, THIS);
    expect(personFacts(raw, 'p1')).toEqual({
      first_positive_on: '2025-01-05',
      reach_from: '2024-01-01',
      reach_to: '9999-12-31',
      reach_gapped: 0,
    });
    expect(personFacts(raw, 'p2')).toEqual({
      first_positive_on: null,
      reach_from: '2023-01-01',
      reach_to: '2023-12-31',
      reach_gapped: 1,
    });
    const resolved = () =>
      raw.prepare('SELECT id, resolved_on FROM drug_cases ORDER BY id').all() as { id: string; resolved_on: unknown }[];
    expect(resolved()).toEqual([
      { id: 'c1', resolved_on: '2025-04-02' },
      { id: 'c2', resolved_on: null },
      { id: 'c3', resolved_on: null },
      { id: 'c4', resolved_on: '2025-06-01' },
    ]);

    // Later writes keep them: a positive test earlier, the gap filled, a measure moved away, a case resolved.
    insertTest(raw, 't3', 'p1', '2024-12-01', 'positive');
    expect(personFacts(raw, 'p1').first_positive_on).toBe('2024-12-01');
    raw.prepare(`UPDATE drug_tests SET deleted_at = '2026-01-01' WHERE id = 't3'`).run();
    expect(personFacts(raw, 'p1').first_positive_on).toBe('2025-01-05');
    insertMeasure(raw, 'm5', 'p2', '2023-04-01', '2023-05-31');
    expect(personFacts(raw, 'p2')).toMatchObject({ reach_gapped: 0, reach_to: '2023-12-31' });
    raw.prepare(`UPDATE person_measures SET person_id = 'p1' WHERE id = 'm3'`).run();
    expect(personFacts(raw, 'p2')).toMatchObject({ reach_from: '2023-04-01', reach_to: '2023-12-31', reach_gapped: 0 });
    expect(personFacts(raw, 'p1')).toMatchObject({ reach_from: '2023-01-01', reach_gapped: 1 });
    raw.prepare(`DELETE FROM person_measures WHERE person_id = 'p2'`).run();
    expect(personFacts(raw, 'p2')).toMatchObject({ reach_from: null, reach_to: null, reach_gapped: 0 });
    raw.prepare(`UPDATE drug_cases SET state_history = ? WHERE id = 'c2'`).run(
      history([
        ['investigating', '2025-01-10'],
        ['terminated', '2025-03-03'],
      ]),
    );
    expect(resolved()[1]).toEqual({ id: 'c2', resolved_on: '2025-03-03' });
    // A person written after its records (a bundle in any order) gets their facts.
    insertTest(raw, 't4', 'p9', '2025-08-08', 'positive');
    insertPerson(raw, 'p9');
    expect(personFacts(raw, 'p9')).toMatchObject({ first_positive_on: '2025-08-08', reach_from: null });

    await migrateTo(db, BEFORE);
    expect(schemaOf(raw)).toEqual(before);
    expect(raw.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 3 });
    expect(raw.prepare('SELECT count(*) AS n FROM drug_cases').get()).toEqual({ n: 4 });
    await db.destroy();
  });
});

describe('a migration registered after a later-named one had run', () => {
  it('runs on a file that had the later one already, at the next unlock (not refused as corrupted)', async () => {
    const { raw, db } = openFile('unordered.db');
    await migrateTo(db, BEFORE);
    insertPerson(raw, 'p1');
    insertTest(raw, 't1', 'p1', '2025-03-01', 'positive');
    // A file made while 2026_12_03_1830 was registered and this one not yet: 1830 ran, 1810 did not.
    await m1830.up(db);
    raw
      .prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)')
      .run('2026_12_03_1830_person_summary_order', new Date().toISOString());
    await migrateToLatest(db);
    expect(personFacts(raw, 'p1')).toMatchObject({ first_positive_on: '2025-03-01' });
    expect(
      (raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name),
    ).toEqual(Object.keys(migrations).sort());
    await db.destroy();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Two workstations exchanging their changes.

async function station(n: number, wall: { ms: number }) {
  const { raw, db } = openFile(`s${n}.db`);
  await migrateToLatest(db);
  const ws = `0000000${n}-0000-7000-8000-000000000000`;
  const ctx: ChangeContext = {
    hlc: new HlcClock(ws, () => wall.ms),
    workstationId: ws,
    accountId: null,
    now: () => new Date(wall.ms),
  };
  return { raw, db, ctx };
}
type Station = Awaited<ReturnType<typeof station>>;

const TODAY = '2026-12-01';
async function syncInto(to: Station, from: Station) {
  const changes = await readEntries(from.db);
  await to.db.transaction().execute((trx) => applyChanges(trx, to.ctx.hlc, changes, TODAY));
}

const PERIODS: ReportPeriod[] = [
  { from: '2023-01-01', to: '2023-12-31' },
  { from: '2024-01-01', to: '2024-12-31' },
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2025-06-01', to: '2025-06-30' },
  { from: '2025-04-01', to: '2025-06-30' },
  { from: '2026-01-01', to: '2026-12-31' },
  // Every month: a short period may fall in a gap between a person's measures.
  ...Array.from({ length: 48 }, (_, i) => {
    const y = 2023 + Math.floor(i / 12);
    const m = String((i % 12) + 1).padStart(2, '0');
    return { from: `${y}-${m}-01`, to: new Date(Date.UTC(y, (i % 12) + 1, 0)).toISOString().slice(0, 10) };
  }),
];
const FINAL = ['recommended', 'terminated', 'indicted', 'tried', 'closed'];
const AREA = { provinceCode: '08', communeCode: null };

/** The three indicators over the kept facts, as the reports count them. */
async function figures(s: Station) {
  // The category (on record or not) follows the measures and tests: re-derived as the app does after a write.
  const ids = (s.raw.prepare('SELECT id FROM persons').all() as { id: string }[]).map((r) => r.id);
  await personTable.rederive!(s.db, ids, TODAY);
  const out: Record<string, unknown> = {};
  for (const p of PERIODS)
    for (const id of ['managedReachedRate', 'newAddicts', 'casesResolvedRate']) {
      const r = await computeOne(s.db, indicator(id)!, AREA, p, () => true);
      out[`${id} ${p.from}..${p.to}`] = [r.numerator, r.denominator];
    }
  return out;
}

/** The same figures counted from the records alone (no kept fact read). */
function bruteForce(s: Station) {
  const q = <T>(text: string) => s.raw.prepare(text).all() as T[];
  const persons = q<{ id: string; category: string; deleted_at: string | null; merged_into: string | null }>(
    `SELECT id, category, deleted_at, merged_into FROM persons WHERE cur_province = '08'`,
  );
  const measures = q<{ person_id: string; start_date: string; end_date: string | null }>(
    'SELECT person_id, start_date, end_date FROM person_measures WHERE deleted_at IS NULL',
  );
  const positives = [
    ...q<{ pid: string; d: string }>(
      `SELECT person_id AS pid, date AS d FROM drug_tests WHERE result = 'positive' AND deleted_at IS NULL`,
    ),
    ...q<{ pid: string; d: string | null }>(
      `SELECT person_id AS pid, result_date AS d FROM addiction_determinations WHERE result = 'addicted'
       AND deleted_at IS NULL`,
    ),
  ];
  const cases = q<{ prosecuted_on: string; state_history: string }>(
    `SELECT prosecuted_on, state_history FROM drug_cases WHERE province_code = '08' AND deleted_at IS NULL`,
  );
  const live = persons.filter((p) => !p.deleted_at && !p.merged_into);
  const onRecord = live.filter((p) => p.category !== 'unclassified');
  const out: Record<string, unknown> = {};
  for (const p of PERIODS) {
    const reached = onRecord.filter((x) =>
      measures.some(
        (m) => m.person_id === x.id && m.start_date <= p.to && (m.end_date === null || m.end_date >= p.from),
      ),
    ).length;
    out[`managedReachedRate ${p.from}..${p.to}`] = [reached, onRecord.length];
    const firsts = live.filter((x) => {
      const ds = positives.filter((e) => e.pid === x.id && e.d !== null).map((e) => e.d!);
      const first = ds.sort()[0];
      return first !== undefined && first >= p.from && first <= p.to;
    });
    out[`newAddicts ${p.from}..${p.to}`] = [firsts.length, null];
    let d = 0;
    let n = 0;
    for (const c of cases) {
      const on = (JSON.parse(c.state_history) as { state: string; on: string }[])
        .filter((h) => FINAL.includes(h.state))
        .map((h) => h.on)
        .sort()[0];
      if (c.prosecuted_on > p.to || (on !== undefined && on < p.from)) continue;
      d++;
      if (on !== undefined && on <= p.to) n++;
    }
    out[`casesResolvedRate ${p.from}..${p.to}`] = [n, d];
  }
  return out;
}

const factsOf = (s: Station) =>
  s.raw
    .prepare(`SELECT p.id, p.first_positive_on, p.reach_from, p.reach_to, p.reach_gapped FROM persons p ORDER BY p.id`)
    .all()
    .concat(s.raw.prepare('SELECT id, resolved_on FROM drug_cases ORDER BY id').all());

describe('report facts across workstations', () => {
  it('agree with the records after imports both ways, concurrent edits, a resolved conflict and the backfill', async () => {
    const wall = { ms: Date.parse('2026-12-01T01:00:00Z') };
    const st = [await station(1, wall), await station(2, wall)];
    const rnd = prng(20261203);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const day = () => {
      const d = new Date(Date.UTC(2023, 0, 1) + Math.floor(rnd() * 4 * 365) * 86_400_000);
      return d.toISOString().slice(0, 10);
    };
    const ids: Record<'persons' | 'tests' | 'measures' | 'findings' | 'cases', string[]> = {
      persons: [],
      tests: [],
      measures: [],
      findings: [],
      cases: [],
    };
    const write = async (s: Station, fn: (db: Station['db']) => Promise<unknown>) => {
      wall.ms += 1000;
      await s.db.transaction().execute(fn);
    };
    // Persons are made on the first station and carried to the second.
    for (let i = 0; i < 12; i++) {
      const id = crypto.randomUUID();
      ids.persons.push(id);
      await write(st[0]!, (db) =>
        insertRecord(db, st[0]!.ctx, 'persons', id, {
          fullName: `Người ${i}`,
          otherNames: '[]',
          nameFolded: `nguoi ${i}`,
          sortKey: `nguoi ${i}`,
          sex: 'male',
          birthDate: '1990-01-01',
          birthYear: 1990,
          citizenId: null,
          citizenIdOverrideReason: null,
          citizenIdWarnings: '[]',
          ethnicity: null,
          education: null,
          occupation: null,
          familyContact: null,
          permProvince: null,
          permCommune: null,
          permStreet: null,
          curProvince: '08',
          curCommune: '02263',
          curStreet: null,
          substances: '[]',
          firstUseDate: null,
          unitId: null,
          category: 'unclassified',
          lastContactAt: null,
          mergedInto: null,
        } as never),
      );
    }
    await syncInto(st[1]!, st[0]!);
    let merges = 0;
    const ops: ((s: Station) => Promise<void>)[] = [
      async (s) => {
        const id = crypto.randomUUID();
        ids.tests.push(id);
        await write(s, (db) =>
          insertRecord(db, s.ctx, 'drugTests', id, {
            personId: pick(ids.persons),
            date: day(),
            method: 'urine_quick',
            result: pick(['positive', 'negative']),
            substances: '[]',
            notes: null,
          } as never),
        );
      },
      async (s) => {
        const id = crypto.randomUUID();
        ids.findings.push(id);
        await write(s, (db) =>
          insertRecord(db, s.ctx, 'addictionDeterminations', id, {
            personId: pick(ids.persons),
            requestedDate: '2023-01-01',
            facility: 'TTYT',
            resultDate: day(),
            result: pick(['addicted', 'not_addicted']),
            formRef: null,
            registrationDeadline: null,
            registeredAt: null,
          } as never),
        );
      },
      async (s) => {
        const id = crypto.randomUUID();
        ids.measures.push(id);
        const start = day();
        await write(s, (db) =>
          insertRecord(db, s.ctx, 'personMeasures', id, {
            personId: pick(ids.persons),
            kind: pick(['user_management', 'post_rehab_management', 'methadone']),
            decisionNumber: '1/QĐ',
            decisionDate: start,
            authority: 'UBND',
            officer: null,
            startDate: start,
            // Short spells mostly, so that a person's measures leave gaps between them.
            endDate: rnd() < 0.2 ? null : plusDays(start, Math.floor(rnd() * 200)),
            status: 'active',
            notes: null,
          } as never),
        );
      },
      async (s) => {
        const id = crypto.randomUUID();
        ids.cases.push(id);
        const on = day();
        await write(s, (db) =>
          insertRecord(db, s.ctx, 'drugCases', id, {
            number: `${ids.cases.length}/2025`,
            unitId: null,
            provinceCode: '08',
            communeCode: '02263',
            prosecutedOn: on,
            decisionNumber: '1/QĐ',
            prosecutingUnit: null,
            tipId: null,
            summary: null,
            offences: '[]',
            severity: 'serious',
            international: 0,
            partnerCountry: null,
            transnationalRoute: 0,
            organisedRing: 0,
            state: 'investigating',
            stateOn: on,
            stateHistory: JSON.stringify([{ state: 'investigating', on, decisionNumber: null, note: null }]),
            deadline: on,
          } as never),
        );
      },
      // Edits of records the station has (made here or imported): dates, results, moves, deletions.
      async (s) => {
        const id = pick(ids.measures.filter((m) => has(s, 'person_measures', m)));
        if (!id) return;
        const end = rnd() < 0.5 ? null : day();
        const row = s.raw.prepare('SELECT start_date AS s FROM person_measures WHERE id = ?').get(id) as { s: string };
        await write(s, (db) =>
          updateRecord(db, s.ctx, 'personMeasures', id, { endDate: end && end < row.s ? row.s : end } as never),
        );
      },
      async (s) => {
        const id = pick(ids.measures.filter((m) => has(s, 'person_measures', m)));
        if (id) await write(s, (db) => updateRecord(db, s.ctx, 'personMeasures', id, { personId: pick(ids.persons) }));
      },
      async (s) => {
        const id = pick(ids.tests.filter((m) => has(s, 'drug_tests', m)));
        if (id)
          await write(s, (db) =>
            updateRecord(db, s.ctx, 'drugTests', id, { result: pick(['positive', 'negative']), date: day() } as never),
          );
      },
      async (s) => {
        const table = pick(['drugTests', 'personMeasures', 'addictionDeterminations'] as const);
        const [list, sqlName] =
          table === 'drugTests'
            ? [ids.tests, 'drug_tests']
            : table === 'personMeasures'
              ? [ids.measures, 'person_measures']
              : [ids.findings, 'addiction_determinations'];
        const id = pick(list.filter((m) => has(s, sqlName, m)));
        if (id) await write(s, (db) => tombstone(db, s.ctx, table as ReplicatedTable, id));
      },
      async (s) => {
        const id = pick(ids.cases.filter((m) => has(s, 'drug_cases', m)));
        if (!id) return;
        const row = s.raw.prepare('SELECT state_on AS o, state_history AS h FROM drug_cases WHERE id = ?').get(id) as {
          o: string;
          h: string;
        };
        const state = pick(['suspended', 'recommended', 'terminated', 'indicted', 'investigating']);
        const on = [row.o, day()].sort()[1]!;
        const history = [...(JSON.parse(row.h) as unknown[]), { state, on, decisionNumber: null, note: null }];
        await write(s, (db) =>
          updateRecord(db, s.ctx, 'drugCases', id, { state, stateOn: on, stateHistory: JSON.stringify(history) }),
        );
      },
      async (s) => {
        const id = pick(ids.persons.filter((m) => has(s, 'persons', m)));
        // A few persons merged into another (their facts no longer count).
        if (id && merges++ < 2)
          await write(s, (db) =>
            updateRecord(db, s.ctx, 'persons', id, { mergedInto: pick(ids.persons.filter((p) => p !== id)) }),
          );
      },
    ];
    for (let i = 0; i < 160; i++) {
      const s = st[rnd() < 0.5 ? 0 : 1]!;
      await pick(ops)(s);
      if (rnd() < 0.12) await syncInto(st[1]!, st[0]!);
      if (rnd() < 0.12) await syncInto(st[0]!, st[1]!);
    }
    // The same measure's end changed on both sides before either hears of the other: a conflict.
    const contested = crypto.randomUUID();
    await write(st[0]!, (db) =>
      insertRecord(db, st[0]!.ctx, 'personMeasures', contested, {
        personId: ids.persons[0]!,
        kind: 'user_management',
        decisionNumber: '2/QĐ',
        decisionDate: '2023-01-01',
        authority: 'UBND',
        officer: null,
        startDate: '2023-01-01',
        endDate: '2023-01-31',
        status: 'active',
        notes: null,
      } as never),
    );
    await syncInto(st[1]!, st[0]!);
    await syncInto(st[0]!, st[1]!);
    await write(st[0]!, (db) => updateRecord(db, st[0]!.ctx, 'personMeasures', contested, { endDate: '2023-02-02' }));
    await write(st[1]!, (db) => updateRecord(db, st[1]!.ctx, 'personMeasures', contested, { endDate: '2025-05-05' }));
    await syncInto(st[1]!, st[0]!);
    await syncInto(st[0]!, st[1]!);
    const open = st[1]!.raw.prepare('SELECT count(*) AS n FROM conflicts WHERE record_id = ?').get(contested) as {
      n: number;
    };
    expect(open.n).toBeGreaterThan(0);

    const a = await figures(st[0]!);
    expect(a).toEqual(bruteForce(st[0]!));
    // The counts kept on write (migration 2026_12_03_1900_report_counts) saw every applied change.
    for (const x of st) {
      const { kept, recounted } = keptAndRecounted(x.raw);
      expect(kept).toEqual(recounted);
    }
    expect(await figures(st[1]!)).toEqual(a);
    expect(factsOf(st[1]!)).toEqual(factsOf(st[0]!));
    // Something was counted in each (the run is not trivially empty), persons with a gap and cases resolved too.
    expect(Object.values(a).some((v) => (v as number[])[0]! > 0)).toBe(true);
    expect(st[0]!.raw.prepare('SELECT count(*) AS n FROM persons WHERE reach_gapped = 1').get()).not.toEqual({ n: 0 });
    expect(st[0]!.raw.prepare('SELECT count(*) AS n FROM drug_cases WHERE resolved_on IS NOT NULL').get()).not.toEqual({
      n: 0,
    });

    // A leader keeps the other value: the resolution and the rebuild of the record; both stations agree again.
    const s = st[1]!;
    await write(s, async (db) => {
      await updateRecord(db, s.ctx, 'personMeasures', contested, { endDate: '2024-09-30' }, { resolve: true });
      await rebuildRecords(db, new Map([['personMeasures', new Set([contested])]]), TODAY);
    });
    await syncInto(st[0]!, st[1]!);
    const b = await figures(st[1]!);
    expect(b).toEqual(bruteForce(st[1]!));
    for (const x of st) {
      const { kept, recounted } = keptAndRecounted(x.raw);
      expect(kept).toEqual(recounted);
    }
    expect(await figures(st[0]!)).toEqual(b);
    expect(factsOf(st[0]!)).toEqual(factsOf(st[1]!));

    // The migration's backfill gives the same facts as the writes kept.
    const kept = factsOf(s);
    await migrateTo(s.db, BEFORE);
    await migrateTo(s.db, THIS);
    expect(factsOf(s)).toEqual(kept);
    for (const x of st) await x.db.destroy();
  }, 240_000);
});

function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function has(s: Station, table: string, id: string): boolean {
  return s.raw.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id) !== undefined;
}
