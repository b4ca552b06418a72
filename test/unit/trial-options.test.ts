import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trialDataDir } from '../../electron/dev/trial-options';

describe('npm run trial', () => {
  it('takes its data directory from --data-dir, else HOSO_DATA_DIR, else ./.hoso-trial', () => {
    expect(trialDataDir('/tmp/a', { HOSO_DATA_DIR: '/tmp/b' })).toBe('/tmp/a');
    expect(trialDataDir(undefined, { HOSO_DATA_DIR: '/tmp/b' })).toBe('/tmp/b');
    expect(trialDataDir(undefined, { HOSO_DATA_DIR: 'rel/dir' })).toBe(path.resolve('rel/dir'));
    expect(trialDataDir(undefined, {})).toBe(path.resolve('.hoso-trial'));
    expect(trialDataDir(undefined, { HOSO_DATA_DIR: '' })).toBe(path.resolve('.hoso-trial'));
  });
});
