import os from 'node:os';
import path from 'node:path';

/**
 * Where a workstation keeps its vault and database when no --data-dir is given: the same folder the desktop
 * app uses (Electron's userData for the product "HoSo", plus "data"). HOSO_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.HOSO_DATA_DIR) return path.resolve(env.HOSO_DATA_DIR);
  const home = os.homedir();
  let base: string;
  if (platform === 'win32') base = env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') base = path.join(home, 'Library', 'Application Support');
  else base = env.XDG_CONFIG_HOME ?? path.join(home, '.config');
  return path.join(base, 'HoSo', 'data');
}
