import { PERSON_CATEGORY_LIST, Sexes } from '../../shared/domain/persons';
import { ALL_COLUMNS, defineTable } from '../platform/table-spec';
import { refreshDerived } from './person.category';
import { foldedNames, personRepository } from './person.repository';
import { vietnameseSortKey } from '../../shared/text/sort-key';

const text = { type: 'text' } as const;
const optText = { type: 'text', nullable: true } as const;
const optDate = { type: 'date', nullable: true } as const;

/** People under management. Derived columns are recomputed from the names, the birth date and the file. */
export const personTable = defineTable({
  table: 'persons',
  recordType: 'person',
  family: 'persons',
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
  async rederive(db, ids, today) {
    for (const id of ids) {
      const row = await personRepository.row(db, id);
      await personRepository.setNameDerived(db, id, {
        nameFolded: foldedNames(row.fullName, JSON.parse(row.otherNames) as string[]),
        sortKey: vietnameseSortKey(row.fullName),
        birthYear: Number(row.birthDate.slice(0, 4)),
      });
      await refreshDerived(db, id, today);
      await personRepository.refreshTokens(db, await personRepository.row(db, id));
    }
  },
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
  columns: { photo: { type: 'text', nullable: true } },
  derived: [],
  parent: { table: 'persons', column: 'id' },
  sensitive: ['photo'],
  views: { leader: ALL_COLUMNS, investigator: ALL_COLUMNS, commune_officer: ALL_COLUMNS },
});
