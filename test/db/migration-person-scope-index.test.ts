import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../electron/db/migrate';
import { freshDb, previousOf, schemaOf, type Raw } from '../support/migration-db';

const rows = (raw: Raw) => ({
  persons: raw.prepare('SELECT * FROM persons ORDER BY pk').all(),
  tokens: raw.prepare('SELECT * FROM person_name_tokens ORDER BY token, cls, sort_key, pk').all(),
});

const plan = (raw: Raw, text: string, ...params: unknown[]) =>
  (raw.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');

const NAME = '2026_12_03_1740_person_scope_index';
const PREVIOUS = previousOf(NAME);

/** People in two communes, owned by two units, one deleted; their name-token entries as the application writes them. */
function fill(raw: Raw) {
  const person =
    raw.prepare(`INSERT INTO persons (pk, id, full_name, name_folded, sort_key, sex, birth_date, birth_year,
    cur_province, cur_commune, unit_id, created_at, updated_at, origin_ws, hlc, deleted_at)
    VALUES (?, ?, ?, ?, ?, 'male', '1990', 1990, '08', ?, ?, 'x', 'x', 'ws', 'h', ?)`);
  const token = raw.prepare(`INSERT INTO person_name_tokens (token, cls, sort_key, pk, name_folded, cur_province,
    cur_commune, unit_id, category) VALUES (?, ?, ?, ?, ?, '08', ?, ?, 'unclassified')`);
  const people = [
    [1, 'Nguyễn Văn Đức', 'nguyen van duc', '02740', 'unit-a', null],
    [2, 'Trần Thị Hoa', 'tran thi hoa', '02740', 'unit-b', null],
    [3, 'Lê Văn Đức', 'le van duc', '02743', 'unit-a', null],
    [4, 'Phạm Đức Anh', 'pham duc anh', '02743', null, '2026-12-01T00:00:00.000Z'],
  ] as const;
  for (const [pk, full, folded, commune, unit, deleted] of people) {
    person.run(pk, `p${pk}`, full, folded, folded, commune, unit, deleted);
    folded.split(' ').forEach((w, cls) => token.run(w, cls, folded, pk, folded, commune, unit));
  }
}

describe(`migration ${NAME}`, () => {
  it('adds the commune and unit indexes over a file with people, changes no row, and its down removes exactly them', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    fill(raw);
    const before = schemaOf(raw);
    const data = rows(raw);

    await migrateTo(db, NAME);
    const after = schemaOf(raw);
    expect(after.filter((s) => !before.includes(s)).map((s) => s.split(' ')[1])).toEqual([
      'person_name_tokens_commune',
      'persons_unit_walk',
    ]);
    expect(rows(raw)).toEqual(data);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.exec('ANALYZE');

    // A commune's walk of one word seeks its entries, in order, reading no token row.
    const walk = plan(
      raw,
      `SELECT pk, sort_key FROM person_name_tokens WHERE cur_commune = ? AND token = ? AND cls = ?
         AND instr(' ' || name_folded || ' ', ' van ') > 0 ORDER BY sort_key, pk LIMIT 201`,
      '02740',
      'duc',
      2,
    );
    expect(walk).toMatch(
      /SEARCH person_name_tokens USING COVERING INDEX person_name_tokens_commune \(cur_commune=\? AND token=\? AND cls=\?\)/,
    );
    expect(walk).not.toMatch(/TEMP B-TREE/);
    expect(
      raw
        .prepare(
          `SELECT pk FROM person_name_tokens INDEXED BY person_name_tokens_commune
           WHERE cur_commune = ? AND token = ? AND cls = ? ORDER BY sort_key, pk`,
        )
        .all('02743', 'duc', 2),
    ).toEqual([{ pk: 3 }]);
    // A unit's live files beside one commune, without reading a person row.
    const unit = plan(
      raw,
      `SELECT pk, sort_key FROM persons WHERE deleted_at IS NULL AND merged_into IS NULL AND unit_id = ?
         AND cur_commune > ? AND instr(' ' || name_folded || ' ', ' duc ') > 0 ORDER BY sort_key LIMIT 201`,
      'unit-a',
      '02740',
    );
    expect(unit).toMatch(/USING COVERING INDEX persons_unit_walk \(unit_id=\? AND cur_commune>\?\)/);
    expect(
      raw
        .prepare(
          `SELECT pk FROM persons INDEXED BY persons_unit_walk WHERE deleted_at IS NULL AND merged_into IS NULL
           AND unit_id IS NULL`,
        )
        .all(),
    ).toEqual([]);

    await migrateTo(db, PREVIOUS);
    expect(schemaOf(raw)).toEqual(before);
    expect(rows(raw)).toEqual(data);
    await db.destroy();
  });
});
