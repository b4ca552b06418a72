import type { PlanView } from '../../shared/contract/reports';
import type { PlanScope, PlanTarget } from '../../shared/domain/indicators';
import type { Db } from '../platform/table-spec';
import type { CommuneStatusTable, ReportPlanTable } from './report.schema';

/** A plan's row as the screens and the reports see it (targets parsed). */
export function planView(r: ReportPlanTable): PlanView {
  return {
    id: r.id,
    title: r.title,
    decisionNumber: r.decisionNumber,
    decisionDate: r.decisionDate,
    authority: r.authority,
    scope: r.scope as PlanScope,
    provinceCode: r.provinceCode,
    fromYear: r.fromYear,
    toYear: r.toYear,
    targets: JSON.parse(r.targets) as PlanTarget[],
    updatedAt: r.updatedAt,
  };
}

/**
 * The reports' own records (plans, commune statuses): every read of them, taking the call's Kysely handle. Their
 * writes go through the change log (insertRecord, updateRecord, tombstone) in the services.
 */
export const reportRepository = Object.freeze({
  /** Live plans a province sees: the national ones and its own (every national one when no province). */
  async plansFor(db: Db, provinceCode: string | null): Promise<ReportPlanTable[]> {
    return db
      .selectFrom('reportPlans')
      .selectAll()
      .where('deletedAt', 'is', null)
      .where((eb) =>
        provinceCode === null
          ? eb('scope', '=', 'national')
          : eb.or([eb('scope', '=', 'national'), eb('provinceCode', '=', provinceCode)]),
      )
      .orderBy('fromYear', 'desc')
      .orderBy('decisionDate', 'desc')
      .execute();
  },

  /** A live plan's owner (its scope and province), to check who may change it. */
  async planOwner(db: Db, id: string): Promise<{ id: string; provinceCode: string | null; scope: string } | undefined> {
    return db
      .selectFrom('reportPlans')
      .select(['id', 'provinceCode', 'scope'])
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },

  async plan(db: Db, id: string): Promise<ReportPlanTable> {
    return db.selectFrom('reportPlans').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  },

  /** The live statuses of a province's communes in a year, by commune code. */
  async statusesOf(db: Db, provinceCode: string, year: number): Promise<Map<string, CommuneStatusTable>> {
    const rows = await db
      .selectFrom('communeStatuses')
      .selectAll()
      .where('provinceCode', '=', provinceCode)
      .where('year', '=', year)
      .where('deletedAt', 'is', null)
      .execute();
    return new Map(rows.map((r) => [r.communeCode, r]));
  },

  /** Whether a commune's status record of a year exists (live or not: its id is derived from both). */
  async statusExists(db: Db, id: string): Promise<boolean> {
    const r = await db.selectFrom('communeStatuses').select('id').where('id', '=', id).executeTakeFirst();
    return r !== undefined;
  },
});
