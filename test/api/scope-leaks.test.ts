import { describe, expect, it } from 'vitest';
import { err, ok } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';
import { referToRehabCentre } from '../support/rehab-world';

/**
 * Issue 9, finding 2: persons.checkDuplicates ignored the caller's scope and was not audited, so a commune
 * officer learned names, birth dates, CCCDs, categories and communes of people elsewhere, 20 at a time, from a
 * given name and a birth year. Each test below is that attack; it must now learn nothing but whom to ask.
 */
describe('duplicate checks stay within the caller’s scope', () => {
  async function worldWithPersonInB() {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerB.username);
    const inB = await ok(w.host, 'persons.create', {
      fullName: 'Hoàng Thị Mai',
      sex: 'female',
      birthDate: '1991-03-04',
      citizenId: cccd(1991, 'female', '765432'),
      currentAddress: { provinceCode: '08', communeCode: w.communeB.code, street: 'Tổ 5' },
      substances: [],
      confirmed: true,
    });
    return { w, inB };
  }

  it('attack: a commune officer probing by given name and birth year gets nobody from another commune', async () => {
    const { w } = await worldWithPersonInB();
    await as(w.host, w.accounts.officerA.username);
    const r = await ok(w.host, 'persons.checkDuplicates', { fullName: 'Nguyễn Thị Mai', birthDate: '1991-01-01' });
    expect(r.similar).toEqual([]);
    expect(r.sameCitizenId).toBeNull();
  });

  it('attack: a CCCD probe from another commune learns only that a file exists and which unit keeps it', async () => {
    const { w } = await worldWithPersonInB();
    await as(w.host, w.accounts.officerA.username);
    const r = await ok(w.host, 'persons.checkDuplicates', {
      fullName: 'Ai Đó',
      birthDate: '1991-01-01',
      citizenId: cccd(1991, 'female', '765432'),
    });
    expect(r.sameCitizenId).toBeNull();
    expect(r.similar).toEqual([]);
    expect(r.citizenIdElsewhere).toEqual({ owningUnit: { code: 'CAX-B', name: expect.stringContaining('Công an') } });
    expect(JSON.stringify(r)).not.toContain('Hoàng');
  });

  it('attack: creating a file with a CCCD held elsewhere is refused without the other file’s id', async () => {
    const { w, inB } = await worldWithPersonInB();
    await as(w.host, w.accounts.officerA.username);
    const e = await err(w.host, 'persons.create', {
      fullName: 'Hoàng Mai',
      sex: 'female',
      birthDate: '1991-03-04',
      citizenId: cccd(1991, 'female', '765432'),
      currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: 'Thôn 1' },
      substances: [],
      confirmed: true,
    });
    expect(e.code).toBe('DUPLICATE_CITIZEN_ID');
    expect(e.existingId).toBeUndefined();
    expect(JSON.stringify(e)).not.toContain(inB.person.id);
    expect(e.owningUnit).toEqual({ code: 'CAX-B', name: expect.any(String) });
  });

  it('inside scope the check works as before, and every check that matched something is audited', async () => {
    const { w, inB } = await worldWithPersonInB();
    await as(w.host, w.accounts.officerB.username);
    const r = await ok(w.host, 'persons.checkDuplicates', {
      fullName: 'Hoàng Thị Mai',
      birthDate: '1991-03-04',
      citizenId: cccd(1991, 'female', '765432'),
    });
    expect(r.sameCitizenId?.id).toBe(inB.person.id);
    expect(r.similar.map((p) => p.id)).toEqual([inB.person.id]);
    await as(w.host, w.accounts.officerA.username);
    await ok(w.host, 'persons.checkDuplicates', {
      fullName: 'Ai Khác',
      birthDate: '1991-01-01',
      citizenId: cccd(1991, 'female', '765432'),
    });
    // A check that found nothing leaves no entry.
    await ok(w.host, 'persons.checkDuplicates', { fullName: 'Không Ai', birthDate: '1950-01-01' });
    await as(w.host, w.accounts.leader.username);
    const log = w.host
      .openState()
      .raw.prepare(`SELECT username, detail FROM audit_log WHERE action = 'person.duplicate_check' ORDER BY seq`)
      .all() as { username: string; detail: string }[];
    expect(log.map((l) => [l.username, JSON.parse(l.detail).citizenIdHeld])).toEqual([
      ['congan.b', 'in_scope'],
      ['congan.a', 'elsewhere'],
    ]);
    // The audit names what was found, never what was typed.
    expect(JSON.stringify(log)).not.toMatch(/Hoàng|765432/);
  });
});

/**
 * Issue 9, finding 7: rehab staff received provinceCode/communeCode, could filter by commune, searched
 * nationwide with a limit of 100,000, and the audit recorded only a count.
 */
describe('rehab staff see only their allow-list', () => {
  it('attack: rehab staff reading where people live, by result or by filter, learn nothing', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const long = await ok(w.host, 'persons.create', {
      fullName: 'Đinh Văn Long',
      sex: 'male',
      birthDate: '1988-02-02',
      citizenId: cccd(1988, 'male', '111999'),
      currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: 'Thôn 3' },
      familyContact: 'Vợ: 0912 000 111',
      substances: ['heroin'],
      confirmed: true,
    });
    // Rehab staff see the people referred to their own facility (and nobody before that).
    await as(w.host, w.accounts.rehab.username);
    expect((await ok(w.host, 'persons.search', { query: 'dinh van long' })).items).toEqual([]);
    await referToRehabCentre(w, long.person.id, w.accounts.officerA.username);
    await as(w.host, w.accounts.rehab.username);
    const r = await ok(w.host, 'persons.search', { query: 'dinh van long', limit: 100_000 });
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ fullName: 'Đinh Văn Long', provinceCode: null, communeCode: null });
    const file = await ok(w.host, 'persons.get', { personId: r.items[0]!.id });
    expect(file.limited).toBe(true);
    expect(file.person).toMatchObject({ currentAddress: null, familyContact: null, substances: [], otherNames: [] });
    const byCommune = await err(w.host, 'persons.search', { query: '', communeCode: w.communeA.code });
    expect(byCommune.code).toBe('FORBIDDEN');
    expect(byCommune.issues).toEqual([{ path: 'communeCode', code: 'filter_not_allowed' }]);
    // The digits typed into the query are a CCCD for the service itself (the CLI and the screen agree).
    const byId = await ok(w.host, 'persons.search', { query: cccd(1988, 'male', '111999') });
    expect(byId.items.map((i) => i.fullName)).toEqual(['Đinh Văn Long']);
  }, 300_000);

  it('attack: a limited view cannot list everyone: results are capped, and the audit keeps the query’s shape', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.leader.username);
    await ok(w.host, 'persons.seed', { count: 120, seed: 5, provinceCode: '08', intoLive: true });
    // Seeded referrals spread over two centres; the world's rehab unit runs the first: well over 50 people.
    await ok(w.host, 'rehab.seed', { referrals: 400, seed: 5 });
    const unit = (await ok(w.host, 'units.list', {})).find((u) => u.code === 'CSCN-08')!;
    const centre = (await ok(w.host, 'facilities.list', { kind: 'public_compulsory' }))[0]!;
    await ok(w.host, 'facilities.update', { facilityId: centre.id, patch: { unitId: unit.id } });
    await as(w.host, w.accounts.rehab.username);
    const r = await ok(w.host, 'persons.search', { query: '', limit: 100_000 });
    expect(r.items).toHaveLength(50);
    expect(r.truncated).toBe(true);
    await as(w.host, w.accounts.leader.username);
    const entry = w.host
      .openState()
      .raw.prepare(
        `SELECT detail FROM audit_log WHERE action = 'person.search' AND username = 'caighien' ORDER BY seq DESC`,
      )
      .get() as { detail: string };
    expect(JSON.parse(entry.detail)).toEqual({ results: 50, words: 0, byCitizenId: false, filters: null, limit: 50 });
  });
});
