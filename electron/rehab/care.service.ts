import { v7 as uuidv7 } from 'uuid';
import type { ParsedInputOf } from '../../shared/contract';
import type {
  FacilityView,
  ManagedMeasure,
  MethadoneView,
  PersonRehab,
  VoluntaryView,
} from '../../shared/contract/rehab-types';
import { plannedDischarge, postRehabPeriod, voluntaryTermAllowed } from '../../shared/domain/rehab/logic';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { insertRecord, updateRecord, type Db } from '../changelog/changelog';
import type { DomainContext } from '../host/context';
import { inScope as personInScope, scopeFor as personScopeFor } from '../persons/person.scope';
import {
  addMeasure,
  endMeasure,
  facilityRow,
  facilityView,
  fail,
  forbidden,
  markRegistered,
  methadoneView,
  occupancy,
  personRow,
  personSummary,
  referralView,
  rowInScope,
  scopedMethadone,
  scopedVoluntary,
  stayView,
  today,
  voluntaryView,
} from './rehab.core';
import { holidaysFor } from './rehab.derive';
import { rehabRepository } from './rehab.repository';

/**
 * The person a voluntary registration or a methadone episode is for: in the caller's persons scope, or (rehab
 * staff of a clinic or centre) registered at the caller's own facility.
 */
async function personFor(ctx: DomainContext, personId: string, facilityId: string | null) {
  const person = await personRow(ctx.db(), personId);
  if (!person || person.mergedInto) fail('personId', 'person_out_of_scope');
  const scope = ctx.scope('rehab');
  const own = facilityId !== null && scope.facilityId === facilityId;
  if (!own) {
    const p = personScopeFor(ctx);
    if (!personInScope(p, person)) fail('personId', 'person_out_of_scope');
  }
  return person;
}

export async function readVoluntary(ctx: DomainContext, id: string): Promise<VoluntaryView> {
  const v = await scopedVoluntary(ctx, id);
  ctx.target({ recordType: 'voluntary_rehab', recordId: v.id });
  return voluntaryView(ctx.db(), v, await personSummary(ctx.db(), v.personId), today(ctx), await holidaysFor(ctx.db()));
}

export async function createVoluntary(
  ctx: DomainContext,
  input: ParsedInputOf<'voluntary.create'>,
): Promise<VoluntaryView> {
  const db = ctx.db();
  if (input.setting === 'facility' && !input.facilityId) fail('facilityId', 'voluntary_facility_required');
  if (input.facilityId) {
    const f = await facilityRow(db, input.facilityId);
    if (!f) fail('facilityId', 'facility_not_found');
    if (f.kind === 'methadone_clinic') fail('facilityId', 'facility_kind_mismatch');
  }
  const person = await personFor(ctx, input.personId, input.facilityId);
  if (!voluntaryTermAllowed(input.termMonths)) fail('termMonths', 'voluntary_term_out_of_range');
  if (input.registeredOn > today(ctx)) fail('registeredOn', 'date_in_future');
  if (input.startOn && input.startOn < input.registeredOn) fail('startOn', 'date_before_previous');
  const id = uuidv7();
  // At home or in the community the rehab starts with the registration; at a facility, with the admission.
  const start = input.startOn ?? input.registeredOn;
  const measureId =
    input.setting === 'community'
      ? await addMeasure(ctx, {
          personId: person.id,
          kind: 'voluntary_rehab_community',
          decisionNumber: '—',
          decisionDate: input.registeredOn,
          authority: '—',
          startDate: start,
          endDate: plannedDischarge(start, input.termMonths, 1),
        })
      : null;
  await insertRecord(db, ctx.changes(), 'rehabVoluntary', id, {
    personId: person.id,
    setting: input.setting,
    facilityId: input.facilityId,
    registeredOn: input.registeredOn,
    startOn: input.setting === 'community' ? start : input.startOn,
    termMonths: input.termMonths,
    status: input.setting === 'community' ? 'in_progress' : 'registered',
    endedOn: null,
    notes: input.notes,
    measureId,
    provinceCode: person.curProvince,
    communeCode: person.curCommune,
    unitId: ctx.session().unitId,
  });
  await markRegistered(ctx, person.id, input.registeredOn);
  return readVoluntary(ctx, id);
}

export async function updateVoluntary(
  ctx: DomainContext,
  input: ParsedInputOf<'voluntary.update'>,
): Promise<VoluntaryView> {
  const v = await scopedVoluntary(ctx, input.voluntaryId);
  ctx.target({ recordType: 'voluntary_rehab', recordId: v.id });
  if (input.termMonths !== undefined && !voluntaryTermAllowed(input.termMonths))
    fail('termMonths', 'voluntary_term_out_of_range');
  const ending = input.status === 'completed' || input.status === 'abandoned';
  const endedOn = input.endedOn ?? (ending ? today(ctx) : undefined);
  if (endedOn && endedOn < (v.startOn ?? v.registeredOn)) fail('endedOn', 'discharge_before_admission');
  await updateRecord(ctx.db(), ctx.changes(), 'rehabVoluntary', v.id, {
    status: input.status,
    startOn: input.startOn,
    endedOn,
    termMonths: input.termMonths,
    facilityId: input.facilityId,
    notes: input.notes,
  });
  if (ending && v.status !== input.status) {
    await endMeasure(
      ctx,
      v.measureId,
      v.personId,
      input.status === 'completed' ? 'completed' : 'interrupted',
      endedOn!,
    );
    const stay = await rehabRepository.openStay(ctx.db(), { voluntaryId: v.id });
    if (stay) {
      await updateRecord(ctx.db(), ctx.changes(), 'rehabStays', stay.id, {
        status: input.status === 'completed' ? 'discharged' : 'ended',
        dischargedOn: endedOn,
      });
      await endMeasure(
        ctx,
        stay.measureId,
        v.personId,
        input.status === 'completed' ? 'completed' : 'interrupted',
        endedOn!,
      );
    }
    if (input.status === 'completed') {
      const period = postRehabPeriod(endedOn!);
      await addMeasure(ctx, {
        personId: v.personId,
        kind: 'post_rehab_management',
        decisionNumber: '—',
        decisionDate: endedOn!,
        authority: '—',
        startDate: period.startDate,
        endDate: period.endDate,
      });
    }
  }
  return readVoluntary(ctx, v.id);
}

async function clinic(ctx: DomainContext, id: string) {
  const f = await facilityRow(ctx.db(), id);
  if (!f) fail('clinicId', 'facility_not_found');
  if (f.kind !== 'methadone_clinic') fail('clinicId', 'facility_kind_mismatch');
  return f;
}

export async function readMethadone(ctx: DomainContext, id: string): Promise<MethadoneView> {
  const m = await scopedMethadone(ctx, id);
  ctx.target({ recordType: 'methadone', recordId: m.id });
  return methadoneView(m, await personSummary(ctx.db(), m.personId));
}

async function insertEpisode(
  ctx: DomainContext,
  person: { id: string; curProvince: string | null; curCommune: string | null },
  clinicId: string,
  on: string,
  notes: string | null,
  measureId: string | null,
): Promise<string> {
  const id = uuidv7();
  await insertRecord(ctx.db(), ctx.changes(), 'rehabMethadone', id, {
    personId: person.id,
    clinicId,
    startedOn: on,
    status: 'treating',
    statusOn: on,
    stoppedOn: null,
    stopReason: null,
    notes,
    measureId,
    provinceCode: person.curProvince,
    communeCode: person.curCommune,
    unitId: ctx.session().unitId,
  });
  return id;
}

export async function startMethadone(
  ctx: DomainContext,
  input: ParsedInputOf<'methadone.start'>,
): Promise<MethadoneView> {
  const c = await clinic(ctx, input.clinicId);
  const person = await personFor(ctx, input.personId, c.id);
  if (input.startedOn > today(ctx)) fail('startedOn', 'date_in_future');
  const active = await rehabRepository.activeMethadone(ctx.db(), person.id);
  if (active) fail('personId', 'methadone_already_active');
  const measureId = await addMeasure(ctx, {
    personId: person.id,
    kind: 'methadone',
    decisionNumber: '—',
    decisionDate: input.startedOn,
    authority: c.name,
    startDate: input.startedOn,
    endDate: null,
  });
  const id = await insertEpisode(ctx, person, c.id, input.startedOn, input.notes, measureId);
  await markRegistered(ctx, person.id, input.startedOn);
  return readMethadone(ctx, id);
}

export async function stopMethadone(
  ctx: DomainContext,
  input: ParsedInputOf<'methadone.stop'>,
): Promise<MethadoneView> {
  const m = await scopedMethadone(ctx, input.methadoneId);
  ctx.target({ recordType: 'methadone', recordId: m.id });
  if (m.status !== 'treating' && m.status !== 'paused') fail('methadoneId', 'methadone_not_active');
  if (input.on < m.statusOn) fail('on', 'date_before_previous');
  if (input.on > today(ctx)) fail('on', 'date_in_future');
  await updateRecord(ctx.db(), ctx.changes(), 'rehabMethadone', m.id, {
    status: 'stopped',
    statusOn: input.on,
    stoppedOn: input.on,
    stopReason: input.reason,
  });
  await endMeasure(ctx, m.measureId, m.personId, input.reason === 'completed' ? 'completed' : 'interrupted', input.on);
  return readMethadone(ctx, m.id);
}

/** Pause or resume; a new clinic transfers: this episode ends `transferred` and one opens at the new clinic. */
export async function updateMethadone(
  ctx: DomainContext,
  input: ParsedInputOf<'methadone.update'>,
): Promise<MethadoneView> {
  const m = await scopedMethadone(ctx, input.methadoneId);
  ctx.target({ recordType: 'methadone', recordId: m.id });
  if (m.status !== 'treating' && m.status !== 'paused') fail('methadoneId', 'methadone_not_active');
  if (input.on < m.statusOn) fail('on', 'date_before_previous');
  if (input.on > today(ctx)) fail('on', 'date_in_future');
  if (input.status === 'stopped') fail('status', 'incident_not_allowed');
  if (input.clinicId || input.status === 'transferred') {
    if (!input.clinicId) fail('clinicId', 'clinic_required');
    const c = await clinic(ctx, input.clinicId);
    if (c.id === m.clinicId) fail('clinicId', 'facility_kind_mismatch');
    await updateRecord(ctx.db(), ctx.changes(), 'rehabMethadone', m.id, {
      status: 'transferred',
      statusOn: input.on,
      stoppedOn: input.on,
      notes: input.notes,
    });
    const person = await personRow(ctx.db(), m.personId);
    if (!person) throw new AppError(ErrorCodes.NOT_FOUND, 'person not found');
    const id = await insertEpisode(ctx, person, c.id, input.on, null, m.measureId);
    ctx.target({ recordType: 'methadone', recordId: id });
    const episode = await rehabRepository.methadone(ctx.db(), id);
    if (!episode) throw new AppError(ErrorCodes.NOT_FOUND, 'methadone episode not found');
    return methadoneView(episode, await personSummary(ctx.db(), m.personId));
  }
  await updateRecord(ctx.db(), ctx.changes(), 'rehabMethadone', m.id, {
    status: input.status,
    statusOn: input.status && input.status !== m.status ? input.on : undefined,
    notes: input.notes,
  });
  return readMethadone(ctx, m.id);
}

// ---------------------------------------------------------------------------------------------------------
// Facilities (reference data)

export async function listFacilities(
  ctx: DomainContext,
  input: ParsedInputOf<'facilities.list'>,
): Promise<FacilityView[]> {
  const rows = await rehabRepository.facilities(ctx.db(), { kind: input.kind, provinceCode: input.provinceCode });
  const byId = await rehabRepository.occupancies(ctx.db());
  return rows.map((f) => facilityView(f, byId.get(f.id) ?? 0));
}

export async function createFacility(
  ctx: DomainContext,
  input: ParsedInputOf<'facilities.create'>,
): Promise<FacilityView> {
  const db = ctx.db();
  if (await rehabRepository.facilityCodeTaken(db, input.code)) fail('code', 'facility_code_taken');
  await checkUnit(db, input.unitId);
  const id = uuidv7();
  await insertRecord(db, ctx.changes(), 'rehabFacilities', id, { ...input });
  ctx.target({ recordType: 'facility', recordId: id });
  const f = (await facilityRow(db, id))!;
  return facilityView(f, 0);
}

/** The unit a facility is tied to, when one is named, must exist. */
async function checkUnit(db: Db, unitId: string | null | undefined): Promise<void> {
  if (unitId && !(await rehabRepository.unitExists(db, unitId))) fail('unitId', 'facility_not_found');
}

export async function updateFacility(
  ctx: DomainContext,
  input: ParsedInputOf<'facilities.update'>,
): Promise<FacilityView> {
  const db = ctx.db();
  const f = await facilityRow(db, input.facilityId);
  if (!f) throw new AppError(ErrorCodes.NOT_FOUND, 'facility not found');
  await checkUnit(db, input.patch.unitId);
  ctx.target({ recordType: 'facility', recordId: f.id });
  await updateRecord(db, ctx.changes(), 'rehabFacilities', f.id, input.patch);
  return facilityView((await facilityRow(db, f.id))!, await occupancy(db, f.id));
}

/** Everything of the rehab family on one person, each record filtered by the caller's rehab scope. */
export async function personRehab(ctx: DomainContext, personId: string): Promise<PersonRehab> {
  const db = ctx.db();
  ctx.target({ recordType: 'person', recordId: personId });
  const scope = ctx.scope('rehab');
  const todayIs = today(ctx);
  const person = await personSummary(db, personId);
  if (!person) throw new AppError(ErrorCodes.NOT_FOUND, 'person not found');
  const all = await rehabRepository.personRecords(db, personId);
  const [refs, vols, mets, stays] = [all.referrals, all.voluntary, all.methadone, all.stays];
  const r = refs.filter((x) => rowInScope(scope, x, x.facilityId));
  const v = vols.filter((x) => rowInScope(scope, x, x.facilityId));
  const m = mets.filter((x) => rowInScope(scope, x, x.clinicId));
  const s = stays.filter((x) => rowInScope(scope, x, x.facilityId));
  if (!r.length && !v.length && !m.length && !s.length && (refs.length || vols.length || mets.length || stays.length))
    forbidden('person');
  const holidays = await holidaysFor(db);
  return {
    referrals: r.map((x) => referralView(x, scope.role, todayIs)),
    voluntary: await Promise.all(v.map((x) => voluntaryView(db, x, person, todayIs, holidays))),
    methadone: m.map((x) => methadoneView(x, person)),
    stays: s.map((x) => stayView(x, person, todayIs)),
    managedMeasures: managedMeasures(v, m, s),
  };
}

/** The active measures of the person's file that these open records keep (they end with their record). */
function managedMeasures(
  voluntary: readonly { id: string; status: string; measureId: string | null }[],
  methadone: readonly { id: string; status: string; measureId: string | null }[],
  stays: readonly { id: string; status: string; measureId: string | null; voluntaryId: string | null }[],
): ManagedMeasure[] {
  const out: ManagedMeasure[] = [];
  for (const x of voluntary)
    if (x.measureId && (x.status === 'registered' || x.status === 'in_progress'))
      out.push({ measureId: x.measureId, kind: 'voluntary', recordId: x.id });
  for (const x of methadone)
    if (x.measureId && (x.status === 'treating' || x.status === 'paused'))
      out.push({ measureId: x.measureId, kind: 'methadone', recordId: x.id });
  for (const x of stays)
    if (x.measureId && (x.status === 'in_stay' || x.status === 'absconded'))
      out.push(
        x.voluntaryId
          ? { measureId: x.measureId, kind: 'voluntary', recordId: x.voluntaryId }
          : { measureId: x.measureId, kind: 'stay', recordId: x.id },
      );
  return out;
}
