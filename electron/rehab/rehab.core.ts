import type { ExpressionBuilder } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type {
  BoardItem,
  FacilityView,
  MethadoneView,
  ReferralView,
  RehabPersonSummary,
  StayView,
  VoluntaryView,
} from '../../shared/contract/rehab-types';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import type { MeasureKind, PersonCategory, Sex } from '../../shared/domain/persons';
import type {
  DecisionKind,
  FacilityKind,
  MethadoneStatus,
  MethadoneStopReason,
  PendingCustody,
  ReferralState,
  StayIncident,
  StayStage,
  StayStatus,
  VoluntarySetting,
  VoluntaryStatus,
} from '../../shared/domain/rehab/codes';
import { daysLeft, nextStates, registrationDeadline } from '../../shared/domain/rehab/logic';
import type { RehabIssueCode } from '../../shared/i18n/rehab-labels';
import { insertRecord, updateRecord } from '../changelog/changelog';
import type { DB } from '../db/schema';
import type { DomainContext } from '../host/context';
import { refreshDerived } from '../persons/person.category';
import { todayIso } from '../persons/person.rules';
import type { RecordScope } from '../platform/scope';
import type { Db } from '../platform/table-spec';
import { project } from '../platform/tables';
import { rehabRepository } from './rehab.repository';
import type { FacilityTable, MethadoneTable, ReferralTable, StayTable, VoluntaryTable } from './rehab.schema';

export type ReferralRow = ReferralTable;
export type StayRow = StayTable;

/** Bad input naming the field: INVALID_INPUT with one issue, nothing written (the router rolls back). */
export function fail(path: string, code: RehabIssueCode): never {
  throw new AppError(ErrorCodes.INVALID_INPUT, `rehab: ${code}`, { issues: [{ path, code }] });
}

export const today = (ctx: DomainContext) => todayIso(ctx.now());

export function notFound(what: string): never {
  throw new AppError(ErrorCodes.NOT_FOUND, `${what} not found`);
}

export function forbidden(what: string): never {
  throw new AppError(ErrorCodes.FORBIDDEN, `this ${what} is outside your scope`);
}

export function rowInScope(
  scope: RecordScope,
  row: { unitId: string | null; provinceCode: string | null; communeCode: string | null },
  facilityId: string | null,
): boolean {
  if (scope.view === 'none') return false;
  if (scope.all) return true;
  if (row.unitId !== null && row.unitId === scope.unitId) return true;
  if (scope.communeCode !== null && row.communeCode === scope.communeCode) return true;
  if (scope.provinceCode !== null && row.provinceCode === scope.provinceCode) return true;
  return scope.facilityId !== null && facilityId !== null && facilityId === scope.facilityId;
}

// ---------------------------------------------------------------------------------------------------------
// Reading rows

export async function personRow(db: Db, personId: string) {
  return rehabRepository.person(db, personId);
}

export async function personSummary(db: Db, personId: string): Promise<RehabPersonSummary | null> {
  const p = await personRow(db, personId);
  return p ? summaryOf(p) : null;
}

export function summaryOf(p: {
  id: string;
  fullName: string;
  sex: string;
  birthDate: string;
  citizenId: string | null;
  category: string;
  curProvince: string | null;
  curCommune: string | null;
}): RehabPersonSummary {
  return {
    id: p.id,
    fullName: p.fullName,
    sex: p.sex as Sex,
    birthDate: p.birthDate,
    citizenId: p.citizenId,
    category: p.category as PersonCategory,
    provinceCode: p.curProvince,
    communeCode: p.curCommune,
  };
}

/** A record of a rehab table by id, in the caller's scope: NOT_FOUND when missing, FORBIDDEN when outside. */
export async function scopedReferral(ctx: DomainContext, id: string): Promise<ReferralRow> {
  const r = await rehabRepository.referral(ctx.db(), id);
  if (!r || r.deletedAt) notFound('referral');
  if (!rowInScope(ctx.scope('rehab'), r, r.facilityId)) forbidden('referral');
  return r;
}

export async function scopedStay(ctx: DomainContext, id: string): Promise<StayRow> {
  const r = await rehabRepository.stay(ctx.db(), id);
  if (!r || r.deletedAt) notFound('stay');
  if (!rowInScope(ctx.scope('rehab'), r, r.facilityId)) forbidden('stay');
  return r;
}

export async function scopedVoluntary(ctx: DomainContext, id: string): Promise<VoluntaryTable> {
  const r = await rehabRepository.voluntary(ctx.db(), id);
  if (!r || r.deletedAt) notFound('voluntary rehab');
  if (!rowInScope(ctx.scope('rehab'), r, r.facilityId)) forbidden('voluntary rehab');
  return r;
}

export async function scopedMethadone(ctx: DomainContext, id: string): Promise<MethadoneTable> {
  const r = await rehabRepository.methadone(ctx.db(), id);
  if (!r || r.deletedAt) notFound('methadone episode');
  if (!rowInScope(ctx.scope('rehab'), r, r.clinicId)) forbidden('methadone episode');
  return r;
}

export async function facilityRow(db: Db, id: string): Promise<FacilityTable | undefined> {
  return rehabRepository.facility(db, id);
}

/** Open stays at a facility (in the facility or absconded: their place is kept). */
export async function occupancy(db: Db, facilityId: string): Promise<number> {
  return rehabRepository.occupancy(db, facilityId);
}

// ---------------------------------------------------------------------------------------------------------
// Views

export function facilityView(f: FacilityTable, occupied: number): FacilityView {
  return {
    id: f.id,
    code: f.code,
    name: f.name,
    kind: f.kind as FacilityKind,
    provinceCode: f.provinceCode,
    communeCode: f.communeCode,
    capacity: f.capacity,
    unitId: f.unitId,
    occupancy: occupied,
    updatedAt: f.updatedAt,
  };
}

export function referralView(r0: ReferralRow, role: RecordScope['role'], todayIs: string): ReferralView {
  const r = project('rehabReferrals', role, r0 as unknown as Record<string, unknown>) as unknown as ReferralRow;
  const decision =
    r.decisionKind !== null && r.decisionOn !== null
      ? {
          kind: r.decisionKind as DecisionKind,
          termMonths: r.decisionTerm,
          number: r.decisionNumber,
          court: r.decisionCourt,
          on: r.decisionOn,
          lawId: r.lawId,
        }
      : null;
  return {
    id: r.id,
    personId: r.personId,
    kind: 'compulsory',
    state: r.state as ReferralState,
    stateOn: r.stateOn,
    discoveredOn: r.discoveredOn,
    acceptedOn: r.acceptedOn,
    minor: r.minor === 1,
    complex: r.complex === 1,
    ground: (r.ground as ReferralView['ground']) ?? null,
    facilityId: r.facilityId,
    pendingCustody: (r.pendingCustody ?? 'family') as PendingCustody,
    heldFrom: r.heldFrom,
    heldTo: r.heldTo,
    deferredUntil: r.deferredUntil,
    decision,
    repeat: r.isRepeat === 1,
    notes: r.notes,
    provinceCode: r.provinceCode,
    communeCode: r.communeCode,
    unitId: r.unitId,
    deadline: r.deadline,
    daysLeft: daysLeft(r.deadline, todayIs),
    next: nextStates(r.state as ReferralState, (r0.decisionKind as DecisionKind | null) ?? null),
    updatedAt: r.updatedAt,
  };
}

export function boardItem(
  r: Pick<
    ReferralRow,
    'id' | 'personId' | 'communeCode' | 'state' | 'stateOn' | 'minor' | 'facilityId' | 'deadline'
  > & { fullName: string; birthDate: string },
  todayIs: string,
): BoardItem {
  return {
    id: r.id,
    personId: r.personId,
    fullName: r.fullName,
    birthDate: r.birthDate,
    communeCode: r.communeCode,
    state: r.state as ReferralState,
    stateOn: r.stateOn,
    minor: r.minor === 1,
    facilityId: r.facilityId,
    deadline: r.deadline,
    daysLeft: daysLeft(r.deadline, todayIs),
  };
}

export function stayView(s: StayRow, person: RehabPersonSummary | null, todayIs: string): StayView {
  const open = s.status === 'in_stay' || s.status === 'absconded';
  const deadline = open ? s.plannedDischargeOn : null;
  return {
    id: s.id,
    personId: s.personId,
    person,
    facilityId: s.facilityId,
    referralId: s.referralId,
    voluntaryId: s.voluntaryId,
    admittedOn: s.admittedOn,
    termMonths: s.termMonths,
    plannedDischargeOn: s.plannedDischargeOn,
    dischargedOn: s.dischargedOn,
    certificateNumber: s.certificateNumber,
    status: s.status as StayStatus,
    stage: s.stage as StayStage,
    stages: JSON.parse(s.stages) as { stage: StayStage; on: string }[],
    incidents: JSON.parse(s.incidents) as { kind: StayIncident; on: string; note: string | null }[],
    capacityOverride: s.capacityOverride === 1,
    deadline,
    daysLeft: daysLeft(deadline, todayIs),
    updatedAt: s.updatedAt,
  };
}

export async function voluntaryView(
  db: Db,
  v: VoluntaryTable,
  person: RehabPersonSummary | null,
  todayIs: string,
  holidays: (date: string) => Set<string>,
): Promise<VoluntaryView> {
  const resultDate = await rehabRepository.lastPositiveDetermination(db, v.personId, v.registeredOn);
  const regDeadline = resultDate ? registrationDeadline(resultDate, holidays(resultDate)) : null;
  const open = v.status === 'registered' || v.status === 'in_progress';
  const start = v.startOn ?? v.registeredOn;
  const end = open ? addMonthsMinusDay(start, v.termMonths) : null;
  return {
    id: v.id,
    personId: v.personId,
    person,
    setting: v.setting as VoluntarySetting,
    facilityId: v.facilityId,
    registeredOn: v.registeredOn,
    startOn: v.startOn,
    termMonths: v.termMonths,
    status: v.status as VoluntaryStatus,
    endedOn: v.endedOn,
    registrationDeadline: regDeadline,
    registeredInTime: regDeadline ? v.registeredOn <= regDeadline : null,
    deadline: end,
    daysLeft: daysLeft(end, todayIs),
    notes: v.notes,
    updatedAt: v.updatedAt,
  };
}

export function methadoneView(m: MethadoneTable, person: RehabPersonSummary | null): MethadoneView {
  return {
    id: m.id,
    personId: m.personId,
    person,
    clinicId: m.clinicId,
    startedOn: m.startedOn,
    status: m.status as MethadoneStatus,
    statusOn: m.statusOn,
    stoppedOn: m.stoppedOn,
    stopReason: (m.stopReason as MethadoneStopReason | null) ?? null,
    notes: m.notes,
    updatedAt: m.updatedAt,
  };
}

function addMonthsMinusDay(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  const end = new Date(Date.UTC(ny, nm - 1, Math.min(d, last)));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------
// The person's file: measures that make the category follow rehab

/** Puts a measure in the person's file (change-logged like any measure) and re-derives the category. */
export async function addMeasure(
  ctx: DomainContext,
  m: {
    personId: string;
    kind: MeasureKind;
    decisionNumber: string;
    decisionDate: string;
    authority: string;
    startDate: string;
    endDate: string | null;
    notes?: string | null;
  },
): Promise<string> {
  const id = uuidv7();
  await insertRecord(ctx.db(), ctx.changes(), 'personMeasures', id, {
    personId: m.personId,
    kind: m.kind,
    decisionNumber: m.decisionNumber,
    decisionDate: m.decisionDate,
    authority: m.authority,
    officer: ctx.session().displayName,
    startDate: m.startDate,
    endDate: m.endDate,
    status: 'active',
    notes: m.notes ?? null,
  });
  await refreshDerived(ctx.db(), m.personId, today(ctx));
  return id;
}

/** Ends a measure this module put in the file (completed or interrupted) and re-derives the category. */
export async function endMeasure(
  ctx: DomainContext,
  measureId: string | null,
  personId: string,
  status: 'completed' | 'interrupted',
  on: string,
): Promise<void> {
  if (measureId && (await rehabRepository.measureStatus(ctx.db(), measureId)) === 'active')
    await updateRecord(ctx.db(), ctx.changes(), 'personMeasures', measureId, { status, endDate: on });
  await refreshDerived(ctx.db(), personId, today(ctx));
}

/** The 5-working-day registration clock persons tracks: met by a voluntary registration or a methadone start. */
export async function markRegistered(ctx: DomainContext, personId: string, on: string): Promise<void> {
  const open = await rehabRepository.unregisteredDeterminations(ctx.db(), personId);
  for (const id of open)
    await updateRecord(ctx.db(), ctx.changes(), 'addictionDeterminations', id, { registeredAt: on });
}

export type PersonsExpression = ExpressionBuilder<DB, 'persons'>;
