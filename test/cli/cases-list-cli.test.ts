import { describe, expect, it } from 'vitest';
import { communesOf } from '../../shared/places';
import { tempDir } from '../support/host';
import { CLI_LEADER_PW, hoso, initVault } from '../support/cli';

/** The first leader made by `init` reads and writes tips and cases of the unit. */
const asLeader = (dir: string, args: string[], body?: unknown) =>
  hoso(
    dir,
    ['--user', 'truongphong', '--password-stdin', ...args],
    `${CLI_LEADER_PW}\n${body === undefined ? '' : JSON.stringify(body)}\n`,
  );

const json = <T>(r: { code: number | null; out: string; err: string }): T => {
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as T;
};

describe('hoso case list, and the persons a tip names', () => {
  it('lists the unit’s cases newest first with filters, refuses a bad state by name, and a tip shows its persons', () => {
    const dir = tempDir('hoso-cli-cases-');
    expect(initVault(dir).code).toBe(0);
    const commune = communesOf('08')[0]!.code;
    const person = json<{ person: { id: string } }>(
      asLeader(dir, ['--json', 'person', 'add'], { fullName: 'Hoàng Văn Sinh', sex: 'male', birthDate: '1990' }),
    );
    const tip = json<{ id: string; persons: { fullName: string }[] }>(
      asLeader(dir, ['--json', 'tip', 'add'], {
        receivedOn: '2026-11-20',
        channel: 'land_border',
        source: 'citizen',
        communeCode: commune,
        summary: 'Tố giác vận chuyển ma túy qua biên giới',
        personIds: [person.person.id],
      }),
    );
    expect(tip.persons.map((p) => p.fullName)).toEqual(['Hoàng Văn Sinh']);
    expect(asLeader(dir, ['tip', 'show', tip.id]).out).toContain('Người liên quan: Hoàng Văn Sinh');

    for (const [number, prosecutedOn, clause] of [
      ['1/2026', '2026-09-01', 1],
      ['2/2026', '2026-10-01', 2],
    ] as const) {
      json(asLeader(dir, ['--json', 'case', 'add'], { number, prosecutedOn, offences: [{ article: '251', clause }] }));
    }
    const all = json<{ total: number; items: { number: string }[] }>(asLeader(dir, ['--json', 'case', 'list']));
    expect(all.total).toBe(2);
    expect(all.items.map((c) => c.number)).toEqual(['2/2026', '1/2026']);
    const severe = json<{ total: number; items: { number: string }[] }>(
      asLeader(dir, ['--json', 'case', 'list', '--severity', 'very_serious']),
    );
    expect(severe.items.map((c) => c.number)).toEqual(['2/2026']);
    const text = asLeader(dir, ['case', 'list', '--limit', '1']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^2 vụ án/);
    expect(text.out).toContain('2/2026');
    expect(text.out).not.toContain('1/2026');
    const bad = asLeader(dir, ['case', 'list', '--state', 'nowhere']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('state');
    // A bad severity or limit is said in words naming the option's field, in Vietnamese and in English.
    const severity = asLeader(dir, ['case', 'list', '--severity', 'x']);
    expect(severity.code).toBe(1);
    expect(severity.err).toContain('severity: Mức độ nghiêm trọng không hợp lệ');
    expect(severity.err).toContain('(severity_invalid)');
    const limit = asLeader(dir, ['case', 'list', '--limit', '0']);
    expect(limit.code).toBe(1);
    expect(limit.err).toContain('limit: Giá trị nhỏ hơn mức tối thiểu cho phép. (too_small)');
    const notANumber = asLeader(dir, ['case', 'list', '--limit', 'ba']);
    expect(notANumber.err).toContain('limit: Giá trị không đúng kiểu');
    const english = hoso(
      dir,
      ['--user', 'truongphong', '--password-stdin', 'case', 'list', '--severity', 'x', '--limit', '0'],
      `${CLI_LEADER_PW}\n`,
      { HOSO_LANG: 'en' },
    );
    expect(english.err).toContain('severity: The severity is not valid');
    expect(english.err).toContain('limit: The value is below the smallest allowed. (too_small)');
    for (const r of [severity, limit, notANumber, english]) expect(r.err).not.toMatch(/: [a-z_]+(,|\)|$)/m);
    // Each command is a process that opens the vault: about twenty of them on a shared two-core machine.
  }, 240_000);
});
