import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { MeasureKind } from '../../shared/domain/persons';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import type { BatchWriter } from '../platform/batch';
import { deriveCategory } from './person.category';
import { foldedNames, personRepository, TokenCounts } from './person.repository';
import { tokenEntries } from './person.tokens';
import { DEFAULT_PERSON_RULES as DEFAULT_RULES_FOR_SEED } from '../../shared/domain/person-rules';
import { addDays, measureEnd, registrationDeadline, todayIso } from './person.rules';
import { syntheticPersons } from './synthetic';
import { vietnameseSortKey } from '../../shared/text/sort-key';
import { mulberry32 } from '../platform/random';
import { settingsRepository } from '../platform/settings.repository';

/**
 * `hoso seed`: realistic synthetic people with measures, tests and determinations, deterministic for a seed,
 * written in large transactions with prepared statements (the services' per-record path is far too slow for
 * a million people). Every record still gets its change-log entries, so seeded data travels like real data.
 */
export interface SeedOptions {
  count: number;
  seed: number;
  provinceCode: string;
  /** Seed even though the database holds records the seeder did not make (never on a live workstation). */
  intoLive: boolean;
}

const BATCH = 5000;

export interface SeedResult {
  persons: number;
  measures: number;
  tests: number;
  determinations: number;
  ms: number;
}

/** Where the seeder remembers how many of the persons on file it made itself. */
const SEEDED_KEY = 'seeded_persons';

/**
 * The `persons.seed` procedure's work. The router has already checked the caller; this refuses a database that
 * holds real records unless the caller said `intoLive`, then writes through the platform's batch writer.
 */
export async function seedPersons(ctx: DomainContext, o: SeedOptions): Promise<SeedResult> {
  const db = ctx.db();
  const total = await personRepository.count(db);
  const seededBefore = Number((await settingsRepository.get(db, SEEDED_KEY)) ?? 0);
  if (total > seededBefore && !o.intoLive)
    throw new AppError(ErrorCodes.CONFLICT, 'this database holds real records', {
      issues: [{ path: 'intoLive', code: 'seed_live_database' }],
    });
  const t0 = performance.now();
  const w = ctx.batch();
  const rnd = mulberry32(o.seed * 7919 + 17);
  const now = ctx.now();
  const today = todayIso(now);
  const unitId = ctx.session().unitId;
  const insert = (table: string, id: string, fields: Record<string, unknown>) => w.insert(table, id, fields);
  const tokenCounts = new TokenCounts();
  // Words are staged in memory (temp_store = MEMORY) and copied into the search index in its own order at
  // the end: one sorted pass instead of millions of inserts at random places in a wide B-tree.
  w.exec(`CREATE TEMP TABLE IF NOT EXISTS seed_tokens (token TEXT NOT NULL, cls INTEGER NOT NULL,
    pk INTEGER NOT NULL, PRIMARY KEY (token, cls, pk)) WITHOUT ROWID`);
  w.exec('DELETE FROM temp.seed_tokens');
  const insToken = w.statement('INSERT OR IGNORE INTO temp.seed_tokens (token, cls, pk) VALUES (?, ?, ?)');

  let persons = 0;
  let measures = 0;
  let tests = 0;
  let dets = 0;
  const gen = syntheticPersons(o.seed, o.count, { provinceCode: o.provinceCode });
  let batch: ReturnType<typeof gen.next>['value'][] = [];
  const flush = w.transaction((people: typeof batch) => {
    for (const p of people) {
      if (!p) continue;
      const id = uuidv7();
      const events = plan(rnd, today);
      const activeKinds: MeasureKind[] = [];
      // The last contact, as the derive rule has it: the latest check-in or test.
      let lastContact = events.lastContact;
      for (const m of events.measures) {
        const end = measureEnd(DEFAULT_RULES_FOR_SEED, m.kind, m.start);
        const status = end && end < today ? 'completed' : 'active';
        if (status === 'active') activeKinds.push(m.kind);
        const mid = uuidv7();
        insert('personMeasures', mid, {
          personId: id,
          kind: m.kind,
          decisionNumber: `${100 + Math.floor(rnd() * 900)}/QĐ-UBND`,
          decisionDate: m.start,
          authority: m.kind === 'compulsory_rehab' ? 'Tòa án nhân dân khu vực' : 'Chủ tịch UBND xã',
          officer: null,
          startDate: m.start,
          endDate: end,
          status,
          notes: null,
        });
        measures++;
        if (status === 'active') {
          const checkIn = addDays(today, -Math.floor(rnd() * 120));
          if (checkIn >= m.start) {
            insert('personCheckIns', uuidv7(), {
              measureId: mid,
              personId: id,
              date: checkIn,
              note: 'Làm việc định kỳ tại trụ sở Công an xã',
            });
            if (!lastContact || checkIn > lastContact) lastContact = checkIn;
          }
        }
      }
      for (const t of events.tests) {
        insert('drugTests', uuidv7(), {
          personId: id,
          date: t.date,
          method: 'urine_quick',
          result: t.positive ? 'positive' : 'negative',
          substances: JSON.stringify(t.positive ? p.substances.slice(0, 1) : []),
          notes: null,
        });
        tests++;
      }
      for (const d of events.determinations) {
        insert('addictionDeterminations', uuidv7(), {
          personId: id,
          requestedDate: d.requested,
          facility: 'Trung tâm Y tế khu vực',
          resultDate: d.result,
          result: 'addicted',
          formRef: null,
          registrationDeadline: registrationDeadline(DEFAULT_RULES_FOR_SEED, d.result),
          registeredAt: d.registered,
        });
        dets++;
      }
      const category = deriveCategory(
        activeKinds,
        events.determinations.length ? 'addicted' : null,
        events.tests.some((t) => t.positive),
      );
      const nameFolded = foldedNames(p.fullName, p.otherNames);
      const sortKey = vietnameseSortKey(p.fullName);
      const { pk } = insert('persons', id, {
        fullName: p.fullName,
        otherNames: JSON.stringify(p.otherNames),
        nameFolded,
        sortKey,
        sex: p.sex,
        birthDate: p.birthDate,
        birthYear: Number(p.birthDate.slice(0, 4)),
        citizenId: p.citizenId,
        citizenIdOverrideReason: null,
        citizenIdWarnings: '[]',
        ethnicity: p.ethnicity,
        education: p.education,
        occupation: p.occupation,
        familyContact: p.familyContact,
        permProvince: p.permanentAddress?.provinceCode ?? null,
        permCommune: p.permanentAddress?.communeCode ?? null,
        permStreet: p.permanentAddress?.street ?? null,
        curProvince: p.currentAddress?.provinceCode ?? null,
        curCommune: p.currentAddress?.communeCode ?? null,
        curStreet: p.currentAddress?.street ?? null,
        substances: JSON.stringify(p.substances),
        firstUseDate: p.firstUseDate,
        unitId,
        category,
        lastContactAt: lastContact,
        mergedInto: null,
        deletedAt: null,
      });
      const entries = tokenEntries(p.fullName, p.otherNames);
      for (const { token, cls } of entries) {
        insToken.run([token, cls, pk]);
        tokenCounts.add(token, cls, 1);
      }
      for (const token of new Set(entries.map((e) => e.token))) tokenCounts.add(token, -1, 1);
      tokenCounts.add('', -1, 1);
      persons++;
    }
  });
  const bulk = o.count >= 20_000;
  const indexes = bulk ? dropSecondaryIndexes(w) : [];
  for (const p of gen) {
    batch.push(p);
    if (batch.length >= BATCH) {
      flush(batch);
      batch = [];
      ctx.progress(persons, o.count);
      await new Promise((r) => setImmediate(r));
    }
  }
  if (batch.length) flush(batch);
  ctx.progress(persons, o.count);
  // Word by word, so that each sort is one word's people (at most a few hundred thousand rows), not all of them.
  const copyWord = w.statement(`INSERT INTO person_name_tokens
      (token, cls, sort_key, pk, name_folded, cur_province, cur_commune, unit_id, category)
    SELECT t.token, t.cls, p.sort_key, p.pk, p.name_folded, p.cur_province, p.cur_commune, p.unit_id, p.category
    FROM temp.seed_tokens t JOIN persons p ON p.pk = t.pk WHERE t.token = ? ORDER BY t.cls, p.sort_key, p.pk`);
  const words = [...new Set([...tokenCounts.map.values()].map((e) => e.token))].filter(Boolean).sort();
  w.transaction(() => {
    for (const token of words) copyWord.run([token]);
  })();
  w.exec('DROP TABLE temp.seed_tokens');
  const addCount = w.statement(
    `INSERT INTO person_token_stats (token, cls, n) VALUES (?, ?, ?)
     ON CONFLICT(token, cls) DO UPDATE SET n = n + excluded.n`,
  );
  w.transaction(() => {
    for (const { token, cls, n } of tokenCounts.map.values()) addCount.run([token, cls, n]);
  })();
  for (const ddl of indexes) w.exec(ddl);
  if (bulk) w.exec('ANALYZE');
  await settingsRepository.put(db, SEEDED_KEY, String(seededBefore + persons), now);
  ctx.target({ recordType: 'person', detail: { count: persons, seed: o.seed } });
  return { persons, measures, tests, determinations: dets, ms: performance.now() - t0 };
}

export const seedHandlers: DomainHandlerGroup<'persons.seed'> = {
  'persons.seed': (ctx, input) => seedPersons(ctx, input),
};

const SEEDED_TABLES = [
  'persons',
  'person_name_tokens',
  'person_measures',
  'person_check_ins',
  'drug_tests',
  'addiction_determinations',
  'change_log',
];

/**
 * Bulk loading: secondary indexes are dropped while rows go in and rebuilt once at the end, which is several
 * times faster than keeping a dozen B-trees in step row by row. Unique indexes stay, so constraints hold, and so
 * do a person's own indexes on the tests, findings and measures: the report facts' triggers (migration
 * 2026_12_03_1810_report_facts) read a person's rows by them on every insert, and without them each insert read
 * the whole table (a million people seeded at 80 a second, slower with every row).
 */
function dropSecondaryIndexes(w: BatchWriter): string[] {
  const rows = w
    .statement(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${SEEDED_TABLES.map(() => '?').join(',')})`,
    )
    .all(SEEDED_TABLES) as { name: string; sql: string }[];
  const dropped = rows.filter((r) => !/^CREATE UNIQUE/i.test(r.sql) && !/\(\s*person_id\s*\)\s*$/i.test(r.sql));
  for (const r of dropped) w.exec(`DROP INDEX ${r.name}`);
  return dropped.map((r) => r.sql);
}

/** Plausible histories: most have a positive test, many a management measure, some rehab and after-care. */
function plan(rnd: () => number, today: string) {
  const daysAgo = (max: number, min = 0) => addDays(today, -(min + Math.floor(rnd() * (max - min))));
  const measures: { kind: MeasureKind; start: string }[] = [];
  const tests: { date: string; positive: boolean }[] = [];
  const determinations: { requested: string; result: string; registered: string | null }[] = [];
  const first = daysAgo(1100, 30);
  tests.push({ date: first, positive: rnd() < 0.8 });
  if (rnd() < 0.35) tests.push({ date: daysAgo(200), positive: rnd() < 0.5 });
  if (rnd() < 0.45) measures.push({ kind: 'user_management', start: addDays(first, 10) });
  if (rnd() < 0.3) {
    const requested = addDays(first, 5);
    const result = addDays(requested, 3 + Math.floor(rnd() * 10));
    const registered = rnd() < 0.8 ? addDays(result, Math.floor(rnd() * 6)) : null;
    determinations.push({ requested, result, registered });
    if (registered) {
      const r = rnd();
      const kind: MeasureKind =
        r < 0.15
          ? 'methadone'
          : r < 0.55
            ? 'voluntary_rehab_community'
            : r < 0.75
              ? 'voluntary_rehab_facility'
              : 'compulsory_rehab';
      measures.push({ kind, start: registered });
      if (kind !== 'methadone' && rnd() < 0.5)
        measures.push({
          kind: 'post_rehab_management',
          start: addDays(registered, kind === 'compulsory_rehab' ? 730 : 183),
        });
    }
  }
  const lastContact =
    tests
      .map((t) => t.date)
      .sort()
      .pop() ?? null;
  return { measures: measures.filter((m) => m.start <= today), tests, determinations, lastContact };
}
