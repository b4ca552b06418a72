import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { throttleDelayMs, type ThrottleCounter } from '../vault/throttle';
import { writeFileAtomic } from '../vault/vault-file';

/**
 * Throttle for password tries against a backup's vault (`backup.restore`). Restoring opens the backup's own
 * vault in a staging folder that is thrown away afterwards, so the backup's throttle can never hold the count;
 * it is kept here instead, in the workstation's data directory, so that it survives restarts and works on a
 * fresh workstation that has no vault yet. One counter for every try, whatever account was named: the file
 * holds no name and nothing derived from one. Same schedule as sign-in (throttle.ts). A successful restore
 * clears it.
 */
export const RESTORE_THROTTLE_FILE = 'restore-throttle.json';

const fileSchema = z.object({ failures: z.number().int().nonnegative(), lastFailureAt: z.number() }).strict();

function filePath(dataDir: string): string {
  return path.join(dataDir, RESTORE_THROTTLE_FILE);
}

function read(dataDir: string, now: number): ThrottleCounter | null {
  let text: string;
  try {
    text = fs.readFileSync(filePath(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    return fileSchema.parse(JSON.parse(text));
  } catch {
    // A damaged counter must not become a free pass: treat it as a long run of failures just now.
    return { failures: 64, lastFailureAt: now };
  }
}

/** Milliseconds before the next restore try is accepted. */
export function restoreWaitMs(dataDir: string, now: number): number {
  const t = read(dataDir, now);
  if (!t) return 0;
  return Math.max(0, t.lastFailureAt + throttleDelayMs(t.failures) - now);
}

/** Records a wrong account or password for a backup; returns the delay it starts. */
export function recordRestoreFailure(dataDir: string, now: number): number {
  const failures = (read(dataDir, now)?.failures ?? 0) + 1;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(filePath(dataDir), JSON.stringify({ failures, lastFailureAt: now }));
  return throttleDelayMs(failures);
}

export function clearRestoreThrottle(dataDir: string): void {
  fs.rmSync(filePath(dataDir), { force: true });
}
