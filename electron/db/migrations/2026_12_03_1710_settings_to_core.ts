import { sql, type Kysely } from 'kysely';

/**
 * The generic `settings` table belongs to the core (issue 8, item 9). It was created by the shipped persons
 * migration (2026_11_23_1800), whose `down` drops it; shipped migrations are never edited, so ownership moves here.
 *
 * What ownership can mean in a linear history: Kysely runs downs strictly in reverse order, so the persons down
 * only ever runs after this migration's down. The table stays where it is and as it is (a same-shaped copy would
 * change nothing but provenance); what changes is what happens to the core's data when the history is walked back:
 * - `down` hands the table back to the persons migration exactly as that migration left it (the schema is the
 *   previous one's, as every down must leave it), and first copies every row into the core's own `meta` table, under
 *   `settings/<key>`. So the persons down, when it runs, drops a table it made but no longer any data the core owns:
 *   the idle-time ceiling, the station's unit, the persons rules and the rest survive it.
 * - `up` takes ownership: the rows kept in `meta` return to `settings` (a key already there keeps its value, being
 *   newer), and the copies are removed from `meta`.
 * The core's own down drops `meta`, and so those rows, with everything else of the core.
 *
 * Frozen in time: never imports application code.
 */
const PREFIX = 'settings/';

export async function up(db: Kysely<any>): Promise<void> {
  const kept = sql`substr(key, 1, ${PREFIX.length}) = ${PREFIX}`;
  await sql`INSERT OR IGNORE INTO settings (key, value, updated_at)
    SELECT substr(key, ${PREFIX.length + 1}), json_extract(value, '$.value'), json_extract(value, '$.updatedAt')
    FROM meta WHERE ${kept}`.execute(db);
  await sql`DELETE FROM meta WHERE ${kept}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`INSERT INTO meta (key, value)
    SELECT ${PREFIX} || key, json_object('value', value, 'updatedAt', updated_at) FROM settings WHERE true
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(db);
}
