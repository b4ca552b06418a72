import { sql, type NotNull } from 'kysely';
import type { Determination, DrugTest, Measure } from '../../shared/contract/person-types';
import type { MeasureKind } from '../../shared/domain/persons';
import type { Db } from '../changelog/changelog';
import type { DeterminationRow, MeasureRow } from '../db/schema';
import { determinationOf, measureOf, testOf } from './measure.mapper';
import { SUMMARY_COLUMNS } from './person.mapper';
import { liveInScope, type PersonScope } from './person.scope';

/** The tables that hang off a person (a merge moves their live rows to the kept file). */
export type PersonChildTable = 'personMeasures' | 'personCheckIns' | 'drugTests' | 'addictionDeterminations';

/** What a person's category and last contact follow from (person.category.ts). */
export interface CategoryInputs {
  activeKinds: MeasureKind[];
  latestDetermination: string | null;
  anyPositiveTest: boolean;
  lastContact: string | null;
}

/** (A function, not a constant: this module and person.mapper.ts import each other through the table specs.) */
const summaryOfP = () => SUMMARY_COLUMNS.map((c) => `p.${c}` as const);

/**
 * Queries on a person's measures, check-ins, tests and determinations, for the services (which never call
 * `selectFrom` themselves). Rows are mapped by the mappers beside the tables (measure.mapper.ts).
 */
export const measureRepository = Object.freeze({
  /** A live measure row, or undefined. */
  async liveMeasure(db: Db, id: string): Promise<MeasureRow | undefined> {
    return db
      .selectFrom('personMeasures')
      .selectAll()
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },

  /** A measure with its live check-ins, as the screen shows it. */
  async measure(db: Db, id: string): Promise<Measure> {
    const m = await db.selectFrom('personMeasures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const checkIns = await db
      .selectFrom('personCheckIns')
      .selectAll()
      .where('measureId', '=', id)
      .where('deletedAt', 'is', null)
      .execute();
    return measureOf(m, checkIns);
  },

  async test(db: Db, id: string): Promise<DrugTest> {
    return testOf(await db.selectFrom('drugTests').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  },

  /** A live determination row, or undefined. */
  async liveDetermination(db: Db, id: string): Promise<DeterminationRow | undefined> {
    return db
      .selectFrom('addictionDeterminations')
      .selectAll()
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },

  async determination(db: Db, id: string): Promise<Determination> {
    return determinationOf(
      await db.selectFrom('addictionDeterminations').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  },

  /** A person's live measures (with their check-ins), tests and determinations, newest first. */
  async entriesOf(
    db: Db,
    personId: string,
  ): Promise<{ measures: Measure[]; tests: DrugTest[]; determinations: Determination[] }> {
    // Sorted here, not by SQL: ordered by the start, SQLite reads the measures through the report's period index
    // and then each row by its key (a page each); unordered, it reads the person's rows where they sit together
    // (migration 2026_12_04_0940_person_children_clustered). Newest first, ties by id.
    const mRows = (
      await db
        .selectFrom('personMeasures')
        .selectAll()
        .where('personId', '=', personId)
        .where('deletedAt', 'is', null)
        .execute()
    ).sort((a, b) =>
      a.startDate === b.startDate ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.startDate < b.startDate ? 1 : -1,
    );
    // Check-ins hang off measures: a person without a live measure shows none, so their pages are not read.
    const [cRows, tRows, dRows] = await Promise.all([
      mRows.length
        ? db
            .selectFrom('personCheckIns')
            .selectAll()
            .where('personId', '=', personId)
            .where('deletedAt', 'is', null)
            .execute()
        : [],
      db
        .selectFrom('drugTests')
        .selectAll()
        .where('personId', '=', personId)
        .where('deletedAt', 'is', null)
        .orderBy('date', 'desc')
        .execute(),
      db
        .selectFrom('addictionDeterminations')
        .selectAll()
        .where('personId', '=', personId)
        .where('deletedAt', 'is', null)
        .orderBy('requestedDate', 'desc')
        .execute(),
    ]);
    return {
      measures: mRows.map((m) => measureOf(m, cRows)),
      tests: tRows.map(testOf),
      determinations: dRows.map(determinationOf),
    };
  },

  /** The ids of a person's live rows in one of the tables that hang off a person. */
  async liveIdsOf(db: Db, table: PersonChildTable, personId: string): Promise<string[]> {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('personId', '=', personId)
      .where('deletedAt', 'is', null)
      .execute();
    return rows.map((r) => r.id);
  },

  /** The facts a person's category and last contact are derived from, as of `today`. */
  async categoryInputs(db: Db, personId: string, today: string): Promise<CategoryInputs> {
    const measures = await db
      .selectFrom('personMeasures')
      .select('kind')
      .where('personId', '=', personId)
      .where('deletedAt', 'is', null)
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', today)]))
      .execute();
    const det = await db
      .selectFrom('addictionDeterminations')
      .select('result')
      .where('personId', '=', personId)
      .where('deletedAt', 'is', null)
      .where('result', '!=', 'pending')
      .orderBy('resultDate', 'desc')
      .executeTakeFirst();
    const positive = await db
      .selectFrom('drugTests')
      .select('id')
      .where('personId', '=', personId)
      .where('deletedAt', 'is', null)
      .where('result', '=', 'positive')
      .executeTakeFirst();
    const contact = await db
      .selectFrom((eb) =>
        eb
          .selectFrom('personCheckIns')
          .select('date')
          .where('personId', '=', personId)
          .where('deletedAt', 'is', null)
          .unionAll(
            eb.selectFrom('drugTests').select('date').where('personId', '=', personId).where('deletedAt', 'is', null),
          )
          .as('c'),
      )
      .select((eb) => eb.fn.max('c.date').as('last'))
      .executeTakeFirst();
    return {
      activeKinds: measures.map((m) => m.kind as MeasureKind),
      latestDetermination: det?.result ?? null,
      anyPositiveTest: Boolean(positive),
      lastContact: (contact?.last as string | null) ?? null,
    };
  },

  /**
   * `categoryInputs` of many persons at once (an import's re-derive): four queries per 500 persons instead of
   * four per person, with the same rules (the latest determination by result date).
   */
  async categoryInputsMany(db: Db, personIds: readonly string[], today: string): Promise<Map<string, CategoryInputs>> {
    const out = new Map<string, CategoryInputs>();
    for (const id of personIds)
      out.set(id, { activeKinds: [], latestDetermination: null, anyPositiveTest: false, lastContact: null });
    for (let i = 0; i < personIds.length; i += 500) {
      const part = personIds.slice(i, i + 500);
      // `+status`, `+result`: these persons' rows are found by person (the list), never by the status or result
      // index, which SQLite chose on a fresh receiver and then read every active measure (or positive test) per
      // query: 270 ms each, 54 s of a 100,000-person import.
      for (const m of await db
        .selectFrom('personMeasures')
        .select(['personId', 'kind'])
        .where('personId', 'in', part)
        .where('deletedAt', 'is', null)
        .where(sql<string>`+${sql.ref('status')}`, '=', 'active')
        .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', today)]))
        .execute())
        out.get(m.personId)?.activeKinds.push(m.kind as MeasureKind);
      const decided = new Set<string>();
      for (const d of await db
        .selectFrom('addictionDeterminations')
        .select(['personId', 'result'])
        .where('personId', 'in', part)
        .where('deletedAt', 'is', null)
        .where('result', '!=', 'pending')
        .orderBy('resultDate', 'desc')
        .execute()) {
        if (decided.has(d.personId)) continue;
        decided.add(d.personId);
        const f = out.get(d.personId);
        if (f) f.latestDetermination = d.result;
      }
      for (const t of await db
        .selectFrom('drugTests')
        .select('personId')
        .distinct()
        .where('personId', 'in', part)
        .where('deletedAt', 'is', null)
        .where(sql<string>`+${sql.ref('result')}`, '=', 'positive')
        .execute()) {
        const f = out.get(t.personId);
        if (f) f.anyPositiveTest = true;
      }
      for (const c of await db
        .selectFrom((eb) =>
          eb
            .selectFrom('personCheckIns')
            .select(['personId', 'date'])
            .where('personId', 'in', part)
            .where('deletedAt', 'is', null)
            .unionAll(
              eb
                .selectFrom('drugTests')
                .select(['personId', 'date'])
                .where('personId', 'in', part)
                .where('deletedAt', 'is', null),
            )
            .as('c'),
        )
        .select((eb) => ['c.personId', eb.fn.max('c.date').as('last')])
        .groupBy('c.personId')
        .execute()) {
        const f = out.get(c.personId);
        if (f) f.lastContact = (c.last as string | null) ?? null;
      }
    }
    return out;
  },

  /** People with an active measure whose end date fell in [`since`, `today`) (any earlier end when `since` is null). */
  async personsWithMeasuresEnded(db: Db, since: string | null, today: string): Promise<string[]> {
    let q = db
      .selectFrom('personMeasures')
      .select('personId')
      .distinct()
      .where('status', '=', 'active')
      .where('deletedAt', 'is', null)
      .where('endDate', '<', today);
    if (since !== null) q = q.where('endDate', '>=', since);
    return (await q.execute()).map((m) => m.personId);
  },

  /** Active measures ending between `today` and `horizon`, with their live persons in scope (the due list). */
  async endingBetween(db: Db, scope: PersonScope, today: string, horizon: string) {
    return db
      .selectFrom('personMeasures as m')
      .innerJoin('persons as p', 'p.id', 'm.personId')
      .select([...summaryOfP(), 'm.id as refId', 'm.endDate as date', 'm.kind as detail'])
      .where('m.status', '=', 'active')
      .where('m.deletedAt', 'is', null)
      .where('m.endDate', '>=', today)
      .where('m.endDate', '<=', horizon)
      .where(liveInScope(scope))
      .$narrowType<{ date: NotNull }>() // the range above excludes null
      .execute();
  },

  /** Positive determinations whose registration deadline passed unregistered, live persons in scope (the due list). */
  async overdueRegistrations(db: Db, scope: PersonScope, today: string) {
    return db
      .selectFrom('addictionDeterminations as d')
      .innerJoin('persons as p', 'p.id', 'd.personId')
      .select([...summaryOfP(), 'd.id as refId', 'd.registrationDeadline as date'])
      .where('d.result', '=', 'addicted')
      .where('d.registeredAt', 'is', null)
      .where('d.deletedAt', 'is', null)
      .where('d.registrationDeadline', '<', today)
      .where(liveInScope(scope))
      .$narrowType<{ date: NotNull }>() // `< today` excludes null
      .execute();
  },

  /** What a determination's registration deadline is derived from (test.table.ts re-derives it after a merge). */
  async determinationFacts(db: Db, id: string): Promise<{ result: string; resultDate: string | null }> {
    return db
      .selectFrom('addictionDeterminations')
      .select(['result', 'resultDate'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  },

  /** `determinationFacts` of many determinations with their current deadline, 500 to a query. */
  async determinationFactsMany(
    db: Db,
    ids: readonly string[],
  ): Promise<{ id: string; result: string; resultDate: string | null; registrationDeadline: string | null }[]> {
    const out = [];
    for (let i = 0; i < ids.length; i += 500)
      out.push(
        ...(await db
          .selectFrom('addictionDeterminations')
          .select(['id', 'result', 'resultDate', 'registrationDeadline'])
          .where('id', 'in', ids.slice(i, i + 500))
          .execute()),
      );
    return out;
  },

  /** Derived, so local: written in place, never change-logged. */
  async setRegistrationDeadline(db: Db, id: string, registrationDeadline: string | null): Promise<void> {
    await db.updateTable('addictionDeterminations').set({ registrationDeadline }).where('id', '=', id).execute();
  },
});
