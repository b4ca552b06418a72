import { v7 as uuidv7 } from 'uuid';
import type { ParsedInputOf } from '../../shared/contract';
import type { FacilityRoster, HandoverItem, RosterRow, StayView } from '../../shared/contract/rehab-types';
import { STAY_STAGE_LIST, type StayStage } from '../../shared/domain/rehab/codes';
import { daysLeft, plannedDischarge } from '../../shared/domain/rehab/logic';
import { Permissions } from '../../shared/domain/roles';
import { insertRecord, updateRecord } from '../changelog/changelog';
import type { DomainContext } from '../host/context';
import {
  addMeasure,
  boardItem,
  facilityRow,
  facilityView,
  fail,
  forbidden,
  occupancy,
  personRow,
  personSummary,
  scopedStay,
  scopedVoluntary,
  stayView,
  today,
  type StayRow,
} from './rehab.core';
import { advance, dischargeStay, holds } from './referral.service';
import { refreshReferralDeadlines } from './rehab.derive';
import { rehabRepository } from './rehab.repository';

export async function readStay(ctx: DomainContext, id: string): Promise<StayView> {
  const s = await scopedStay(ctx, id);
  ctx.target({ recordType: 'stay', recordId: s.id });
  return stayView(s, await personSummary(ctx.db(), s.personId), today(ctx));
}

async function stayOf(ctx: DomainContext, where: { referralId?: string; voluntaryId?: string }): Promise<StayRow> {
  const s = await rehabRepository.latestStay(ctx.db(), where);
  if (!s) throw new Error('no stay after admission');
  return s;
}

export async function admit(ctx: DomainContext, input: ParsedInputOf<'stays.admit'>): Promise<StayView> {
  if (Boolean(input.referralId) === Boolean(input.voluntaryId)) fail('referralId', 'referral_or_voluntary');
  if (input.referralId) {
    await advance(ctx, {
      referralId: input.referralId,
      to: 'admitted',
      on: input.admittedOn,
      note: input.note,
      facilityId: input.facilityId,
      capacityOverride: input.capacityOverride,
    });
    const s = await stayOf(ctx, { referralId: input.referralId });
    ctx.target({ recordType: 'stay', recordId: s.id });
    return stayView(s, await personSummary(ctx.db(), s.personId), today(ctx));
  }
  // Voluntary rehab at a facility.
  const db = ctx.db();
  const v = await scopedVoluntary(ctx, input.voluntaryId!);
  if (v.setting !== 'facility') fail('voluntaryId', 'voluntary_facility_required');
  if (v.status !== 'registered') fail('voluntaryId', 'stay_already_open');
  if (input.admittedOn > today(ctx)) fail('admittedOn', 'date_in_future');
  if (input.admittedOn < v.registeredOn) fail('admittedOn', 'date_before_previous');
  const facility = await facilityRow(db, input.facilityId);
  if (!facility) fail('facilityId', 'facility_not_found');
  if (facility.kind === 'methadone_clinic') fail('facilityId', 'facility_kind_mismatch');
  if (input.capacityOverride && !holds(ctx, Permissions.referralsApprove))
    fail('capacityOverride', 'override_leader_only');
  if (!input.capacityOverride && (await occupancy(db, facility.id)) >= facility.capacity)
    fail('facilityId', 'facility_full');
  const person = await personRow(db, v.personId);
  if (!person) fail('voluntaryId', 'person_out_of_scope');
  const planned = plannedDischarge(input.admittedOn, v.termMonths);
  const measureId = await addMeasure(ctx, {
    personId: v.personId,
    kind: 'voluntary_rehab_facility',
    decisionNumber: '—',
    decisionDate: v.registeredOn,
    authority: facility.name,
    startDate: input.admittedOn,
    endDate: planned,
  });
  const id = uuidv7();
  await insertRecord(db, ctx.changes(), 'rehabStays', id, {
    personId: v.personId,
    facilityId: facility.id,
    referralId: null,
    voluntaryId: v.id,
    admittedOn: input.admittedOn,
    termMonths: v.termMonths,
    plannedDischargeOn: planned,
    dischargedOn: null,
    certificateNumber: null,
    status: 'in_stay',
    stage: 'intake',
    stages: JSON.stringify([{ stage: 'intake', on: input.admittedOn }]),
    incidents: '[]',
    capacityOverride: input.capacityOverride ? 1 : 0,
    measureId,
    postMeasureId: null,
    provinceCode: person.curProvince,
    communeCode: person.curCommune,
    unitId: v.unitId,
  });
  await updateRecord(db, ctx.changes(), 'rehabVoluntary', v.id, {
    status: 'in_progress',
    startOn: input.admittedOn,
    facilityId: facility.id,
  });
  return readStay(ctx, id);
}

export async function stage(ctx: DomainContext, input: ParsedInputOf<'stays.stage'>): Promise<StayView> {
  const s = await scopedStay(ctx, input.stayId);
  ctx.target({ recordType: 'stay', recordId: s.id });
  if (s.status !== 'in_stay') fail('stayId', 'stay_not_open');
  if (input.on > today(ctx)) fail('on', 'date_in_future');
  const stages = JSON.parse(s.stages) as { stage: StayStage; on: string }[];
  const last = stages[stages.length - 1];
  if (input.on < s.admittedOn || (last && input.on < last.on)) fail('on', 'stage_order');
  if (STAY_STAGE_LIST.indexOf(input.stage) <= STAY_STAGE_LIST.indexOf(s.stage as StayStage))
    fail('stage', 'stage_order');
  stages.push({ stage: input.stage, on: input.on });
  await updateRecord(ctx.db(), ctx.changes(), 'rehabStays', s.id, {
    stage: input.stage,
    stages: JSON.stringify(stages),
  });
  return readStay(ctx, s.id);
}

export async function incident(ctx: DomainContext, input: ParsedInputOf<'stays.incident'>): Promise<StayView> {
  const s = await scopedStay(ctx, input.stayId);
  ctx.target({ recordType: 'stay', recordId: s.id, detail: { kind: input.kind } });
  if (input.on > today(ctx)) fail('on', 'date_in_future');
  if (input.on < s.admittedOn) fail('on', 'date_before_previous');
  const fits =
    (input.kind === 'absconded' && s.status === 'in_stay') ||
    (input.kind === 'returned' && s.status === 'absconded') ||
    (input.kind === 'violation' && s.status === 'in_stay');
  if (!fits) fail('kind', 'incident_not_allowed');
  if (s.referralId && input.kind !== 'violation') {
    // The referral follows: absconded, then admitted again on return (its step records the incident).
    await advance(ctx, {
      referralId: s.referralId,
      to: input.kind === 'absconded' ? 'absconded' : 'admitted',
      on: input.on,
      note: input.note,
      capacityOverride: false,
    });
  } else {
    const list = JSON.parse(s.incidents) as { kind: string; on: string; note: string | null }[];
    list.push({ kind: input.kind, on: input.on, note: input.note });
    await updateRecord(ctx.db(), ctx.changes(), 'rehabStays', s.id, {
      incidents: JSON.stringify(list),
      status: input.kind === 'absconded' ? 'absconded' : input.kind === 'returned' ? 'in_stay' : s.status,
    });
  }
  return readStay(ctx, s.id);
}

export async function discharge(ctx: DomainContext, input: ParsedInputOf<'stays.discharge'>): Promise<StayView> {
  const s = await scopedStay(ctx, input.stayId);
  ctx.target({ recordType: 'stay', recordId: s.id });
  if (s.status !== 'in_stay' && s.status !== 'absconded') fail('stayId', 'stay_not_open');
  if (input.plannedOn !== undefined) {
    if (input.plannedOn < s.admittedOn) fail('plannedOn', 'discharge_before_admission');
    await updateRecord(ctx.db(), ctx.changes(), 'rehabStays', s.id, { plannedDischargeOn: input.plannedOn });
    if (s.referralId)
      await updateRecord(ctx.db(), ctx.changes(), 'rehabReferrals', s.referralId, {
        plannedDischargeOn: input.plannedOn,
      });
    if (s.referralId) await refreshReferralDeadlines(ctx.db(), [s.referralId]);
  }
  if (input.on !== undefined) {
    if (input.on < s.admittedOn) fail('on', 'discharge_before_admission');
    if (input.on > today(ctx)) fail('on', 'date_in_future');
    if (s.status !== 'in_stay') fail('stayId', 'stay_not_open');
    if (s.referralId) {
      await advance(ctx, {
        referralId: s.referralId,
        to: 'completed',
        on: input.on,
        note: null,
        capacityOverride: false,
        certificateNumber: input.certificateNumber,
      });
    } else {
      await dischargeStay(ctx, s, input.on, input.certificateNumber ?? null);
      if (s.voluntaryId)
        await updateRecord(ctx.db(), ctx.changes(), 'rehabVoluntary', s.voluntaryId, {
          status: 'completed',
          endedOn: input.on,
        });
    }
  } else if (input.certificateNumber !== undefined) {
    await updateRecord(ctx.db(), ctx.changes(), 'rehabStays', s.id, { certificateNumber: input.certificateNumber });
  }
  return readStay(ctx, s.id);
}

/** The facility a roster is asked for: rehab staff their own; others one in their province. */
async function rosterFacility(ctx: DomainContext, facilityId: string | undefined) {
  const scope = ctx.scope('rehab');
  const id = facilityId ?? scope.facilityId;
  if (!id) fail('facilityId', 'facility_required');
  const f = await facilityRow(ctx.db(), id);
  if (!f) fail('facilityId', 'facility_not_found');
  const allowed =
    (scope.facilityId !== null && scope.facilityId === f.id) ||
    (scope.provinceCode !== null && scope.provinceCode === f.provinceCode) ||
    (f.unitId !== null && f.unitId === scope.unitId);
  if (!allowed || scope.view === 'none') forbidden('facility');
  return f;
}

/** The first day of the month after `month` (YYYY-MM): discharges due this month are planned before it. */
function nextMonthStart(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

const ROSTER_LISTS = ['residents', 'dischargesDue', 'absconded'] as const;

/**
 * A facility's roster: how many are in each list, and a page of each (the screen's table shows 50 a page), so a
 * centre of 2,000 residents reads a few hundred index entries and names, not 2,000 persons.
 */
export async function roster(ctx: DomainContext, input: ParsedInputOf<'stays.roster'>): Promise<FacilityRoster> {
  const db = ctx.db();
  const f = await rosterFacility(ctx, input.facilityId);
  ctx.target({ recordType: 'facility', recordId: f.id });
  const todayIs = today(ctx);
  const month = input.month ?? todayIs.slice(0, 7);
  const dueBefore = nextMonthStart(month);
  const counts = await rehabRepository.rosterCounts(db, f.id, dueBefore);
  type PageRows = Awaited<ReturnType<typeof rehabRepository.rosterPage>>;
  const pages: PageRows[] = [];
  for (const list of ROSTER_LISTS)
    pages.push(
      counts[list] === 0
        ? []
        : await rehabRepository.rosterPage(db, {
            facilityId: f.id,
            list,
            dueBefore,
            offset: list === input.view ? input.offset : 0,
            limit: input.limit,
          }),
    );
  const incoming = await rehabRepository.incoming(db, f.id, {
    offset: input.view === 'incoming' ? input.offset : 0,
    limit: input.limit,
  });
  const names = await rehabRepository.personNames(db, [
    ...pages.flat().map((r) => r.personId),
    ...incoming.rows.map((r) => r.personId),
  ]);
  const toRows = (rows: PageRows): RosterRow[] =>
    rows.map((r) => {
      const p = names.get(r.personId);
      return {
        stayId: r.stayId,
        personId: r.personId,
        fullName: p?.fullName ?? '',
        birthDate: p?.birthDate ?? '',
        communeCode: r.communeCode,
        admittedOn: r.admittedOn,
        stage: r.stage as StayStage,
        status: r.status as RosterRow['status'],
        plannedDischargeOn: r.plannedDischargeOn,
        daysLeft: daysLeft(r.plannedDischargeOn, todayIs),
        referralId: r.referralId,
      };
    });
  return {
    facility: facilityView(f, counts.residents + counts.absconded),
    residents: toRows(pages[0]!),
    dischargesDue: toRows(pages[1]!),
    absconded: toRows(pages[2]!),
    counts: { ...counts, incoming: incoming.count },
    view: input.view,
    offset: input.offset,
    limit: input.limit,
    incoming: incoming.rows.map((r) =>
      boardItem(
        { ...r, fullName: names.get(r.personId)?.fullName ?? '', birthDate: names.get(r.personId)?.birthDate ?? '' },
        todayIs,
      ),
    ),
    month,
  };
}

export async function handovers(ctx: DomainContext, input: ParsedInputOf<'rehab.handovers'>): Promise<HandoverItem[]> {
  const scope = ctx.scope('rehab');
  const commune = input.communeCode ?? scope.communeCode;
  ctx.target({ recordType: 'stay', detail: { communeCode: commune ?? null } });
  return rehabRepository.handovers(ctx.db(), {
    scope,
    communeCode: commune ?? null,
    from: input.from,
    to: input.to,
    limit: input.limit,
  });
}
