import path from 'node:path';

/**
 * Where the bundles sit beside main.cjs (dist/electron/), in a checkout and inside app.asar alike. The worker
 * stays inside the asar on purpose: Electron loads worker scripts from it, and only packed files are covered by
 * the asar integrity check.
 */
export const bundlePaths = Object.freeze({
  preload: path.join(__dirname, 'preload.cjs'),
  hostWorker: path.join(__dirname, 'host-worker.cjs'),
  renderer: path.join(__dirname, '..', 'renderer'),
});

/**
 * The Electron build of better-sqlite3 that build/ensure-electron.mjs makes for `npm start` (the copy in
 * node_modules is built for Node and serves the CLI and the tests). The name must match that script's.
 */
export function developmentSqliteBinding(appPath: string): string {
  const { electron } = process.versions;
  return path.join(
    appPath,
    'node_modules',
    '.cache',
    'hoso-electron',
    `better_sqlite3-electron-${electron}-${process.platform}-${process.arch}.node`,
  );
}
