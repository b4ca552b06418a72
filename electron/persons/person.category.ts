import { REHAB_KINDS, type MeasureKind, type PersonCategory } from '../../shared/domain/persons';
import { updateRecord, type ChangeContext, type Db } from '../changelog/changelog';

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

export async function refreshDerived(
  db: Db,
  ctx: ChangeContext,
  personId: string,
  today: string,
): Promise<PersonCategory> {
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
  await updateRecord(db, ctx, 'persons', personId, {
    category,
    lastContactAt: (contact?.last as string | null) ?? null,
  });
  return category;
}
