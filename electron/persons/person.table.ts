import { PERSON_CATEGORY_LIST, Sexes } from '../../shared/domain/persons';
import { ALL_COLUMNS, defineTable } from '../platform/table-spec';
import { deriveCategory } from './person.category';
import { measureRepository, type CategoryInputs } from './measure.repository';
import { foldedNames, personRepository, type TokenRow } from './person.repository';
import { vietnameseSortKey } from '../../shared/text/sort-key';
import type { PersonRow } from '../db/schema';

const text = { type: 'text' } as const;
const optText = { type: 'text', nullable: true } as const;
const optDate = { type: 'date', nullable: true } as const;

/** The columns derived from a person's names and birth date. */
function nameDerived(row: Pick<PersonRow, 'fullName' | 'otherNames' | 'birthDate'>) {
  return {
    nameFolded: foldedNames(row.fullName, JSON.parse(row.otherNames) as string[]),
    sortKey: vietnameseSortKey(row.fullName),
    birthYear: Number(row.birthDate.slice(0, 4)),
  };
}

/**
 * Every derived column of a person, from its names and birth date and the facts of its file: the one rule both
 * a new imported row (`deriveNew`) and the re-derive of an existing one use.
 */
function personDerived(row: Pick<PersonRow, 'fullName' | 'otherNames' | 'birthDate'>, facts: CategoryInputs) {
  return {
    ...nameDerived(row),
    category: deriveCategory(facts.activeKinds, facts.latestDetermination, facts.anyPositiveTest),
    lastContactAt: facts.lastContact,
  };
}

/** People under management. Derived columns are recomputed from the names, the birth date and the file. */
export const personTable = defineTable({
  table: 'persons',
  recordType: 'person',
  family: 'persons',
  title: 'fullName',
  columns: {
    fullName: text,
    otherNames: { type: 'json' },
    nameFolded: text,
    sortKey: text,
    sex: { type: 'text', enum: Object.values(Sexes) },
    birthDate: { type: 'date' },
    birthYear: { type: 'integer' },
    citizenId: optText,
    citizenIdOverrideReason: optText,
    citizenIdWarnings: { type: 'json' },
    ethnicity: optText,
    education: optText,
    occupation: optText,
    familyContact: optText,
    permProvince: optText,
    permCommune: optText,
    permStreet: optText,
    curProvince: optText,
    curCommune: optText,
    curStreet: optText,
    substances: { type: 'json' },
    firstUseDate: optDate,
    unitId: optText,
    category: { type: 'text', enum: PERSON_CATEGORY_LIST },
    lastContactAt: optDate,
    mergedInto: optText,
  },
  derived: ['nameFolded', 'sortKey', 'birthYear', 'category', 'lastContactAt', 'citizenIdWarnings'],
  // An imported person's row is written with every derived column: its measures, tests and determinations of
  // the same batch were written before it (children's tables first), so `rederive` writes only what a later
  // batch changed.
  async deriveNew(db, rows, today) {
    const inputs = await measureRepository.categoryInputsMany(
      db,
      rows.map((r) => r.id as string),
      today,
    );
    const failed: string[] = [];
    for (const row of rows) {
      // A value that cannot be derived (a malformed name list) keeps its placeholder; `rederive` decides.
      try {
        Object.assign(
          row,
          personDerived(row as Pick<PersonRow, 'fullName' | 'otherNames' | 'birthDate'>, inputs.get(row.id as string)!),
        );
      } catch {
        failed.push(row.id as string);
      }
    }
    return failed;
  },
  // Their name words, once inserted (a person still settled at the end of the import is not read back for them).
  indexNew: (db, rows) => personRepository.refreshTokensMany(db, rows as unknown as TokenRow[]),
  // Batched (an import re-derives thousands at once): rows (the columns it needs) and category inputs read 500
  // to a query, an update only for a person whose derived columns change, the search index rewritten for all of
  // them together.
  async rederive(db, ids, today) {
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const rows = await personRepository.derivingRows(db, part);
      if (rows.length !== new Set(part).size) throw new Error('no such person');
      const inputs = await measureRepository.categoryInputsMany(
        db,
        rows.map((r) => r.id),
        today,
      );
      const next = [];
      for (const row of rows) {
        const derived = personDerived(row, inputs.get(row.id)!);
        const changed = (Object.keys(derived) as (keyof typeof derived)[]).filter((k) => derived[k] !== row[k]);
        if (changed.length)
          await personRepository.setAllDerived(db, row.id, Object.fromEntries(changed.map((k) => [k, derived[k]])));
        next.push({ ...row, ...derived });
      }
      await personRepository.refreshTokensMany(db, next);
    }
  },
  // The apply reads persons by id and citizen ID (unique, kept) and a person's name words by the person (pk).
  bulkLoad: { derived: { person_name_tokens: { keep: ['person_name_tokens_pk'] } } },
  scope: { unit: 'unitId', province: 'curProvince', commune: 'curCommune' },
  sensitive: [
    'fullName',
    'otherNames',
    'citizenId',
    'citizenIdOverrideReason',
    'birthDate',
    'familyContact',
    'permStreet',
    'curStreet',
    'substances',
    'firstUseDate',
  ],
  views: {
    leader: ALL_COLUMNS,
    investigator: ALL_COLUMNS,
    commune_officer: ALL_COLUMNS,
    // Rehab centres receive people from anywhere: who the person is and their category, nothing of where they
    // live, their family, their history or their substances.
    rehab_staff: ['fullName', 'sex', 'birthDate', 'birthYear', 'citizenId', 'category', 'unitId', 'mergedInto'],
  },
});

/** A person's photo, kept apart so that lists never load it. Same id as the person. */
export const personPhotoTable = defineTable({
  table: 'personPhotos',
  recordType: 'person_photo',
  family: 'persons',
  columns: { photo: { type: 'text', nullable: true, attachment: true } },
  derived: [],
  parent: { table: 'persons', column: 'id' },
  sensitive: ['photo'],
  views: { leader: ALL_COLUMNS, investigator: ALL_COLUMNS, commune_officer: ALL_COLUMNS },
});
