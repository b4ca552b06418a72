import { REHAB_KINDS, type MeasureKind, type PersonCategory } from '../../shared/domain/persons';
import type { ChangeContext, Db } from '../changelog/changelog';

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
  const measures = await db
    .selectFrom('personMeasures')
    .select('kind')
    .where('personId', '=', personId)
    .where('deletedAt', 'is', null)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', today)]))
    .execute();
  const det = await db
    .selectFrom('addictionDeterminations')
    .select('result')
    .where('personId', '=', personId)
    .where('deletedAt', 'is', null)
    .where('result', '!=', 'pending')
    .orderBy('resultDate', 'desc')
    .executeTakeFirst();
  const positive = await db
    .selectFrom('drugTests')
    .select('id')
    .where('personId', '=', personId)
    .where('deletedAt', 'is', null)
    .where('result', '=', 'positive')
    .executeTakeFirst();
  const contact = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('personCheckIns')
        .select('date')
        .where('personId', '=', personId)
        .where('deletedAt', 'is', null)
        .unionAll(
          eb.selectFrom('drugTests').select('date').where('personId', '=', personId).where('deletedAt', 'is', null),
        )
        .as('c'),
    )
    .select((eb) => eb.fn.max('c.date').as('last'))
    .executeTakeFirst();
  const category = deriveCategory(
    measures.map((m) => m.kind as MeasureKind),
    det?.result ?? null,
    Boolean(positive),
  );
  // Derived columns are local: written in place, never logged (see person.table.ts).
  await db
    .updateTable('persons')
    .set({ category, lastContactAt: (contact?.last as string | null) ?? null })
    .where('id', '=', personId)
    .execute();
  return category;
}

const SWEEP_KEY = 'categories_swept_through';

/**
 * A measure that reaches its end date ends its effect on the category without anyone writing to the file.
 * Once a day, before persons are read, the people whose active measures ended since the last sweep get their
 * category recomputed (a derived field: local, never in the change log).
 */
export async function sweepEndedMeasures(db: Db, ctx: ChangeContext, today: string): Promise<number> {
  const last = await db.selectFrom('settings').select('value').where('key', '=', SWEEP_KEY).executeTakeFirst();
  if (last?.value === today) return 0;
  let q = db
    .selectFrom('personMeasures')
    .select('personId')
    .distinct()
    .where('status', '=', 'active')
    .where('deletedAt', 'is', null)
    .where('endDate', '<', today);
  if (last) q = q.where('endDate', '>=', last.value);
  const ended = await q.execute();
  for (const m of ended) await refreshDerived(db, m.personId, today);
  await db
    .insertInto('settings')
    .values({ key: SWEEP_KEY, value: today, updatedAt: ctx.now().toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: today, updatedAt: ctx.now().toISOString() }))
    .execute();
  return ended.length;
}
