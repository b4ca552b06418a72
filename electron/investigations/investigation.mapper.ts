import type {
  CaseSummary,
  CaseView,
  ExtensionView,
  HotspotChange,
  HotspotView,
  OffenceView,
  PersonSummary,
  SeizureTotals,
  SeizureView,
  StateChange,
  SuspectView,
  TipRow,
  TipView,
} from '../../shared/contract';
import type {
  ExhibitKind,
  HotspotActivity,
  HotspotKind,
  PartnerCountry,
  QuantityUnit,
  SeizedSubstance,
  SeizureKind,
  SuspectMeasure,
  SuspectOutcome,
  SuspectRole,
  TipChannel,
  TipSource,
} from '../../shared/domain/investigations/catalog';
import {
  CASE_LIMITS,
  TIP_LIMIT,
  caseDeadline,
  daysBetween,
  limitDeadline,
  nextExtensionMax,
  tipDeadline,
} from '../../shared/domain/investigations/deadlines';
import { clauseOf, type OffenceRef } from '../../shared/domain/investigations/offences';
import { caseSeverity, type Severity } from '../../shared/domain/investigations/severity';
import {
  caseOpen,
  caseResolved,
  tipOpen,
  type CaseState,
  type HotspotStatus,
  type TipState,
} from '../../shared/domain/investigations/states';
import type {
  CaseRowDb,
  ExtensionRowDb,
  HotspotRowDb,
  SeizureRowDb,
  SuspectRowDb,
  TipRowDb,
} from './investigation.schema';

/**
 * Rows to views and the derived columns: the one place that turns what a table holds into what the contract
 * promises. Pure: no database.
 */

export function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The offences a row holds, keeping only well-formed (article, clause) pairs of Chapter XX. */
export function offencesOf(json: string): OffenceRef[] {
  const list = parseJson<unknown>(json, []);
  if (!Array.isArray(list)) return [];
  return list.filter(
    (o): o is OffenceRef =>
      !!o &&
      typeof o === 'object' &&
      typeof (o as OffenceRef).article === 'string' &&
      typeof (o as OffenceRef).clause === 'number' &&
      !!clauseOf((o as OffenceRef).article, (o as OffenceRef).clause),
  );
}

/** A case's severity from its stored offences (less serious when none is recorded, which forms refuse). */
export function severityOfRow(offencesJson: string): Severity {
  return caseSeverity(offencesOf(offencesJson)) ?? 'less_serious';
}

function validDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

/**
 * Where a tip's Art. 147 limit runs from: its receipt, or — once a suspended verification is resumed (state back to
 * verifying with a decision date) — the resumption decision, from which the limit runs afresh (CPC Art. 149).
 */
export function tipStart(row: Pick<TipRowDb, 'receivedOn'> & Partial<Pick<TipRowDb, 'state' | 'decidedOn'>>): string {
  return row.state === 'verifying' && row.decidedOn && row.decidedOn > row.receivedOn ? row.decidedOn : row.receivedOn;
}

/** Derived columns of a tip: the Art. 147 deadline. */
export function tipDerived(
  row: Pick<TipRowDb, 'receivedOn'> & Partial<Pick<TipRowDb, 'state' | 'decidedOn'>>,
  extensions: readonly (Pick<ExtensionRowDb, 'months'> & { decidedOn?: string })[],
) {
  const start = tipStart(row);
  if (!validDay(start)) return { deadline: row.receivedOn };
  return { deadline: tipDeadline(start, sane(currentExtensions(start, extensions))) };
}

/** The extensions that count: those decided since the limit last started (a resumption starts it afresh). */
export function currentExtensions<T extends { decidedOn?: string }>(start: string, extensions: readonly T[]): T[] {
  return extensions.filter((e) => !e.decidedOn || e.decidedOn >= start);
}

/** Derived columns of a case: severity and the Art. 172 deadline. */
export function caseDerived(
  row: Pick<CaseRowDb, 'offences' | 'prosecutedOn'>,
  extensions: readonly Pick<ExtensionRowDb, 'months'>[],
) {
  const severity = severityOfRow(row.offences);
  if (!validDay(row.prosecutedOn)) return { severity, deadline: row.prosecutedOn };
  return { severity, deadline: caseDeadline(severity, row.prosecutedOn, sane(extensions)) };
}

/** Extensions as counted: whole months within the law's largest (merged data is never trusted blindly). */
function sane(extensions: readonly Pick<ExtensionRowDb, 'months'>[]) {
  return extensions.map((e) => ({ months: Math.max(0, Math.min(4, Math.trunc(Number(e.months) || 0))) }));
}

function extensionViews(rows: readonly ExtensionRowDb[], untilAfter: (count: number) => string): ExtensionView[] {
  return rows.map((e, i) => ({
    id: e.id,
    decisionNumber: e.decisionNumber,
    decidedOn: e.decidedOn,
    months: e.months,
    until: untilAfter(i + 1),
  }));
}

/** Extensions in the order they were decided (then written). */
export function orderExtensions<T extends ExtensionRowDb>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.hlc.localeCompare(b.hlc));
}

export function seizureView(r: SeizureRowDb): SeizureView {
  return {
    id: r.id,
    caseId: r.caseId,
    tipId: r.tipId,
    kind: r.kind as SeizureKind,
    substance: r.substance as SeizedSubstance | null,
    quantity: r.quantity === null ? null : Number(r.quantity),
    unit: r.unit as QuantityUnit | null,
    exhibit: r.exhibit as ExhibitKind | null,
    count: r.count,
    description: r.description,
    seizedOn: r.seizedOn,
    createdAt: r.createdAt,
  };
}

/** Thousandths, so decimal quantities add up exactly. */
function milli(q: string | number): number {
  return Math.round(Number(q) * 1000);
}

/** Totals per (substance, unit) and per exhibit kind: never across units. */
export function seizureTotals(rows: readonly SeizureView[]): SeizureTotals {
  const subs = new Map<string, { substance: SeizedSubstance; unit: QuantityUnit; m: number }>();
  const exh = new Map<ExhibitKind, number>();
  for (const s of rows) {
    if (s.kind === 'substance' && s.substance && s.unit && s.quantity !== null) {
      const key = `${s.substance}|${s.unit}`;
      const t = subs.get(key) ?? { substance: s.substance, unit: s.unit, m: 0 };
      t.m += milli(s.quantity);
      subs.set(key, t);
    } else if (s.kind === 'exhibit' && s.exhibit && s.count !== null) {
      exh.set(s.exhibit, (exh.get(s.exhibit) ?? 0) + s.count);
    }
  }
  return {
    substances: [...subs.values()]
      .sort((a, b) => a.substance.localeCompare(b.substance) || a.unit.localeCompare(b.unit))
      .map((t) => ({ substance: t.substance, unit: t.unit, quantity: t.m / 1000 })),
    exhibits: [...exh.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([exhibit, count]) => ({ exhibit, count })),
  };
}

export function tipRow(r: TipRowDb, today: string, extensionCount: number): TipRow {
  const state = r.state as TipState;
  return {
    id: r.id,
    receivedOn: r.receivedOn,
    source: r.source as TipSource,
    channel: r.channel as TipChannel,
    communeCode: r.communeCode,
    summary: r.summary,
    state,
    deadline: r.deadline,
    daysLeft: tipOpen(state) ? daysBetween(today, r.deadline) : null,
    resolved: tipResolved(state),
    caseId: r.caseId,
    extensionCount,
  };
}

export function tipResolved(state: TipState): boolean {
  return state === 'prosecuted' || state === 'not_prosecuted' || state === 'transferred';
}

export function tipView(
  r: TipRowDb,
  extensions: readonly ExtensionRowDb[],
  seizures: readonly SeizureRowDb[],
  today: string,
  persons: ReadonlyMap<string, PersonSummary> = new Map(),
): TipView {
  const state = r.state as TipState;
  const personIds = parseJson<string[]>(r.personIds, []);
  const ordered = currentExtensions(tipStart(r), orderExtensions(extensions));
  return {
    id: r.id,
    receivedOn: r.receivedOn,
    receivedAt: r.receivedAt,
    unitId: r.unitId,
    receivedBy: r.receivedBy,
    source: r.source as TipSource,
    channel: r.channel as TipChannel,
    provinceCode: r.provinceCode,
    communeCode: r.communeCode,
    place: r.place,
    summary: r.summary,
    personIds,
    persons: personIds.flatMap((id) => persons.get(id) ?? []),
    state,
    decidedOn: r.decidedOn,
    decisionNumber: r.decisionNumber,
    decisionNote: r.decisionNote,
    transferredTo: r.transferredTo,
    caseId: r.caseId,
    extensions: extensionViews(ordered, (n) => limitDeadline(TIP_LIMIT, tipStart(r), sane(ordered.slice(0, n)))),
    deadline: r.deadline,
    daysLeft: tipOpen(state) ? daysBetween(today, r.deadline) : null,
    resolved: tipResolved(state),
    seizures: seizures.map(seizureView),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function offenceViews(json: string): OffenceView[] {
  return offencesOf(json).map((o) => {
    const c = clauseOf(o.article, o.clause)!;
    return { article: o.article, clause: o.clause, minYears: c.minYears, maxPenalty: c.maxPenalty };
  });
}

export function suspectView(r: SuspectRowDb, person: PersonSummary | null): SuspectView {
  return {
    id: r.id,
    caseId: r.caseId,
    personId: r.personId,
    person,
    role: r.role as SuspectRole,
    arrestedOn: r.arrestedOn,
    custodyUntil: r.custodyUntil,
    measure: r.measure as SuspectMeasure,
    measureFrom: r.measureFrom,
    outcome: r.outcome as SuspectOutcome,
    notes: r.notes,
  };
}

export function caseSummary(r: CaseRowDb, today: string, suspectCount: number): CaseSummary {
  const state = r.state as CaseState;
  return {
    id: r.id,
    number: r.number,
    prosecutedOn: r.prosecutedOn,
    state,
    severity: r.severity as Severity,
    offences: offencesOf(r.offences).map((o) => ({ article: o.article, clause: o.clause })),
    deadline: r.deadline,
    daysLeft: caseOpen(state) ? daysBetween(today, r.deadline) : null,
    resolved: caseResolved(state),
    suspectCount,
  };
}

export function caseView(
  r: CaseRowDb,
  extensions: readonly ExtensionRowDb[],
  suspects: readonly SuspectView[],
  seizures: readonly SeizureRowDb[],
  today: string,
): CaseView {
  const state = r.state as CaseState;
  const severity = r.severity as Severity;
  const rule = CASE_LIMITS[severity] ?? CASE_LIMITS.less_serious;
  const ordered = orderExtensions(extensions);
  const seized = seizures.map(seizureView);
  return {
    id: r.id,
    number: r.number,
    unitId: r.unitId,
    provinceCode: r.provinceCode,
    communeCode: r.communeCode,
    prosecutedOn: r.prosecutedOn,
    decisionNumber: r.decisionNumber,
    prosecutingUnit: r.prosecutingUnit,
    tipId: r.tipId,
    summary: r.summary,
    offences: offenceViews(r.offences),
    severity,
    international: r.international === 1,
    partnerCountry: r.partnerCountry as PartnerCountry | null,
    transnationalRoute: r.transnationalRoute === 1,
    organisedRing: r.organisedRing === 1,
    state,
    stateHistory: parseJson<StateChange[]>(r.stateHistory, []),
    extensions: extensionViews(ordered, (n) => limitDeadline(rule, r.prosecutedOn, sane(ordered.slice(0, n)))),
    deadline: r.deadline,
    daysLeft: caseOpen(state) ? daysBetween(today, r.deadline) : null,
    extensionsLeft: Math.max(0, rule.extensions.length - ordered.length),
    nextExtensionMaxMonths: nextExtensionMax(rule, ordered.length),
    resolved: caseResolved(state),
    suspects: [...suspects],
    seizures: seized,
    totals: seizureTotals(seized),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function hotspotView(r: HotspotRowDb): HotspotView {
  return {
    id: r.id,
    unitId: r.unitId,
    provinceCode: r.provinceCode,
    communeCode: r.communeCode,
    address: r.address,
    kind: r.kind as HotspotKind,
    activities: parseJson<HotspotActivity[]>(r.activities, []),
    discoveredOn: r.discoveredOn,
    status: r.status as HotspotStatus,
    statusOn: r.statusOn,
    eliminatedOn: r.eliminatedOn,
    eliminatedByCaseId: r.eliminatedByCaseId,
    reformedCount: r.reformedCount,
    reformedOn: r.reformedOn,
    notes: r.notes,
    history: parseJson<HotspotChange[]>(r.history, []),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
