import { sql, type Kysely } from 'kysely';
import { stored } from './2026_12_04_0030_report_person_facts_counts';

/**
 * A bulk load of persons (electron/platform/bulk-load.ts) also drops the two insert triggers that make a new
 * person's report facts and gaps from the children written before it (`report_facts_person_insert`, 1810 and
 * 0010; `report_gaps_person_insert`, 0000), and makes them at its end for every person of the table, a slice of
 * rowids at a time, before the counts (which read the facts): `bulk_load_recounts`' row for persons names the two
 * triggers too, and its list of statements begins with the triggers' own statements, read from their stored text,
 * with the one person `NEW.id` read as each person of the slice (`persons.id` in an UPDATE of the slice's rows; the
 * slice's ids for the gaps' DELETE and INSERT).
 *
 * Why: at 100,000 persons the two triggers cost ~2.4 s of the persons' inserts (3.2 s with them, 0.77 s without),
 * the same statements over slices ~1.5 s, with the same facts and gaps, row for row. A person already in the table
 * keeps what its triggers kept (its children's triggers run while it exists), so making it again changes nothing.
 * `down` takes the two triggers and their statements out again. Frozen in time: never imports application code.
 */

const TRIGGERS = ['report_facts_person_insert', 'report_gaps_person_insert'];

/** The rowids of persons a statement of the recount covers (bulk-load.ts writes the two integers in). */
const SLICE = '(SELECT id FROM persons WHERE pk BETWEEN @lo AND @hi)';

/** The statements of a trigger's body (`BEGIN … END`), each without its semicolon. */
function body(text: string): string[] {
  const m = /\bBEGIN\s([\s\S]*?);?\s*END$/.exec(text.trim());
  if (!m) throw new Error('trigger: unexpected text');
  return m[1]!.split(/;\s+(?=(?:UPDATE|INSERT|DELETE)\s)/).map((s) => s.trim());
}

/** The two triggers' statements over a slice of persons: the facts (two UPDATEs), then the gaps (DELETE, INSERT). */
export async function sliceStatements(db: Kysely<any>): Promise<string[]> {
  const facts = body(await stored(db, 'report_facts_person_insert')).map((s) =>
    s.replace(/\bWHERE id = NEW\.id AND /, 'WHERE pk BETWEEN @lo AND @hi AND ').replaceAll('NEW.id', 'persons.id'),
  );
  const gaps = body(await stored(db, 'report_gaps_person_insert')).map((s) => s.replaceAll('= NEW.id', `IN ${SLICE}`));
  const out = [...facts, ...gaps];
  if (
    facts.length !== 2 ||
    !facts.every((s) => s.startsWith('UPDATE persons SET ') && s.split('@lo').length === 2) ||
    gaps.length !== 2 ||
    !gaps[0]!.startsWith('DELETE FROM report_gaps ') ||
    !gaps[1]!.startsWith('INSERT INTO report_gaps ') ||
    out.some((s) => s.includes('NEW.') || !s.includes('@lo'))
  )
    throw new Error('person insert triggers: unexpected text');
  return out;
}

async function row(db: Kysely<any>): Promise<{ triggers: string[]; recount: string[] }> {
  const r = await sql<{ triggers: string; recount: string }>`SELECT triggers, recount FROM bulk_load_recounts
    WHERE tbl = 'persons'`.execute(db);
  if (!r.rows[0]) throw new Error('bulk_load_recounts: no row for persons');
  return { triggers: JSON.parse(r.rows[0].triggers), recount: JSON.parse(r.rows[0].recount) };
}

async function save(db: Kysely<any>, triggers: string[], recount: string[]): Promise<void> {
  await sql`UPDATE bulk_load_recounts SET triggers = ${JSON.stringify(triggers)}, recount = ${JSON.stringify(recount)}
    WHERE tbl = 'persons'`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const { triggers, recount } = await row(db);
  await save(db, [...triggers, ...TRIGGERS], [...(await sliceStatements(db)), ...recount]);
}

export async function down(db: Kysely<any>): Promise<void> {
  const { triggers, recount } = await row(db);
  const ours = await sliceStatements(db);
  if (JSON.stringify(recount.slice(0, ours.length)) !== JSON.stringify(ours))
    throw new Error('bulk_load_recounts: the person facts are not where 0200 put them');
  await save(
    db,
    triggers.filter((t) => !TRIGGERS.includes(t)),
    recount.slice(ours.length),
  );
}
