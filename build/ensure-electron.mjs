// Makes a checkout ready to run the desktop app (`npm start`), on a developer's online machine:
//
// 1. The Electron binary. package.json's allowScripts denies electron's postinstall so that `npm install` never
//    reaches the internet; here, and only here, its install script is run when the binary is missing.
// 2. better-sqlite3 for Electron. node_modules holds a build for Node (the CLI and the tests need it), and
//    Electron's ABI differs, so a second build is made in node_modules/.cache/hoso-electron and main hands its
//    path to the host worker (electron/main/paths.ts names the same file). node_modules is left as it was.
//
// Everything downloaded here (the Electron zip, Electron's headers or a prebuilt binary) is checked by the
// tools that fetch it. On a machine without network this script says what is missing and exits non-zero.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));
const electronDir = path.dirname(require.resolve('electron/package.json'));
const electronVersion = require('electron/package.json').version;

function electronBinary() {
  try {
    const binary = require('electron');
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null; // no path.txt: the binary was never downloaded
  }
}

function ensureBinary() {
  if (electronBinary()) return;
  console.log(`Electron ${electronVersion}: downloading the runtime (once)...`);
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD; // set by CI and offline setups; this step is the one that needs it off
  const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit', env });
  if (r.status !== 0 || !electronBinary()) {
    console.error('Could not install the Electron runtime. `npm start` needs network access once, to fetch it.');
    process.exit(1);
  }
}

/** Must match developmentSqliteBinding() in electron/main/paths.ts. */
function bindingPath() {
  const name = `better_sqlite3-electron-${electronVersion}-${process.platform}-${process.arch}.node`;
  return path.join(root, 'node_modules', '.cache', 'hoso-electron', name);
}

async function ensureSqliteForElectron() {
  const target = bindingPath();
  if (fs.existsSync(target)) return;
  console.log(`better-sqlite3-multiple-ciphers: building for Electron ${electronVersion} (once, about 2 minutes)...`);
  const stage = path.join(path.dirname(target), 'stage');
  fs.rmSync(stage, { recursive: true, force: true });
  const moduleDir = path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
  const staged = path.join(stage, 'node_modules', 'better-sqlite3-multiple-ciphers');
  const oldBuild = path.join(moduleDir, 'build');
  const notOldBuild = (src) => src !== oldBuild && !src.startsWith(oldBuild + path.sep);
  fs.cpSync(moduleDir, staged, { recursive: true, filter: notOldBuild });
  const { version } = JSON.parse(fs.readFileSync(path.join(moduleDir, 'package.json'), 'utf8'));
  fs.writeFileSync(
    path.join(stage, 'package.json'),
    JSON.stringify({
      name: 'hoso-electron-native',
      private: true,
      dependencies: { 'better-sqlite3-multiple-ciphers': version },
    }),
  );
  // This machine's npm config may point node-gyp at Node's own headers (nodedir); that would build for Node.
  for (const key of Object.keys(process.env)) if (/^npm_config_nodedir$/i.test(key)) delete process.env[key];
  const { rebuild } = await import('@electron/rebuild');
  try {
    await rebuild({
      buildPath: stage,
      electronVersion,
      arch: process.arch,
      onlyModules: ['better-sqlite3-multiple-ciphers'],
      force: true,
      mode: 'sequential',
    });
    fs.copyFileSync(path.join(staged, 'build', 'Release', 'better_sqlite3.node'), target);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

ensureBinary();
await ensureSqliteForElectron().catch((e) => {
  console.error(`Could not build better-sqlite3 for Electron: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
console.log(`Electron ${electronVersion} is ready.`);
