import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const BIN = path.resolve('bin/hoso.cjs');

/**
 * Runs the real `hoso` binary on a data directory, with the floor KDF, quiet logs and Vietnamese messages unless
 * `env` says otherwise. Returns the exit status and both outputs.
 */
export function hoso(dataDir: string, args: string[], stdin = '', env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, HOSO_KDF: 'floor', HOSO_LANG: 'vi', HOSO_QUIET: '1', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export const CLI_ADMIN_PW = 'mật khẩu quản trị dài';
/** The first leader, made by `init` with its own password (second stdin line): it approves reading roles. */
export const CLI_LEADER_PW = 'mật khẩu trưởng phòng';

/**
 * `hoso init` on a fresh data directory: administrator `quantri`, first leader `truongphong`, unit PC04.
 * Returns the run so a test can read the printed recovery key.
 */
export function initVault(dir: string) {
  return hoso(
    dir,
    [
      '--password-stdin',
      'init',
      '--admin',
      'quantri',
      '--display-name',
      'Nguyễn Văn Quản',
      '--unit-code',
      'PC04',
      '--unit-name',
      'Phòng PC04',
      '--leader',
      'truongphong',
      '--leader-display-name',
      'Trần Văn Trưởng',
    ],
    `${CLI_ADMIN_PW}\n${CLI_LEADER_PW}\n`,
  );
}
