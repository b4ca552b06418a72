import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

export type ElectronRuntime = { binary: string; skipReason: null } | { binary: null; skipReason: string };

/**
 * The Electron executable of node_modules/electron, or why the desktop app cannot be started here. The npm
 * package installs without its binary on offline machines (its download is denied in package.json), and a
 * Linux machine without a display cannot open a window.
 */
export function electronRuntime(env: NodeJS.ProcessEnv = process.env): ElectronRuntime {
  let binary: string;
  try {
    binary = createRequire(path.join(PROJECT_ROOT, 'package.json'))('electron') as string;
  } catch {
    return {
      binary: null,
      skipReason:
        'Electron binary not installed on this machine: node_modules/electron/path.txt is missing ' +
        '(its download needs network; `npm start` fetches it once on an online machine)',
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
