import { describe, expect, it } from 'vitest';
import type { HostCore } from '../../electron/host/host';
import { BULK_LOAD_MIN_ROWS } from '../../electron/platform/bulk-load';
import { ADMIN, LEADER, makeHost, ok, tempDir } from '../support/host';
import { keptAndRecounted, schemaOf } from '../support/report-counts';

/**
 * What the import may drop for a load of persons: their non-unique indexes, report_counts' person triggers, and the
 * triggers that make a new person's report facts and gaps.
 */
function loadObjects(host: HostCore): string[] {
  return (
    host
      .openState()
      .raw.prepare(
        `SELECT name FROM sqlite_master WHERE (type = 'index' AND tbl_name IN ('persons', 'person_name_tokens',
          'person_measures', 'drug_tests', 'addiction_determinations') AND sql NOT LIKE 'CREATE UNIQUE%')
          OR (type = 'trigger' AND (name LIKE 'report_counts_persons_%' OR name IN ('report_facts_person_insert',
            'report_gaps_person_insert'))) ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}

/**
 * Two province departments' stations (their units have no commune: commune-to-hub sends, and accepts, everything
 * of the province), each added to the other from its card, as the exchange bench pairs them.
 */
async function station(code: string) {
  const h = makeHost();
  await ok(h.host, 'vault.create', {
    adminUsername: ADMIN.username,
    adminDisplayName: 'Quản trị viên',
    password: ADMIN.password,
    leader: { username: LEADER.username, displayName: 'Trưởng phòng', password: LEADER.password },
    unit: { code, name: `Phòng ${code}`, kind: 'province_department', provinceCode: '08' },
  });
  return h.host;
}

async function departments() {
  const a = await station('PC04-A');
  const b = await station('PC04-B');
  const show = async (h: HostCore) => ({
    card: (await ok(h, 'station.card', {})).card,
    ...(await ok(h, 'station.show', {})),
  });
  const sa = await show(a);
  const sb = await show(b);
  for (const [h, peer] of [
    [a, sb],
    [b, sa],
  ] as const)
    await ok(h, 'peers.add', { card: peer.card, kind: 'hub', policy: 'commune-to-hub', fingerprint: peer.fingerprint });
  return { a, b, aId: sa.id, bId: sb.id, dir: tempDir('hoso-sticks-') };
}

/** Signs `who` in on `host` (the account's own password). */
async function as(host: HostCore, who: { username: string; password: string }) {
  await host.call('session.lock', {});
  await ok(host, 'session.unlock', who);
}

/** The leader seeds more persons than a bulk load needs; the administrator writes the first bundle to `peerId`. */
async function firstBundle(commune: HostCore, peerId: string, dir: string) {
  await as(commune, LEADER);
  await ok(commune, 'persons.seed', { count: BULK_LOAD_MIN_ROWS + 1500, seed: 3, provinceCode: '08', intoLive: true });
  await as(commune, ADMIN);
  return ok(commune, 'bundles.export', { peerId, out: dir, purpose: 'lần đầu' });
}

describe('a bundle as large as what the receiver holds', () => {
  it('is loaded with indexes built after its rows and the report counts made again, to the same result', async () => {
    const s = await departments();
    const commune = s.a;
    const hub = s.b;
    // (Some seeded people live in another province: the policy sends those of province 08, ~85 %.)
    const b1 = await firstBundle(commune, s.bId, s.dir);

    const schemaBefore = schemaOf(hub.openState().raw);
    const objects = loadObjects(hub);
    expect(objects).toContain('persons_commune_summary');
    expect(objects).toContain('person_name_tokens_commune');
    expect(objects).toContain('report_counts_persons_insert');
    expect(objects).toContain('report_facts_person_insert');
    // During the apply: what the load may drop is gone, except what the apply reads by (a person's name words).
    const during = new Set<string>();
    const stop = hub.on('call.progress', () => void during.add(JSON.stringify(loadObjects(hub))));
    const r = await ok(hub, 'bundles.import', { path: b1.file });
    stop();
    expect(r.newRecords).toBeGreaterThan(BULK_LOAD_MIN_ROWS);
    // (measures and findings are fewer than the threshold here: theirs stay.)
    const persons = objects.filter((o) =>
      /^(persons_|person_name_tokens_commune|report_counts_persons_|report_(facts|gaps)_person_insert)/.test(o),
    );
    expect(persons.length).toBeGreaterThan(12);
    const leanest = [...during].map((j) => JSON.parse(j) as string[]).sort((x, y) => x.length - y.length)[0]!;
    expect(leanest.filter((o) => persons.includes(o))).toEqual([]);
    expect(leanest).toContain('person_name_tokens_pk');

    // After: the same schema, text for text; the indexes agree with the table; the counts as a recount makes them.
    const raw = hub.openState().raw;
    expect(schemaOf(raw)).toEqual(schemaBefore);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const { kept, recounted } = keptAndRecounted(raw);
    expect(kept.size).toBeGreaterThan(100);
    expect(kept).toEqual(recounted);
    const sent = commune.openState().raw.prepare(`SELECT count(*) AS n FROM persons WHERE cur_province = '08'`).get();
    expect(raw.prepare('SELECT count(*) AS n FROM persons').get()).toEqual(sent);
    // Each person's report facts and gaps, made at the load's end, are what the sender's triggers kept.
    const facts = (r: typeof raw) => ({
      persons: r
        .prepare(
          `SELECT id, first_positive_on, reach_from, reach_to, reach_gapped FROM persons
          WHERE cur_province = '08' ORDER BY id`,
        )
        .all(),
      gaps: r
        .prepare(
          `SELECT g.* FROM report_gaps g JOIN persons p ON p.id = g.person_id WHERE p.cur_province = '08'
          ORDER BY 1, 2, 3`,
        )
        .all(),
    });
    const atSender = facts(commune.openState().raw);
    expect(
      atSender.persons.filter((p) => (p as { first_positive_on: string | null }).first_positive_on).length,
    ).toBeGreaterThan(100);
    expect(atSender.gaps.length).toBeGreaterThan(10);
    expect(facts(raw)).toEqual(atSender);

    // The hub's officers find the people by name through the rebuilt indexes, as at the commune.
    const one = commune.openState().raw.prepare('SELECT full_name AS name FROM persons ORDER BY pk LIMIT 1').get() as {
      name: string;
    };
    await as(hub, LEADER);
    const found = await ok(hub, 'persons.search', { query: one.name });
    expect(found.items.map((p) => p.fullName)).toContain(one.name);

    // A small bundle next (three persons into thousands), once the hub's receipt is back (else the first is sent
    // again): applied row by row, nothing dropped meanwhile.
    await as(hub, ADMIN);
    const back = await ok(hub, 'bundles.export', { peerId: s.aId, out: s.dir, purpose: 'biên nhận' });
    await ok(commune, 'bundles.import', { path: back.file });
    await as(commune, LEADER);
    await ok(commune, 'persons.seed', { count: 3, seed: 4, provinceCode: '08', intoLive: true });
    await as(commune, ADMIN);
    const b2 = await ok(commune, 'bundles.export', { peerId: s.bId, out: s.dir, purpose: 'lần hai' });
    const during2 = new Set<string>();
    const stop2 = hub.on('call.progress', () => void during2.add(JSON.stringify(loadObjects(hub))));
    await as(hub, ADMIN);
    await ok(hub, 'bundles.import', { path: b2.file });
    stop2();
    expect([...during2]).toEqual([JSON.stringify(objects)]);
    const again = keptAndRecounted(hub.openState().raw);
    expect(again.kept).toEqual(again.recounted);
  });

  it('at a hub that places records, is as large as what its policy lets in: a bundle mostly refused drops nothing', async () => {
    // A commune's station that added its hub while its unit was still the province's: its policy sends all of
    // province 08. It then serves its commune, and the hub adds it as that commune (it accepts only the commune).
    const commune = await station('PC04-X');
    const hub = await station('PC04-H');
    const hubShow = await ok(hub, 'station.show', {});
    await ok(commune, 'peers.add', {
      card: (await ok(hub, 'station.card', {})).card,
      kind: 'hub',
      policy: 'commune-to-hub',
      fingerprint: hubShow.fingerprint,
    });
    const unit = await ok(commune, 'units.create', {
      code: 'X700',
      name: 'Công an xã Ngọc Đường',
      kind: 'commune_police',
      provinceCode: '08',
      communeCode: '00700',
    });
    await ok(commune, 'station.setUnit', { unitId: unit.id });
    await ok(hub, 'peers.add', {
      card: (await ok(commune, 'station.card', {})).card,
      kind: 'commune',
      policy: 'hub-to-commune',
      fingerprint: (await ok(commune, 'station.show', {})).fingerprint,
    });
    const b1 = await firstBundle(commune, hubShow.id, tempDir('hoso-sticks-'));

    const objects = loadObjects(hub);
    const during = new Set<string>();
    const stop = hub.on('call.progress', () => void during.add(JSON.stringify(loadObjects(hub))));
    const r = await ok(hub, 'bundles.import', { path: b1.file });
    stop();
    // Thousands refused (out of the commune), a few dozen taken: applied row by row, nothing dropped.
    expect(r.refused.length).toBeGreaterThan(BULK_LOAD_MIN_ROWS);
    expect(r.newRecords).toBeGreaterThan(0);
    expect(r.newRecords).toBeLessThan(BULK_LOAD_MIN_ROWS);
    expect([...during]).toEqual([JSON.stringify(objects)]);
    const raw = hub.openState().raw;
    expect(raw.prepare(`SELECT DISTINCT cur_commune AS c FROM persons`).all()).toEqual([{ c: '00700' }]);
    const { kept, recounted } = keptAndRecounted(raw);
    expect(kept).toEqual(recounted);
  });
});
