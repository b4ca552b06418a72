import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const rendererIndex = path.join(root, 'dist/renderer/index.html');

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds the renderer when dist/ is missing or older than its sources (so `npm run test:e2e` works on its own
 * and never tests a stale build), checks that Chromium is there, and empties the screenshot folder.
 */
export default function globalSetup(): void {
  const chromium = process.env.HOSO_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    throw new Error(`Chromium not found at ${chromium}: install it (apt-get install chromium) or set HOSO_CHROMIUM.`);
  }
  const built = fs.existsSync(rendererIndex) ? fs.statSync(rendererIndex).mtimeMs : 0;
  const sources = Math.max(newestChange(path.join(root, 'renderer')), newestChange(path.join(root, 'shared')));
  if (sources > built) {
    console.log('e2e: building the renderer');
    execFileSync('npm', ['run', '--silent', 'build:renderer'], { cwd: root, stdio: 'inherit' });
  }
  fs.rmSync(path.join(root, 'test-results/screenshots'), { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'test-results/screenshots'), { recursive: true });
}
