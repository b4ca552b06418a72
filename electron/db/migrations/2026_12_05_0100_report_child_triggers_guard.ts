import { sql, type Kysely } from 'kysely';
import { stored } from './2026_12_04_0030_report_person_facts_counts';

/**
 * The insert triggers that keep a person's report facts and gaps from the person's measures, tests and
 * findings (2026_12_03_1810, 2026_12_04_0000) run only when the person's row exists: `WHEN EXISTS (SELECT 1 FROM
 * persons WHERE id = NEW.person_id)`.
 *
 * Why: a bundle's apply writes a person's children before the person (children's tables first, so that the
 * person's row is derived from them), and each of these triggers then computed the person's facts and gaps (window
 * functions over the person's measures) only to update no row: the persons UPDATE matches nothing, the gaps
 * INSERT joins persons, and the gaps DELETE finds nothing (gaps are only ever written for a person's row and go
 * with it). At 100,000 persons that was ~1.0 s of the measures' inserts and ~0.45 s of the tests'. The person's
 * own insert triggers compute the same facts and gaps once it is written, as before. So the guard changes no
 * outcome, only skips the work. Each trigger is made again from its own stored text (`sqlite_master`), with the
 * guard before its body; `down` takes the guard out again. Frozen in time: never imports application code.
 */

const GUARDED = [
  'report_facts_measures_insert',
  'report_gaps_measures_insert',
  'report_facts_tests_insert',
  'report_facts_findings_insert',
];

export const GUARD = 'WHEN EXISTS (SELECT 1 FROM persons WHERE id = NEW.person_id)';

async function remake(db: Kysely<any>, name: string, text: string): Promise<void> {
  await sql`DROP TRIGGER ${sql.id(name)}`.execute(db);
  await sql.raw(text).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const name of GUARDED) {
    const text = await stored(db, name);
    const head = new RegExp(
      `^CREATE TRIGGER ${name} AFTER INSERT ON (person_measures|drug_tests|addiction_determinations) BEGIN `,
    );
    if (!head.test(text) || !text.includes('NEW.person_id')) throw new Error(`trigger ${name}: unexpected text`);
    await remake(
      db,
      name,
      text.replace(head, (m) => m.replace(/ BEGIN $/, ` ${GUARD} BEGIN `)),
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of GUARDED) {
    const text = await stored(db, name);
    if (!text.includes(` ${GUARD} BEGIN `)) throw new Error(`trigger ${name}: no guard`);
    await remake(db, name, text.replace(` ${GUARD} BEGIN `, ' BEGIN '));
  }
}
