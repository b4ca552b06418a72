import type { Db } from '../platform/table-spec';
import type { ReferralState } from '../../shared/domain/rehab/codes';
import { deadlineOf, holidaysAround } from '../../shared/domain/rehab/logic';
import { loadRules } from '../persons/person.rules';
import type { ReferralTable } from './rehab.schema';

type DeadlineFacts = Pick<
  ReferralTable,
  'state' | 'stateOn' | 'acceptedOn' | 'decisionOn' | 'deferredUntil' | 'plannedDischargeOn' | 'minor' | 'complex'
>;

/** The holidays a unit configured (persons rules: extra and removed days) around a date. */
export async function holidaysFor(db: Db): Promise<(date: string) => Set<string>> {
  const rules = await loadRules(db);
  return (date: string) => holidaysAround(date, rules.extraHolidays, rules.removedHolidays);
}

/** A referral's current deadline from its own columns (the rules in shared/domain/rehab). */
export function referralDeadline(r: DeadlineFacts, holidays: (date: string) => Set<string>): string | null {
  return deadlineOf(
    r.state as ReferralState,
    {
      stateOn: r.stateOn,
      acceptedOn: r.acceptedOn,
      decisionOn: r.decisionOn,
      deferredUntil: r.deferredUntil,
      plannedDischargeOn: r.plannedDischargeOn,
    },
    { minor: r.minor === 1, complex: r.complex === 1 },
    holidays(r.stateOn),
  );
}

/** Recomputes the derived deadline of these referrals (after a write, a merge or an import): local, never logged. */
export async function refreshReferralDeadlines(db: Db, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const holidays = await holidaysFor(db);
  for (const id of ids) {
    const r = await db.selectFrom('rehabReferrals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) continue;
    const deadline = referralDeadline(r, holidays);
    if (deadline !== r.deadline)
      await db.updateTable('rehabReferrals').set({ deadline }).where('id', '=', id).execute();
  }
}
