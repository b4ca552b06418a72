import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { communesOf } from '../../shared/places';
import { BIN, CLI_ADMIN_PW } from '../support/cli';
import { tempDir } from '../support/host';
import { json, station } from './cli-stations';
import type { AppInfo } from '../../shared/contract/types';
import { createHost } from '../../electron/host/root';
import { MemoryPreferencesStore } from '../../electron/prefs/preferences';

/**
 * Two data directories exchanging bundles through the real `hoso` binary: a commune workstation and its
 * province hub, both ways, with a receipt; then an importer killed with SIGKILL at random points.
 */

interface Show {
  id: string;
  fingerprint: string;
  ageRecipient: string;
}

/** Cards written and exchanged; each side adds the other after typing the fingerprint it was told. */
function pair(commune: ReturnType<typeof station>, hub: ReturnType<typeof station>, hubPolicy: string, kind: string) {
  const sticks = tempDir('hoso-stick-');
  const cShow = json<Show>(commune.admin(['--json', 'station', 'show']));
  const hShow = json<Show>(hub.admin(['--json', 'station', 'show']));
  expect(commune.admin(['station', 'card', '--out', path.join(sticks, 'commune.card.json')]).code).toBe(0);
  expect(hub.admin(['station', 'card', '--out', path.join(sticks, 'hub.card.json')]).code).toBe(0);
  const add = (s: ReturnType<typeof station>, card: string, k: string, policy: string, fp: string) =>
    s.admin(['peer', 'add', path.join(sticks, card), '--kind', k, '--policy', policy, '--fingerprint', fp]);
  expect(add(commune, 'hub.card.json', 'hub', 'commune-to-hub', hShow.fingerprint).code).toBe(0);
  expect(add(hub, 'commune.card.json', kind, hubPolicy, cShow.fingerprint).code).toBe(0);
  return { sticks, cShow, hShow };
}

const communeCode = communesOf('08')[0]!.code;

describe('hoso station, peer and bundle', () => {
  it('a commune and its hub exchange bundles both ways and acknowledge them', () => {
    const commune = station('CAX-A');
    const hub = station('PC04-HUB');
    expect(
      commune.admin([
        'unit',
        'add',
        '--code',
        'CAX-A1',
        '--name',
        'Công an xã A',
        '--kind',
        'commune_police',
        '--province',
        '08',
        '--commune',
        communeCode,
      ]).code,
    ).toBe(0);
    expect(commune.admin(['station', 'set-unit', 'CAX-A1']).out).toContain('Công an xã A');

    // A fingerprint typed wrong: refused in words, nothing added.
    const sticks0 = tempDir('hoso-stick-');
    commune.admin(['station', 'card', '--out', path.join(sticks0, 'c.json')]);
    const wrong = hub.admin([
      'peer',
      'add',
      path.join(sticks0, 'c.json'),
      '--kind',
      'commune',
      '--policy',
      'hub-to-commune',
      '--fingerprint',
      'AAAA-BBBB-CCCC-DDDD',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('Mã xác nhận vừa nhập không khớp');
    expect(json<unknown[]>(hub.admin(['--json', 'peer', 'list']))).toEqual([]);

    const { sticks, hShow } = pair(commune, hub, 'hub-to-commune', 'commune');
    const add = commune.leader(
      ['--json', 'person', 'add'],
      JSON.stringify({
        fullName: 'Hoàng Thị Mỵ',
        sex: 'female',
        birthDate: '1995',
        citizenId: '008195123456',
        currentAddress: { provinceCode: '08', communeCode, street: 'Thôn Một' },
      }),
    );
    const personId = json<{ person: { id: string } }>(add).person.id;

    const out = commune.admin(['bundle', 'export', '--to', 'PC04-HUB', '--out', sticks, '--purpose', 'Gửi tỉnh']);
    expect(out.code, out.err).toBe(0);
    const file = path.join(sticks, 'hoso-CAX-A1-to-PC04-HUB-000001.age');
    expect(fs.existsSync(file)).toBe(true);
    // The file holds no personal data in clear.
    expect(fs.readFileSync(file).includes(Buffer.from('Hoàng'))).toBe(false);

    const preview = hub.admin(['bundle', 'import', file, '--preview']);
    expect(preview.out, preview.err).toContain('Xem trước gói số 1');
    expect(hub.leader(['--json', 'person', 'show', personId]).code).not.toBe(0);
    const imported = json<{ newRecords: number; refused: unknown[] }>(hub.admin(['--json', 'bundle', 'import', file]));
    expect(imported.refused).toEqual([]);
    expect(imported.newRecords).toBeGreaterThan(0);
    const again = hub.admin(['bundle', 'import', file]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('BUNDLE_ALREADY_APPLIED');

    // Back to the commune: the receipt; status shows the bundle acknowledged.
    const back = json<{ file: string; receiptFor: number }>(
      hub.admin(['--json', 'bundle', 'export', '--peer', 'CAX-A1', '--out', sticks, '--purpose', 'Xác nhận']),
    );
    expect(back.receiptFor).toBe(1);
    const got = commune.admin(['bundle', 'import', back.file]);
    expect(got.out).toContain('xác nhận đã nhận các gói đến số 1');
    const status = json<{ lastSent: number; lastAcknowledged: number; outstanding: number }[]>(
      commune.admin(['--json', 'bundle', 'status']),
    );
    expect(status).toEqual([expect.objectContaining({ lastSent: 1, lastAcknowledged: 1, outstanding: 0 })]);
    // A bundle for the commune imported at the hub: not for this workstation.
    const misdirected = hub.admin(['bundle', 'import', back.file]);
    expect(misdirected.err).toContain('dành cho một máy khác');
    expect(hShow.id).toBeTruthy();
  }, 600_000);

  /**
   * Crash safety, to the standard: the importer (the real `hoso` binary) is killed with SIGKILL at a random
   * point between its start and the end of a full import, again and again; after each run the hub is either exactly
   * as before (record counts of every table, change-log head, open conflicts, bundles received) or exactly as after
   * a full import, never in between, and the import then succeeds. A fully applied run is undone by restoring the
   * hub's data folder from a copy, so every run tests the whole window. HOSO_CRASH_RUNS=100 runs the 100;
   * 20 by default, to keep the suite's time on a shared machine (each run spawns the binary).
   */
  it('an import killed at random points leaves the database as before or fully applied, then succeeds', async () => {
    const runs = Number(process.env.HOSO_CRASH_RUNS ?? 20);
    const commune = station('CAX-K');
    const hub = station('PC04-K');
    const { sticks } = pair(commune, hub, 'neighbour', 'partner');
    // The neighbour policy sends nothing unless selected; the commune's data goes as its hub policy allows.
    const seeded = commune.leader(['seed', '--persons', '300']);
    expect(seeded.code, seeded.err).toBe(0);
    const out = json<{ file: string; changes: number }>(
      commune.admin(['--json', 'bundle', 'export', '--peer', 'PC04-K', '--out', sticks, '--purpose', 'thử']),
    );
    expect(out.changes).toBeGreaterThan(300);

    // The hub's state, read in this process from its encrypted database (opening it recovers a killed writer's
    // journal, as the application would): app.info's counts without the audit log, its head, bundles received.
    const state = async () => {
      const host = createHost({ dataDir: hub.dir, kdfPolicy: 'floor', preferences: new MemoryPreferencesStore() });
      try {
        const u = await host.call('session.unlock', { username: 'quantri', password: CLI_ADMIN_PW });
        expect(u.ok).toBe(true);
        const info = await host.call('app.info', {});
        if (!info.ok) throw new Error(info.error.code);
        const value = info.value as AppInfo;
        const { audit_log: _audit, ...counts } = value.counts;
        void _audit;
        return { counts, head: value.changeLogHead };
      } finally {
        await host.close();
      }
    };
    const snapshot = tempDir('hoso-hub-copy-');
    fs.cpSync(hub.dir, snapshot, { recursive: true });
    const restore = () => {
      fs.rmSync(hub.dir, { recursive: true, force: true });
      fs.cpSync(snapshot, hub.dir, { recursive: true });
    };
    const before = await state();
    expect(before.counts.exchange_bundles).toBe(0);

    const importer = () => {
      const child = spawn(
        process.execPath,
        [BIN, '--data-dir', hub.dir, '--user', 'quantri', '--password-stdin', 'bundle', 'import', out.file],
        { env: { ...process.env, HOSO_KDF: 'floor', HOSO_LANG: 'vi', HOSO_QUIET: '1' } },
      );
      child.stdin.end(`${CLI_ADMIN_PW}\n`);
      return child;
    };
    // One full import, timed: the window the kills are drawn from; and the state a full import leaves.
    const t0 = Date.now();
    const full = await new Promise<number | null>((resolve) => importer().on('exit', (c) => resolve(c)));
    const window = Date.now() - t0;
    expect(full).toBe(0);
    const after = await state();
    expect(after.counts.exchange_bundles).toBe(1);
    expect(after.counts.persons).toBeGreaterThan(before.counts.persons!);
    restore();
    expect(await state()).toEqual(before);

    const outcomes = { before: 0, applied: 0 };
    for (let i = 0; i < runs; i++) {
      const child = importer();
      const timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * window * 1.1));
      await new Promise<void>((resolve) => child.on('exit', () => resolve()));
      clearTimeout(timer);
      const now = await state();
      if (now.counts.exchange_bundles === 0) {
        expect(now).toEqual(before);
        outcomes.before++;
      } else {
        expect(now).toEqual(after);
        outcomes.applied++;
        restore();
      }
    }
    // Most runs die before the commit; the import then succeeds and is complete.
    expect(outcomes.before + outcomes.applied).toBe(runs);
    expect(outcomes.before).toBeGreaterThan(0);
    const r = hub.admin(['bundle', 'import', out.file]);
    expect(r.code, r.err).toBe(0);
    expect(await state()).toEqual(after);
  }, 1_800_000);
});
