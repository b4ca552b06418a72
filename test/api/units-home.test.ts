import { describe, expect, it } from 'vitest';
import { communesOf } from '../../shared/places';
import { ADMIN, err, makeHost, ok } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';

type World = Awaited<ReturnType<typeof personsWorld>>;

function auditRows(w: World, action: string) {
  return w.host
    .openState()
    .raw.prepare('SELECT action, record_id AS recordId, outcome, detail FROM audit_log WHERE action = ? ORDER BY seq')
    .all(action) as { action: string; recordId: string; outcome: string; detail: string | null }[];
}

describe('units with places', () => {
  it('an administrator edits a unit’s name, kind and place; audited; bad places refused naming the field', async () => {
    const w = await personsWorld();
    await as(w.host, ADMIN.username);
    const units = await ok(w.host, 'units.list', {});
    const unit = units.find((u) => u.code === 'PC04-08')!;
    const [c] = communesOf('08');
    const other = communesOf('01')[0]!;

    // A commune of another province, a province not in the official list, a commune without a province.
    const wrong = await err(w.host, 'units.update', {
      unitId: unit.id,
      name: unit.name,
      kind: unit.kind,
      provinceCode: '08',
      communeCode: other.code,
    });
    expect(wrong.code).toBe('INVALID_INPUT');
    expect(wrong.issues).toEqual([{ path: 'communeCode', code: 'commune_unknown' }]);
    const unknown = await err(w.host, 'units.update', {
      unitId: unit.id,
      name: unit.name,
      kind: unit.kind,
      provinceCode: '99',
      communeCode: null,
    });
    expect(unknown.issues).toEqual([{ path: 'provinceCode', code: 'province_unknown' }]);
    const orphan = await err(w.host, 'units.update', {
      unitId: unit.id,
      name: unit.name,
      kind: unit.kind,
      provinceCode: null,
      communeCode: c!.code,
    });
    expect(orphan.issues).toEqual([{ path: 'provinceCode', code: 'required' }]);
    expect((await ok(w.host, 'units.list', {})).find((u) => u.id === unit.id)).toEqual(unit);

    const updated = await ok(w.host, 'units.update', {
      unitId: unit.id,
      name: 'Phòng Cảnh sát điều tra tội phạm về ma túy',
      kind: 'province_department',
      provinceCode: '08',
      communeCode: c!.code,
    });
    expect(updated).toMatchObject({ id: unit.id, code: 'PC04-08', provinceCode: '08', communeCode: c!.code });
    expect((await ok(w.host, 'units.list', {})).find((u) => u.id === unit.id)?.name).toBe(
      'Phòng Cảnh sát điều tra tội phạm về ma túy',
    );
    const audited = auditRows(w, 'unit.update');
    // Refusals are entries that failed; the change is one entry about the unit naming the fields, not values.
    expect(audited.slice(0, -1).every((a) => a.outcome === 'failed')).toBe(true);
    expect(audited.at(-1)).toMatchObject({ recordId: unit.id, outcome: 'ok' });
    expect(JSON.parse(audited.at(-1)!.detail!)).toMatchObject({ fields: 'name,communeCode' });

    // Only an administrator (units.manage) may.
    await as(w.host, w.accounts.leader.username);
    expect((await err(w.host, 'units.update', { ...updated, unitId: unit.id, communeCode: null })).code).toBe(
      'FORBIDDEN',
    );
  });

  it('the setup wizard’s unit carries its province', async () => {
    const { host } = makeHost();
    const bad = await err(host, 'vault.create', {
      adminUsername: ADMIN.username,
      adminDisplayName: 'Quản trị viên',
      password: ADMIN.password,
      leader: { username: 'truongphong', displayName: 'Trưởng phòng', password: 'mật khẩu lãnh đạo 1' },
      unit: { code: 'PC04-TQ', name: 'Phòng PC04', kind: 'province_department', provinceCode: '77' },
    });
    expect(bad.issues).toEqual([{ path: 'unit.provinceCode', code: 'province_unknown' }]);
    await ok(host, 'vault.create', {
      adminUsername: ADMIN.username,
      adminDisplayName: 'Quản trị viên',
      password: ADMIN.password,
      leader: { username: 'truongphong', displayName: 'Trưởng phòng', password: 'mật khẩu lãnh đạo 1' },
      unit: { code: 'PC04-TQ', name: 'Phòng PC04', kind: 'province_department', provinceCode: '08' },
    });
    await ok(host, 'session.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect((await ok(host, 'units.list', {}))[0]).toMatchObject({ code: 'PC04-TQ', provinceCode: '08' });
  });

  it('a commune police station’s unit carries its commune; a commune outside the province is refused, nothing made', async () => {
    const { host } = makeHost();
    const setup = (communeCode: string) => ({
      adminUsername: ADMIN.username,
      adminDisplayName: 'Quản trị viên',
      password: ADMIN.password,
      leader: { username: 'truongphong', displayName: 'Trưởng phòng', password: 'mật khẩu lãnh đạo 1' },
      unit: { code: 'CAX-1', name: 'Công an xã', kind: 'commune_police' as const, provinceCode: '08', communeCode },
    });
    const elsewhere = await err(host, 'vault.create', setup(communesOf('01')[0]!.code));
    expect(elsewhere.code).toBe('INVALID_INPUT');
    expect(elsewhere.issues).toEqual([{ path: 'unit.communeCode', code: 'commune_unknown' }]);
    // A commune police unit without its commune, a department with one, a commune without its province.
    const base = setup(communesOf('08')[0]!.code);
    const without = await err(host, 'vault.create', { ...base, unit: { ...base.unit, communeCode: null } });
    expect(without.issues).toEqual([{ path: 'unit.communeCode', code: 'required' }]);
    const department = await err(host, 'vault.create', {
      ...base,
      unit: { ...base.unit, kind: 'province_department' as const },
    });
    expect(department.issues).toEqual([{ path: 'unit.communeCode', code: 'commune_for_commune_police' }]);
    const noProvince = await err(host, 'vault.create', { ...base, unit: { ...base.unit, provinceCode: null } });
    expect(noProvince.issues).toEqual([{ path: 'unit.provinceCode', code: 'required' }]);
    expect((await ok(host, 'app.status', {})).vaultExists).toBe(false);

    const [c] = communesOf('08');
    await ok(host, 'vault.create', setup(c!.code));
    await ok(host, 'session.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect((await ok(host, 'units.list', {}))[0]).toMatchObject({ code: 'CAX-1', communeCode: c!.code });
    // Its station card names the commune: a hub can add it as a commune peer.
    const { card } = await ok(host, 'station.card', {});
    expect(JSON.parse(card)).toMatchObject({ unit: { code: 'CAX-1', provinceCode: '08', communeCode: c!.code } });
  });
});

describe('home: recent files', () => {
  it('lists the caller’s own reads, newest first, once each, only those still in scope', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const mk = async (fullName: string, tail: string) =>
      (
        await ok(w.host, 'persons.create', {
          fullName,
          sex: 'male',
          birthDate: '1990-05-12',
          citizenId: cccd(1990, 'male', tail),
          currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: 'Thôn 1' },
          substances: [],
          confirmed: true,
        })
      ).person;
    const a = await mk('Nguyễn Văn An', '100001');
    const b = await mk('Trần Văn Bình', '100002');
    expect(await ok(w.host, 'home.recent', {})).toEqual([]);
    await ok(w.host, 'persons.get', { personId: a.id });
    await ok(w.host, 'persons.get', { personId: b.id });
    await ok(w.host, 'persons.get', { personId: a.id });
    const mine = await ok(w.host, 'home.recent', {});
    expect(mine.map((r) => [r.recordType, r.title, r.subtitle])).toEqual([
      ['person', 'Nguyễn Văn An', '1990-05-12'],
      ['person', 'Trần Văn Bình', '1990-05-12'],
    ]);

    // Another officer's reads are not mine, and a file out of scope is not listed even after an attempt to open it.
    await as(w.host, w.accounts.officerB.username);
    expect((await err(w.host, 'persons.get', { personId: a.id })).code).toBe('FORBIDDEN');
    expect(await ok(w.host, 'home.recent', {})).toEqual([]);

    // An administrator reads no records and has no recent files.
    await as(w.host, ADMIN.username);
    expect((await err(w.host, 'home.recent', {})).code).toBe('FORBIDDEN');
  });
});
