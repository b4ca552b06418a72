import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import type { ParsedInputOf } from '../../shared/contract';
import type {
  ChecklistEntry,
  ReferralBoard,
  ReferralDossier,
  RehabPersonSummary,
} from '../../shared/contract/rehab-types';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { Permissions } from '../../shared/domain/roles';
import type { DecisionKind, DossierItem, ReferralState } from '../../shared/domain/rehab/codes';
import { DEFAULT_REHAB_RULES } from '../../shared/domain/rehab/rules';
import {
  ageOn,
  eligibility,
  heldDaysBetween,
  isMinor,
  plannedDischarge,
  postRehabPeriod,
  requiredItems,
  termAllowed,
  termRange,
  transitionsFrom,
} from '../../shared/domain/rehab/logic';
import { permissionsOf } from '../../shared/domain/roles';
import { insertRecord, updateRecord } from '../changelog/changelog';
import type { DomainContext } from '../host/context';
import { inScope as personInScope, scopeFor as personScopeFor } from '../persons/person.scope';
import {
  addMeasure,
  boardItem,
  endMeasure,
  facilityRow,
  facilityView,
  fail,
  forbidden,
  notFound,
  occupancy,
  personRow,
  referralView,
  rowInScope,
  scopedReferral,
  stayView,
  summaryOf,
  today,
  type ReferralRow,
  type StayRow,
} from './rehab.core';
import { rehabRepository, type DossierRow } from './rehab.repository';
import type { FacilityTable } from './rehab.schema';
import { refreshReferralDeadlines } from './rehab.derive';

const RULES = DEFAULT_REHAB_RULES;
type Checklist = Partial<Record<DossierItem, { done: boolean; on: string | null; note: string | null }>>;
type History = { state: ReferralState; on: string; by: string | null; note: string | null; at: string }[];

export function holds(ctx: DomainContext, permission: (typeof Permissions)[keyof typeof Permissions]): boolean {
  const s = ctx.session();
  return permissionsOf(s.role, s.rolePending).includes(permission);
}

async function isRepeat(ctx: DomainContext, personId: string, exceptReferral: string | null): Promise<boolean> {
  const db = ctx.db();
  return (
    (await rehabRepository.hasCompulsoryMeasure(db, personId)) ||
    (await rehabRepository.hadReferralAdmitted(db, personId, exceptReferral))
  );
}

/**
 * A referral with everything its dossier shows, in one query: the person's summary, the facility and its
 * occupancy, the scans' metadata and the latest stay (indexes of migration 2026_12_03_1700_rehab_indexes).
 * NOT_FOUND when missing, FORBIDDEN outside the caller's rehab scope.
 */
async function dossierRow(ctx: DomainContext, id: string): Promise<DossierRow> {
  const row = await rehabRepository.dossier(ctx.db(), id);
  if (!row || row.deletedAt) notFound('referral');
  if (!rowInScope(ctx.scope('rehab'), row, row.facilityId)) forbidden('referral');
  return row;
}

/** The whole dossier of a referral as the caller's role may read it, from one query (`dossierRow`). */
export async function readDossier(ctx: DomainContext, id: string): Promise<ReferralDossier> {
  const r = await dossierRow(ctx, id);
  const role = ctx.session().role;
  const todayIs = today(ctx);
  const referral = referralView(r, role, todayIs);
  const person: RehabPersonSummary | null =
    r.pFullName !== null
      ? summaryOf({
          id: r.personId,
          fullName: r.pFullName,
          sex: r.pSex,
          birthDate: r.pBirthDate,
          citizenId: r.pCitizenId,
          category: r.pCategory,
          curProvince: r.pProvince,
          curCommune: r.pCommune,
        })
      : null;
  const full = role !== 'investigator';
  const checklist = JSON.parse(r.checklist) as Checklist;
  const history = JSON.parse(r.history) as History;
  const docs =
    full && r.docs ? (JSON.parse(r.docs) as { item: DossierItem; mime: string; size: number; addedOn: string }[]) : [];
  const withScan = new Set(docs.map((d) => d.item));
  const required = new Set(requiredItems({ minor: r.minor === 1, byHistory: r.ground === 'history' }));
  const items: ChecklistEntry[] = full
    ? RULES.checklist.map((c) => ({
        item: c.item,
        required: required.has(c.item),
        done: checklist[c.item]?.done ?? false,
        doneOn: checklist[c.item]?.on ?? null,
        hasScan: withScan.has(c.item),
        note: checklist[c.item]?.note ?? null,
      }))
    : [];
  const stay = r.stay ? (JSON.parse(r.stay) as StayRow) : null;
  const facility: FacilityTable | null =
    r.fCode !== null && r.facilityId
      ? {
          id: r.facilityId,
          code: r.fCode,
          name: r.fName,
          kind: r.fKind,
          provinceCode: r.fProvince,
          communeCode: r.fCommune,
          capacity: r.fCapacity,
          unitId: r.fUnitId,
          createdAt: r.fCreatedAt,
          updatedAt: r.fUpdatedAt,
          originWs: '',
          hlc: '',
          deletedAt: null,
        }
      : null;
  const range = termRange(r.decisionOn ?? todayIs, r.minor === 1, r.isRepeat === 1);
  return {
    referral,
    person: person ?? {
      id: r.personId,
      fullName: '',
      sex: 'male',
      birthDate: '',
      citizenId: null,
      category: 'unclassified',
      provinceCode: null,
      communeCode: null,
    },
    history: full ? history.map((h) => ({ ...h, note: h.note ?? null })) : [],
    checklist: items,
    documents: docs.map((d) => ({ item: d.item, mime: d.mime, size: d.size, addedOn: d.addedOn })),
    stay: stay ? stayView(stay, person, todayIs) : null,
    facility: facility ? facilityView(facility, Number(r.fOccupancy ?? 0)) : null,
    termRange: { min: range.min, max: range.max, lawId: range.law.id },
  };
}

export async function createReferral(
  ctx: DomainContext,
  input: ParsedInputOf<'referrals.create'>,
): Promise<ReferralDossier> {
  const db = ctx.db();
  const todayIs = today(ctx);
  // The person must be in the caller's own persons scope (a commune officer: their commune), through the full view.
  const pScope = personScopeFor(ctx);
  const person = await personRow(db, input.personId);
  if (!person || person.mergedInto) fail('personId', 'person_out_of_scope');
  if (pScope.limited || !personInScope(pScope, person)) fail('personId', 'person_out_of_scope');
  if (input.discoveredOn > todayIs) fail('discoveredOn', 'date_in_future');
  if (ageOn(person.birthDate, input.discoveredOn) < RULES.minorAge.min) fail('personId', 'person_too_young');
  if (await rehabRepository.openReferralOf(db, person.id, RULES.terminal)) fail('personId', 'referral_already_open');
  const facts = await rehabRepository.eligibilityFacts(db, person.id);
  const eligible = eligibility(facts, input.discoveredOn);
  if (!eligible.eligible) fail('personId', 'person_not_eligible');
  if (input.facilityId && !(await facilityRow(db, input.facilityId))) fail('facilityId', 'facility_not_found');
  const unit = ctx.session().unitId;
  const id = uuidv7();
  const s = ctx.session();
  const history: History = [
    { state: 'discovered', on: input.discoveredOn, by: s.displayName, note: null, at: ctx.now().toISOString() },
  ];
  await insertRecord(db, ctx.changes(), 'rehabReferrals', id, {
    personId: person.id,
    state: 'discovered',
    stateOn: input.discoveredOn,
    discoveredOn: input.discoveredOn,
    sentOn: null,
    acceptedOn: null,
    minor: isMinor(person.birthDate, input.discoveredOn) ? 1 : 0,
    complex: input.complex ? 1 : 0,
    ground: eligible.ground,
    facilityId: input.facilityId,
    pendingCustody: input.pendingCustody,
    heldFrom: null,
    heldTo: null,
    deferredUntil: null,
    decisionKind: null,
    decisionTerm: null,
    decisionNumber: null,
    decisionCourt: null,
    decisionOn: null,
    lawId: null,
    isRepeat: (await isRepeat(ctx, person.id, null)) ? 1 : 0,
    plannedDischargeOn: null,
    notes: input.notes,
    history: JSON.stringify(history),
    checklist: '{}',
    provinceCode: person.curProvince,
    communeCode: person.curCommune,
    unitId: unit,
    deadline: null,
  });
  await refreshReferralDeadlines(db, [id]);
  ctx.target({ recordType: 'referral', recordId: id });
  return readDossier(ctx, id);
}

export async function updateReferral(
  ctx: DomainContext,
  input: ParsedInputOf<'referrals.update'>,
): Promise<ReferralDossier> {
  const r = await scopedReferral(ctx, input.referralId);
  ctx.target({ recordType: 'referral', recordId: r.id });
  const p = input.patch;
  if (p.facilityId && !(await facilityRow(ctx.db(), p.facilityId))) fail('patch.facilityId', 'facility_not_found');
  const heldFrom = p.heldFrom === undefined ? r.heldFrom : p.heldFrom;
  const heldTo = p.heldTo === undefined ? r.heldTo : p.heldTo;
  if (heldFrom && heldTo && heldTo < heldFrom) fail('patch.heldTo', 'held_range');
  await updateRecord(ctx.db(), ctx.changes(), 'rehabReferrals', r.id, {
    facilityId: p.facilityId,
    complex: p.complex === undefined ? undefined : p.complex ? 1 : 0,
    pendingCustody: p.pendingCustody,
    heldFrom: p.heldFrom,
    heldTo: p.heldTo,
    notes: p.notes,
  });
  await refreshReferralDeadlines(ctx.db(), [r.id]);
  return readDossier(ctx, r.id);
}

export async function setDocument(
  ctx: DomainContext,
  input: ParsedInputOf<'referrals.setDocument'>,
): Promise<ReferralDossier> {
  const r = await scopedReferral(ctx, input.referralId);
  ctx.target({ recordType: 'referral', recordId: r.id });
  const on = input.on ?? today(ctx);
  if (on > today(ctx)) fail('on', 'date_in_future');
  const checklist = JSON.parse(r.checklist) as Checklist;
  checklist[input.item] = {
    done: input.done,
    on: input.done ? on : null,
    note: input.note === undefined ? (checklist[input.item]?.note ?? null) : input.note,
  };
  await updateRecord(ctx.db(), ctx.changes(), 'rehabReferrals', r.id, { checklist: JSON.stringify(checklist) });
  if (input.scan !== undefined) {
    const docId = await rehabRepository.documentId(ctx.db(), r.id, input.item);
    const mime = input.scan ? input.scan.slice(5, input.scan.indexOf(';')) : 'none';
    const size = input.scan ? Math.floor(((input.scan.length - input.scan.indexOf(',') - 1) * 3) / 4) : 0;
    if (docId) {
      await updateRecord(ctx.db(), ctx.changes(), 'rehabDocuments', docId, {
        scan: input.scan,
        mime,
        size,
        addedOn: on,
      });
    } else if (input.scan) {
      await insertRecord(ctx.db(), ctx.changes(), 'rehabDocuments', uuidv7(), {
        referralId: r.id,
        item: input.item,
        mime,
        size,
        addedOn: on,
        scan: input.scan,
      });
    }
  }
  return readDossier(ctx, r.id);
}

export async function readDocument(
  ctx: DomainContext,
  input: ParsedInputOf<'referrals.document'>,
): Promise<{ item: string; scan: string | null }> {
  const r = await scopedReferral(ctx, input.referralId);
  ctx.target({ recordType: 'referral', recordId: r.id, detail: { item: input.item } });
  if (ctx.session().role === 'investigator' || ctx.session().role === 'rehab_staff')
    return { item: input.item, scan: null };
  const doc = await rehabRepository.documentScan(ctx.db(), r.id, input.item);
  return { item: input.item, scan: doc?.scan ?? null };
}

/**
 * Writes a document's scan to the file the user named (never overwriting): a decrypted copy of personal data
 * leaving the database, so only the roles that may see scans, with a purpose, audited as an export
 * (`referral.document_export`: the referral, the document item, the purpose and the size; not the path, which
 * the user may have named after the person).
 */
export async function exportDocument(
  ctx: DomainContext,
  input: ParsedInputOf<'referrals.exportDocument'>,
): Promise<{ path: string; bytes: number }> {
  const r = await scopedReferral(ctx, input.referralId);
  const role = ctx.session().role;
  if (role === 'investigator' || role === 'rehab_staff') fail('item', 'export_not_allowed');
  const doc = await rehabRepository.documentScan(ctx.db(), r.id, input.item);
  if (!doc?.scan) throw new AppError(ErrorCodes.NOT_FOUND, 'this document has no scan');
  const bytes = Buffer.from(doc.scan.slice(doc.scan.indexOf(',') + 1), 'base64');
  ctx.target({
    recordType: 'referral',
    recordId: r.id,
    detail: { item: input.item, purpose: input.purpose, mime: doc.mime, bytes: bytes.length },
  });
  try {
    fs.writeFileSync(input.path, bytes, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') fail('path', 'export_file_exists');
    throw new AppError(ErrorCodes.IO_ERROR, `cannot write the copy (${code ?? 'error'})`);
  }
  return { path: input.path, bytes: bytes.length };
}

export async function board(ctx: DomainContext, input: ParsedInputOf<'referrals.board'>): Promise<ReferralBoard> {
  const todayIs = today(ctx);
  const states = (
    input.state
      ? [input.state]
      : (Object.keys(RULES.limits) as ReferralState[]).filter((s) => input.includeClosed || !RULES.terminal.includes(s))
  ) as ReferralState[];
  const rows = await rehabRepository.board(ctx.db(), {
    scope: ctx.scope('rehab'),
    states,
    today: todayIs,
    limit: input.limit,
    facilityId: input.facilityId,
    communeCode: input.communeCode,
    overdueOnly: input.overdueOnly,
  });
  const byState = new Map<string, ReferralBoard['columns'][number]>();
  for (const r of rows) {
    let c = byState.get(r.state);
    if (!c) {
      c = { state: r.state as ReferralState, count: Number(r.n), overdue: Number(r.overdue ?? 0), items: [] };
      byState.set(r.state, c);
    }
    c.items.push(boardItem(r, todayIs));
  }
  const columns: ReferralBoard['columns'] = states.map(
    (state) => byState.get(state) ?? { state, count: 0, overdue: 0, items: [] },
  );
  ctx.target({ recordType: 'referral', detail: { states: states.length } });
  return {
    columns,
    total: columns.reduce((a, c) => a + c.count, 0),
    overdue: columns.reduce((a, c) => a + c.overdue, 0),
  };
}

export interface AdvanceInput {
  referralId: string;
  to: ReferralState;
  on: string;
  note: string | null;
  decisionKind?: DecisionKind;
  termMonths?: number;
  decisionNumber?: string;
  court?: string;
  complex?: boolean;
  facilityId?: string;
  deferredUntil?: string;
  reason?: string;
  capacityOverride: boolean;
  /** Set by the stays procedures: the stay already written or the incident being recorded. */
  certificateNumber?: string;
}

/**
 * One step of a referral, checked against the rules (shared/domain/rehab) and applied with its effects on the
 * stay and the person's file. Every refusal names its field; the router's transaction writes nothing then.
 */
export async function advance(ctx: DomainContext, input: AdvanceInput): Promise<ReferralDossier> {
  const db = ctx.db();
  const r = await scopedReferral(ctx, input.referralId);
  ctx.target({ recordType: 'referral', recordId: r.id, detail: { to: input.to } });
  const todayIs = today(ctx);
  const decision = (input.decisionKind ?? r.decisionKind) as DecisionKind | null;
  // A court decision on a dossier that never reached the court is its own mistake, named as such.
  if (input.to === 'decided' && !r.sentOn) fail('on', 'decision_before_sent');
  const t = transitionsFrom(r.state as ReferralState, input.to === 'decided' ? null : decision).find(
    (x) => x.to === input.to,
  );
  const tDecided =
    input.to === 'decided' ? RULES.transitions.find((x) => x.from === r.state && x.to === 'decided') : undefined;
  const transition = t ?? tDecided;
  if (!transition) fail('to', 'transition_not_allowed');
  if (input.on > todayIs) fail('on', 'date_in_future');
  if (input.on < r.stateOn) fail('on', 'date_before_previous');
  if (transition.leaderOnly && !holds(ctx, Permissions.referralsApprove)) fail('to', 'leader_only');
  if (transition.checklistComplete) {
    const list = JSON.parse(r.checklist) as Checklist;
    const missing = requiredItems({ minor: r.minor === 1, byHistory: r.ground === 'history' }).find(
      (i) => !list[i]?.done,
    );
    if (missing) fail('to', 'checklist_incomplete');
  }
  const needs = new Set(transition.needs ?? []);
  const reason = input.reason ?? input.note ?? null;
  if (needs.has('reason') && !reason) fail('reason', 'reason_required');
  if (input.to === 'deferred' && !input.deferredUntil) fail('deferredUntil', 'deferred_until_required');

  const patch: Partial<ReferralRow> = {};
  if (input.complex !== undefined) patch.complex = input.complex ? 1 : 0;
  // The facility may be named at any step (usually with the court's decision): its staff then see the referral.
  if (input.facilityId && input.to !== 'admitted' && input.to !== 'transferred') {
    if (!(await facilityRow(db, input.facilityId))) fail('facilityId', 'facility_not_found');
    patch.facilityId = input.facilityId;
  }
  if (input.to === 'sent_to_court') patch.sentOn = input.on;
  if (input.to === 'accepted') patch.acceptedOn = input.on;
  if (input.to === 'deferred') patch.deferredUntil = input.deferredUntil ?? null;
  if (input.to === 'decided') {
    if (!input.decisionKind) fail('decisionKind', 'decision_required');
    if (r.sentOn && input.on < r.sentOn) fail('on', 'decision_before_sent');
    const repeat = r.isRepeat === 1;
    if (input.decisionKind === 'apply') {
      if (input.termMonths === undefined) fail('termMonths', 'term_required');
      if (!termAllowed(input.termMonths, input.on, r.minor === 1, repeat)) fail('termMonths', 'term_out_of_range');
    }
    const range = termRange(input.on, r.minor === 1, repeat);
    Object.assign(patch, {
      decisionKind: input.decisionKind,
      decisionTerm: input.decisionKind === 'apply' ? (input.termMonths ?? null) : null,
      decisionNumber: input.decisionNumber ?? null,
      decisionCourt: input.court ?? null,
      decisionOn: input.on,
      lawId: range.law.id,
    });
  }

  // Effects on the stay.
  const openStay = await rehabRepository.openStay(db, { referralId: r.id });
  const addIncident = async (stayId: string, incidents: string, kind: string, status: string) => {
    const list = JSON.parse(incidents) as { kind: string; on: string; note: string | null }[];
    list.push({ kind, on: input.on, note: input.note });
    await updateRecord(db, ctx.changes(), 'rehabStays', stayId, { incidents: JSON.stringify(list), status });
  };
  if (input.to === 'admitted') {
    if (r.state === 'absconded') {
      if (openStay) await addIncident(openStay.id, openStay.incidents, 'returned', 'in_stay');
    } else {
      const facilityId = input.facilityId ?? r.facilityId;
      if (!facilityId) fail('facilityId', 'facility_required');
      const facility = await facilityRow(db, facilityId);
      if (!facility) fail('facilityId', 'facility_not_found');
      if (facility.kind !== 'public_compulsory') fail('facilityId', 'facility_kind_mismatch');
      if (input.capacityOverride && !holds(ctx, Permissions.referralsApprove))
        fail('capacityOverride', 'override_leader_only');
      if (!input.capacityOverride && (await occupancy(db, facility.id)) >= facility.capacity)
        fail('facilityId', 'facility_full');
      if (openStay) fail('referralId', 'stay_already_open');
      const person = await personRow(db, r.personId);
      if (!person) fail('referralId', 'person_out_of_scope');
      // After a transfer the term runs on: the new stay keeps the planned discharge of the one before.
      const previous = await rehabRepository.latestStay(db, { referralId: r.id });
      const term = r.decisionTerm ?? previous?.termMonths ?? null;
      const planned =
        r.state === 'transferred' && previous?.plannedDischargeOn
          ? previous.plannedDischargeOn
          : term
            ? plannedDischarge(input.on, term, heldDaysBetween(r.heldFrom, r.heldTo))
            : null;
      const measureId =
        r.state === 'transferred'
          ? await rehabRepository.activeCompulsoryMeasure(db, r.personId)
          : await addMeasure(ctx, {
              personId: r.personId,
              kind: 'compulsory_rehab',
              decisionNumber: r.decisionNumber ?? '—',
              decisionDate: r.decisionOn ?? input.on,
              authority: r.decisionCourt ?? facility.name,
              startDate: input.on,
              endDate: planned,
            });
      const stayId = uuidv7();
      await insertRecord(db, ctx.changes(), 'rehabStays', stayId, {
        personId: r.personId,
        facilityId: facility.id,
        referralId: r.id,
        voluntaryId: null,
        admittedOn: input.on,
        termMonths: term,
        plannedDischargeOn: planned,
        dischargedOn: null,
        certificateNumber: null,
        status: 'in_stay',
        stage: 'intake',
        stages: JSON.stringify([{ stage: 'intake', on: input.on }]),
        incidents: '[]',
        capacityOverride: input.capacityOverride ? 1 : 0,
        measureId,
        postMeasureId: null,
        provinceCode: person.curProvince,
        communeCode: person.curCommune,
        unitId: r.unitId,
      });
      patch.facilityId = facility.id;
      patch.plannedDischargeOn = planned;
    }
  } else if (input.to === 'absconded') {
    if (!openStay) fail('referralId', 'stay_not_open');
    await addIncident(openStay.id, openStay.incidents, 'absconded', 'absconded');
  } else if (input.to === 'transferred') {
    if (!openStay) fail('referralId', 'stay_not_open');
    const target = input.facilityId ? await facilityRow(db, input.facilityId) : undefined;
    if (!input.facilityId) fail('facilityId', 'facility_required');
    if (!target) fail('facilityId', 'facility_not_found');
    if (target.id === openStay.facilityId) fail('facilityId', 'facility_kind_mismatch');
    await updateRecord(db, ctx.changes(), 'rehabStays', openStay.id, { status: 'ended', dischargedOn: input.on });
    patch.facilityId = target.id;
  } else if (input.to === 'completed') {
    if (!openStay) fail('referralId', 'stay_not_open');
    if (input.on < openStay.admittedOn) fail('on', 'discharge_before_admission');
    await dischargeStay(ctx, openStay, input.on, input.certificateNumber ?? null);
  } else if (openStay && ['died', 'exempted', 'suspended'].includes(input.to)) {
    if (input.on < openStay.admittedOn) fail('on', 'discharge_before_admission');
    await updateRecord(db, ctx.changes(), 'rehabStays', openStay.id, { status: 'ended', dischargedOn: input.on });
    await endMeasure(ctx, openStay.measureId, r.personId, 'interrupted', input.on);
  }

  const history = JSON.parse(r.history) as History;
  history.push({
    state: input.to,
    on: input.on,
    by: ctx.session().displayName,
    note: reason,
    at: ctx.now().toISOString(),
  });
  await updateRecord(db, ctx.changes(), 'rehabReferrals', r.id, {
    ...patch,
    state: input.to,
    stateOn: input.on,
    history: JSON.stringify(history),
  });
  await refreshReferralDeadlines(db, [r.id]);
  return readDossier(ctx, r.id);
}

/**
 * Completes a stay: the certificate, the rehab measure completed, and the hand-over to the commune of residence
 * as a post-rehab management measure in the person's file (DOMAIN.md: 1 year [?], rules.postRehabMonths).
 */
export async function dischargeStay(
  ctx: DomainContext,
  stay: { id: string; personId: string; measureId: string | null; facilityId: string },
  on: string,
  certificateNumber: string | null,
): Promise<void> {
  const facility = await facilityRow(ctx.db(), stay.facilityId);
  await endMeasure(ctx, stay.measureId, stay.personId, 'completed', on);
  const period = postRehabPeriod(on);
  const postMeasureId = await addMeasure(ctx, {
    personId: stay.personId,
    kind: 'post_rehab_management',
    decisionNumber: certificateNumber ?? '—',
    decisionDate: on,
    authority: facility?.name ?? '—',
    startDate: period.startDate,
    endDate: period.endDate,
  });
  await updateRecord(ctx.db(), ctx.changes(), 'rehabStays', stay.id, {
    status: 'discharged',
    dischargedOn: on,
    certificateNumber,
    postMeasureId,
  });
}
