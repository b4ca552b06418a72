import { sql, type Kysely } from 'kysely';

/**
 * A person's report facts (reach_from, reach_to, reach_gapped, first_positive_on) change on every first measure,
 * open measure and first positive test, and each change made report_counts' persons update trigger
 * (2026_12_03_1900) recompute all of the person's parts, old and new (on record, ethnicity, education, occupation,
 * substances through json_each, birth year and day…), though only the reach and first metrics can move. Here that
 * trigger runs when another of its columns changes, and a second one, `report_counts_persons_facts_update`, runs
 * when only facts changed, with the reach and first parts alone: the same rows of the same trigger body, the others
 * left out.
 *
 * Both are made from the stored text of 1900's trigger (as 2026_12_04_0020 left it), so this migration does not
 * copy the migrations that made it; its down gives back that text. Frozen in time: never imports application code.
 */

const NAME = 'report_counts_persons_update';
const FACTS_NAME = 'report_counts_persons_facts_update';
const FACTS = ['reach_gapped', 'reach_from', 'reach_to', 'first_positive_on'];
const FACT_METRICS = /^SELECT '(reach|reach_to|reach_from|first)' AS metric,/;
const HEADER = /AFTER UPDATE OF ([\w\s,]+?) ON persons (WHEN [\s\S]*? )?BEGIN /;
const SEPARATOR = '\n  UNION ALL ';

const changed = (columns: string[]) => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

export async function stored(db: Kysely<any>, name: string): Promise<string> {
  const r = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ${name}`.execute(
    db,
  );
  const text = r.rows[0]?.sql;
  if (!text) throw new Error(`trigger ${name} not found`);
  return text;
}

/** The trigger's text with a new name and WHEN, and (when `only` is given) only the parts of those metrics. */
function remade(text: string, name: string, when: string, only?: RegExp): string {
  const m = HEADER.exec(text);
  if (!m) throw new Error(`trigger ${NAME}: unexpected text`);
  let out = text
    .replace(HEADER, `AFTER UPDATE OF ${m[1]} ON persons WHEN ${when} BEGIN `)
    .replace(`CREATE TRIGGER ${NAME} `, `CREATE TRIGGER ${name} `);
  if (only) {
    const start = out.indexOf('FROM (SELECT ') + 'FROM ('.length;
    const end = out.indexOf(') x\n  JOIN (SELECT ');
    const parts = out.slice(start, end).split(SEPARATOR);
    const kept = parts.filter((p) => only.test(p));
    // The old and the new row's reach, reach_to, reach_from and first parts.
    if (start < 'FROM ('.length || end < 0 || kept.length !== 8) throw new Error(`trigger ${NAME}: unexpected parts`);
    out = out.slice(0, start) + kept.join(SEPARATOR) + out.slice(end);
  }
  return out;
}

export async function up(db: Kysely<any>): Promise<void> {
  const text = await stored(db, NAME);
  const columns = HEADER.exec(text)![1]!
    .split(',')
    .map((c) => c.trim());
  const others = columns.filter((c) => !FACTS.includes(c));
  await sql.raw(`DROP TRIGGER ${NAME}`).execute(db);
  await sql.raw(remade(text, NAME, changed(others))).execute(db);
  await sql.raw(remade(text, FACTS_NAME, `NOT (${changed(others)}) AND (${changed(FACTS)})`, FACT_METRICS)).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const text = await stored(db, NAME);
  const columns = HEADER.exec(text)![1]!
    .split(',')
    .map((c) => c.trim());
  await sql.raw(`DROP TRIGGER ${FACTS_NAME}`).execute(db);
  await sql.raw(`DROP TRIGGER ${NAME}`).execute(db);
  await sql.raw(remade(text, NAME, changed(columns))).execute(db);
}
