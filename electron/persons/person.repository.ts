import { CompiledQuery } from 'kysely';
import type { z } from 'zod';
import type { personInputSchema } from '../../shared/contract/person-fields';
import type { FileReader } from '../../shared/contract/person-types';

import { canonicalVietnamese } from '../../shared/text/canonical';
import { vietnameseSortKey } from '../../shared/text/sort-key';
import { insertRecord, updateRecord, type ChangeContext, type Db } from '../changelog/changelog';
import type { PersonRow } from '../db/schema';
import { nameTokens } from './person.search-words';
import { tokenEntries } from './person.tokens';
import { SUMMARY_COLUMNS } from './person.mapper';
import { liveInScope, scopeCondition, type PersonScope } from './person.scope';

type PersonInput = z.output<typeof personInputSchema>;
export type PersonColumns = Omit<PersonRow, 'id' | 'pk' | 'createdAt' | 'updatedAt' | 'originWs' | 'hlc' | 'deletedAt'>;

/** Flattens the form's shape into columns, and computes the derived search columns. */
export function toColumns(input: Partial<PersonInput>, current?: PersonRow): Partial<PersonColumns> {
  const c: Partial<PersonColumns> = {};
  const set = <K extends keyof PersonColumns>(k: K, v: PersonColumns[K] | undefined) => {
    if (v !== undefined) c[k] = v;
  };
  // Stored names are canonical (the contract canonicalises too; this keeps every other writer to the rule).
  set('fullName', input.fullName && canonicalVietnamese(input.fullName));
  set('otherNames', input.otherNames && JSON.stringify(input.otherNames.map(canonicalVietnamese)));
  set('sex', input.sex);
  set('birthDate', input.birthDate);
  set('citizenId', input.citizenId);
  set('citizenIdOverrideReason', input.citizenIdOverrideReason);
  set('ethnicity', input.ethnicity);
  set('education', input.education);
  set('occupation', input.occupation);
  set('familyContact', input.familyContact);
  set('substances', input.substances && JSON.stringify(input.substances));
  set('firstUseDate', input.firstUseDate);
  if (input.unitId !== undefined) c.unitId = input.unitId;
  if (input.permanentAddress !== undefined) {
    c.permProvince = input.permanentAddress?.provinceCode ?? null;
    c.permCommune = input.permanentAddress?.communeCode ?? null;
    c.permStreet = input.permanentAddress?.street ?? null;
  }
  if (input.currentAddress !== undefined) {
    c.curProvince = input.currentAddress?.provinceCode ?? null;
    c.curCommune = input.currentAddress?.communeCode ?? null;
    c.curStreet = input.currentAddress?.street ?? null;
  }
  const fullName = c.fullName ?? current?.fullName;
  const otherNames = c.otherNames ?? current?.otherNames ?? '[]';
  if (fullName && (c.fullName !== undefined || c.otherNames !== undefined)) {
    c.nameFolded = foldedNames(fullName, JSON.parse(otherNames) as string[]);
    c.sortKey = vietnameseSortKey(fullName);
  }
  if (c.birthDate) c.birthYear = Number(c.birthDate.slice(0, 4));
  return c;
}

export function foldedNames(fullName: string, otherNames: string[]): string {
  return [fullName, ...otherNames].map((n) => nameTokens(n).join(' ')).join(' ');
}

/** Changes to person_token_stats, keyed by word and class (-1: people with the word). */
export class TokenCounts {
  readonly map = new Map<string, { token: string; cls: number; n: number }>();
  add(token: string, cls: number, d: number) {
    const k = `${cls}\u0000${token}`;
    const e = this.map.get(k);
    if (e) e.n += d;
    else this.map.set(k, { token, cls, n: d });
  }
}

export type TokenRow = Pick<
  PersonRow,
  | 'pk'
  | 'fullName'
  | 'otherNames'
  | 'nameFolded'
  | 'sortKey'
  | 'deletedAt'
  | 'mergedInto'
  | 'curProvince'
  | 'curCommune'
  | 'unitId'
  | 'category'
>;

/** The columns a person's re-derive reads: its inputs, the derived columns, and the search index's (`TokenRow`). */
const DERIVING_COLUMNS = [
  'id',
  'pk',
  'fullName',
  'otherNames',
  'birthDate',
  'nameFolded',
  'sortKey',
  'birthYear',
  'category',
  'lastContactAt',
  'deletedAt',
  'mergedInto',
  'curProvince',
  'curCommune',
  'unitId',
] as const;
export type DerivingRow = Pick<PersonRow, (typeof DERIVING_COLUMNS)[number]>;

async function personRow(db: Db, id: string): Promise<PersonRow> {
  return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Rebuilds a person's entries in the search index (one per distinct folded word and position class of their
 * names) and keeps the counts in step: entries per word and class, people per word (class -1), and people
 * (token '', class -1).
 */
async function refreshTokens(db: Db, row: TokenRow): Promise<void> {
  const old = await db.selectFrom('personNameTokens').select(['token', 'cls']).where('pk', '=', row.pk).execute();
  const next =
    row.deletedAt || row.mergedInto ? [] : tokenEntries(row.fullName, JSON.parse(row.otherNames) as string[]);
  const delta = new TokenCounts();
  for (const t of old) delta.add(t.token, t.cls, -1);
  for (const t of next) delta.add(t.token, t.cls, 1);
  for (const t of new Set(old.map((o) => o.token))) delta.add(t, -1, -1);
  for (const t of new Set(next.map((o) => o.token))) delta.add(t, -1, 1);
  delta.add('', -1, (next.length ? 1 : 0) - (old.length ? 1 : 0));
  await db.deleteFrom('personNameTokens').where('pk', '=', row.pk).execute();
  if (next.length) {
    await db
      .insertInto('personNameTokens')
      .values(
        next.map(({ token, cls }) => ({
          token,
          cls,
          sortKey: row.sortKey,
          pk: row.pk,
          nameFolded: row.nameFolded,
          curProvince: row.curProvince,
          curCommune: row.curCommune,
          unitId: row.unitId,
          category: row.category,
        })),
      )
      .execute();
  }
  for (const { token, cls, n: d } of delta.map.values()) {
    if (d === 0) continue;
    await db
      .insertInto('personTokenStats')
      .values({ token, cls, n: d })
      .onConflict((oc) => oc.columns(['token', 'cls']).doUpdateSet((eb) => ({ n: eb('personTokenStats.n', '+', d) })))
      .execute();
  }
}

/**
 * The name words of persons whose rows are written (each `[pk, word, class]`), with the columns the index copies
 * taken from the rows themselves: one JSON text bound per statement, not nine values per word (at 100,000 persons
 * an import binds 331,000 words; nine values each cost more than SQLite's insert of them).
 */
const INSERT_WORDS = `INSERT INTO person_name_tokens
    (token, cls, sort_key, pk, name_folded, cur_province, cur_commune, unit_id, category)
  SELECT w.value ->> 1, w.value ->> 2, p.sort_key, p.pk, p.name_folded, p.cur_province, p.cur_commune, p.unit_id,
    p.category
  FROM json_each(?) w JOIN persons p ON p.pk = w.value ->> 0`;
const WORDS_PER_STATEMENT = 5_000;

async function insertWords(db: Db, words: readonly (readonly [number, string, number])[]): Promise<void> {
  for (let i = 0; i < words.length; i += WORDS_PER_STATEMENT) {
    const part = words.slice(i, i + WORDS_PER_STATEMENT);
    const r = await db.executeQuery(CompiledQuery.raw(INSERT_WORDS, [JSON.stringify(part)]));
    // Each word's person is a row (its pk was just read or returned): one missing would lose words silently.
    if (Number(r.numAffectedRows) !== part.length) throw new Error('name words: a person row is missing');
  }
}

/**
 * `refreshTokens` for many persons at once (an import's re-derive, and its new persons): their old entries read
 * and deleted in one query each per 500, the new ones inserted from the persons' rows (`insertWords`), and the
 * counts' changes summed over all of them before they are written (one upsert per word and class, not one per
 * person). Each row's person is written with the same columns first (the copies come from it).
 */
async function refreshTokensMany(db: Db, rows: readonly TokenRow[]): Promise<void> {
  const delta = new TokenCounts();
  const words: [number, string, number][] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    const pks = part.map((r) => r.pk);
    const oldByPk = new Map<number, { token: string; cls: number }[]>();
    for (const t of await db
      .selectFrom('personNameTokens')
      .select(['pk', 'token', 'cls'])
      .where('pk', 'in', pks)
      .execute()) {
      const list = oldByPk.get(t.pk);
      if (list) list.push(t);
      else oldByPk.set(t.pk, [t]);
    }
    for (const row of part) {
      const old = oldByPk.get(row.pk) ?? [];
      const next =
        row.deletedAt || row.mergedInto ? [] : tokenEntries(row.fullName, JSON.parse(row.otherNames) as string[]);
      for (const t of old) delta.add(t.token, t.cls, -1);
      for (const t of next) delta.add(t.token, t.cls, 1);
      for (const t of new Set(old.map((o) => o.token))) delta.add(t, -1, -1);
      for (const t of new Set(next.map((o) => o.token))) delta.add(t, -1, 1);
      delta.add('', -1, (next.length ? 1 : 0) - (old.length ? 1 : 0));
      for (const { token, cls } of next) words.push([row.pk, token, cls]);
    }
    await db.deleteFrom('personNameTokens').where('pk', 'in', pks).execute();
  }
  await insertWords(db, words);
  const changed = [...delta.map.values()].filter((d) => d.n !== 0);
  for (let i = 0; i < changed.length; i += 500)
    await db
      .insertInto('personTokenStats')
      .values(changed.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['token', 'cls']).doUpdateSet((eb) => ({ n: eb('personTokenStats.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
}

/** Who read, printed or changed a file: the audit actions the file's readers' log shows. */
const READER_ACTIONS = [
  'person.read',
  'person.print',
  'person.photo_read',
  'person.create',
  'person.update',
  'person.merge',
] as const;

/**
 * The persons module's queries that services need, in one frozen object (the repository pattern of the
 * platform): services never call `selectFrom` themselves. Every write to `persons` and `person_photos` goes
 * through the change log (`insertRecord`/`updateRecord`); only derived columns and the search index are written
 * in place here.
 */
/** The UPDATE of a set of derived columns, by the columns' names (see `setAllDerived`). */
const derivedUpdates = new Map<string, string | null>();

export const personRepository = Object.freeze({
  /** The person row, deleted or not; throws when there is none. */
  row: personRow,

  /** The person row, deleted or not, or undefined. */
  async find(db: Db, id: string): Promise<PersonRow | undefined> {
    return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** A new person (change-logged), with their search-index entries. */
  async insert(db: Db, ctx: ChangeContext, id: string, cols: PersonColumns): Promise<PersonRow> {
    await insertRecord(db, ctx, 'persons', id, cols);
    const row = await personRow(db, id);
    await refreshTokens(db, row);
    return row;
  },

  /** Changes a person (change-logged); the search index follows a change of names. Returns the changed columns. */
  async update(db: Db, ctx: ChangeContext, id: string, cols: Partial<PersonColumns>): Promise<string[]> {
    const changed = await updateRecord(db, ctx, 'persons', id, cols);
    if (changed.includes('sortKey') || changed.includes('nameFolded')) await refreshTokens(db, await personRow(db, id));
    return changed;
  },

  refreshTokens,
  refreshTokensMany,

  /**
   * What the re-derive reads of persons by id (deleted and merged ones too), 500 to a query: the columns the
   * derived ones follow from, the derived ones themselves, and what the search index keeps (not the whole row).
   */
  async derivingRows(db: Db, ids: readonly string[]): Promise<DerivingRow[]> {
    const out: DerivingRow[] = [];
    for (let i = 0; i < ids.length; i += 500)
      out.push(
        ...(await db
          .selectFrom('persons')
          .select(DERIVING_COLUMNS)
          .where('id', 'in', ids.slice(i, i + 500))
          .execute()),
      );
    return out;
  },

  /**
   * Derived columns of a person (an import's re-derive; local, never logged): only the columns given, so the
   * indexes of the others are not rewritten; the statement compiled once per set of columns.
   */
  async setAllDerived(
    db: Db,
    id: string,
    derived: Partial<Pick<PersonRow, 'nameFolded' | 'sortKey' | 'birthYear' | 'category' | 'lastContactAt'>>,
  ): Promise<void> {
    const keys = Object.keys(derived) as (keyof typeof derived)[];
    if (!keys.length) return;
    const k = keys.join(',');
    let sql = derivedUpdates.get(k);
    if (sql === undefined) {
      const q = db
        .updateTable('persons')
        .set(Object.fromEntries(keys.map((c) => [c, 0])))
        .where('id', '=', '')
        .compile();
      derivedUpdates.set(k, (sql = q.parameters.length === keys.length + 1 ? q.sql : null));
    }
    if (sql) await db.executeQuery(CompiledQuery.raw(sql, [...keys.map((c) => derived[c]), id]));
    else await db.updateTable('persons').set(derived).where('id', '=', id).execute();
  },

  /** The derived category and last contact (local: written in place, never logged; see person.table.ts). */
  async setDerived(db: Db, id: string, derived: Pick<PersonRow, 'category' | 'lastContactAt'>): Promise<void> {
    await db.updateTable('persons').set(derived).where('id', '=', id).execute();
  },

  /** The columns derived from the names and the birth date (local, like every derived column). */
  async setNameDerived(
    db: Db,
    id: string,
    derived: Pick<PersonRow, 'nameFolded' | 'sortKey' | 'birthYear'>,
  ): Promise<void> {
    await db.updateTable('persons').set(derived).where('id', '=', id).execute();
  },

  /** Every person row, deleted and merged ones included. */
  async count(db: Db): Promise<number> {
    const r = await db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  /** A live file (not deleted, not merged away) with this citizen ID, other than `excludeId`. */
  async byCitizenId(db: Db, citizenId: string | null, excludeId?: string) {
    if (!citizenId) return null;
    let q = db
      .selectFrom('persons as p')
      .select(SUMMARY_COLUMNS.map((c) => `p.${c}` as const))
      .where('p.citizenId', '=', citizenId)
      .where('p.deletedAt', 'is', null)
      .where('p.mergedInto', 'is', null);
    if (excludeId) q = q.where('p.id', '!=', excludeId);
    return (await q.executeTakeFirst()) ?? null;
  },

  /** The code and name of a unit, to say whom to ask about a file outside one's scope. */
  async unitLabel(db: Db, unitId: string): Promise<{ code: string; name: string } | null> {
    return (await db.selectFrom('units').select(['code', 'name']).where('id', '=', unitId).executeTakeFirst()) ?? null;
  },

  /** Live files in scope born in `birthYear` with `given` among their name words (at most 500). */
  async sameGivenNameAndYear(db: Db, scope: PersonScope, given: string, birthYear: number, excludeId?: string) {
    let q = db
      .selectFrom('persons as p')
      .select([...SUMMARY_COLUMNS.map((c) => `p.${c}` as const), 'p.otherNames'])
      .where('p.birthYear', '=', birthYear)
      .where('p.deletedAt', 'is', null)
      .where('p.mergedInto', 'is', null)
      .where(scopeCondition(scope))
      .where('p.pk', 'in', (eb) => eb.selectFrom('personNameTokens').select('pk').where('token', '=', given));
    if (excludeId) q = q.where('p.id', '!=', excludeId);
    return q.limit(500).execute();
  },

  async photo(db: Db, personId: string): Promise<string | null> {
    const r = await db.selectFrom('personPhotos').select('photo').where('id', '=', personId).executeTakeFirst();
    return r?.photo ?? null;
  },

  async hasPhotoRecord(db: Db, personId: string): Promise<boolean> {
    return Boolean(await db.selectFrom('personPhotos').select('id').where('id', '=', personId).executeTakeFirst());
  },

  /** Whether the person has a photo (not merely a cleared photo record). */
  async hasPhoto(db: Db, personId: string): Promise<boolean> {
    return Boolean(
      await db
        .selectFrom('personPhotos')
        .select('id')
        .where('id', '=', personId)
        .where('photo', 'is not', null)
        .executeTakeFirst(),
    );
  },

  /** The photo records of these persons. */
  async photos(db: Db, personIds: string[]): Promise<{ id: string; photo: string | null }[]> {
    return db.selectFrom('personPhotos').select(['id', 'photo']).where('id', 'in', personIds).execute();
  },

  /** The latest 500 reads, prints and changes of a person's file, newest first (from the audit log). */
  async readers(db: Db, personId: string): Promise<FileReader[]> {
    const rows = await db
      .selectFrom('auditLog')
      .select(['at', 'username', 'role', 'action'])
      .where('recordType', '=', 'person')
      .where('recordId', '=', personId)
      .where('action', 'in', [...READER_ACTIONS])
      .orderBy('seq', 'desc')
      .limit(500)
      .execute();
    return rows as FileReader[];
  },

  /** The unit named on a printed file. */
  async printingUnit(db: Db, unitId: string): Promise<{ name: string; provinceCode: string | null } | undefined> {
    return db.selectFrom('units').select(['name', 'provinceCode']).where('id', '=', unitId).executeTakeFirst();
  },

  /**
   * Classified live files in scope whose last contact (or, never contacted, whose creation) is before `since`,
   * the longest silent first, at most `limit` (the due list).
   */
  async silentSince(db: Db, scope: PersonScope, since: string, limit: number) {
    return db
      .selectFrom('persons as p')
      .select([...SUMMARY_COLUMNS.map((c) => `p.${c}` as const), 'p.lastContactAt', 'p.createdAt'])
      .where('p.category', '!=', 'unclassified')
      .where((eb) =>
        eb.or([
          eb('p.lastContactAt', '<', since),
          eb.and([eb('p.lastContactAt', 'is', null), eb('p.createdAt', '<', since)]),
        ]),
      )
      .where(liveInScope(scope))
      .orderBy('p.lastContactAt')
      .limit(limit)
      .execute();
  },
});
