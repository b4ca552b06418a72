import { v7 as uuidv7 } from 'uuid';
import type { PlanView } from '../../shared/contract/reports';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { insertRecord, tombstone, updateRecord } from '../changelog/changelog';
import type { Db } from '../platform/table-spec';
import type { DomainHandlerGroup } from '../host/context';
import { callerProvince } from './report.area';
import { planView, reportRepository } from './report.repository';

export async function plansFor(db: Db, provinceCode: string | null): Promise<PlanView[]> {
  return (await reportRepository.plansFor(db, provinceCode)).map(planView);
}

/**
 * The plan whose targets apply to a year and province: the one asked for, else the latest province plan whose
 * period covers the year, else the latest national one.
 */
export async function planForYear(
  db: Db,
  provinceCode: string,
  year: number,
  planId?: string,
): Promise<PlanView | null> {
  const plans = await plansFor(db, provinceCode);
  if (planId) {
    const p = plans.find((x) => x.id === planId);
    if (!p) throw new AppError(ErrorCodes.NOT_FOUND, 'no such plan for this province');
    return p;
  }
  const covering = plans.filter((p) => p.fromYear <= year && p.toYear >= year);
  return covering.find((p) => p.scope === 'province') ?? covering[0] ?? null;
}

export const planHandlers: DomainHandlerGroup<'plans.list' | 'plans.save' | 'plans.delete'> = {
  async 'plans.list'(ctx) {
    return plansFor(ctx.db(), callerProvince(ctx));
  },

  async 'plans.save'(ctx, { planId, plan }) {
    const own = ctx.scope('persons').provinceCode;
    if (!own) throw new AppError(ErrorCodes.FORBIDDEN, 'plans are kept by a province');
    // A leader keeps the plans of their own province (a template without a code becomes theirs); national plans
    // are templates any province may load.
    if (plan.scope === 'province' && plan.provinceCode === null) plan = { ...plan, provinceCode: own };
    if (plan.scope === 'province' && plan.provinceCode !== own)
      throw new AppError(ErrorCodes.FORBIDDEN, 'a plan of another province', {
        issues: [{ path: 'provinceCode', code: 'plan_other_province' }],
      });
    const fields = { ...plan, targets: JSON.stringify(plan.targets) };
    let id = planId;
    if (id) {
      const existing = await reportRepository.planOwner(ctx.db(), id);
      if (!existing) throw new AppError(ErrorCodes.NOT_FOUND, 'no such plan');
      if (existing.scope === 'province' && existing.provinceCode !== own)
        throw new AppError(ErrorCodes.FORBIDDEN, 'a plan of another province');
      await updateRecord(ctx.db(), ctx.changes(), 'reportPlans', id, fields);
    } else {
      id = uuidv7();
      await insertRecord(ctx.db(), ctx.changes(), 'reportPlans', id, fields);
    }
    ctx.target({
      recordType: 'report_plan',
      recordId: id,
      detail: { decision: plan.decisionNumber, targets: plan.targets.length },
    });
    return planView(await reportRepository.plan(ctx.db(), id));
  },

  async 'plans.delete'(ctx, { planId }) {
    const own = ctx.scope('persons').provinceCode;
    const existing = await reportRepository.planOwner(ctx.db(), planId);
    if (!existing) throw new AppError(ErrorCodes.NOT_FOUND, 'no such plan');
    if (existing.scope === 'province' && existing.provinceCode !== own)
      throw new AppError(ErrorCodes.FORBIDDEN, 'a plan of another province');
    await tombstone(ctx.db(), ctx.changes(), 'reportPlans', planId);
    ctx.target({ recordType: 'report_plan', recordId: planId });
    return { deleted: true };
  },
};
