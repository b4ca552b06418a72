import { communesOf } from '../../shared/places';
import type { HostCore } from '../../electron/host/host';
import fs from 'node:fs';
import { ADMIN, approveGrants, makeHost, ok, setupVault, tempDir, TestClock } from './host';

let template: Promise<{
  dir: string;
  world: Omit<Awaited<ReturnType<typeof buildWorld>>, 'host' | 'dataDir' | 'clock'>;
}> | null = null;

/**
 * Two communes of Tuyên Quang (08), their police units, and accounts of every role that reads persons.
 * Built once per test file (a dozen argon2 derivations) and copied, locked, into a fresh directory per test.
 */
export async function personsWorld(clock = new TestClock()) {
  template ??= buildWorld().then(async ({ host, dataDir, clock: _c, ...world }) => {
    await host.close();
    return { dir: dataDir, world };
  });
  const t = await template;
  const dir = tempDir('hoso-persons-');
  fs.cpSync(t.dir, dir, { recursive: true });
  const { host } = makeHost(dir, clock);
  return { ...t.world, host, dataDir: dir, clock };
}

async function buildWorld() {
  const v = await setupVault();
  const [a, b] = communesOf('08');
  const unitA = await ok(v.host, 'units.create', {
    code: 'CAX-A',
    name: `Công an ${a!.name}`,
    kind: 'commune_police',
    provinceCode: '08',
    communeCode: a!.code,
  });
  const unitB = await ok(v.host, 'units.create', {
    code: 'CAX-B',
    name: `Công an ${b!.name}`,
    kind: 'commune_police',
    provinceCode: '08',
    communeCode: b!.code,
  });
  const prov = await ok(v.host, 'units.create', {
    code: 'PC04-08',
    name: 'Phòng PC04 Công an tỉnh Tuyên Quang',
    kind: 'province_department',
    provinceCode: '08',
    communeCode: null,
  });
  const rehab = await ok(v.host, 'units.create', {
    code: 'CSCN-08',
    name: 'Cơ sở cai nghiện ma túy tỉnh',
    kind: 'rehab_centre',
    provinceCode: '08',
    communeCode: null,
  });
  const accounts = {
    officerA: { username: 'congan.a', role: 'commune_officer', unitId: unitA.id },
    officerB: { username: 'congan.b', role: 'commune_officer', unitId: unitB.id },
    investigator: { username: 'dieutra', role: 'investigator', unitId: prov.id },
    leader: { username: 'lanhdao', role: 'leader', unitId: prov.id },
    rehab: { username: 'caighien', role: 'rehab_staff', unitId: rehab.id },
  } as const;
  const password = 'mật khẩu ban đầu 1';
  for (const a of Object.values(accounts)) {
    await ok(v.host, 'accounts.create', {
      username: a.username,
      displayName: a.username,
      role: a.role,
      unitId: a.unitId,
      password,
    });
  }
  await ok(v.host, 'session.lock', {});
  // Each account replaces its first password once, so tests can sign in as anyone.
  for (const a of Object.values(accounts)) {
    await ok(v.host, 'session.unlock', { username: a.username, password });
    await ok(v.host, 'session.changePassword', { currentPassword: password, newPassword: PASSWORD });
    await ok(v.host, 'session.lock', {});
  }
  // Their roles read records: the setup leader approves them (separation of duties).
  await approveGrants(v.host);
  return { ...v, communeA: a!, communeB: b!, accounts };
}

export const PASSWORD = 'mật khẩu làm việc 2';

export async function as(host: HostCore, username: string) {
  await host.call('session.lock', {});
  if (username === ADMIN.username) return ok(host, 'session.unlock', ADMIN);
  return ok(host, 'session.unlock', { username, password: PASSWORD });
}

/** A CCCD consistent with the birth year and sex: province 008, century/sex digit, year, six digits. */
export function cccd(birthYear: number, sex: 'male' | 'female', tail = '123456'): string {
  const century = birthYear >= 2000 ? 2 : 0;
  return `008${century + (sex === 'female' ? 1 : 0)}${String(birthYear % 100).padStart(2, '0')}${tail}`;
}
