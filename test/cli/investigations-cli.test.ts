import { describe, expect, it } from 'vitest';
import { communesOf } from '../../shared/places';
import { tempDir } from '../support/host';
import { CLI_LEADER_PW, hoso, initVault } from '../support/cli';

/** The first leader made by `init` reads and writes tips and cases of the unit. */
const asLeader = (dir: string, args: string[], body?: unknown) =>
  hoso(
    dir,
    ['--user', 'truongphong', '--password-stdin', ...args],
    `${CLI_LEADER_PW}\n${body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)}\n`,
  );

const json = <T = Record<string, unknown>>(r: { code: number | null; out: string; err: string }): T => {
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as T;
};

describe('hoso tip | case | hotspot', () => {
  it('records a tip, decides it into a case, extends and advances the case within the law, keeps hot spots', () => {
    const dir = tempDir('hoso-cli-inv-');
    expect(initVault(dir).code).toBe(0);
    const commune = communesOf('08')[0]!.code;

    const tip = json<{ id: string; deadline: string; resolved: boolean; state: string }>(
      asLeader(dir, ['--json', 'tip', 'add'], {
        receivedOn: '2026-11-20',
        channel: 'air',
        source: 'agency',
        communeCode: commune,
        summary: 'Hành khách nghi vận chuyển ma túy qua sân bay',
      }),
    );
    // 20/11/2026 + 20 days = 10/12/2026 (Thursday).
    expect(tip).toMatchObject({ deadline: '2026-12-10', resolved: false, state: 'verifying' });
    expect(json(asLeader(dir, ['--json', 'tip', 'show', tip.id]))).toMatchObject({
      id: tip.id,
      deadline: '2026-12-10',
    });
    const text = asLeader(dir, ['tip', 'show', tip.id]);
    expect(text.out).toContain('Đường hàng không');
    expect(text.out).toContain('10/12/2026');

    // A decision dated before receipt is refused, naming the field.
    const early = asLeader(dir, ['tip', 'decide', tip.id], { decision: 'prosecuted', decidedOn: '2026-11-19' });
    expect(early.code).not.toBe(0);
    expect(early.err).toContain('decidedOn');

    const decided = json<{ caseId: string; state: string }>(
      asLeader(dir, ['--json', 'tip', 'decide', tip.id], {
        decision: 'prosecuted',
        decidedOn: '2026-11-25',
        decisionNumber: '88/QĐ',
        case: { number: '5/2026/PC04', prosecutedOn: '2026-11-25', offences: [{ article: '250', clause: 2 }] },
      }),
    );
    expect(decided.state).toBe('prosecuted');
    const shown = json<{ severity: string; deadline: string; resolved: boolean; offences: unknown[] }>(
      asLeader(dir, ['--json', 'case', 'show', decided.caseId]),
    );
    // 250.2: 7–15 years, very serious: 4 months from 25/11/2026 = 25/03/2027 (Thursday).
    expect(shown).toMatchObject({ severity: 'very_serious', deadline: '2027-03-25', resolved: false });

    const tooLong = asLeader(dir, [
      'case',
      'extend',
      decided.caseId,
      '--months',
      '5',
      '--on',
      '2026-11-30',
      '--decision',
      'GH1',
    ]);
    expect(tooLong.code).not.toBe(0);
    expect(tooLong.err).toMatch(/months/);
    const extended = json<{ deadline: string }>(
      asLeader(dir, [
        '--json',
        'case',
        'extend',
        decided.caseId,
        '--months',
        '4',
        '--on',
        '2026-11-30',
        '--decision',
        'GH1',
      ]),
    );
    expect(extended.deadline).toBe('2027-07-26'); // 25/07/2027 is a Sunday
    const jump = asLeader(dir, ['case', 'advance', decided.caseId, '--to', 'indicted', '--on', '2026-12-01']);
    expect(jump.code).not.toBe(0);
    expect(jump.err).toContain('state');

    // Bad input writes nothing: an unknown article, then the number is still the only one found.
    const bad = asLeader(dir, ['case', 'add'], {
      number: '6/2026',
      prosecutedOn: '2026-11-26',
      offences: [{ article: '300', clause: 1 }],
    });
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('offences.0.article');
    const found = json<{ number: string }[]>(asLeader(dir, ['--json', 'case', 'find', '--query-stdin'], '5/2026'));
    expect(found.map((c) => c.number)).toEqual(['5/2026/PC04']);
    expect(json<unknown[]>(asLeader(dir, ['--json', 'case', 'find', '6/2026']))).toEqual([]);

    const added = json<{ id: string }>(
      asLeader(dir, ['--json', 'case', 'add'], {
        number: '7/2026',
        prosecutedOn: '2026-11-26',
        offences: [{ article: '249', clause: 1 }],
      }),
    );
    expect(json(asLeader(dir, ['--json', 'case', 'show', added.id]))).toMatchObject({
      severity: 'serious',
      number: '7/2026',
    });

    const h = json<{ id: string; status: string }>(
      asLeader(dir, ['--json', 'hotspot', 'add'], {
        communeCode: commune,
        address: 'Khu nhà hoang tổ 5',
        kind: 'cluster',
        activities: ['use', 'sale'],
        discoveredOn: '2026-10-01',
      }),
    );
    expect(h.status).toBe('active');
    expect(
      json(
        asLeader(dir, ['--json', 'hotspot', 'update', h.id], {
          status: 'eliminated',
          on: '2026-11-26',
          caseId: decided.caseId,
        }),
      ),
    ).toMatchObject({ status: 'eliminated', eliminatedByCaseId: decided.caseId });
    expect(
      json(asLeader(dir, ['--json', 'hotspot', 'update', h.id], { status: 'reformed', on: '2026-11-30' })),
    ).toMatchObject({
      status: 'reformed',
      reformedCount: 1,
    });
    expect(json(asLeader(dir, ['--json', 'hotspot', 'update', h.id], { notes: 'Có camera' }))).toMatchObject({
      notes: 'Có camera',
    });
    const list = asLeader(dir, ['hotspot', 'list']);
    expect(list.code, list.err).toBe(0);
    expect(list.out).toContain('TÁI HÌNH THÀNH 1 lần');
  }, 300_000);

  it('seeds tips, cases, suspects, seizures and hot spots, the same for the same seed', () => {
    const runs = [0, 1].map(() => {
      const dir = tempDir('hoso-cli-inv-seed-');
      expect(initVault(dir).code).toBe(0);
      const r = json<Record<string, number>>(
        asLeader(dir, ['--json', 'seed', '--persons', '60', '--cases', '40', '--seed', '7']),
      );
      const { ms: _ms, ...counts } = r;
      const cases = json<{ number: string; severity: string; deadline: string }[]>(
        asLeader(dir, ['--json', 'case', 'find', '--limit', '500', '/20']),
      ).map((c) => [c.number, c.severity, c.deadline]);
      return { counts, cases: cases.sort() };
    });
    expect(runs[0]!.counts).toMatchObject({ cases: 40 });
    expect(runs[0]!.counts.tips).toBeGreaterThanOrEqual(40);
    expect(runs[0]!.counts.suspects).toBeGreaterThan(0);
    expect(runs[0]!.counts.seizures).toBeGreaterThanOrEqual(40);
    expect(runs[1]).toEqual(runs[0]);
  }, 180_000);
});
