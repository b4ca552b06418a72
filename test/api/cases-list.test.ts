import { describe, expect, it } from 'vitest';
import { communesOf } from '../../shared/places';
import type { HostCore } from '../../electron/host/host';
import { err, ok } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';

type World = Awaited<ReturnType<typeof personsWorld>>;

const OTHER_UNIT = '0196b1d0-0000-7000-8000-0000000000aa';

/** The audit entries about cases (action and detail), in order. */
function caseAudit(host: HostCore) {
  return host
    .openState()
    .raw.prepare(`SELECT action, detail FROM audit_log WHERE record_type = 'case' ORDER BY seq`)
    .all() as { action: string; detail: string | null }[];
}

/** Moves a record to another province's unit, as if it had arrived from that province's workstation. */
function moveAway(w: World, table: 'drug_cases' | 'persons', id: string) {
  const other = communesOf('01')[0]!;
  const cols =
    table === 'persons'
      ? `unit_id = ?, cur_province = '01', cur_commune = ?`
      : `unit_id = ?, province_code = '01', commune_code = ?`;
  w.host.openState().raw.prepare(`UPDATE ${table} SET ${cols} WHERE id = ?`).run(OTHER_UNIT, other.code, id);
}

async function person(w: World, fullName: string, communeCode: string, tail: string) {
  const p = await ok(w.host, 'persons.create', {
    fullName,
    sex: 'male',
    birthDate: '1988-03-04',
    citizenId: cccd(1988, 'male', tail),
    currentAddress: { provinceCode: '08', communeCode, street: '' },
    confirmed: true,
  });
  return p.person.id;
}

describe('cases.list: the case list of the caller’s scope', () => {
  // The first test of the file builds the accounts' world (a dozen argon2 derivations): room for a busy machine.
  it('pages newest first, filters, searches by number, name without diacritics and CCCD, and never returns another province’s case', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.investigator.username);
    const thu = await person(w, 'Hoàng Văn Thụ', w.communeA.code, '654321');
    const made: Record<string, string> = {};
    for (const [number, prosecutedOn, article, clause] of [
      ['10/2026', '2026-08-01', '251', 2],
      ['11/2026', '2026-09-01', '251', 1],
      ['12/2026', '2026-10-01', '249', 1],
    ] as const) {
      const c = await ok(w.host, 'cases.create', { number, prosecutedOn, offences: [{ article, clause }] });
      made[number] = c.id;
    }
    await ok(w.host, 'cases.addSuspect', { caseId: made['11/2026']!, personId: thu, role: 'trader' });
    await ok(w.host, 'cases.advance', { caseId: made['10/2026']!, state: 'suspended', on: '2026-10-15' });
    // A case of another province naming the same person, with a number that matches the search too.
    const foreign = await ok(w.host, 'cases.create', {
      number: '11/2026-TQ',
      prosecutedOn: '2026-11-01',
      offences: [{ article: '251', clause: 1 }],
    });
    await ok(w.host, 'cases.addSuspect', { caseId: foreign.id, personId: thu, role: 'user' });
    moveAway(w, 'drug_cases', foreign.id);
    const before = caseAudit(w.host).length;

    const all = await ok(w.host, 'cases.list', {});
    expect(all.total).toBe(3);
    expect(all.items.map((c) => c.number)).toEqual(['12/2026', '11/2026', '10/2026']);
    expect(all.items[1]).toMatchObject({ severity: 'serious', suspectCount: 1, state: 'investigating' });
    const second = await ok(w.host, 'cases.list', { offset: 2, limit: 2 });
    expect(second).toMatchObject({ total: 3, items: [expect.objectContaining({ number: '10/2026' })] });
    expect((await ok(w.host, 'cases.list', { state: 'suspended' })).items.map((c) => c.number)).toEqual(['10/2026']);
    expect((await ok(w.host, 'cases.list', { open: true })).total).toBe(2);
    expect((await ok(w.host, 'cases.list', { severity: 'very_serious' })).items.map((c) => c.number)).toEqual([
      '10/2026',
    ]);
    // Browsing is not audited (as the tip register).
    expect(caseAudit(w.host).length).toBe(before);

    const byName = await ok(w.host, 'cases.list', { query: 'hoang van thu' });
    expect(byName).toMatchObject({ total: 1, items: [{ id: made['11/2026'], matchedBy: 'name' }] });
    const byCccd = await ok(w.host, 'cases.list', { query: cccd(1988, 'male', '654321') });
    expect(byCccd.items.map((c) => [c.number, c.matchedBy])).toEqual([['11/2026', 'citizen_id']]);
    const byNumber = await ok(w.host, 'cases.list', { query: '11/2026' });
    expect(byNumber.items.map((c) => c.number)).toEqual(['11/2026']);
    const paged = await ok(w.host, 'cases.list', { query: '1', limit: 2 });
    expect(paged.total).toBe(3);
    expect(paged.items).toHaveLength(2);
    expect((await ok(w.host, 'cases.list', { query: 'hoang van thu', state: 'suspended' })).total).toBe(0);
    // Each search is audited as one, without what was searched for.
    const searches = caseAudit(w.host).slice(before);
    expect(searches.map((s) => s.action)).toEqual(Array(5).fill('case.search'));
    expect(JSON.stringify(searches)).not.toMatch(/hoang|Hoàng|654321|11\/2026/i);
    expect(JSON.parse(searches[0]!.detail!)).toMatchObject({ results: 1 });

    // The leader of the same province sees the same three; a commune officer and rehab staff are refused.
    await as(w.host, w.accounts.leader.username);
    expect((await ok(w.host, 'cases.list', {})).total).toBe(3);
    for (const who of [w.accounts.officerA.username, w.accounts.rehab.username]) {
      await as(w.host, who);
      expect((await err(w.host, 'cases.list', {})).code).toBe('FORBIDDEN');
      expect((await err(w.host, 'cases.list', { query: 'hoang van thu' })).code).toBe('FORBIDDEN');
    }
  }, 300_000);

  it('refuses a bad page or filter, naming the field', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.investigator.username);
    expect((await err(w.host, 'cases.list', { limit: 0 })).code).toBe('INVALID_INPUT');
    expect((await err(w.host, 'cases.list', { state: 'nowhere' } as never)).issues).toEqual([
      expect.objectContaining({ path: 'state', code: 'case_state_invalid' }),
    ]);
    expect((await err(w.host, 'cases.list', { query: 'x'.repeat(121) })).issues).toEqual([
      expect.objectContaining({ path: 'query', code: 'too_long' }),
    ]);
  });
});

describe('the persons a tip or a case names, as the viewer may see them', () => {
  it('a tip names its persons to whoever may see them; a person outside the viewer’s scope is only counted', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.investigator.username);
    const inA = await person(w, 'Lò Văn Tám', w.communeA.code, '111111');
    const inB = await person(w, 'Vàng A Chứ', w.communeB.code, '222222');
    const t = await ok(w.host, 'tips.create', {
      receivedOn: '2026-11-20',
      source: 'citizen',
      channel: 'land_border',
      communeCode: w.communeA.code,
      summary: 'Tố giác mua bán ma túy qua biên giới',
      personIds: [inA, inB],
    });
    expect(t.persons.map((p) => p.fullName)).toEqual(['Lò Văn Tám', 'Vàng A Chứ']);
    expect(t.persons[0]).toMatchObject({
      id: inA,
      citizenId: cccd(1988, 'male', '111111'),
      communeCode: w.communeA.code,
    });

    // The commune officer of A reads the tip of the commune: the person of commune B is not named to them.
    await as(w.host, w.accounts.officerA.username);
    const seen = await ok(w.host, 'tips.get', { tipId: t.id });
    expect(seen.personIds).toEqual([inA, inB]);
    expect(seen.persons.map((p) => p.id)).toEqual([inA]);
    expect(JSON.stringify(seen)).not.toContain('Vàng A Chứ');
    expect(JSON.stringify(seen)).not.toContain('222222');
  });

  it('a suspect whose person is outside the viewer’s persons scope shows no person', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.investigator.username);
    const away = await person(w, 'Quàng Văn Xa', w.communeA.code, '333333');
    const near = await person(w, 'Hà Văn Gần', w.communeA.code, '444444');
    const c = await ok(w.host, 'cases.create', {
      number: '70/2026',
      prosecutedOn: '2026-11-05',
      offences: [{ article: '251', clause: 1 }],
    });
    await ok(w.host, 'cases.addSuspect', { caseId: c.id, personId: away, role: 'trader' });
    await ok(w.host, 'cases.addSuspect', { caseId: c.id, personId: near, role: 'user' });
    moveAway(w, 'persons', away);
    const file = await ok(w.host, 'cases.get', { caseId: c.id });
    expect(file.suspects.map((s) => [s.personId, s.person?.fullName ?? null])).toEqual([
      [away, null],
      [near, 'Hà Văn Gần'],
    ]);
    const printed = await ok(w.host, 'cases.print', { caseId: c.id });
    expect(printed.html).not.toContain('Quàng Văn Xa');
  });
});
