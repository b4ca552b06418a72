import { migrateTo } from '../../electron/db/migrate';
import { beginBulkLoad, BULK_LOAD_MIN_ROWS } from '../../electron/platform/bulk-load';
import { freshDb, insertTwoPersons, type Raw } from './migration-db';

const SYNC = "'2026-12-03T08:00:00Z', '2026-12-03T08:00:00Z', 'ws', 'h1', NULL";

/** Two persons on record (a category), their rowids in two slices of a bulk load's recount (1 and 60,001). */
function insertTwoOnRecord(raw: Raw): void {
  const person = raw.prepare(`INSERT INTO persons (pk, id, full_name, name_folded, sort_key, sex, birth_date,
    birth_year, citizen_id, cur_province, cur_commune, unit_id, category, created_at, updated_at, origin_ws, hlc)
    VALUES (?, ?, ?, ?, ?, 'male', '1990', 1990, NULL, '08', '02740', 'unit-a', 'user', 'x', 'u', 'ws', 'h')`);
  person.run(1, 'p1', 'Nguyễn Văn Đức', 'nguyen van duc', 'nguyen van duc');
  person.run(60_001, 'p2', 'Trần Thị Hoa', 'tran thi hoa', 'tran thi hoa');
}

/**
 * A person's children written before the person (as a bundle's apply writes them), then the persons, then more
 * children of persons that exist: a measure with a gap after it, positive and negative tests, a finding.
 * `childrenFirst`: every child before two persons on record, so that only what runs for the persons' own insert
 * (their triggers, or a bulk load's statements) can make their facts and gaps.
 */
export function work(raw: Raw, childrenFirst = false): void {
  const measure = raw.prepare(`INSERT INTO person_measures (id, person_id, kind, decision_number, decision_date,
    authority, start_date, end_date, status, created_at, updated_at, origin_ws, hlc, deleted_at)
    VALUES (?, ?, 'user_management', '1/QĐ', ?, 'UBND', ?, ?, 'active', ${SYNC})`);
  const test = raw.prepare(`INSERT INTO drug_tests (id, person_id, date, method, result, substances, notes,
    created_at, updated_at, origin_ws, hlc, deleted_at) VALUES (?, ?, ?, 'urine_quick', ?, '[]', NULL, ${SYNC})`);
  const finding = raw.prepare(`INSERT INTO addiction_determinations (id, person_id, requested_date, facility,
    result_date, result, created_at, updated_at, origin_ws, hlc, deleted_at)
    VALUES (?, ?, ?, 'TTYT', ?, 'addicted', ${SYNC})`);
  measure.run('m1', 'p1', '2024-01-01', '2024-01-01', '2024-06-30');
  test.run('t1', 'p1', '2024-02-01', 'positive');
  finding.run('d1', 'p2', '2024-03-01', '2024-03-05');
  if (!childrenFirst) insertTwoPersons(raw);
  measure.run('m2', 'p1', '2024-09-01', '2024-09-01', null);
  measure.run('m3', 'p2', '2024-04-01', '2024-04-01', '2024-12-31');
  test.run('t2', 'p2', '2024-01-15', 'positive');
  test.run('t3', 'p1', '2023-12-01', 'negative');
  finding.run('d2', 'p1', '2024-05-01', '2024-05-03');
  if (childrenFirst) insertTwoOnRecord(raw);
}

/** What the triggers keep: the persons' facts, their gaps, and the report counts. */
export function kept(raw: Raw) {
  return {
    persons: raw
      .prepare('SELECT id, first_positive_on, reach_from, reach_to, reach_gapped FROM persons ORDER BY id')
      .all(),
    gaps: raw.prepare('SELECT * FROM report_gaps ORDER BY 1, 2, 3').all(),
    counts: raw.prepare('SELECT * FROM report_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6').all(),
  };
}

/** The statements of the persons' recount after a bulk load (`bulk_load_recounts`). */
export const recountOf = (raw: Raw) =>
  JSON.parse(
    (raw.prepare(`SELECT recount FROM bulk_load_recounts WHERE tbl = 'persons'`).get() as { recount: string }).recount,
  ) as string[];

/**
 * What a bulk load of the work keeps (children first, as an apply writes them), in a fresh database at migration
 * `name`; `held` writes what the station holds before the load.
 */
export async function loadedAt(name: string, held?: (raw: Raw) => void) {
  const { raw, db } = freshDb();
  await migrateTo(db, name);
  held?.(raw);
  await db.transaction().execute(async (trx) => {
    const load = await beginBulkLoad(trx, { persons: BULK_LOAD_MIN_ROWS });
    work(raw, true);
    await load.finish();
  });
  const out = kept(raw);
  await db.destroy();
  return out;
}
