import { describe, expect, it } from 'vitest';
import { err, ok } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';

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
