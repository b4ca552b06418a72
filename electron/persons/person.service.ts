import { v7 as uuidv7 } from 'uuid';
import type { PersonSummary } from '../../shared/contract/person-types';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { insertRecord, updateRecord, type Db } from '../changelog/changelog';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import { sweepEndedMeasures } from './person.category';
import { accessiblePerson, loadFile } from './person.file';
import { rowToSummary, SUMMARY_COLUMNS } from './person.mapper';
import { insertPerson, personRow, toColumns, updatePerson, type PersonColumns } from './person.repository';
import { todayIso } from './person.rules';
import { inScope, scopeFor } from './person.scope';
import { nameTokens, searchPersons } from './person.search';
import { similarityOf } from './person.similar';
import { requireConfirmation, validatePerson } from './person.validation';

type Procs =
  | 'persons.search'
  | 'persons.checkDuplicates'
  | 'persons.get'
  | 'persons.photo'
  | 'persons.create'
  | 'persons.update'
  | 'persons.setPhoto';

/** A live file (not deleted, not merged away) with this citizen ID, other than `excludeId`. */
async function byCitizenId(db: Db, citizenId: string | null, excludeId?: string): Promise<PersonSummary | null> {
  if (!citizenId) return null;
  let q = db
    .selectFrom('persons as p')
    .select(SUMMARY_COLUMNS.map((c) => `p.${c}` as const))
    .where('p.citizenId', '=', citizenId)
    .where('p.deletedAt', 'is', null)
    .where('p.mergedInto', 'is', null);
  if (excludeId) q = q.where('p.id', '!=', excludeId);
  const r = await q.executeTakeFirst();
  return r ? rowToSummary(r) : null;
}

/** Files with the same birth year and a name close to this one (same given name, small edit distance). */
async function similarPersons(
  db: Db,
  fullName: string,
  birthDate: string,
  excludeId?: string,
): Promise<PersonSummary[]> {
  const words = nameTokens(fullName);
  const given = words[words.length - 1];
  if (!given) return [];
  let q = db
    .selectFrom('persons as p')
    .select([...SUMMARY_COLUMNS.map((c) => `p.${c}` as const), 'p.otherNames'])
    .where('p.birthYear', '=', Number(birthDate.slice(0, 4)))
    .where('p.deletedAt', 'is', null)
    .where('p.mergedInto', 'is', null)
    .where('p.pk', 'in', (eb) => eb.selectFrom('personNameTokens').select('pk').where('token', '=', given));
  if (excludeId) q = q.where('p.id', '!=', excludeId);
  const rows = await q.limit(500).execute();
  const folded = words.join(' ');
  // Each of a file's names on its own: the full name, then every other name it is known by.
  const names = (r: (typeof rows)[number]) => [r.fullName, ...(JSON.parse(r.otherNames) as string[])];
  return rows
    .filter((r) => names(r).some((n) => similarityOf(folded, nameTokens(n).join(' '))))
    .slice(0, 20)
    .map(rowToSummary);
}

async function ownScopeCheck(ctx: DomainContext, cols: Partial<PersonColumns>) {
  const scope = await scopeFor(ctx);
  if (
    !inScope(scope, {
      unitId: cols.unitId ?? null,
      curProvince: cols.curProvince ?? null,
      curCommune: cols.curCommune ?? null,
    })
  ) {
    throw new AppError(ErrorCodes.FORBIDDEN, 'the file would be outside your unit');
  }
}

export const personHandlers: DomainHandlerGroup<Procs> = {
  async 'persons.search'(ctx, f) {
    const scope = await scopeFor(ctx);
    await sweepEndedMeasures(ctx.db(), ctx.changes(), todayIso(ctx.now()));
    const r = await searchPersons(ctx.db(), scope, f);
    ctx.audit({ action: 'person.search', recordType: 'person', detail: { results: r.items.length } });
    return scope.limited ? { ...r, items: r.items.map((i) => ({ ...i, provinceCode: null, communeCode: null })) } : r;
  },

  async 'persons.checkDuplicates'(ctx, input) {
    const { citizenIdWarnings } = input.citizenId
      ? (() => {
          try {
            return validatePerson({
              sex: input.sex ?? 'male',
              birthDate: input.birthDate,
              citizenId: input.citizenId,
              ethnicity: null,
              permanentAddress: null,
              currentAddress: null,
            });
          } catch {
            return { citizenIdWarnings: [] as string[] };
          }
        })()
      : { citizenIdWarnings: [] as string[] };
    return {
      sameCitizenId: await byCitizenId(ctx.db(), input.citizenId, input.excludeId),
      similar: await similarPersons(ctx.db(), input.fullName, input.birthDate, input.excludeId),
      citizenIdWarnings: input.sex ? citizenIdWarnings : [],
      citizenIdErrors: [],
    };
  },

  async 'persons.get'(ctx, { personId }) {
    ctx.target({ recordType: 'person', recordId: personId });
    const scope = await scopeFor(ctx);
    await sweepEndedMeasures(ctx.db(), ctx.changes(), todayIso(ctx.now()));
    return loadFile(ctx.db(), scope, await accessiblePerson(ctx.db(), scope, personId));
  },

  async 'persons.photo'(ctx, { personId }) {
    const scope = await scopeFor(ctx);
    await accessiblePerson(ctx.db(), scope, personId);
    const r = await ctx.db().selectFrom('personPhotos').select('photo').where('id', '=', personId).executeTakeFirst();
    ctx.audit({ action: 'person.photo_read', recordType: 'person', recordId: personId });
    return { photo: r?.photo ?? null };
  },

  async 'persons.create'(ctx, input) {
    const { confirmed, photo, ...fields } = input;
    const unitId = fields.unitId === undefined ? ctx.session().unitId : fields.unitId;
    const { citizenIdWarnings } = validatePerson(fields);
    const existing = await byCitizenId(ctx.db(), fields.citizenId);
    if (existing) {
      throw new AppError(ErrorCodes.DUPLICATE_CITIZEN_ID, 'citizen id already on file', {
        existingId: existing.id,
        issues: [{ path: 'citizenId', code: 'citizen_id_taken' }],
      });
    }
    const similar = await similarPersons(ctx.db(), fields.fullName, fields.birthDate);
    requireConfirmation(citizenIdWarnings, similar.length, confirmed, fields.citizenIdOverrideReason);
    const cols = {
      ...(toColumns({ ...fields, unitId }) as PersonColumns),
      citizenIdWarnings: JSON.stringify(citizenIdWarnings),
      category: 'unclassified',
      lastContactAt: null,
      mergedInto: null,
    } as PersonColumns;
    await ownScopeCheck(ctx, cols);
    const id = uuidv7();
    const row = await insertPerson(ctx.db(), ctx.changes(), id, cols);
    if (photo) await insertRecord(ctx.db(), ctx.changes(), 'personPhotos', id, { photo });
    ctx.target({
      recordType: 'person',
      recordId: id,
      detail: similar.length ? { similarConfirmed: similar.length } : {},
    });
    return loadFile(ctx.db(), await scopeFor(ctx), row);
  },

  async 'persons.update'(ctx, { personId, patch, confirmed }) {
    ctx.target({ recordType: 'person', recordId: personId });
    const scope = await scopeFor(ctx);
    const current = await accessiblePerson(ctx.db(), scope, personId);
    if (current.mergedInto) throw new AppError(ErrorCodes.CONFLICT, 'this file was merged into another');
    const { photo, ...fields } = patch;
    const merged = { ...(await loadFile(ctx.db(), { ...scope, limited: false }, current)).person, ...fields };
    const { citizenIdWarnings } = validatePerson({
      sex: merged.sex,
      birthDate: merged.birthDate,
      citizenId: merged.citizenId,
      ethnicity: merged.ethnicity,
      permanentAddress: merged.permanentAddress,
      currentAddress: merged.currentAddress,
    });
    if (fields.citizenId && fields.citizenId !== current.citizenId) {
      const existing = await byCitizenId(ctx.db(), fields.citizenId, personId);
      if (existing) {
        throw new AppError(ErrorCodes.DUPLICATE_CITIZEN_ID, 'citizen id already on file', {
          existingId: existing.id,
          issues: [{ path: 'citizenId', code: 'citizen_id_taken' }],
        });
      }
    }
    const oldWarnings = JSON.parse(current.citizenIdWarnings) as string[];
    const newWarnings = citizenIdWarnings.filter((w) => !oldWarnings.includes(w) || fields.citizenId !== undefined);
    requireConfirmation(newWarnings, 0, confirmed, merged.citizenIdOverrideReason);
    const cols = { ...toColumns(fields, current), citizenIdWarnings: JSON.stringify(citizenIdWarnings) };
    await ownScopeCheck(ctx, {
      unitId: cols.unitId ?? current.unitId,
      curProvince: cols.curProvince ?? current.curProvince,
      curCommune: cols.curCommune ?? current.curCommune,
    });
    const changed = await updatePerson(ctx.db(), ctx.changes(), personId, cols);
    if (photo !== undefined) await setPhoto(ctx, personId, photo);
    ctx.target({
      recordType: 'person',
      recordId: personId,
      detail: { fields: changed.filter((c) => !['sortKey', 'nameFolded', 'birthYear'].includes(c)).join(',') },
    });
    return loadFile(ctx.db(), scope, await personRow(ctx.db(), personId));
  },

  async 'persons.setPhoto'(ctx, { personId, photo }) {
    ctx.target({ recordType: 'person', recordId: personId, detail: { fields: 'photo' } });
    await accessiblePerson(ctx.db(), await scopeFor(ctx), personId);
    await setPhoto(ctx, personId, photo);
    return { hasPhoto: photo !== null };
  },
};

async function setPhoto(ctx: DomainContext, personId: string, photo: string | null) {
  const has = await ctx.db().selectFrom('personPhotos').select('id').where('id', '=', personId).executeTakeFirst();
  if (has) await updateRecord(ctx.db(), ctx.changes(), 'personPhotos', personId, { photo });
  else if (photo) await insertRecord(ctx.db(), ctx.changes(), 'personPhotos', personId, { photo });
}
