import { v7 as uuidv7 } from 'uuid';
import type { DeadlineItem, HotspotChange } from '../../shared/contract';
import { daysBetween } from '../../shared/domain/investigations/deadlines';
import { HOTSPOT_TRANSITIONS, canMove, type HotspotStatus } from '../../shared/domain/investigations/states';
import type { Severity } from '../../shared/domain/investigations/severity';
import { addDays } from '../../shared/domain/working-days';
import { insertRecord, updateRecord } from '../changelog/changelog';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import { scopedCase } from './case.service';
import { invalid, placement, requireInScope, todayOf } from './investigation.access';
import { hotspotView } from './investigation.mapper';
import { investigationRepository as repo } from './investigation.repository';
import { hotspotTable } from './investigation.table';
import { seedInvestigations } from './investigation.seed';

type Procs =
  | 'hotspots.create'
  | 'hotspots.get'
  | 'hotspots.list'
  | 'hotspots.update'
  | 'hotspots.advance'
  | 'investigations.deadlines'
  | 'investigations.seed';

function scopedHotspot(ctx: DomainContext, id: string) {
  return requireInScope(ctx, hotspotTable, id, () => repo.hotspot(ctx.db(), id));
}

async function loadHotspot(ctx: DomainContext, id: string) {
  return hotspotView((await repo.hotspot(ctx.db(), id))!);
}

export const hotspotHandlers: DomainHandlerGroup<Procs> = {
  async 'hotspots.create'(ctx, h) {
    if (h.discoveredOn > todayOf(ctx)) throw invalid('discoveredOn', 'date_in_future');
    const place = placement(ctx, 'tips', h.communeCode);
    const id = uuidv7();
    const first: HotspotChange = { status: 'active', on: h.discoveredOn, caseId: null, note: null };
    await insertRecord(ctx.db(), ctx.changes(), 'hotspots', id, {
      unitId: place.unitId,
      provinceCode: place.provinceCode,
      communeCode: h.communeCode,
      address: h.address,
      kind: h.kind,
      activities: JSON.stringify([...new Set(h.activities)]),
      discoveredOn: h.discoveredOn,
      status: 'active',
      statusOn: h.discoveredOn,
      eliminatedOn: null,
      eliminatedByCaseId: null,
      reformedCount: 0,
      reformedOn: null,
      notes: h.notes,
      history: JSON.stringify([first]),
    });
    ctx.target({ recordType: 'hotspot', recordId: id, detail: { kind: h.kind } });
    return loadHotspot(ctx, id);
  },

  async 'hotspots.get'(ctx, { hotspotId }) {
    ctx.target({ recordType: 'hotspot', recordId: hotspotId });
    await scopedHotspot(ctx, hotspotId);
    return loadHotspot(ctx, hotspotId);
  },

  async 'hotspots.list'(ctx, f) {
    const { rows, total, byCommune } = await repo.hotspotList(ctx.db(), ctx.scope('tips'), f);
    const per = new Map<string, Record<HotspotStatus, number>>();
    for (const r of byCommune) {
      const counts = per.get(r.communeCode) ?? { active: 0, under_treatment: 0, eliminated: 0, reformed: 0 };
      counts[r.status as HotspotStatus] = r.n;
      per.set(r.communeCode, counts);
    }
    return {
      items: rows.map(hotspotView),
      total,
      byCommune: [...per.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([communeCode, counts]) => ({ communeCode, counts })),
    };
  },

  async 'hotspots.update'(ctx, { hotspotId, patch }) {
    ctx.target({ recordType: 'hotspot', recordId: hotspotId });
    const row = await scopedHotspot(ctx, hotspotId);
    if (patch.discoveredOn && patch.discoveredOn > todayOf(ctx)) throw invalid('patch.discoveredOn', 'date_in_future');
    if (patch.discoveredOn && row.status !== 'active' && patch.discoveredOn > row.statusOn)
      throw invalid('patch.discoveredOn', 'date_before_status');
    const changed = await updateRecord(ctx.db(), ctx.changes(), 'hotspots', hotspotId, {
      ...patch,
      activities: patch.activities ? JSON.stringify([...new Set(patch.activities)]) : undefined,
    });
    ctx.target({ recordType: 'hotspot', recordId: hotspotId, detail: { fields: changed.join(',') } });
    return loadHotspot(ctx, hotspotId);
  },

  async 'hotspots.advance'(ctx, a) {
    ctx.target({ recordType: 'hotspot', recordId: a.hotspotId });
    const row = await scopedHotspot(ctx, a.hotspotId);
    if (!canMove(HOTSPOT_TRANSITIONS, row.status as HotspotStatus, a.status))
      throw invalid('status', 'state_change_not_allowed');
    if (a.on < row.statusOn) throw invalid('on', 'date_before_status');
    if (a.on > todayOf(ctx)) throw invalid('on', 'date_in_future');
    // The case that eliminated it must be one the caller may read (commune officers name none).
    if (a.caseId) await scopedCase(ctx, a.caseId);
    const history = [
      ...(JSON.parse(row.history) as HotspotChange[]),
      { status: a.status, on: a.on, caseId: a.caseId, note: a.note },
    ];
    await updateRecord(ctx.db(), ctx.changes(), 'hotspots', a.hotspotId, {
      status: a.status,
      statusOn: a.on,
      history: JSON.stringify(history),
      ...(a.status === 'eliminated' ? { eliminatedOn: a.on, eliminatedByCaseId: a.caseId } : {}),
      ...(a.status === 'reformed' ? { reformedOn: a.on, reformedCount: row.reformedCount + 1 } : {}),
    });
    ctx.target({ recordType: 'hotspot', recordId: a.hotspotId, detail: { from: row.status, to: a.status } });
    return loadHotspot(ctx, a.hotspotId);
  },

  async 'investigations.deadlines'(ctx, { withinDays, limit }) {
    const today = todayOf(ctx);
    const until = addDays(today, withinDays);
    const items: DeadlineItem[] = [];
    const tips = ctx.scope('tips');
    if (tips.view !== 'none') {
      for (const t of await repo.dueTips(ctx.db(), tips, until, limit)) {
        items.push({
          kind: 'tip',
          id: t.id,
          label: `${t.receivedOn.slice(8, 10)}/${t.receivedOn.slice(5, 7)}/${t.receivedOn.slice(0, 4)} · ${t.summary.slice(0, 60)}`,
          state: t.state as DeadlineItem['state'],
          severity: null,
          deadline: t.deadline,
          daysLeft: daysBetween(today, t.deadline),
          unitId: t.unitId,
          communeCode: t.communeCode,
        });
      }
    }
    const cases = ctx.scope('cases');
    if (cases.view !== 'none') {
      for (const c of await repo.dueCases(ctx.db(), cases, until, limit)) {
        items.push({
          kind: 'case',
          id: c.id,
          label: c.number,
          state: c.state as DeadlineItem['state'],
          severity: c.severity as Severity,
          deadline: c.deadline,
          daysLeft: daysBetween(today, c.deadline),
          unitId: c.unitId,
          communeCode: c.communeCode,
        });
      }
    }
    return items.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.kind.localeCompare(b.kind)).slice(0, limit);
  },

  'investigations.seed': (ctx, input) => seedInvestigations(ctx, input),
};
