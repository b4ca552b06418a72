import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { communesOf } from '../../shared/places';
import { tempDir } from '../support/host';
import { json, pair, station } from './cli-stations';

/**
 * Two data directories exchanging bundles through the real `hoso` binary: a commune workstation and its
 * province hub, both ways, with a receipt. An importer killed with SIGKILL: crash-import.test.ts.
 */

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
});
