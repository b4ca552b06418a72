import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { CaseSummary, CaseView, PersonCase } from '../../shared/contract';
import type { caseInputSchema } from '../../shared/contract/investigations';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { CASE_LIMITS, checkExtension } from '../../shared/domain/investigations/deadlines';
import { CASE_TRANSITIONS, canMove, type CaseState } from '../../shared/domain/investigations/states';
import type { Severity } from '../../shared/domain/investigations/severity';
import type { SuspectRole } from '../../shared/domain/investigations/catalog';
import { insertRecord, tombstone, updateRecord } from '../changelog/changelog';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import { personHandlers } from '../persons/person.service';
import { recordInScope } from '../platform/record-access';
import { specOf } from '../platform/tables';
import { buildCasePrint } from './case.print';
import { invalid, placement, requireInScope, todayOf, visiblePersons } from './investigation.access';
import {
  caseDerived,
  caseSummary,
  caseView,
  orderExtensions,
  seizureTotals,
  seizureView,
  suspectView,
} from './investigation.mapper';
import { investigationRepository as repo } from './investigation.repository';
import type { CaseRowDb, TipRowDb } from './investigation.schema';
import { caseTable, seizureTable, suspectTable, tipTable } from './investigation.table';

type Procs =
  | 'cases.create'
  | 'cases.get'
  | 'cases.list'
  | 'cases.find'
  | 'cases.update'
  | 'cases.advance'
  | 'cases.extend'
  | 'cases.addSuspect'
  | 'cases.updateSuspect'
  | 'cases.removeSuspect'
  | 'cases.ofPerson'
  | 'cases.print'
  | 'seizures.add'
  | 'seizures.remove';

type CaseInput = z.output<typeof caseInputSchema>;

export function scopedCase(ctx: DomainContext, id: string) {
  return requireInScope(ctx, caseTable, id, () => repo.caseRow(ctx.db(), id));
}

/** The whole case file as the contract shows it. */
export async function loadCase(ctx: DomainContext, id: string): Promise<CaseView> {
  const db = ctx.db();
  const row = (await repo.caseRow(db, id))!;
  const linked = await repo.suspectsOf(db, id);
  // Each suspect's person as the caller's persons scope shows them (null outside it).
  const shown = await visiblePersons(
    ctx,
    new Map(linked.flatMap((s) => (s.person ? [[s.row.personId, s.person]] : []))),
  );
  const suspects = linked.map((s) => suspectView(s.row, shown.get(s.row.personId) ?? null));
  return caseView(
    row,
    await repo.caseExtensions(db, id),
    suspects,
    await repo.seizuresOf(db, { caseId: id }),
    todayOf(ctx),
  );
}

/**
 * Opens a case (from the case form, or from a tip decided "prosecute"): placed in the caller's unit, its severity
 * and deadline derived from the offences and the prosecution date. Returns the new id.
 */
export async function createCase(ctx: DomainContext, c: CaseInput, fromTip?: TipRowDb): Promise<string> {
  const db = ctx.db();
  const prefix = fromTip ? 'case.' : '';
  if (c.prosecutedOn > todayOf(ctx)) throw invalid(`${prefix}prosecutedOn`, 'date_in_future');
  const unitId = ctx.session().unitId;
  if (await repo.caseNumberTaken(db, unitId, c.number)) throw invalid(`${prefix}number`, 'case_number_taken');
  let tip = fromTip;
  if (!tip && c.tipId) {
    tip = await requireInScope(ctx, tipTable, c.tipId, () => repo.tip(db, c.tipId!));
    if (c.prosecutedOn < tip.receivedOn) throw invalid('prosecutedOn', 'decision_before_receipt');
  }
  const place = placement(ctx, 'cases', c.communeCode ?? tip?.communeCode ?? null);
  const offences = JSON.stringify(c.offences.map((o) => ({ article: o.article, clause: o.clause })));
  const decisionNumber = c.decisionNumber || c.number;
  const id = uuidv7();
  await insertRecord(db, ctx.changes(), 'drugCases', id, {
    number: c.number,
    ...place,
    prosecutedOn: c.prosecutedOn,
    decisionNumber,
    prosecutingUnit: c.prosecutingUnit,
    tipId: tip?.id ?? null,
    summary: c.summary,
    offences,
    international: c.international ? 1 : 0,
    partnerCountry: c.partnerCountry,
    transnationalRoute: c.transnationalRoute ? 1 : 0,
    organisedRing: c.organisedRing ? 1 : 0,
    state: 'investigating',
    stateOn: c.prosecutedOn,
    stateHistory: JSON.stringify([{ state: 'investigating', on: c.prosecutedOn, decisionNumber, note: null }]),
    ...caseDerived({ offences, prosecutedOn: c.prosecutedOn }, []),
  });
  // A case opened on its own names its tip: the tip points back at it when it does not yet.
  if (tip && !fromTip && !tip.caseId) await updateRecord(db, ctx.changes(), 'tips', tip.id, { caseId: id });
  return id;
}

async function scopedSuspect(ctx: DomainContext, id: string) {
  return requireInScope(ctx, suspectTable, id, () => repo.suspect(ctx.db(), id));
}

/** The owner of a seizure (a case, or a tip) in scope, and the columns that place it. */
async function seizureOwner(ctx: DomainContext, owner: { caseId?: string | null; tipId?: string | null }) {
  if (owner.caseId) {
    const c = await scopedCase(ctx, owner.caseId);
    return {
      key: { caseId: c.id } as const,
      place: { unitId: c.unitId, provinceCode: c.provinceCode, communeCode: c.communeCode },
    };
  }
  const t = await requireInScope(ctx, tipTable, owner.tipId!, () => repo.tip(ctx.db(), owner.tipId!));
  return {
    key: { tipId: t.id } as const,
    place: { unitId: t.unitId, provinceCode: t.provinceCode, communeCode: t.communeCode },
  };
}

async function ownerTotals(ctx: DomainContext, key: { caseId: string } | { tipId: string }) {
  return seizureTotals((await repo.seizuresOf(ctx.db(), key)).map(seizureView));
}

/** How many cases a search may find before paging (cases.list with a query). */
const SEARCH_CAP = 500;

/**
 * Summaries of found cases in the caller's scope (each once, in the order found, those `keep` accepts), a page
 * from `offset`, with how many there are in all.
 */
async function summaries(
  ctx: DomainContext,
  found: { row: CaseRowDb; matchedBy?: CaseSummary['matchedBy']; role?: string }[],
  page: { offset?: number; limit: number; keep?: (row: CaseRowDb) => boolean },
): Promise<{ items: (CaseSummary & { role?: string })[]; total: number }> {
  const scope = ctx.scope('cases');
  const seen = new Set<string>();
  const kept = found.filter((f) => {
    if (seen.has(f.row.id) || !repo.inScope(scope, f.row) || (page.keep && !page.keep(f.row))) return false;
    seen.add(f.row.id);
    return true;
  });
  const offset = page.offset ?? 0;
  return { items: await summariesOf(ctx, kept.slice(offset, offset + page.limit)), total: kept.length };
}

/** Case rows as summaries, with their suspect counts. */
async function summariesOf(
  ctx: DomainContext,
  page: { row: CaseRowDb; matchedBy?: CaseSummary['matchedBy']; role?: string }[],
): Promise<(CaseSummary & { role?: string })[]> {
  const counts = await repo.suspectCounts(
    ctx.db(),
    page.map((f) => f.row.id),
  );
  const today = todayOf(ctx);
  return page.map((f) => ({
    ...caseSummary(f.row, today, counts.get(f.row.id) ?? 0),
    ...(f.matchedBy ? { matchedBy: f.matchedBy } : {}),
    ...(f.role ? { role: f.role } : {}),
  }));
}

export const caseHandlers: DomainHandlerGroup<Procs> = {
  async 'cases.create'(ctx, c) {
    const id = await createCase(ctx, c);
    ctx.target({ recordType: 'case', recordId: id, detail: { offences: c.offences.length } });
    return loadCase(ctx, id);
  },

  async 'cases.get'(ctx, { caseId }) {
    ctx.target({ recordType: 'case', recordId: caseId });
    await scopedCase(ctx, caseId);
    return loadCase(ctx, caseId);
  },

  async 'cases.list'(ctx, f) {
    if (!f.query) {
      const { rows, total } = await repo.caseList(ctx.db(), ctx.scope('cases'), f);
      return {
        items: await summariesOf(
          ctx,
          rows.map((row) => ({ row })),
        ),
        total,
      };
    }
    const found = await repo.findCaseRows(ctx.db(), f.query, SEARCH_CAP);
    const out = await summaries(ctx, found, {
      offset: f.offset,
      limit: f.limit,
      keep: (r) =>
        (!f.state || r.state === f.state) &&
        (!f.severity || r.severity === f.severity) &&
        (!f.open || r.state === 'investigating'),
    });
    // A search is audited as cases.find's is, without what was searched for; browsing the list is not.
    ctx.audit({ action: 'case.search', recordType: 'case', detail: { results: out.total } });
    return out;
  },

  async 'cases.find'(ctx, { query, state, limit }) {
    const found = await repo.findCaseRows(ctx.db(), query, limit);
    const { items } = await summaries(ctx, found, { limit, keep: (r) => !state || r.state === state });
    // The search is audited without what was searched for.
    ctx.target({ recordType: 'case', detail: { results: items.length } });
    return items;
  },

  async 'cases.update'(ctx, { caseId, patch }) {
    ctx.target({ recordType: 'case', recordId: caseId });
    const row = await scopedCase(ctx, caseId);
    const db = ctx.db();
    if (patch.number && (await repo.caseNumberTaken(db, row.unitId, patch.number, caseId)))
      throw invalid('patch.number', 'case_number_taken');
    if (patch.prosecutedOn && patch.prosecutedOn > todayOf(ctx)) throw invalid('patch.prosecutedOn', 'date_in_future');
    if (patch.prosecutedOn && row.stateOn < patch.prosecutedOn && row.state !== 'investigating')
      throw invalid('patch.prosecutedOn', 'date_before_prosecution');
    const international = patch.international ?? row.international === 1;
    const partner = patch.partnerCountry === undefined ? row.partnerCountry : patch.partnerCountry;
    if (partner && !international) throw invalid('patch.partnerCountry', 'partner_needs_international');
    const place =
      patch.communeCode === undefined
        ? {}
        : { provinceCode: placement(ctx, 'cases', patch.communeCode).provinceCode, communeCode: patch.communeCode };
    const bool = (b: boolean | undefined) => (b === undefined ? undefined : b ? 1 : 0);
    const changed = await updateRecord(db, ctx.changes(), 'drugCases', caseId, {
      number: patch.number,
      prosecutedOn: patch.prosecutedOn,
      decisionNumber: patch.decisionNumber,
      prosecutingUnit: patch.prosecutingUnit,
      summary: patch.summary,
      offences: patch.offences
        ? JSON.stringify(patch.offences.map((o) => ({ article: o.article, clause: o.clause })))
        : undefined,
      ...place,
      international: bool(patch.international),
      partnerCountry: international ? patch.partnerCountry : null,
      transnationalRoute: bool(patch.transnationalRoute),
      organisedRing: bool(patch.organisedRing),
    });
    await repo.refreshCase(db, caseId);
    ctx.target({ recordType: 'case', recordId: caseId, detail: { fields: changed.join(',') } });
    return loadCase(ctx, caseId);
  },

  async 'cases.advance'(ctx, a) {
    ctx.target({ recordType: 'case', recordId: a.caseId });
    const row = await scopedCase(ctx, a.caseId);
    if (!canMove(CASE_TRANSITIONS, row.state as CaseState, a.state)) throw invalid('state', 'state_change_not_allowed');
    if (a.on < row.prosecutedOn) throw invalid('on', 'date_before_prosecution');
    if (a.on < row.stateOn) throw invalid('on', 'date_before_status');
    if (a.on > todayOf(ctx)) throw invalid('on', 'date_in_future');
    const history = [
      ...(JSON.parse(row.stateHistory) as unknown[]),
      { state: a.state, on: a.on, decisionNumber: a.decisionNumber, note: a.note },
    ];
    await updateRecord(ctx.db(), ctx.changes(), 'drugCases', a.caseId, {
      state: a.state,
      stateOn: a.on,
      stateHistory: JSON.stringify(history),
    });
    ctx.target({ recordType: 'case', recordId: a.caseId, detail: { from: row.state, to: a.state } });
    return loadCase(ctx, a.caseId);
  },

  async 'cases.extend'(ctx, e) {
    ctx.target({ recordType: 'case', recordId: e.caseId });
    const row = await scopedCase(ctx, e.caseId);
    if (row.state !== 'investigating') throw invalid('months', 'limit_not_running');
    const previous = orderExtensions(await repo.caseExtensions(ctx.db(), e.caseId));
    const problem = checkExtension(CASE_LIMITS[row.severity as Severity], row.prosecutedOn, previous, e);
    if (problem) throw invalid(problem.path, problem.code);
    if (e.decidedOn > todayOf(ctx)) throw invalid('decidedOn', 'date_in_future');
    const id = uuidv7();
    await insertRecord(ctx.db(), ctx.changes(), 'caseExtensions', id, {
      caseId: e.caseId,
      decisionNumber: e.decisionNumber,
      decidedOn: e.decidedOn,
      months: e.months,
    });
    await repo.refreshCase(ctx.db(), e.caseId);
    ctx.target({ recordType: 'case', recordId: e.caseId, detail: { extension: id, months: e.months } });
    return loadCase(ctx, e.caseId);
  },

  async 'cases.addSuspect'(ctx, s) {
    ctx.target({ recordType: 'case', recordId: s.caseId });
    await scopedCase(ctx, s.caseId);
    let personId = s.personId;
    if (personId) {
      if (!(await repo.personExists(ctx.db(), personId))) throw invalid('personId', 'person_not_found');
      if (!(await recordInScope(ctx, specOf('persons'), personId)))
        throw new AppError(ErrorCodes.FORBIDDEN, 'this person is outside your scope');
    } else {
      // A new person of the registry, through the persons service (its checks, duplicates and change log).
      // Linked as a suspect only, they are not "under management": no measure is opened.
      const file = await personHandlers['persons.create'](ctx, { ...s.newPerson!, confirmed: s.confirmed });
      personId = file.person.id;
      ctx.audit({ action: 'person.create', recordType: 'person', recordId: personId, detail: { suspectOf: s.caseId } });
    }
    if (await repo.suspectLink(ctx.db(), s.caseId, personId)) throw invalid('personId', 'suspect_already_linked');
    const id = uuidv7();
    await insertRecord(ctx.db(), ctx.changes(), 'caseSuspects', id, {
      caseId: s.caseId,
      personId,
      role: s.role,
      arrestedOn: s.arrestedOn,
      custodyUntil: s.custodyUntil,
      measure: s.measure,
      measureFrom: s.measureFrom,
      outcome: s.outcome,
      notes: s.notes,
    });
    ctx.target({ recordType: 'case', recordId: s.caseId, detail: { suspect: id, person: personId } });
    return loadCase(ctx, s.caseId);
  },

  async 'cases.updateSuspect'(ctx, { suspectId, patch }) {
    const row = await scopedSuspect(ctx, suspectId);
    const arrestedOn = patch.arrestedOn === undefined ? row.arrestedOn : patch.arrestedOn;
    const custodyUntil = patch.custodyUntil === undefined ? row.custodyUntil : patch.custodyUntil;
    if (arrestedOn && custodyUntil && custodyUntil < arrestedOn)
      throw invalid('patch.custodyUntil', 'end_before_start');
    const changed = await updateRecord(ctx.db(), ctx.changes(), 'caseSuspects', suspectId, patch);
    ctx.target({ recordType: 'case', recordId: row.caseId, detail: { suspect: suspectId, fields: changed.join(',') } });
    return loadCase(ctx, row.caseId);
  },

  async 'cases.removeSuspect'(ctx, { suspectId }) {
    const row = await scopedSuspect(ctx, suspectId);
    await tombstone(ctx.db(), ctx.changes(), 'caseSuspects', suspectId);
    ctx.target({ recordType: 'case', recordId: row.caseId, detail: { suspect: suspectId, removed: true } });
    return loadCase(ctx, row.caseId);
  },

  async 'cases.ofPerson'(ctx, { personId }) {
    ctx.target({ recordType: 'person', recordId: personId });
    const links = await repo.casesOfPersons(ctx.db(), [personId]);
    const { items } = await summaries(
      ctx,
      links.map((l) => ({ row: l.row, role: l.role })),
      { limit: 500 },
    );
    return items.map(({ role, ...c }) => ({ ...c, suspectRole: role as SuspectRole })) satisfies PersonCase[];
  },

  async 'cases.print'(ctx, { caseId, purpose }) {
    ctx.target({ recordType: 'case', recordId: caseId });
    await scopedCase(ctx, caseId);
    const file = await loadCase(ctx, caseId);
    ctx.target({ recordType: 'case', recordId: caseId, detail: { purpose: purpose ? 'given' : 'none' } });
    return { html: await buildCasePrint(ctx, file, purpose) };
  },

  async 'seizures.add'(ctx, s) {
    const owner = await seizureOwner(ctx, s);
    if (s.seizedOn > todayOf(ctx)) throw invalid('seizedOn', 'date_in_future');
    const id = uuidv7();
    await insertRecord(ctx.db(), ctx.changes(), 'seizures', id, {
      caseId: s.caseId ?? null,
      tipId: s.tipId ?? null,
      ...owner.place,
      kind: s.kind,
      substance: s.substance ?? null,
      quantity: s.quantity === undefined ? null : String(s.quantity),
      unit: s.unit ?? null,
      exhibit: s.exhibit ?? null,
      count: s.count ?? null,
      description: s.description,
      seizedOn: s.seizedOn,
    });
    ctx.target({
      recordType: 'seizure',
      recordId: id,
      detail: s.caseId ? { case: s.caseId, kind: s.kind } : { tip: s.tipId ?? '', kind: s.kind },
    });
    const row = (await repo.seizure(ctx.db(), id))!;
    return { seizure: seizureView(row), totals: await ownerTotals(ctx, owner.key) };
  },

  async 'seizures.remove'(ctx, { seizureId }) {
    ctx.target({ recordType: 'seizure', recordId: seizureId });
    const row = await requireInScope(ctx, seizureTable, seizureId, () => repo.seizure(ctx.db(), seizureId));
    await tombstone(ctx.db(), ctx.changes(), 'seizures', seizureId);
    const key = row.caseId ? { caseId: row.caseId } : { tipId: row.tipId! };
    return { removed: true as const, totals: await ownerTotals(ctx, key) };
  },
};
