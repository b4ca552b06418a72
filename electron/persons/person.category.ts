import { REHAB_KINDS, type MeasureKind, type PersonCategory } from '../../shared/domain/persons';
import type { ChangeContext, Db } from '../changelog/changelog';
import { settingsRepository } from '../platform/settings.repository';
import { measureRepository } from './measure.repository';
import { personRepository } from './person.repository';

/**
 * The category follows from the file, never from a free choice (see shared/domain/persons.ts), and so does
 * the last contact (the latest check-in or drug test). Both are recomputed after every change to a
 * person's measures, tests or determinations.
 */
export function deriveCategory(
  activeKinds: MeasureKind[],
  latestDetermination: string | null,
  anyPositiveTest: boolean,
): PersonCategory {
  if (activeKinds.some((k) => REHAB_KINDS.includes(k))) return 'in_rehab';
  if (activeKinds.includes('methadone')) return 'methadone';
  if (activeKinds.includes('post_rehab_management')) return 'post_rehab';
  if (latestDetermination === 'addicted') return 'addict';
  if (anyPositiveTest || activeKinds.includes('user_management')) return 'user';
  return 'unclassified';
}

export async function refreshDerived(db: Db, personId: string, today: string): Promise<PersonCategory> {
  const facts = await measureRepository.categoryInputs(db, personId, today);
  const category = deriveCategory(facts.activeKinds, facts.latestDetermination, facts.anyPositiveTest);
  // Derived columns are local: written in place, never logged (see person.table.ts).
  await personRepository.setDerived(db, personId, { category, lastContactAt: facts.lastContact });
  return category;
}

const SWEEP_KEY = 'categories_swept_through';

/**
 * A measure that reaches its end date ends its effect on the category without anyone writing to the file.
 * Once a day, before persons are read, the people whose active measures ended since the last sweep get their
 * category recomputed (a derived field: local, never in the change log).
 */
export async function sweepEndedMeasures(db: Db, ctx: ChangeContext, today: string): Promise<number> {
  const last = await settingsRepository.get(db, SWEEP_KEY);
  if (last === today) return 0;
  const ended = await measureRepository.personsWithMeasuresEnded(db, last, today);
  for (const personId of ended) await refreshDerived(db, personId, today);
  await settingsRepository.put(db, SWEEP_KEY, today, ctx.now());
  return ended.length;
}
