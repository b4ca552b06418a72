import path from 'node:path';

/**
 * Where `npm run trial` keeps its data: `--data-dir` when given, else `HOSO_DATA_DIR` (which the `hoso` command
 * honours too, so one variable points both at the same workstation), else `./.hoso-trial`.
 */
export function trialDataDir(argument: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(argument ?? (env.HOSO_DATA_DIR || './.hoso-trial'));
}
