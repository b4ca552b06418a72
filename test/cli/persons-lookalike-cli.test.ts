import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/host';
import { CLI_LEADER_PW, hoso, initVault } from '../support/cli';

const LEADER_PW = CLI_LEADER_PW;

/** A vault whose setup leader (unit PC04) may add and find persons. */
function leaderVault() {
  const dir = tempDir('hoso-cli-lookalike-');
  const init = initVault(dir);
  expect(init.code, init.err).toBe(0);
  return (args: string[], extra = '') =>
    hoso(dir, ['--user', 'truongphong', '--password-stdin', ...args], `${LEADER_PW}\n${extra}`);
}

describe('hoso person with lookalike letters', () => {
  it('stores a name given with lookalikes in its canonical form, and finds it by any form of the name', () => {
    const as = leaderVault();
    const add = as(
      ['--json', 'person', 'add'],
      JSON.stringify({ fullName: '\u00d0\u1ed7\u00a0Th\u1ecb \u0189\u00e0o', sex: 'female', birthDate: '1995' }),
    );
    expect(add.code, add.err).toBe(0);
    expect(JSON.parse(add.out).person.fullName).toBe('Đỗ Thị Đào');
    for (const typed of ['do thi dao', '\u00d0\u1ed7 th\u1ecb', 'DDo^~ Thi. DDa`o', 'Do\u0303\u0302 Th\u0456']) {
      const found = as(['person', 'find', '--query-stdin'], `${typed}\n`);
      expect(found.code, found.err).toBe(0);
      expect(found.out, typed).toMatch(/^1 kết quả/);
      expect(found.out).toContain('Đỗ Thị Đào');
    }
  });
});
