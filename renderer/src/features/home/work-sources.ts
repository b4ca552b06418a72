import type { TFunction } from 'i18next';
import type { DueItem } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/domain/errors';
import type { MeasureKind } from '../../../../shared/domain/persons';
import { investigationLabels } from '../../../../shared/i18n/investigation-labels';
import { DEFAULT_REHAB_RULES } from '../../../../shared/domain/rehab/rules';
import { addDays } from '../../../../shared/domain/working-days';
import { rehabLabels } from '../../../../shared/i18n/rehab-labels';
import { Permissions, type Permission } from '../../../../shared/domain/roles';
import type { ApiClient } from '../../api/client';
import type { DraftScreen } from '../drafts/draft-screen';
import { commune } from '../../../../shared/places';
import { todayIso } from '../persons/format';
import { placeName, type PersonVocabulary } from '../persons/labels';

/** What one line of home's work queue says. */
export type WorkKind =
  'registration_overdue' | 'tip' | 'case' | 'referral' | 'handover' | 'measure_ending' | 'no_contact';

export interface WorkItem {
  key: string;
  kind: WorkKind;
  /** A person's name, a case number, a tip's first words. */
  title: string;
  /** The line under it: a measure's kind, a commune. */
  detail: string;
  /** A deadline, or for people not seen the day of the last contact. */
  date: string;
  /** Days to the deadline (negative when overdue); null for "since" dates (people not seen). */
  daysLeft: number | null;
  /** The screen that deals with it. */
  screen: DraftScreen;
}

export interface WorkContext {
  t: TFunction;
  labels: PersonVocabulary;
  today: string;
}

/**
 * A source of work due: the procedure that lists it and the permission it needs. Home asks every source the
 * role may use and merges their items, overdue first. Adding a source (hot spots, stays ending) is one entry.
 */
export interface WorkSource {
  key: 'persons' | 'investigations' | 'referrals' | 'handovers';
  permissions: readonly Permission[];
  /** The sidebar page that lists all of it ("Xem tất cả"). */
  page: DraftScreen['page'];
  load(api: ApiClient, ctx: WorkContext): Promise<WorkItem[]>;
}

/** Thrown by a source whose procedure refused or failed: home says which source could not be loaded. */
export class SourceFailed extends Error {
  constructor(readonly error: ApiError) {
    super(error.code);
  }
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const personsSource: WorkSource = {
  key: 'persons',
  permissions: [Permissions.personsRead],
  page: 'persons',
  async load(api, { labels }) {
    const r = await api.invoke('persons.due', {});
    if (!r.ok) throw new SourceFailed(r.error);
    const today = r.value.today;
    return r.value.items.map((i: DueItem): WorkItem => {
      // The kind says what is due; the line adds the measure that ends and where the person lives.
      const place = i.person.communeCode ? (commune(i.person.communeCode)?.name ?? '') : '';
      const what = i.reason === 'measure_ending' && i.detail ? labels.measureKind[i.detail as MeasureKind] : '';
      return {
        key: `${i.reason}-${i.person.id}-${i.refId ?? ''}`,
        kind: i.reason,
        title: i.person.fullName,
        detail: [what, place].filter(Boolean).join(' · '),
        date: i.date,
        daysLeft: i.reason === 'no_contact' ? null : days(today, i.date),
        screen: { page: 'persons', view: { kind: 'file', personId: i.person.id } },
      };
    });
  },
};

const investigationsSource: WorkSource = {
  key: 'investigations',
  permissions: [Permissions.tipsRead, Permissions.casesRead],
  page: 'investigations',
  async load(api, { labels }) {
    const L = investigationLabels[labels.language];
    const r = await api.invoke('investigations.deadlines', { withinDays: 7, limit: 500 });
    if (!r.ok) throw new SourceFailed(r.error);
    return r.value.map((d): WorkItem => ({
      key: `${d.kind}-${d.id}`,
      kind: d.kind,
      title: d.label,
      detail: [
        d.kind === 'tip'
          ? L.tipState[d.state as keyof typeof L.tipState]
          : L.caseState[d.state as keyof typeof L.caseState],
        placeName(d.communeCode, null),
      ]
        .filter(Boolean)
        .join(' · '),
      date: d.deadline,
      daysLeft: d.daysLeft,
      screen: { page: 'investigations' },
    }));
  },
};

const referralsSource: WorkSource = {
  key: 'referrals',
  permissions: [Permissions.referralsRead],
  page: 'rehab',
  async load(api, { labels }) {
    const L = rehabLabels[labels.language];
    const r = await api.invoke('referrals.board', { overdueOnly: false, includeClosed: false, limit: 100 });
    if (!r.ok) throw new SourceFailed(r.error);
    return r.value.columns.flatMap((c) =>
      c.items
        .filter((i) => i.deadline !== null && i.daysLeft !== null && i.daysLeft <= 7)
        .map((i): WorkItem => ({
          key: `referral-${i.id}`,
          kind: 'referral',
          title: i.fullName,
          detail: [L.referralState[i.state], placeName(i.communeCode, null)].filter(Boolean).join(' · '),
          date: i.deadline!,
          daysLeft: i.daysLeft,
          screen: { page: 'rehab' },
        })),
    );
  },
};

/**
 * People handed back to the commune after rehab (issue 11): from the day of discharge, for the notice period of
 * the rehab rules, whatever the look-ahead of the measures ending. "Since" the discharge day; opens the file.
 */
const handoversSource: WorkSource = {
  key: 'handovers',
  permissions: [Permissions.reachCommune],
  page: 'rehab',
  async load(api) {
    const from = addDays(todayIso(), -DEFAULT_REHAB_RULES.handoverNoticeDays);
    const r = await api.invoke('rehab.handovers', { from, limit: 500 });
    if (!r.ok) throw new SourceFailed(r.error);
    return r.value.map((h): WorkItem => ({
      key: `handover-${h.stayId}`,
      kind: 'handover',
      title: h.fullName,
      detail: [h.facilityName, placeName(h.communeCode, null)].filter(Boolean).join(' · '),
      date: h.dischargedOn,
      daysLeft: null,
      screen: { page: 'persons', view: { kind: 'file', personId: h.personId } },
    }));
  },
};

/** Every source, in the order their kinds rank when equally urgent. */
export const WORK_SOURCES: readonly WorkSource[] = [
  personsSource,
  investigationsSource,
  referralsSource,
  handoversSource,
];

const KIND_RANK: Record<WorkKind, number> = {
  registration_overdue: 0,
  case: 1,
  tip: 2,
  referral: 3,
  handover: 4,
  measure_ending: 5,
  no_contact: 6,
};

/**
 * Overdue first (a deadline passed: registrations, tips, cases, referrals — most overdue first), then what
 * falls due soonest, then people not seen (longest silent first): they are many, and never urgent by a day.
 */
export function byUrgency(a: WorkItem, b: WorkItem): number {
  // A hand-over has no deadline but is news to act on: with what falls due, not with the people not seen.
  const group = (i: WorkItem) =>
    i.kind === 'handover' ? 1 : i.daysLeft === null ? 2 : i.daysLeft < 0 || i.kind === 'registration_overdue' ? 0 : 1;
  return (
    group(a) - group(b) ||
    (a.daysLeft ?? 0) - (b.daysLeft ?? 0) ||
    a.date.localeCompare(b.date) ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    a.title.localeCompare(b.title, 'vi')
  );
}

export function sourcesFor(permissions: readonly Permission[]): WorkSource[] {
  return WORK_SOURCES.filter((s) => s.permissions.some((p) => permissions.includes(p)));
}
