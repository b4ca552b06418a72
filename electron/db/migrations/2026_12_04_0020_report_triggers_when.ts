import { sql, type Kysely } from 'kysely';

/**
 * The report triggers that follow an update of named columns (`AFTER UPDATE OF a, b ON t`: the report facts of
 * 2026_12_03_1810 and 2026_12_04_0010, the kept counts of 2026_12_03_1900, the persons' gaps of 2026_12_04_0000)
 * run only when one of those columns changes value (`WHEN OLD.a IS NOT NEW.a OR …`). SQLite fires an `UPDATE OF`
 * trigger whenever the statement sets a named column, even to the value it had, and the change log's apply writes
 * an existing record's every logged column; each such trigger then recomputed the record's parts, old and new, to
 * the same result. With no named column changed, a trigger's work leaves everything as it was (the parts of the old
 * and the new row are the same, and what it reads from other tables is not changed by the statement), so skipping
 * it changes nothing.
 *
 * The triggers are rewritten from their own stored text (a WHEN clause put before BEGIN), so this migration does
 * not copy the migrations that made them; its down takes the clause away again. A trigger that has a WHEN clause
 * already is left as it is. Frozen in time: never imports application code.
 */

const UPDATE_OF = /AFTER UPDATE OF ([\w\s,]+?) ON (\w+) BEGIN/;

async function reportUpdateTriggers(db: Kysely<any>): Promise<{ name: string; sql: string }[]> {
  const r = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master
    WHERE type = 'trigger' AND (name LIKE 'report_facts_%' OR name LIKE 'report_counts_%' OR name LIKE 'report_gaps_%')
    ORDER BY name`.execute(db);
  return r.rows.filter((t) => UPDATE_OF.test(t.sql));
}

const clause = (columns: string) =>
  `WHEN ${columns
    .split(',')
    .map((c) => c.trim())
    .map((c) => `OLD.${c} IS NOT NEW.${c}`)
    .join(' OR ')} `;

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of await reportUpdateTriggers(db)) {
    const text = t.sql.replace(UPDATE_OF, (all, columns: string) => all.replace(/BEGIN$/, `${clause(columns)}BEGIN`));
    await sql.raw(`DROP TRIGGER ${t.name}`).execute(db);
    await sql.raw(text).execute(db);
  }
}

const WITH_CLAUSE = /(AFTER UPDATE OF ([\w\s,]+?) ON \w+ )WHEN (?:OLD\.\w+ IS NOT NEW\.\w+(?: OR )?)+ BEGIN/;

export async function down(db: Kysely<any>): Promise<void> {
  const r = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master
    WHERE type = 'trigger' AND (name LIKE 'report_facts_%' OR name LIKE 'report_counts_%' OR name LIKE 'report_gaps_%')
    ORDER BY name`.execute(db);
  for (const t of r.rows) {
    const m = WITH_CLAUSE.exec(t.sql);
    if (!m || !t.sql.includes(clause(m[2]!))) continue;
    await sql.raw(`DROP TRIGGER ${t.name}`).execute(db);
    await sql.raw(t.sql.replace(clause(m[2]!), '')).execute(db);
  }
}
