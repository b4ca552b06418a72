import { sql, type Kysely } from 'kysely';

/**
 * Persons under management, their measures, check-ins, drug tests and addiction determinations, photos,
 * the name-token index for search, and local settings. Frozen in time: never imports application code.
 */
const SYNC = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin_ws TEXT NOT NULL, hlc TEXT NOT NULL, deleted_at TEXT`;

export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE persons (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    other_names TEXT NOT NULL DEFAULT '[]',
    name_folded TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    sex TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    birth_year INTEGER NOT NULL,
    citizen_id TEXT,
    citizen_id_override_reason TEXT,
    citizen_id_warnings TEXT NOT NULL DEFAULT '[]',
    ethnicity TEXT,
    education TEXT,
    occupation TEXT,
    family_contact TEXT,
    perm_province TEXT, perm_commune TEXT, perm_street TEXT,
    cur_province TEXT, cur_commune TEXT, cur_street TEXT,
    substances TEXT NOT NULL DEFAULT '[]',
    first_use_date TEXT,
    unit_id TEXT,
    category TEXT NOT NULL DEFAULT 'unclassified',
    last_contact_at TEXT,
    merged_into TEXT,
    ${SYNC})`);
  // One live file per citizen ID; merged and deleted files keep theirs for history.
  await run(`CREATE UNIQUE INDEX persons_citizen_id ON persons(citizen_id)
    WHERE citizen_id IS NOT NULL AND deleted_at IS NULL AND merged_into IS NULL`);
  await run(`CREATE INDEX persons_commune_sort ON persons(cur_commune, sort_key)`);
  await run(`CREATE INDEX persons_unit_sort ON persons(unit_id, sort_key)`);
  await run(`CREATE INDEX persons_category_sort ON persons(category, sort_key)`);
  await run(`CREATE INDEX persons_year_name ON persons(birth_year, name_folded)`);
  await run(`CREATE INDEX persons_contact ON persons(last_contact_at)`);

  // The walk for searches whose words are all common: people in Vietnamese order with everything a search
  // filters on, so that matching never reads a person row (at a million people those reads are random I/O).
  // (deleted_at and merged_into are always null in it; listed so that SQLite sees the index as covering.)
  await run(`CREATE INDEX persons_walk ON persons(sort_key, name_folded, cur_province, cur_commune, unit_id, category,
    deleted_at, merged_into) WHERE deleted_at IS NULL AND merged_into IS NULL`);

  // Search index: one row per distinct folded word of a live person's names and its position class (0, 1, 2:
  // first, second, third word of the full name; 3: anywhere else), in Vietnamese order within a word and
  // class, carrying the same columns as persons_walk so that a search filters inside this table alone.
  await run(`CREATE TABLE person_name_tokens (
    token TEXT NOT NULL, cls INTEGER NOT NULL, sort_key TEXT NOT NULL, pk INTEGER NOT NULL,
    name_folded TEXT NOT NULL, cur_province TEXT, cur_commune TEXT, unit_id TEXT, category TEXT NOT NULL,
    PRIMARY KEY (token, cls, sort_key, pk)) WITHOUT ROWID`);
  await run(`CREATE INDEX person_name_tokens_pk ON person_name_tokens(pk)`);
  // The copied columns follow the person row whatever code path changes it (the words themselves are
  // rewritten by the application, which folds names).
  await run(`CREATE TRIGGER persons_tokens_follow AFTER UPDATE OF cur_province, cur_commune, unit_id, category
    ON persons BEGIN
      UPDATE person_name_tokens SET cur_province = NEW.cur_province, cur_commune = NEW.cur_commune,
        unit_id = NEW.unit_id, category = NEW.category WHERE pk = NEW.pk;
    END`);
  // Entries per word and class, and (class -1) how many people have the word; ('', -1) counts the people.
  // Lets search plan without counting.
  await run(`CREATE TABLE person_token_stats (token TEXT NOT NULL, cls INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (token, cls)) WITHOUT ROWID`);

  await run(`CREATE TABLE person_photos (id TEXT PRIMARY KEY, photo TEXT, ${SYNC})`);

  await run(`CREATE TABLE person_measures (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, kind TEXT NOT NULL,
    decision_number TEXT NOT NULL, decision_date TEXT NOT NULL, authority TEXT NOT NULL, officer TEXT,
    start_date TEXT NOT NULL, end_date TEXT, status TEXT NOT NULL, notes TEXT, ${SYNC})`);
  await run(`CREATE INDEX person_measures_person ON person_measures(person_id)`);
  await run(`CREATE INDEX person_measures_due ON person_measures(status, end_date)`);

  await run(`CREATE TABLE person_check_ins (
    id TEXT PRIMARY KEY, measure_id TEXT NOT NULL, person_id TEXT NOT NULL, date TEXT NOT NULL, note TEXT NOT NULL, ${SYNC})`);
  await run(`CREATE INDEX person_check_ins_measure ON person_check_ins(measure_id)`);
  await run(`CREATE INDEX person_check_ins_person ON person_check_ins(person_id)`);

  await run(`CREATE TABLE drug_tests (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, date TEXT NOT NULL, method TEXT NOT NULL, result TEXT NOT NULL,
    substances TEXT NOT NULL DEFAULT '[]', notes TEXT, ${SYNC})`);
  await run(`CREATE INDEX drug_tests_person ON drug_tests(person_id)`);

  await run(`CREATE TABLE addiction_determinations (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, requested_date TEXT NOT NULL, facility TEXT NOT NULL,
    result_date TEXT, result TEXT NOT NULL, form_ref TEXT, registration_deadline TEXT, registered_at TEXT, ${SYNC})`);
  await run(`CREATE INDEX addiction_determinations_person ON addiction_determinations(person_id)`);
  await run(
    `CREATE INDEX addiction_determinations_due ON addiction_determinations(result, registered_at, registration_deadline)`,
  );

  await run(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL)`);
}

// `down` only (never run on a user's database, so `up` stays as shipped): it missed person_token_stats.
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'settings',
    'person_token_stats',
    'addiction_determinations',
    'drug_tests',
    'person_check_ins',
    'person_measures',
    'person_photos',
    'person_name_tokens',
    'persons',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
