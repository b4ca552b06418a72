import { execFileSync } from 'node:child_process';

/** The CLI and worker tests run the real bundles: build them once per test run (esbuild takes a second). */
export default function setup(): void {
  execFileSync(process.execPath, ['build/build-node.mjs'], { stdio: 'inherit' });
}
