import type { Determination, DrugTest, Measure } from '../../shared/contract/person-types';
import type { Db } from '../changelog/changelog';
import type { DeterminationRow, MeasureRow } from '../db/schema';
import { determinationOf, measureOf, testOf } from './person.file';

/**
 * Queries on a person's measures, check-ins, tests and determinations, for the services (which never call
 * `selectFrom` themselves). Rows are mapped by the mappers beside the tables (person.file.ts).
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
});
