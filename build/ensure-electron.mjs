// Makes a checkout ready to run the desktop app (`npm start`):
//
// 1. The Electron binary. Since Electron 42 the npm package has no install script: it is installed without its
//    binary, and `require('electron')` would download one on the spot. Here, and only here, Electron's own
//    installer (node_modules/electron/install.js) is run when the binary is missing. It checks the zip against
//    the SHA-256 list shipped inside the npm package (checksums.json), so a tampered zip is refused even when it
//    comes from a cache or a copy. Electron 42+ declares Node >= 22.12 for that installer.
// 2. better-sqlite3 for Electron. node_modules holds a build for Node (the CLI and the tests need it), and
//    Electron's ABI differs, so a second build is made in node_modules/.cache/hoso-electron and main hands its
//    path to the host worker (electron/main/paths.ts names the same file). node_modules is left as it was.
//    The build needs Electron's headers (node-gyp fetches them into ~/.electron-gyp/<version>).
//
// On a machine without network, bring from an online machine of the same OS and CPU (one that ran `npm start`
// with the same package-lock.json):
//   - the Electron zip: copy its download cache (Linux ~/.cache/electron, macOS ~/Library/Caches/electron,
//     Windows %LOCALAPPDATA%\electron\Cache) to the same place, or anywhere and point electron_config_cache at
//     it. The installer finds the zip there and verifies it offline against checksums.json. (Or unpack the zip
//     yourself and set ELECTRON_OVERRIDE_DIST_PATH to that folder: then nothing verifies it.)
//   - either node_modules/.cache/hoso-electron/better_sqlite3-electron-<version>-<os>-<cpu>.node, or
//     ~/.electron-gyp/<version> (the headers) so it can be built here.
// Without them this script says which one is missing, and exits non-zero.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));
const electronDir = path.dirname(require.resolve('electron/package.json'));
const electronVersion = require('electron/package.json').version;

/**
 * The installed executable, found the way node_modules/electron/index.js finds it (path.txt, or
 * ELECTRON_OVERRIDE_DIST_PATH), or null. It does not require('electron'): that would start a download of its own.
 * test/electron/electron-binary.ts reads it the same way.
 */
function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? path.join(override, relative ?? 'electron')
    : relative && path.join(electronDir, 'dist', relative);
  return binary && fs.existsSync(binary) ? binary : null;
}

/** The zip Electron's installer fetches for this machine, and the SHA-256 it must have. */
function electronZip() {
  const name = `electron-v${electronVersion}-${process.platform}-${process.arch}.zip`;
  const checksums = JSON.parse(fs.readFileSync(path.join(electronDir, 'checksums.json'), 'utf8'));
  return { name, sha256: checksums[name] ?? '(not published for this platform)' };
}

function ensureBinary() {
  if (electronBinary()) return;
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    console.warn(`Electron ${electronVersion}'s installer declares Node >= 22.12 (this is ${process.version}).`);
  }
  console.log(`Electron ${electronVersion}: installing the runtime (once)...`);
  const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (r.status !== 0 || !electronBinary()) {
    const zip = electronZip();
    console.error(
      [
        'Could not install the Electron runtime. `npm start` needs network access once, to fetch',
        `${zip.name} (SHA-256 ${zip.sha256}).`,
        'Offline: copy the Electron download cache from an online machine (see the top of build/ensure-electron.mjs)',
        'or point electron_config_cache at a folder holding it; the installer verifies the zip against that SHA-256.',
      ].join('\n'),
    );
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
  console.error(
    `Offline: copy ${path.relative(root, bindingPath())} from an online machine of the same OS and CPU, ` +
      `or Electron's headers into ~/.electron-gyp/${electronVersion}.`,
  );
  process.exit(1);
});
console.log(`Electron ${electronVersion} is ready.`);
