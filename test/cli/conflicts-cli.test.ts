import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../electron/changelog/apply';
import { updateRecord } from '../../electron/changelog/changelog';
import { decodeHlc, encodeHlc } from '../../electron/changelog/hlc';
import { createHost } from '../../electron/host/root';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';
import { tempDir } from '../support/host';
import { CLI_LEADER_PW, CLI_ADMIN_PW, hoso, initVault } from '../support/cli';

const ADMIN_PW = CLI_ADMIN_PW;
const LEADER_PW = CLI_LEADER_PW;

const asLeader = (dir: string, args: string[], extra = '') =>
  hoso(dir, ['--user', 'truongphong', '--password-stdin', ...args], `${LEADER_PW}\n${extra}`);

/** A change another workstation made a minute after this one's clock, applied as its bundle would apply it. */
async function arrives(
  s: ReturnType<ReturnType<typeof createHost>['openState']>,
  change: { tableName: string; recordId: string; changes: string; base?: string },
): Promise<void> {
  const remoteWs = '0196b1d0-0000-7000-8000-00000000abcd';
  const hlc = encodeHlc({ wall: decodeHlc(s.hlc.now()).wall + 60_000, counter: 0, node: remoteWs });
  await s.db
    .transaction()
    .execute((trx) =>
      applyChanges(trx, s.hlc, [{ ...change, hlc, workstationId: remoteWs, accountId: null }], '2026-12-03'),
    );
}

/** Two workstations renamed the same unit at once: the second name arrives as a change from elsewhere. */
async function conflictOnUnitName(dir: string) {
  const host = createHost({ dataDir: dir, kdfPolicy: 'floor', preferences: new MemoryPreferencesStore() });
  const r = await host.call('session.unlock', { username: 'truongphong', password: LEADER_PW });
  expect(r.ok).toBe(true);
  const s = host.openState();
  const unit = s.raw.prepare(`SELECT id, hlc FROM units WHERE code = 'PC04'`).get() as { id: string; hlc: string };
  const changes = { hlc: s.hlc, workstationId: s.workstationId, accountId: s.session.accountId, now: () => new Date() };
  await updateRecord(s.db, changes, 'units', unit.id, { name: 'Phòng Cảnh sát điều tra tội phạm về ma túy' });
  // Stamped a minute after the local edit: the other workstation's name is the one in the record.
  await arrives(s, {
    tableName: 'units',
    recordId: unit.id,
    changes: JSON.stringify({ name: 'Phòng PC04 Công an tỉnh' }),
    base: JSON.stringify({ name: unit.hlc }),
  });
  await host.close();
  return unit.id;
}

/** A person's photo set here and, apart, at another workstation: one conflict on a file. */
async function conflictOnPhoto(dir: string) {
  const host = createHost({ dataDir: dir, kdfPolicy: 'floor', preferences: new MemoryPreferencesStore() });
  expect((await host.call('session.unlock', { username: 'truongphong', password: LEADER_PW })).ok).toBe(true);
  const seeded = await host.call('persons.seed', { count: 1, seed: 5, provinceCode: '08', intoLive: true });
  expect(seeded.ok).toBe(true);
  const s = host.openState();
  const { id } = s.raw.prepare('SELECT id FROM persons LIMIT 1').get() as { id: string };
  const jpeg = (n: number) => `data:image/jpeg;base64,${Buffer.alloc(n, 7).toString('base64')}`;
  expect((await host.call('persons.setPhoto', { personId: id, photo: jpeg(30 * 1024) })).ok).toBe(true);
  await arrives(s, { tableName: 'personPhotos', recordId: id, changes: JSON.stringify({ photo: jpeg(12 * 1024) }) });
  await host.close();
  return id;
}

describe('hoso conflicts', () => {
  it('names a photo in conflict by its kind and size, and settles it only by choosing one', async () => {
    const dir = tempDir('hoso-cli-conflicts-');
    expect(initVault(dir).code).toBe(0);
    const id = await conflictOnPhoto(dir);
    const list = asLeader(dir, ['conflicts', 'list']);
    expect(list.code, list.err).toBe(0);
    // The photo is named by the person it belongs to (its parent's title).
    expect(list.out).toContain(`#1  Ảnh chân dung «Phạm Văn Vinh» ${id} · Ảnh chân dung`);
    expect(list.out).toMatch(/đang dùng: \[ảnh image\/jpeg, 12 KB\] {2}\(máy 0196b1d0/);
    expect(list.out).toMatch(/giá trị kia: +\[ảnh image\/jpeg, 30 KB\] {2}\(truongphong/);
    expect(list.out).not.toContain('base64');
    const typed = asLeader(dir, ['conflicts', 'resolve', '1', '--value-stdin'], 'ảnh khác\n');
    expect(typed.code).toBe(1);
    expect(asLeader(dir, ['conflicts', 'list']).out).toContain('#1  Ảnh chân dung');
    const kept = asLeader(dir, ['conflicts', 'resolve', '1', '--take-other']);
    expect(kept.code, kept.err).toBe(0);
    expect(asLeader(dir, ['conflicts', 'list']).out.trim()).toBe('Không có xung đột nào.');
  });

  it('lists an open conflict in Vietnamese and resolves it by typing a new value', async () => {
    const dir = tempDir('hoso-cli-conflicts-');
    const init = initVault(dir);
    expect(init.code, init.err).toBe(0);
    const unitId = await conflictOnUnitName(dir);

    const list = asLeader(dir, ['conflicts', 'list']);
    expect(list.code, list.err).toBe(0);
    expect(list.out).toContain(`#1  Đơn vị «Phòng PC04 Công an tỉnh» ${unitId} · Tên`);
    expect(list.out).toMatch(/đang dùng: "Phòng PC04 Công an tỉnh"/);
    expect(list.out).toMatch(
      /giá trị kia: +"Phòng Cảnh sát điều tra tội phạm về ma túy" {2}\(truongphong, \d\d\/\d\d\/\d{4}/,
    );

    // Bad input changes nothing: no choice, two choices, a non-number.
    expect(asLeader(dir, ['conflicts', 'resolve', '1']).code).toBe(2);
    expect(asLeader(dir, ['conflicts', 'resolve', '1', '--keep-current', '--take-other']).code).toBe(2);
    expect(asLeader(dir, ['conflicts', 'resolve', 'x', '--keep-current']).code).toBe(2);
    // An administrator is no resolver.
    const admin = hoso(dir, ['--user', 'quantri', '--password-stdin', 'conflicts', 'list'], `${ADMIN_PW}\n`);
    expect(admin.code).toBe(1);

    const done = asLeader(dir, ['conflicts', 'resolve', '1', '--value-stdin'], 'Phòng PC04 Công an tỉnh Tuyên Quang\n');
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('Đã giải quyết xung đột #1. Hồ sơ còn 0 xung đột.');
    expect(asLeader(dir, ['conflicts', 'list']).out.trim()).toBe('Không có xung đột nào.');
    const json = asLeader(dir, ['--json', 'conflicts', 'list']);
    expect(JSON.parse(json.out)).toEqual([]);
  });
});
