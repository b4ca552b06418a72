import { v7 as uuidv7 } from 'uuid';
import type { TipView } from '../../shared/contract';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { TIP_LIMIT, checkExtension } from '../../shared/domain/investigations/deadlines';
import { addDays } from '../../shared/domain/working-days';
import { TIP_TRANSITIONS, canMove, type TipState } from '../../shared/domain/investigations/states';
import { Permissions, roleHas } from '../../shared/domain/roles';
import { insertRecord, updateRecord } from '../changelog/changelog';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import { recordInScope } from '../platform/record-access';
import { specOf } from '../platform/tables';
import { createCase } from './case.service';
import { invalid, placement, requireInScope, todayOf, visiblePersons } from './investigation.access';
import {
  currentExtensions,
  orderExtensions,
  parseJson,
  tipDerived,
  tipRow,
  tipStart,
  tipView,
} from './investigation.mapper';
import { investigationRepository as repo } from './investigation.repository';
import { tipTable } from './investigation.table';

type Procs = 'tips.create' | 'tips.get' | 'tips.update' | 'tips.decide' | 'tips.extend' | 'tips.list';

/** A tip the caller may see (tips family scope), or NOT_FOUND / FORBIDDEN. */
export function scopedTip(ctx: DomainContext, id: string) {
  return requireInScope(ctx, tipTable, id, () => repo.tip(ctx.db(), id));
}

/** The tip as the caller sees it: seizures only for roles that read case files. */
export async function loadTip(ctx: DomainContext, id: string): Promise<TipView> {
  const db = ctx.db();
  const row = (await repo.tip(db, id))!;
  const seizures = ctx.scope('cases').view === 'none' ? [] : await repo.seizuresOf(db, { tipId: id });
  const persons = await visiblePersons(ctx, await repo.personSummaries(db, parseJson<string[]>(row.personIds, [])));
  return tipView(row, await repo.tipExtensions(db, id), seizures, todayOf(ctx), persons);
}

/** Persons a tip names: each must be a person of the registry the caller may see (persons scope). */
async function checkPersons(ctx: DomainContext, ids: readonly string[]) {
  for (const id of ids)
    if (!(await repo.personExists(ctx.db(), id)) || !(await recordInScope(ctx, specOf('persons'), id)))
      throw invalid('personIds', 'person_not_found');
}

export const tipHandlers: DomainHandlerGroup<Procs> = {
  async 'tips.create'(ctx, t) {
    const receivedOn = t.receivedOn ?? t.receivedAt!.slice(0, 10);
    if (receivedOn > todayOf(ctx)) throw invalid(t.receivedOn ? 'receivedOn' : 'receivedAt', 'date_in_future');
    await checkPersons(ctx, t.personIds);
    const place = placement(ctx, 'tips', t.communeCode);
    const id = uuidv7();
    await insertRecord(ctx.db(), ctx.changes(), 'tips', id, {
      receivedOn,
      receivedAt: t.receivedAt ?? null,
      receivedBy: t.receivedBy,
      source: t.source,
      channel: t.channel,
      ...place,
      place: t.place,
      summary: t.summary,
      personIds: JSON.stringify(t.personIds),
      state: 'verifying',
      decidedOn: null,
      decisionNumber: null,
      decisionNote: null,
      transferredTo: null,
      caseId: null,
      deadline: tipDerived({ receivedOn }, []).deadline,
    });
    ctx.target({ recordType: 'tip', recordId: id, detail: { channel: t.channel, source: t.source } });
    return loadTip(ctx, id);
  },

  async 'tips.get'(ctx, { tipId }) {
    ctx.target({ recordType: 'tip', recordId: tipId });
    await scopedTip(ctx, tipId);
    return loadTip(ctx, tipId);
  },

  async 'tips.update'(ctx, { tipId, patch }) {
    ctx.target({ recordType: 'tip', recordId: tipId });
    const row = await scopedTip(ctx, tipId);
    const receivedOn = patch.receivedOn ?? (patch.receivedAt ? patch.receivedAt.slice(0, 10) : row.receivedOn);
    const receivedAt = patch.receivedAt === undefined ? row.receivedAt : patch.receivedAt;
    if (receivedAt && receivedAt.slice(0, 10) !== receivedOn) throw invalid('receivedAt', 'received_at_other_day');
    if (receivedOn > todayOf(ctx)) throw invalid('receivedOn', 'date_in_future');
    if (row.decidedOn && row.decidedOn < receivedOn) throw invalid('receivedOn', 'decision_before_receipt');
    if (patch.personIds) await checkPersons(ctx, patch.personIds);
    const place =
      patch.communeCode === undefined
        ? {}
        : { provinceCode: placement(ctx, 'tips', patch.communeCode).provinceCode, communeCode: patch.communeCode };
    const changed = await updateRecord(ctx.db(), ctx.changes(), 'tips', tipId, {
      receivedOn,
      receivedAt,
      receivedBy: patch.receivedBy,
      source: patch.source,
      channel: patch.channel,
      ...place,
      place: patch.place,
      summary: patch.summary,
      personIds: patch.personIds ? JSON.stringify(patch.personIds) : undefined,
    });
    await repo.refreshTip(ctx.db(), tipId);
    ctx.target({ recordType: 'tip', recordId: tipId, detail: { fields: changed.join(',') } });
    return loadTip(ctx, tipId);
  },

  async 'tips.decide'(ctx, d) {
    ctx.target({ recordType: 'tip', recordId: d.tipId });
    const row = await scopedTip(ctx, d.tipId);
    if (!canMove(TIP_TRANSITIONS, row.state as TipState, d.decision))
      throw invalid(
        'decision',
        row.state === 'verifying' || row.state === 'suspended' ? 'state_change_not_allowed' : 'tip_already_decided',
      );
    if (d.decidedOn < row.receivedOn) throw invalid('decidedOn', 'decision_before_receipt');
    if (d.decidedOn > todayOf(ctx)) throw invalid('decidedOn', 'date_in_future');
    let caseId = row.caseId;
    if (d.case) {
      if (!roleHas(ctx.session().role, Permissions.casesWrite))
        throw new AppError(ErrorCodes.FORBIDDEN, 'opening a case needs cases.write');
      if (d.case.prosecutedOn < row.receivedOn) throw invalid('case.prosecutedOn', 'decision_before_receipt');
      caseId = await createCase(ctx, { ...d.case, tipId: d.tipId }, row);
    }
    await updateRecord(ctx.db(), ctx.changes(), 'tips', d.tipId, {
      state: d.decision,
      decidedOn: d.decidedOn,
      decisionNumber: d.decisionNumber,
      decisionNote: d.note,
      transferredTo: d.decision === 'transferred' ? d.transferredTo : row.transferredTo,
      caseId,
    });
    await repo.refreshTip(ctx.db(), d.tipId);
    ctx.target({
      recordType: 'tip',
      recordId: d.tipId,
      detail: { decision: d.decision, ...(caseId && caseId !== row.caseId ? { case: caseId } : {}) },
    });
    return loadTip(ctx, d.tipId);
  },

  async 'tips.extend'(ctx, e) {
    ctx.target({ recordType: 'tip', recordId: e.tipId });
    const row = await scopedTip(ctx, e.tipId);
    if (row.state !== 'verifying') throw invalid('months', 'limit_not_running');
    const previous = currentExtensions(tipStart(row), orderExtensions(await repo.tipExtensions(ctx.db(), e.tipId)));
    const problem = checkExtension(TIP_LIMIT, tipStart(row), previous, e);
    if (problem) throw invalid(problem.path, problem.code);
    if (e.decidedOn > todayOf(ctx)) throw invalid('decidedOn', 'date_in_future');
    const id = uuidv7();
    await insertRecord(ctx.db(), ctx.changes(), 'tipExtensions', id, {
      tipId: e.tipId,
      decisionNumber: e.decisionNumber,
      decidedOn: e.decidedOn,
      months: e.months,
    });
    await repo.refreshTip(ctx.db(), e.tipId);
    ctx.target({ recordType: 'tip', recordId: e.tipId, detail: { extension: id, months: e.months } });
    return loadTip(ctx, e.tipId);
  },

  async 'tips.list'(ctx, f) {
    const today = todayOf(ctx);
    const { rows, total } = await repo.tipList(ctx.db(), ctx.scope('tips'), {
      ...f,
      dueBy: f.dueWithinDays === undefined ? undefined : addDays(today, f.dueWithinDays),
      today,
    });
    const counts = await repo.extensionCounts(
      ctx.db(),
      'tipExtensions',
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => tipRow(r, today, counts.get(r.id) ?? 0)), total };
  },
};
