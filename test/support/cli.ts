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
