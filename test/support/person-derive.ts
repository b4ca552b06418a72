import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../electron/changelog/changelog';
import { refreshDerived } from '../../electron/persons/person.category';
import { foldedNames, personRepository } from '../../electron/persons/person.repository';
import { TABLE_SPECS } from '../../electron/platform/tables';
import { vietnameseSortKey } from '../../shared/text/sort-key';
import { LEADER, ok, setupVault } from './host';

/** A new station with its leader signed in. */
export async function leaderStation() {
  const v = await setupVault();
  await v.host.call('session.lock', {});
  await ok(v.host, 'session.unlock', LEADER);
  return v;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Every replicated table's rows by id (units left out: each station has its own): the logged columns and the sync
 * columns, and the derived columns too when asked.
 */
export function replicatedRows(raw: Database.Database, withDerived = false): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const spec of TABLE_SPECS) {
    if (spec.table === 'units') continue;
    const cols = [
      'id',
      ...Object.keys(spec.columns).filter((c) => withDerived || !spec.derived.includes(c)),
      'createdAt',
      'updatedAt',
      'originWs',
      'hlc',
      'deletedAt',
    ].map(snake);
    out[spec.table] = raw.prepare(`SELECT ${cols.join(', ')} FROM ${snake(spec.table)} ORDER BY id`).all();
  }
  return out;
}

/** A station's persons' derived columns and search index (entries and counts), by person id. */
export function searchIndex(raw: Database.Database) {
  return {
    tokens: raw
      .prepare(
        `SELECT p.id, t.token, t.cls, t.sort_key, t.name_folded, t.cur_province, t.cur_commune, t.unit_id, t.category
         FROM person_name_tokens t JOIN persons p ON p.pk = t.pk ORDER BY p.id, t.token, t.cls`,
      )
      .all(),
    stats: raw.prepare('SELECT token, cls, n FROM person_token_stats WHERE n != 0 ORDER BY token, cls').all(),
    derived: raw
      .prepare('SELECT id, name_folded, sort_key, birth_year, category, last_contact_at FROM persons ORDER BY id')
      .all() as { id: string; category: string }[],
  };
}

/** Every person's derived columns and index entries recomputed one at a time (the forms' path). */
export async function recomputeEachPerson(db: Db, ids: readonly string[], today: string): Promise<void> {
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
}
