import { v7 as uuidv7 } from 'uuid';
import type { PersonSummary } from '../../shared/contract/person-types';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { insertRecord, updateRecord, type Db } from '../changelog/changelog';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import { sweepEndedMeasures } from './person.category';
import { accessiblePerson, loadFile } from './person.dossier';
import { projectSummary, resultCap, rowToSummary } from './person.mapper';
import { personRepository, toColumns, type PersonColumns } from './person.repository';
import { todayIso } from './person.rules';
import { personTable } from './person.table';
import { fieldVisible } from '../platform/record-access';
import { readSearchQuery } from '../../shared/domain/search-query';
import { inScope, scopeFor, type PersonScope } from './person.scope';
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

/** Who holds a CCCD, as the caller may learn it: the file when in scope, else only the owning unit. */
type CitizenIdHolder =
  { inScope: true; person: PersonSummary } | { inScope: false; owningUnit: { code: string; name: string } | null };

async function citizenIdHolder(
  db: Db,
  scope: PersonScope,
  citizenId: string | null,
  excludeId?: string,
): Promise<CitizenIdHolder | null> {
  const hit = await personRepository.byCitizenId(db, citizenId, excludeId);
  if (!hit) return null;
  if (inScope(scope, hit)) return { inScope: true, person: rowToSummary(hit) };
  return { inScope: false, owningUnit: hit.unitId ? await personRepository.unitLabel(db, hit.unitId) : null };
}

function duplicateError(holder: CitizenIdHolder): AppError {
  return new AppError(ErrorCodes.DUPLICATE_CITIZEN_ID, 'citizen id already on file', {
    ...(holder.inScope ? { existingId: holder.person.id } : { owningUnit: holder.owningUnit }),
    issues: [{ path: 'citizenId', code: holder.inScope ? 'citizen_id_taken' : 'citizen_id_taken_elsewhere' }],
  });
}

/** Files in the caller's scope with the same birth year and a name close to this one. */
async function similarPersons(
  db: Db,
  scope: PersonScope,
  fullName: string,
  birthDate: string,
  excludeId?: string,
): Promise<PersonSummary[]> {
  const words = nameTokens(fullName);
  const given = words[words.length - 1];
  if (!given) return [];
  const rows = await personRepository.sameGivenNameAndYear(db, scope, given, Number(birthDate.slice(0, 4)), excludeId);
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
  async 'persons.search'(ctx, input) {
    const scope = scopeFor(ctx);
    const role = ctx.session().role;
    // Digits typed as the query are a citizen ID: the same rule for the screen, the CLI and imports.
    const f = { ...input, ...(input.citizenId ? {} : readSearchQuery(input.query)) };
    // A filter on a column the caller's view does not show would reveal it: refused, not ignored.
    for (const [filter, column] of [
      ['communeCode', 'curCommune'],
      ['provinceCode', 'curProvince'],
      ['category', 'category'],
      ['measureStatus', 'category'],
    ] as const) {
      if (f[filter] !== undefined && !fieldVisible(personTable, role, column))
        throw new AppError(ErrorCodes.FORBIDDEN, 'this filter is outside your view', {
          issues: [{ path: filter, code: 'filter_not_allowed' }],
        });
    }
    const limit = Math.min(f.limit, resultCap(scope));
    await sweepEndedMeasures(ctx.db(), ctx.changes(), todayIso(ctx.now()));
    const r = await searchPersons(ctx.db(), scope, { ...f, limit });
    // The query's shape, never its text: how many words, whether by CCCD, which filters, how many results.
    ctx.audit({
      action: 'person.search',
      recordType: 'person',
      detail: {
        results: r.items.length,
        words: f.query ? f.query.split(/\s+/).length : 0,
        byCitizenId: Boolean(f.citizenId),
        filters:
          ['provinceCode', 'communeCode', 'category', 'measureStatus']
            .filter((k) => f[k as keyof typeof f] !== undefined)
            .join(',') || null,
        limit,
      },
    });
    return { ...r, items: r.items.map((i) => projectSummary(role, i)) };
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
    const scope = scopeFor(ctx);
    const holder = await citizenIdHolder(ctx.db(), scope, input.citizenId, input.excludeId);
    const similar = await similarPersons(ctx.db(), scope, input.fullName, input.birthDate, input.excludeId);
    if (holder || similar.length) {
      // What was found, never what was typed: the check itself is a read of other people's files.
      ctx.audit({
        action: 'person.duplicate_check',
        recordType: 'person',
        recordId: holder?.inScope ? holder.person.id : null,
        detail: { citizenIdHeld: holder ? (holder.inScope ? 'in_scope' : 'elsewhere') : 'no', similar: similar.length },
      });
    }
    return {
      sameCitizenId: holder?.inScope ? holder.person : null,
      citizenIdElsewhere: holder && !holder.inScope ? { owningUnit: holder.owningUnit } : null,
      similar,
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
    const photo = await personRepository.photo(ctx.db(), personId);
    ctx.audit({ action: 'person.photo_read', recordType: 'person', recordId: personId });
    return { photo };
  },

  async 'persons.create'(ctx, input) {
    const { confirmed, photo, ...fields } = input;
    const unitId = fields.unitId === undefined ? ctx.session().unitId : fields.unitId;
    const { citizenIdWarnings } = validatePerson(fields);
    const holder = await citizenIdHolder(ctx.db(), scopeFor(ctx), fields.citizenId);
    if (holder) throw duplicateError(holder);
    const similar = await similarPersons(ctx.db(), scopeFor(ctx), fields.fullName, fields.birthDate);
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
    const row = await personRepository.insert(ctx.db(), ctx.changes(), id, cols);
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
      const holder = await citizenIdHolder(ctx.db(), scope, fields.citizenId, personId);
      if (holder) throw duplicateError(holder);
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
    const changed = await personRepository.update(ctx.db(), ctx.changes(), personId, cols);
    if (photo !== undefined) await setPhoto(ctx, personId, photo);
    ctx.target({
      recordType: 'person',
      recordId: personId,
      detail: { fields: changed.filter((c) => !['sortKey', 'nameFolded', 'birthYear'].includes(c)).join(',') },
    });
    return loadFile(ctx.db(), scope, await personRepository.row(ctx.db(), personId));
  },

  async 'persons.setPhoto'(ctx, { personId, photo }) {
    ctx.target({ recordType: 'person', recordId: personId, detail: { fields: 'photo' } });
    await accessiblePerson(ctx.db(), await scopeFor(ctx), personId);
    await setPhoto(ctx, personId, photo);
    return { hasPhoto: photo !== null };
  },
};

async function setPhoto(ctx: DomainContext, personId: string, photo: string | null) {
  const has = await personRepository.hasPhotoRecord(ctx.db(), personId);
  if (has) await updateRecord(ctx.db(), ctx.changes(), 'personPhotos', personId, { photo });
  else if (photo) await insertRecord(ctx.db(), ctx.changes(), 'personPhotos', personId, { photo });
}
