import { sql, type Kysely } from 'kysely';

/**
 * Counts the indicators add up, kept on write per place and day (issue 13 at full scale: a province's year of
 * every indicator in ≤ 500 ms at a million people, half a million cases, 200,000 referrals). A year's figure is then
 * a sum over ≤ 12 month rows of the province (or of each commune), plus the day rows of a month the period only
 * partly covers, instead of a range of an index with a row per record (each row read is a page decrypted).
 *
 * `report_counts` holds, per `metric`, province and commune (`*`: the whole province; `''`: a record with no
 * commune), per `grain` (`d` a day, `m` a month, `''` undated) and `bucket` (the day, the month, or for undated
 * metrics a value such as a birth year), and per breakdown `key`: how many records (`n`) and, for seizures, the sum
 * of their quantities (`q`). The metrics (lv: `b` commune and province rows, `p` province rows only, `c` commune
 * rows only):
 *
 * | metric | records | date | key | lv |
 * | --- | --- | --- | --- | --- |
 * | onrec | persons on record (category not `unclassified`, live, not merged) | – | – | b |
 * | reach | of those, measures without a gap (reach_gapped = 0) and some measure | – | – | b |
 * | reach_to, reach_from | the same persons | reach_to, reach_from | – | b |
 * | first | live persons with a first positive | first_positive_on | – | b |
 * | eth, edu, occ | persons on record | – | ethnicity, education, occupation (`''` for none) | p |
 * | sub | persons on record, once per substance listed | – | substance | p |
 * | agey | persons on record | – (bucket: birth year) | category·sex | p |
 * | aged | persons on record | – (bucket: birth year) | category·sex·birthday (MM-DD, `''` when partial) | p |
 * | cases | live cases | prosecuted_on | – | b |
 * | resolved | live cases resolved on or after the day they were prosecuted | resolved_on | – | b |
 * | art | live cases, once per offence article | prosecuted_on | article | b |
 * | artc | live cases, once per article and clause | prosecuted_on | article·clause | b |
 * | arrests | live suspects with an arrest day, of live cases with a commune | arrested_on | – | c |
 * | tips | live tips | received_on | channel·verified (1/0) | b |
 * | seized | live seizures with substance, quantity and measuring unit | seized_on | substance·unit (q: sum) | b |
 * | referrals | live referrals | discovered_on | state | b |
 * | absconded | escapes recorded on live stays | the escape's day | – | b |
 *
 * Kept by triggers on the source tables, like the report facts (2026_12_03_1810): every write path keeps them
 * the same way (a service's write, the seeding batch writer, a bundle's apply, the rebuild after a conflict, an
 * erasure), none of which needs to know of them. A trigger adds the new row's part and takes away the old row's;
 * a person's facts set by the facts' triggers reach here as an update of the person. The backfill and the
 * triggers use the same expressions. Derived and local (never logged or merged). A later migration that rebuilds
 * one of the source tables must rebuild these counts (run the backfill again). Frozen in time: never imports
 * application code.
 *
 * Also: the referrals-by-state index carries `deleted_at` (2026_12_03_1730's did not, so SQLite read every row
 * of the period to test it), and an index of the few cases resolved before the day they were prosecuted (the
 * cases-resolved figure counts those from the records).
 */

const valid = (json: string) => `CASE WHEN json_valid(${json}) THEN ${json} ELSE '[]' END`;

/** One part: the rows one record adds (weight w: 1 or -1), with `from` the record's source (none in a trigger). */
interface Part {
  metric: string;
  lv: 'b' | 'p' | 'c';
  /** The day (dated metrics) or NULL. */
  day: string;
  /** The bucket of an undated metric. */
  bucket?: string;
  prov: string;
  com: string;
  key: string;
  q?: string;
  /** Extra sources beside the record's own (json_each …). */
  also?: string;
  where: string;
}

/** Parts of a persons row `r`. */
function personParts(r: string): Part[] {
  const live = `${r}.deleted_at IS NULL AND ${r}.merged_into IS NULL AND ${r}.cur_province IS NOT NULL`;
  const onrec = `${live} AND ${r}.category <> 'unclassified'`;
  const place = { prov: `${r}.cur_province`, com: `coalesce(${r}.cur_commune, '')` };
  const spans = `${onrec} AND ${r}.reach_gapped = 0 AND ${r}.reach_from IS NOT NULL`;
  const birthday = `(CASE WHEN length(${r}.birth_date) = 10 THEN substr(${r}.birth_date, 6) ELSE '' END)`;
  const year = `coalesce(CAST(${r}.birth_year AS TEXT), '')`;
  return [
    { metric: 'onrec', lv: 'b', day: 'NULL', ...place, key: `''`, where: onrec },
    { metric: 'reach', lv: 'b', day: 'NULL', ...place, key: `''`, where: spans },
    { metric: 'reach_to', lv: 'b', day: `${r}.reach_to`, ...place, key: `''`, where: spans },
    { metric: 'reach_from', lv: 'b', day: `${r}.reach_from`, ...place, key: `''`, where: spans },
    {
      metric: 'first',
      lv: 'b',
      day: `${r}.first_positive_on`,
      ...place,
      key: `''`,
      where: `${live} AND ${r}.first_positive_on IS NOT NULL`,
    },
    { metric: 'eth', lv: 'p', day: 'NULL', ...place, key: `coalesce(${r}.ethnicity, '')`, where: onrec },
    { metric: 'edu', lv: 'p', day: 'NULL', ...place, key: `coalesce(${r}.education, '')`, where: onrec },
    { metric: 'occ', lv: 'p', day: 'NULL', ...place, key: `coalesce(${r}.occupation, '')`, where: onrec },
    {
      metric: 'sub',
      lv: 'p',
      day: 'NULL',
      ...place,
      key: `CAST(j.value AS TEXT)`,
      also: `json_each(${valid(`${r}.substances`)}) j`,
      where: `${onrec} AND j.value IS NOT NULL`,
    },
    {
      metric: 'agey',
      lv: 'p',
      day: 'NULL',
      bucket: year,
      ...place,
      key: `${r}.category || '|' || coalesce(${r}.sex, '')`,
      where: onrec,
    },
    {
      metric: 'aged',
      lv: 'p',
      day: 'NULL',
      bucket: year,
      ...place,
      key: `${r}.category || '|' || coalesce(${r}.sex, '') || '|' || ${birthday}`,
      where: onrec,
    },
  ];
}

const article = (o: string) => `json_extract(${o}.value, '$.article')`;
const clause = (o: string) => `coalesce(CAST(json_extract(${o}.value, '$.clause') AS TEXT), '')`;

/** Parts of a drug_cases row `r` (its own figures). */
function caseParts(r: string): Part[] {
  const live = `${r}.deleted_at IS NULL AND ${r}.province_code IS NOT NULL`;
  const place = { prov: `${r}.province_code`, com: `coalesce(${r}.commune_code, '')` };
  const offences = valid(`${r}.offences`);
  // The first entry of each article (and of each article and clause): a case counts once under each.
  const firstOf = (same: string) => `o.type = 'object' AND ${article('o')} IS NOT NULL AND NOT EXISTS (SELECT 1
      FROM json_each(${offences}) o2 WHERE o2.key < o.key AND o2.type = 'object' AND ${same})`;
  return [
    { metric: 'cases', lv: 'b', day: `${r}.prosecuted_on`, ...place, key: `''`, where: live },
    {
      metric: 'resolved',
      lv: 'b',
      day: `${r}.resolved_on`,
      ...place,
      key: `''`,
      where: `${live} AND ${r}.resolved_on >= ${r}.prosecuted_on`,
    },
    {
      metric: 'art',
      lv: 'b',
      day: `${r}.prosecuted_on`,
      ...place,
      key: `CAST(${article('o')} AS TEXT)`,
      also: `json_each(${offences}) o`,
      where: `${live} AND ${firstOf(`${article('o2')} = ${article('o')}`)}`,
    },
    {
      metric: 'artc',
      lv: 'b',
      day: `${r}.prosecuted_on`,
      ...place,
      key: `CAST(${article('o')} AS TEXT) || '|' || ${clause('o')}`,
      also: `json_each(${offences}) o`,
      where: `${live} AND ${firstOf(`${article('o2')} = ${article('o')} AND ${clause('o2')} = ${clause('o')}`)}`,
    },
  ];
}

/** Arrests of a case's suspects, from the case `r` (its suspects read by case_suspects_case). */
const arrestsOfCase = (r: string): Part => ({
  metric: 'arrests',
  lv: 'c',
  day: 's.arrested_on',
  prov: `${r}.province_code`,
  com: `${r}.commune_code`,
  key: `''`,
  also: 'case_suspects s',
  where: `s.case_id = ${r}.id AND s.deleted_at IS NULL AND s.arrested_on IS NOT NULL AND ${r}.deleted_at IS NULL
    AND ${r}.province_code IS NOT NULL AND ${r}.commune_code IS NOT NULL`,
});

/** The arrest of a suspect `r`, placed by its case. */
const arrestOfSuspect = (r: string): Part => ({
  metric: 'arrests',
  lv: 'c',
  day: `${r}.arrested_on`,
  prov: 'c.province_code',
  com: 'c.commune_code',
  key: `''`,
  also: 'drug_cases c',
  where: `c.id = ${r}.case_id AND ${r}.deleted_at IS NULL AND ${r}.arrested_on IS NOT NULL AND c.deleted_at IS NULL
    AND c.province_code IS NOT NULL AND c.commune_code IS NOT NULL`,
});

const placed = (r: string) => ({ prov: `${r}.province_code`, com: `coalesce(${r}.commune_code, '')` });
const liveAt = (r: string) => `${r}.deleted_at IS NULL AND ${r}.province_code IS NOT NULL`;
const VERIFIED = `'prosecuted', 'not_prosecuted', 'transferred'`;

const tipParts = (r: string): Part[] => [
  {
    metric: 'tips',
    lv: 'b',
    day: `${r}.received_on`,
    ...placed(r),
    key: `${r}.channel || '|' || (${r}.state IN (${VERIFIED}))`,
    where: liveAt(r),
  },
];
const seizureParts = (r: string): Part[] => [
  {
    metric: 'seized',
    lv: 'b',
    day: `${r}.seized_on`,
    ...placed(r),
    key: `${r}.substance || '|' || ${r}.unit`,
    q: `CAST(${r}.quantity AS REAL)`,
    where: `${liveAt(r)} AND ${r}.substance IS NOT NULL AND ${r}.quantity IS NOT NULL AND ${r}.unit IS NOT NULL`,
  },
];
const referralParts = (r: string): Part[] => [
  { metric: 'referrals', lv: 'b', day: `${r}.discovered_on`, ...placed(r), key: `${r}.state`, where: liveAt(r) },
];
const stayParts = (r: string): Part[] => [
  {
    metric: 'absconded',
    lv: 'b',
    day: `json_extract(i.value, '$.on')`,
    ...placed(r),
    key: `''`,
    also: `json_each(${valid(`${r}.incidents`)}) i`,
    where: `${liveAt(r)} AND i.type = 'object' AND json_extract(i.value, '$.kind') = 'absconded'
      AND json_extract(i.value, '$.on') IS NOT NULL`,
  },
];

/** The rows of parts, each weighted `w`, from `source` (a table and alias; none in a trigger, where r is NEW/OLD). */
function rows(parts: Part[], w: number, source: string | null): string {
  return parts
    .map((p) => {
      const from = [source, p.also].filter(Boolean).join(', ');
      return `SELECT '${p.metric}' AS metric, '${p.lv}' AS lv, ${p.day} AS day, ${p.bucket ?? `''`} AS bucket,
        ${p.prov} AS prov, ${p.com} AS com, ${p.key} AS key, ${w} AS n, ${p.q ? `${w} * ${p.q}` : '0.0'} AS q
        ${from ? `FROM ${from}` : ''} WHERE ${p.where}`;
    })
    .join('\n  UNION ALL ');
}

/**
 * Adds rows to the counts: each part goes to its day and month (dated) or its bucket (undated), and to its commune
 * and the whole province as its `lv` says; parts that cancel out write nothing.
 */
function add(union: string): string {
  return `INSERT INTO report_counts (metric, province_code, commune_code, grain, bucket, key, n, q)
  SELECT x.metric, x.prov, CASE l.star WHEN 1 THEN '*' ELSE x.com END, g.grain,
    CASE g.grain WHEN 'd' THEN x.day WHEN 'm' THEN substr(x.day, 1, 7) ELSE x.bucket END, x.key, sum(x.n), sum(x.q)
  FROM (${union}) x
  JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm' UNION ALL SELECT '') g ON (g.grain = '') = (x.day IS NULL)
  JOIN (SELECT 0 AS star UNION ALL SELECT 1) l ON x.lv = 'b' OR (x.lv = 'p') = (l.star = 1)
  WHERE true
  GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.n) <> 0 OR sum(x.q) <> 0
  ON CONFLICT (metric, province_code, commune_code, grain, bucket, key)
  DO UPDATE SET n = n + excluded.n, q = q + excluded.q`;
}

/** A trigger's body: the old row's part taken away, the new row's added (either may be absent). */
function change(parts: (r: string) => Part[], old: boolean, neu: boolean): string {
  const union = [...(old ? [rows(parts('OLD'), -1, null)] : []), ...(neu ? [rows(parts('NEW'), 1, null)] : [])];
  return `${add(union.join('\n  UNION ALL '))};`;
}

interface Source {
  /** The triggers' names: report_counts_<name>_insert|update|delete. */
  name: string;
  table: string;
  /** The columns whose change moves the record's counts. */
  columns: string;
  parts: (r: string) => Part[];
}

const SOURCES: Source[] = [
  {
    name: 'persons',
    table: 'persons',
    columns: `deleted_at, merged_into, category, cur_province, cur_commune, reach_gapped, reach_from, reach_to,
      first_positive_on, ethnicity, education, occupation, substances, birth_year, birth_date, sex`,
    parts: personParts,
  },
  {
    name: 'drug_cases',
    table: 'drug_cases',
    columns: 'deleted_at, province_code, commune_code, prosecuted_on, resolved_on, offences',
    parts: caseParts,
  },
  {
    name: 'tips',
    table: 'tips',
    columns: 'deleted_at, province_code, commune_code, received_on, channel, state',
    parts: tipParts,
  },
  {
    name: 'seizures',
    table: 'seizures',
    columns: 'deleted_at, province_code, commune_code, seized_on, substance, unit, quantity',
    parts: seizureParts,
  },
  {
    name: 'rehab_referrals',
    table: 'rehab_referrals',
    columns: 'deleted_at, province_code, commune_code, discovered_on, state',
    parts: referralParts,
  },
  {
    name: 'rehab_stays',
    table: 'rehab_stays',
    columns: 'deleted_at, province_code, commune_code, incidents',
    parts: stayParts,
  },
  // A suspect's arrest, placed by its case; a case's place or deletion moves its suspects' arrests.
  {
    name: 'case_suspects',
    table: 'case_suspects',
    columns: 'deleted_at, case_id, arrested_on',
    parts: (r) => [arrestOfSuspect(r)],
  },
  {
    name: 'case_arrests',
    table: 'drug_cases',
    columns: 'deleted_at, province_code, commune_code',
    parts: (r) => [arrestsOfCase(r)],
  },
];

const triggerName = (s: Source, what: string) => `report_counts_${s.name}_${what}`;

function triggers(): { name: string; sql: string }[] {
  return SOURCES.flatMap((s) => [
    {
      name: triggerName(s, 'insert'),
      sql: `AFTER INSERT ON ${s.table} BEGIN ${change(s.parts, false, true)} END`,
    },
    {
      name: triggerName(s, 'update'),
      sql: `AFTER UPDATE OF ${s.columns} ON ${s.table} BEGIN ${change(s.parts, true, true)} END`,
    },
    {
      name: triggerName(s, 'delete'),
      sql: `AFTER DELETE ON ${s.table} BEGIN ${change(s.parts, true, false)} END`,
    },
  ]);
}

/** Every count from the records (the backfill; also what a test compares the kept counts with). */
export function backfillStatements(): string[] {
  return [
    add(rows(personParts('r'), 1, 'persons r')),
    add(rows(caseParts('r'), 1, 'drug_cases r')),
    add(rows([arrestOfSuspect('r')], 1, 'case_suspects r')),
    add(rows(tipParts('r'), 1, 'tips r')),
    add(rows(seizureParts('r'), 1, 'seizures r')),
    add(rows(referralParts('r'), 1, 'rehab_referrals r')),
    add(rows(stayParts('r'), 1, 'rehab_stays r')),
  ];
}

export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE report_counts (
    metric TEXT NOT NULL, province_code TEXT NOT NULL, commune_code TEXT NOT NULL, grain TEXT NOT NULL,
    bucket TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, q REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (metric, province_code, commune_code, grain, bucket, key)) WITHOUT ROWID`);
  for (const s of backfillStatements()) await run(s);
  for (const t of triggers()) await run(`CREATE TRIGGER ${t.name} ${t.sql}`);

  await run(`DROP INDEX rehab_referrals_province_discovered`);
  await run(`CREATE INDEX rehab_referrals_report ON rehab_referrals(province_code, discovered_on, state, commune_code,
    deleted_at) WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX drug_cases_report_early ON drug_cases(province_code, commune_code, resolved_on,
    prosecuted_on, deleted_at) WHERE deleted_at IS NULL AND resolved_on < prosecuted_on`);
}

export async function down(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`DROP INDEX drug_cases_report_early`);
  await run(`DROP INDEX rehab_referrals_report`);
  await run(`CREATE INDEX rehab_referrals_province_discovered ON rehab_referrals(province_code, discovered_on, state,
    commune_code) WHERE deleted_at IS NULL`);
  for (const t of triggers()) await run(`DROP TRIGGER ${t.name}`);
  await run(`DROP TABLE report_counts`);
}
