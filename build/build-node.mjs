// Bundles the trusted side (Electron main, preload, host worker, CLI, dev trial server, benchmark) with
// esbuild into CommonJS files under dist/. Native modules stay external: they load from node_modules.
import { build } from 'esbuild';
import fs from 'node:fs';

const entries = [
  ['electron/main/main.ts', 'dist/electron/main.cjs'],
  ['electron/preload/preload.ts', 'dist/electron/preload.cjs'],
  ['electron/host/worker.ts', 'dist/electron/host-worker.cjs'],
  ['electron/cli/main.ts', 'dist/electron/cli.cjs'],
  ['electron/dev/trial.ts', 'dist/electron/trial.cjs'],
  ['test/bench/bench.ts', 'dist/test/bench.cjs'],
].filter(([src]) => fs.existsSync(src));

await Promise.all(
  entries.map(([src, outfile]) =>
    build({
      entryPoints: [src],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'linked',
      legalComments: 'none',
      external: ['electron', 'better-sqlite3-multiple-ciphers', 'argon2', 'playwright-core', 'electron-store'],
      logLevel: 'warning',
    }),
  ),
);
console.log(`built ${entries.length} node bundles`);
