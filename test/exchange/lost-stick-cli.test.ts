import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { communesOf } from '../../shared/places';
import { tempDir } from '../support/host';
import { json, station } from './cli-stations';

/**
 * A lost stick through the real `hoso` binary: the commune's bundle 1 never reaches the hub, bundle 2 does and
 * replaces it; bundle 1, found later, is refused in words and changes nothing; `bundle status` names it; the hub
 * keeps the commune's audit entries (`bundle audit`).
 */

const commune = communesOf('08')[0]!;

describe('hoso bundle over a lost stick', () => {
  it('bundle 2 replaces the lost 1; the found 1 is refused as superseded; status and the kept audit say so', () => {
    const c = station('CAX-L', '08');
    const h = station('PC04-L', '08');
    expect(
      c.admin([
        'unit',
        'add',
        '--code',
        'CAX-L1',
        '--name',
        'Công an xã L',
        '--kind',
        'commune_police',
        '--province',
        '08',
        '--commune',
        commune.code,
      ]).code,
    ).toBe(0);
    expect(c.admin(['station', 'set-unit', 'CAX-L1']).code).toBe(0);
    const sticks = tempDir('hoso-stick-');
    const cShow = json<{ fingerprint: string }>(c.admin(['--json', 'station', 'show']));
    const hShow = json<{ fingerprint: string }>(h.admin(['--json', 'station', 'show']));
    expect(c.admin(['station', 'card', '--out', path.join(sticks, 'c.json')]).code).toBe(0);
    expect(h.admin(['station', 'card', '--out', path.join(sticks, 'h.json')]).code).toBe(0);
    const add = (s: typeof c, card: string, kind: string, policy: string, fp: string) =>
      s.admin(['peer', 'add', path.join(sticks, card), '--kind', kind, '--policy', policy, '--fingerprint', fp]);
    // The hub's card taken for a commune's: refused in words that say what to do, the code kept for scripts.
    const notCommune = add(c, 'h.json', 'commune', 'hub-to-commune', hShow.fingerprint);
    expect(notCommune.code).toBe(1);
    expect(notCommune.err).toContain('card: Thẻ này không phải của một trạm công an xã');
    expect(notCommune.err).toContain('hoso station set-unit');
    expect(notCommune.err).toContain('(peer_commune_required)');
    expect(add(c, 'h.json', 'hub', 'commune-to-hub', hShow.fingerprint).code).toBe(0);
    expect(add(h, 'c.json', 'commune', 'hub-to-commune', cShow.fingerprint).code).toBe(0);

    const person = (name: string, citizenId: string) =>
      json<{ person: { id: string } }>(
        c.leader(
          ['--json', 'person', 'add'],
          JSON.stringify({
            fullName: name,
            sex: 'male',
            birthDate: '1990',
            citizenId,
            currentAddress: { provinceCode: '08', communeCode: commune.code, street: 'Thôn Một' },
          }),
        ),
      ).person.id;
    const exportTo = () =>
      json<{ file: string; seq: number; basis: number; bytes: number }>(
        c.admin(['--json', 'bundle', 'export', '--to', 'PC04-L', '--out', sticks, '--purpose', 'Gửi tỉnh']),
      );

    const first = person('Hoàng Văn Một', '008090123451');
    const one = exportTo();
    expect(one).toMatchObject({ seq: 1, basis: 0 });
    expect(one.bytes).toBe(fs.statSync(one.file).size);
    const lost = path.join(sticks, 'lost-and-found.age');
    fs.renameSync(one.file, lost);
    const second = person('Hoàng Văn Hai', '008090123452');
    const two = exportTo();
    expect(two).toMatchObject({ seq: 2, basis: 0 });

    const imported = json<{ skipped: number[]; refused: unknown[] }>(h.admin(['--json', 'bundle', 'import', two.file]));
    expect(imported).toMatchObject({ skipped: [1], refused: [] });
    expect(h.leader(['--json', 'person', 'show', first]).code).toBe(0);
    expect(h.leader(['--json', 'person', 'show', second]).code).toBe(0);

    // The found stick: refused in words, nothing changed.
    const infoBefore = h.admin(['--json', 'info']).out;
    const late = h.admin(['bundle', 'import', lost]);
    expect(late.code).toBe(1);
    expect(late.err).toContain('BUNDLE_SUPERSEDED');
    expect(late.err).toContain('Gói này đã được thay bằng gói số 2 (đã nhập), không cần nhập.');
    const strip = (s: string) => {
      const v = JSON.parse(s) as { counts: Record<string, number> };
      delete v.counts.audit_log;
      return v;
    };
    expect(strip(h.admin(['--json', 'info']).out)).toEqual(strip(infoBefore));

    const status = h.admin(['bundle', 'status']);
    expect(status.out).toContain('đã nhận 2, được thay bằng gói sau (thất lạc) 1');
    expect(json<{ superseded: number[] }[]>(h.admin(['--json', 'bundle', 'status']))[0]!.superseded).toEqual([1]);

    // The commune's audit entries, kept at the hub.
    const trail = json<{ count: number; head: { seq: number } }[]>(h.admin(['--json', 'bundle', 'audit']));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.count).toBeGreaterThan(5);
    expect(trail[0]!.count).toBe(trail[0]!.head.seq);
    expect(h.admin(['bundle', 'audit', '--peer', 'CAX-L1']).out).toContain('mục (số 1–');
  }, 600_000);
});
