import type { DueItem } from '../../shared/contract/person-types';
import type { DomainHandlerGroup } from '../host/context';
import { measureRepository } from './measure.repository';
import { sweepEndedMeasures } from './person.category';
import { rowToSummary } from './person.mapper';
import { personRepository } from './person.repository';
import { addDays, loadRules, todayIso } from './person.rules';
import { scopeFor } from './person.scope';

/** How many silent people the due list shows at most (the longest silent first). */
export const NO_CONTACT_MAX = 1000;

export const dueHandlers: DomainHandlerGroup<'persons.due'> = {
  /** Work due in the caller's scope: measures ending soon, overdue registrations, people not seen lately. */
  async 'persons.due'(ctx, input) {
    const db = ctx.db();
    const scope = await scopeFor(ctx);
    const rules = await loadRules(db);
    const today = todayIso(ctx.now());
    await sweepEndedMeasures(db, ctx.changes(), today);
    const horizon = addDays(today, input.withinDays ?? rules.dueWithinDays);
    const ending = await measureRepository.endingBetween(db, scope, today, horizon);
    const overdue = await measureRepository.overdueRegistrations(db, scope, today);
    const since = addDays(today, -rules.noContactDays);
    // The longest silent first; past NO_CONTACT_MAX the list says it is cut.
    const quiet = await personRepository.silentSince(db, scope, since, NO_CONTACT_MAX + 1);
    const noContactTruncated = quiet.length > NO_CONTACT_MAX;
    quiet.length = Math.min(quiet.length, NO_CONTACT_MAX);
    const items: DueItem[] = [
      ...ending.map((r) => ({
        person: rowToSummary(r),
        reason: 'measure_ending' as const,
        date: r.date,
        refId: r.refId,
        detail: r.detail,
      })),
      ...overdue.map((r) => ({
        person: rowToSummary(r),
        reason: 'registration_overdue' as const,
        date: r.date,
        refId: r.refId,
        detail: null,
      })),
      ...quiet.map((r) => ({
        person: rowToSummary(r),
        reason: 'no_contact' as const,
        date: (r.lastContactAt ?? r.createdAt).slice(0, 10),
        refId: null,
        detail: null,
      })),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return { today, items, noContactTruncated };
  },
};
