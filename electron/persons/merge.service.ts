import type { ExpressionBuilder, NotNull } from 'kysely';
import type { DueItem, FileReader } from '../../shared/contract/person-types';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { dossierHtml } from '../../shared/persons/dossier';
import { insertRecord, updateRecord } from '../changelog/changelog';
import type { DB } from '../db/schema';
import type { DomainHandlerGroup } from '../host/context';
import { refreshDerived, sweepEndedMeasures } from './person.category';
import { accessiblePerson, loadFile } from './person.file';
import { rowToSummary, SUMMARY_COLUMNS } from './person.mapper';
import { personRow, refreshTokens, toColumns } from './person.repository';
import { addDays, loadRules, todayIso } from './person.rules';
import { scopeCondition, scopeFor } from './person.scope';
import { seedPersons } from './seed';

type Procs = 'persons.merge' | 'persons.readers' | 'persons.print' | 'persons.due' | 'persons.seed';

/** How many silent people the due list shows at most (the longest silent first). */
export const NO_CONTACT_MAX = 1000;

const CHILD_TABLES = ['personMeasures', 'personCheckIns', 'drugTests', 'addictionDeterminations'] as const;

export const personAdminHandlers: DomainHandlerGroup<Procs> = {
  'persons.seed': (ctx, input) => seedPersons(ctx, input),

  /**
   * Merges two files of one person: every measure, check-in, test and determination moves to the kept file,
   * empty identity fields are filled from the other, its names become other names, and the other file is
   * marked merged (never removed), so its history and audit trail stay readable.
   */
  async 'persons.merge'(ctx, { keepId, mergeId }) {
    const scope = await scopeFor(ctx);
    const keep = await accessiblePerson(ctx.db(), scope, keepId);
    const gone = await accessiblePerson(ctx.db(), scope, mergeId);
    if (keep.mergedInto || gone.mergedInto)
      throw new AppError(ErrorCodes.CONFLICT, 'a file in this merge was already merged');
    const changes = ctx.changes();
    await updateRecord(ctx.db(), changes, 'persons', gone.id, { mergedInto: keep.id });
    await refreshTokens(ctx.db(), await personRow(ctx.db(), gone.id));
    let moved = 0;
    for (const table of CHILD_TABLES) {
      const rows = await ctx
        .db()
        .selectFrom(table)
        .select('id')
        .where('personId', '=', gone.id)
        .where('deletedAt', 'is', null)
        .execute();
      for (const r of rows) await updateRecord(ctx.db(), changes, table, r.id, { personId: keep.id });
      moved += rows.length;
    }
    const keptFile = (await loadFile(ctx.db(), { ...scope, limited: false }, keep)).person;
    const goneFile = (await loadFile(ctx.db(), { ...scope, limited: false }, gone)).person;
    const names = [
      ...new Set([
        ...keptFile.otherNames,
        ...(goneFile.fullName !== keptFile.fullName ? [goneFile.fullName] : []),
        ...goneFile.otherNames,
      ]),
    ].slice(0, 10);
    const fill = <T>(a: T | null, b: T | null) =>
      a === null || a === undefined || (Array.isArray(a) && a.length === 0) ? b : a;
    await updateRecord(
      ctx.db(),
      changes,
      'persons',
      keep.id,
      toColumns(
        {
          otherNames: names,
          citizenId: fill(keptFile.citizenId, goneFile.citizenId),
          ethnicity: fill(keptFile.ethnicity, goneFile.ethnicity),
          education: fill(keptFile.education, goneFile.education),
          occupation: fill(keptFile.occupation, goneFile.occupation),
          familyContact: fill(keptFile.familyContact, goneFile.familyContact),
          permanentAddress: fill(keptFile.permanentAddress, goneFile.permanentAddress),
          currentAddress: fill(keptFile.currentAddress, goneFile.currentAddress),
          substances: [...new Set([...keptFile.substances, ...goneFile.substances])],
          firstUseDate: fill(keptFile.firstUseDate, goneFile.firstUseDate),
        },
        keep,
      ),
    );
    await refreshTokens(ctx.db(), await personRow(ctx.db(), keep.id));
    const photo = await ctx
      .db()
      .selectFrom('personPhotos')
      .select(['id', 'photo'])
      .where('id', 'in', [keep.id, gone.id])
      .execute();
    const keptPhoto = photo.find((p) => p.id === keep.id)?.photo;
    const gonePhoto = photo.find((p) => p.id === gone.id)?.photo;
    if (!keptPhoto && gonePhoto) {
      if (photo.some((p) => p.id === keep.id))
        await updateRecord(ctx.db(), changes, 'personPhotos', keep.id, { photo: gonePhoto });
      else await insertRecord(ctx.db(), changes, 'personPhotos', keep.id, { photo: gonePhoto });
    }
    await refreshDerived(ctx.db(), keep.id, todayIso(ctx.now()));
    ctx.target({ recordType: 'person', recordId: keep.id, detail: { merged: gone.id, moved } });
    ctx.audit({ action: 'person.merged_away', recordType: 'person', recordId: gone.id, detail: { into: keep.id } });
    return loadFile(ctx.db(), scope, await personRow(ctx.db(), keep.id));
  },

  async 'persons.readers'(ctx, { personId }) {
    await accessiblePerson(ctx.db(), await scopeFor(ctx), personId);
    const rows = await ctx
      .db()
      .selectFrom('auditLog')
      .select(['at', 'username', 'role', 'action'])
      .where('recordType', '=', 'person')
      .where('recordId', '=', personId)
      .where('action', 'in', [
        'person.read',
        'person.print',
        'person.photo_read',
        'person.create',
        'person.update',
        'person.merge',
      ])
      .orderBy('seq', 'desc')
      .limit(500)
      .execute();
    return rows as FileReader[];
  },

  async 'persons.print'(ctx, { personId, purpose }) {
    const scope = await scopeFor(ctx);
    ctx.target({ recordType: 'person', recordId: personId, detail: { purpose: purpose ? 'given' : 'none' } });
    const file = await loadFile(ctx.db(), scope, await accessiblePerson(ctx.db(), scope, personId));
    if (file.limited) throw new AppError(ErrorCodes.FORBIDDEN, 'rehab staff cannot print a person file');
    const s = ctx.session();
    const unit = s.unitId
      ? await ctx
          .db()
          .selectFrom('units')
          .select(['name', 'provinceCode'])
          .where('id', '=', s.unitId)
          .executeTakeFirst()
      : undefined;
    return {
      html: dossierHtml(file, { printedAt: ctx.now(), printedBy: s.displayName, unit: unit ?? null, purpose }),
    };
  },

  /** Work due in the caller's scope: measures ending soon, overdue registrations, people not seen lately. */
  async 'persons.due'(ctx, input) {
    const scope = await scopeFor(ctx);
    const rules = await loadRules(ctx.db());
    const today = todayIso(ctx.now());
    await sweepEndedMeasures(ctx.db(), ctx.changes(), today);
    const horizon = addDays(today, input.withinDays ?? rules.dueWithinDays);
    const cols = SUMMARY_COLUMNS.map((c) => `p.${c}` as const);
    const live = (eb: ExpressionBuilder<DB & { p: DB['persons'] }, 'p'>) =>
      eb.and([eb('p.deletedAt', 'is', null), eb('p.mergedInto', 'is', null), scopeCondition(scope)(eb)]);
    const ending = await ctx
      .db()
      .selectFrom('personMeasures as m')
      .innerJoin('persons as p', 'p.id', 'm.personId')
      .select([...cols, 'm.id as refId', 'm.endDate as date', 'm.kind as detail'])
      .where('m.status', '=', 'active')
      .where('m.deletedAt', 'is', null)
      .where('m.endDate', '>=', today)
      .where('m.endDate', '<=', horizon)
      .where(live)
      .$narrowType<{ date: NotNull }>() // the range above excludes null
      .execute();
    const overdue = await ctx
      .db()
      .selectFrom('addictionDeterminations as d')
      .innerJoin('persons as p', 'p.id', 'd.personId')
      .select([...cols, 'd.id as refId', 'd.registrationDeadline as date'])
      .where('d.result', '=', 'addicted')
      .where('d.registeredAt', 'is', null)
      .where('d.deletedAt', 'is', null)
      .where('d.registrationDeadline', '<', today)
      .where(live)
      .$narrowType<{ date: NotNull }>() // `< today` excludes null
      .execute();
    const since = addDays(today, -rules.noContactDays);
    const quiet = await ctx
      .db()
      .selectFrom('persons as p')
      .select([...cols, 'p.lastContactAt', 'p.createdAt'])
      .where('p.category', '!=', 'unclassified')
      .where((eb) =>
        eb.or([
          eb('p.lastContactAt', '<', since),
          eb.and([eb('p.lastContactAt', 'is', null), eb('p.createdAt', '<', since)]),
        ]),
      )
      .where(live)
      // The longest silent first; past NO_CONTACT_MAX the list says it is cut.
      .orderBy('p.lastContactAt')
      .limit(NO_CONTACT_MAX + 1)
      .execute();
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
