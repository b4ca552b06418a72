import { performance } from 'node:perf_hooks';
import { deriveKek, KDF_FLOOR, newKdfParams, type KdfParams } from './crypto';

/**
 * How expensive a new slot's argon2id is. "tuned" measures this machine once and raises the pass count until
 * one derivation takes about 0.7 s (never below the floor of 64 MiB and 3 passes); "floor" uses the floor
 * itself, still real argon2id, for tests and for slow machines where the administrator chose it.
 */
export type KdfPolicy = 'tuned' | 'floor';

export const TARGET_MS = 700;
let tunedCache: { iterations: number; measuredMs: number } | null = null;

export async function kdfParamsFor(policy: KdfPolicy): Promise<KdfParams> {
  const { memoryKiB, parallelism } = KDF_FLOOR;
  if (policy === 'floor') return newKdfParams(memoryKiB, KDF_FLOOR.iterations, parallelism);
  if (!tunedCache) {
    const probe = newKdfParams(memoryKiB, KDF_FLOOR.iterations, parallelism);
    const t0 = performance.now();
    (await deriveKek('calibration', probe)).fill(0);
    const ms = performance.now() - t0;
    const iterations = Math.min(
      64,
      Math.max(KDF_FLOOR.iterations, Math.round((KDF_FLOOR.iterations * TARGET_MS) / ms)),
    );
    tunedCache = { iterations, measuredMs: ms };
  }
  return newKdfParams(memoryKiB, tunedCache.iterations, parallelism);
}

/** The CLI, the trial server and tests: HOSO_KDF=floor selects the floor (still real argon2id). */
export function policyFromEnv(env: NodeJS.ProcessEnv): KdfPolicy {
  return env.HOSO_KDF === 'floor' ? 'floor' : 'tuned';
}

/**
 * The desktop app's policy, decided in the main process and handed to the host worker: a packaged app always
 * tunes, whatever HOSO_KDF says (the variable exists for tests and development runs only).
 */
export function appKdfPolicy(isPackaged: boolean, env: NodeJS.ProcessEnv): KdfPolicy {
  return isPackaged ? 'tuned' : policyFromEnv(env);
}
