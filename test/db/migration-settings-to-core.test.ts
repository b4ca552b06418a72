import { describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../electron/db/migrate';
import { migrations } from '../../electron/db/migrations';
import { freshDb, previousOf, schemaOf, type Raw } from '../support/migration-db';

const settings = (raw: Raw) => raw.prepare('SELECT key, value, updated_at FROM settings ORDER BY key').all();
const metaCopies = (raw: Raw) =>
  raw.prepare("SELECT key, value FROM meta WHERE substr(key, 1, 9) = 'settings/' ORDER BY key").all();
const hasTable = (raw: Raw, name: string) =>
  Boolean(raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));

const NAME = '2026_12_03_1710_settings_to_core';
const PREVIOUS = previousOf(NAME);
const CORE = '2026_11_23_1700_core';
const PERSONS = '2026_11_23_1800_persons';

const ROWS = [
  { key: 'idle_max_minutes', value: '15', updated_at: '2026-12-01T08:00:00.000Z' },
  { key: 'person_rules', value: '{"noContactDays":60}', updated_at: '2026-12-02T09:30:00.000Z' },
  // A value that looks like JSON, and one with quotes and Vietnamese letters, come back as the same text.
  { key: 'station_unit', value: 'Công an xã "Tân Phú"', updated_at: '2026-12-03T01:02:03.000Z' },
];

function fillSettings(raw: Raw) {
  const ins = raw.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
  for (const r of ROWS) ins.run(r.key, r.value, r.updated_at);
}

describe(`migration ${NAME}`, () => {
  it('takes ownership of a file with settings without changing the schema or a row, and its down hands the table back as it was', async () => {
    const { raw, db } = freshDb();
    await migrateTo(db, PREVIOUS);
    fillSettings(raw);
    const before = schemaOf(raw);

    await migrateTo(db, NAME);
    expect(schemaOf(raw)).toEqual(before);
    expect(settings(raw)).toEqual(ROWS);
    expect(metaCopies(raw)).toEqual([]);

    await migrateTo(db, PREVIOUS);
    // The previous schema, and the table with every row, as the persons migration's own.
    expect(schemaOf(raw)).toEqual(before);
    expect(settings(raw)).toEqual(ROWS);
    // The core keeps its copy of each row in its own table.
    expect(metaCopies(raw)).toHaveLength(ROWS.length);

    // Up again: the copies are taken back and removed, nothing is doubled.
    await migrateTo(db, NAME);
    expect(settings(raw)).toEqual(ROWS);
    expect(metaCopies(raw)).toEqual([]);
    await db.destroy();
  });

  it("the persons migration's down no longer takes the core's settings with it: they come back when the history is replayed", async () => {
    const { raw, db } = freshDb();
    await migrateToLatest(db);
    fillSettings(raw);

    // Down past the persons migration (whose shipped down drops the table it made)...
    await migrateTo(db, CORE);
    expect(hasTable(raw, 'settings')).toBe(false);
    expect(hasTable(raw, 'persons')).toBe(false);
    // ...the rows live on in the core's meta table.
    expect(metaCopies(raw)).toHaveLength(ROWS.length);

    // Replayed up to the persons migration: an empty table, as that migration makes it; a value written then is
    // newer than the kept copy and wins over it.
    await migrateTo(db, PERSONS);
    expect(settings(raw)).toEqual([]);
    raw
      .prepare(
        "INSERT INTO settings (key, value, updated_at) VALUES ('idle_max_minutes', '20', '2026-12-04T00:00:00.000Z')",
      )
      .run();

    await migrateToLatest(db);
    expect(settings(raw)).toEqual([
      { key: 'idle_max_minutes', value: '20', updated_at: '2026-12-04T00:00:00.000Z' },
      ...ROWS.slice(1),
    ]);
    expect(metaCopies(raw)).toEqual([]);
    await db.destroy();
  });

  it("the core's down still removes everything, the kept settings with it", async () => {
    const { raw, db } = freshDb();
    await migrateToLatest(db);
    fillSettings(raw);
    await migrateTo(db, CORE);
    expect(metaCopies(raw)).toHaveLength(ROWS.length);
    // Below the core: Kysely's migrateTo needs a name, so the core's own down is run as the migrator would.
    await migrations[CORE]!.down!(db);
    expect(hasTable(raw, 'meta')).toBe(false);
    expect(hasTable(raw, 'settings')).toBe(false);
    await db.destroy();
  });
});
