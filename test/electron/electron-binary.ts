import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

export type ElectronRuntime = { binary: string; skipReason: null } | { binary: null; skipReason: string };

/**
 * Where node_modules/electron keeps its executable, read the way its index.js reads it (path.txt under dist/, or
 * ELECTRON_OVERRIDE_DIST_PATH), but without requiring the package: since Electron 42 `require('electron')`
 * downloads a missing binary on the spot, and a test must never reach the network. Null when none was installed.
 * build/ensure-electron.mjs reads it the same way.
 */
export function installedElectronPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const packageDir = path.dirname(
    createRequire(path.join(PROJECT_ROOT, 'package.json')).resolve('electron/package.json'),
  );
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
  return relative === null ? null : path.join(packageDir, 'dist', relative);
}

/**
 * The Electron executable of node_modules/electron, or why the desktop app cannot be started here. The npm
 * package installs without its binary (it has no install script since Electron 42, and package.json's
 * allowScripts would deny one), so offline machines have none, and a Linux machine without a display cannot
 * open a window.
 */
export function electronRuntime(env: NodeJS.ProcessEnv = process.env): ElectronRuntime {
  const binary = installedElectronPath(env);
  if (binary === null) {
    return {
      binary: null,
      skipReason:
        'Electron binary not installed on this machine: node_modules/electron/path.txt is missing ' +
        '(its download needs network; `npm start` fetches it once on an online machine, or see ' +
        'build/ensure-electron.mjs for an offline machine)',
    };
  }
  try {
    fs.accessSync(binary, fs.constants.X_OK);
  } catch {
    return { binary: null, skipReason: `Electron binary not installed on this machine: ${binary} is not executable` };
  }
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { binary: null, skipReason: 'Electron cannot open a window here: no DISPLAY or WAYLAND_DISPLAY' };
  }
  return { binary, skipReason: null };
}
