import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/host';
import { hoso } from '../support/cli';

/** Issue 9, item 5: `hoso recovery rotate` on a real data directory, through the built `hoso` binary. */

const ADMIN_PW = 'mật khẩu quản trị dài';
const LEADER_PW = 'mật khẩu lãnh đạo dài';
const KEY = /([A-Z2-7]{4}(?:-[A-Z2-7]{4}){7})/;

function init() {
  const dir = tempDir('hoso-cli-');
  const r = hoso(
    dir,
    ['--password-stdin', 'init', '--admin', 'quantri', '--leader', 'truongphong'],
    `${ADMIN_PW}\n${LEADER_PW}\n`,
  );
  expect(r.code).toBe(0);
  return { dir, key: KEY.exec(r.out)![1]! };
}

describe('hoso recovery rotate', () => {
  it('prints a new key once; the old key stops working and the new one recovers', () => {
    const { dir, key } = init();
    const wrong = hoso(dir, ['--user', 'quantri', '--password-stdin', 'recovery', 'rotate'], `${ADMIN_PW}\nsai rồi\n`);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('AUTH_FAILED');
    const r = hoso(dir, ['--user', 'quantri', '--password-stdin', 'recovery', 'rotate'], `${ADMIN_PW}\n${ADMIN_PW}\n`);
    expect(r.code).toBe(0);
    expect(r.out).toContain('KHÓA KHÔI PHỤC MỚI');
    const next = KEY.exec(r.out)![1]!;
    expect(next).not.toBe(key);
    const old = hoso(dir, ['--password-stdin', 'recover'], `${key}\nmật khẩu sau khôi phục\n`);
    expect(old.code).toBe(1);
    expect(old.err).toContain('RECOVERY_FAILED');
    expect(hoso(dir, ['--password-stdin', 'recover'], `${next}\nmật khẩu sau khôi phục\n`).code).toBe(0);
  });

  it('prints the sheet as HTML, speaks English, and refuses a leader', () => {
    const { dir } = init();
    const sheet = hoso(
      dir,
      ['--user', 'quantri', '--password-stdin', 'recovery', 'rotate', '--recovery-sheet-html'],
      `${ADMIN_PW}\n${ADMIN_PW}\n`,
    );
    expect(sheet.code).toBe(0);
    expect(sheet.out).toMatch(/^<!doctype html>/);
    expect(sheet.out).toMatch(KEY);
    const json = hoso(
      dir,
      ['--user', 'quantri', '--password-stdin', '--json', 'recovery', 'rotate'],
      `${ADMIN_PW}\n${ADMIN_PW}\n`,
      {
        HOSO_LANG: 'en',
      },
    );
    expect(JSON.parse(json.out).recoveryKey).toMatch(KEY);
    const en = hoso(
      dir,
      ['--user', 'quantri', '--password-stdin', 'recovery', 'rotate'],
      `${ADMIN_PW}\n${ADMIN_PW}\n`,
      {
        HOSO_LANG: 'en',
      },
    );
    expect(en.out).toContain('NEW RECOVERY KEY');
    const leader = hoso(
      dir,
      ['--user', 'truongphong', '--password-stdin', 'recovery', 'rotate'],
      `${LEADER_PW}\n${LEADER_PW}\n`,
    );
    expect(leader.code).toBe(1);
    expect(leader.err).toContain('FORBIDDEN');
    expect(fs.existsSync(path.join(dir, 'vault.json'))).toBe(true);
  });
});
