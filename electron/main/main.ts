import { app, dialog, session, type BrowserWindow } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from '../host/data-dir';
import { safeLog } from '../host/log';
import { WorkerHostClient } from '../host/worker-client';
import { appKdfPolicy } from '../vault/kdf-policy';
import { registerAppScheme } from './app-protocol';
import { registerIpc } from './ipc';
import { watchForLock } from './locking';
import { installMenu } from './menu';
import { bundlePaths, developmentSqliteBinding } from './paths';
import { ElectronPreferencesStore } from './preferences';
import { hardenContents, hardenSession } from './security';
import { mainStrings, type Language } from './strings';
import { createMainWindow } from './window';

// Before `ready`: the scheme's privileges, the profile folder (named after the product, where the CLI's
// defaultDataDir also looks), and the sandbox for every renderer whatever its webPreferences say.
registerAppScheme();
app.setPath('userData', path.join(app.getPath('appData'), 'HoSo'));
app.enableSandbox();

const host = new WorkerHostClient();
let mainWindow: BrowserWindow | null = null;
let language: Language = 'vi';
let closed = false;

/** In a development run, the Electron build of better-sqlite3 made by build/ensure-electron.mjs. */
function sqliteBinding(): string | null {
  if (app.isPackaged) return null;
  const file = developmentSqliteBinding(app.getAppPath());
  if (fs.existsSync(file)) return file;
  safeLog('no Electron build of better-sqlite3 was found; start the app with `npm start`');
  return null;
}

/** Fails closed: without its host the window could show stale data, so the app shows why and exits. */
function stop(title: string, message: string): void {
  closed = true;
  dialog.showErrorBox(title, message);
  app.exit(1);
}

async function start(): Promise<void> {
  app.setAppUserModelId('vn.hoso.app');
  hardenSession(session.defaultSession, bundlePaths.renderer);
  // The window uses the default session; any other one (none today) gets the same rules.
  app.on('session-created', (ses) => hardenSession(ses, bundlePaths.renderer));
  const prefs = await ElectronPreferencesStore.open();
  language = prefs.current().language;
  await host.start(bundlePaths.hostWorker, defaultDataDir(), prefs, {
    sqliteBinding: sqliteBinding(),
    kdfPolicy: appKdfPolicy(app.isPackaged, process.env),
  });
  host.onUnexpectedExit(() => stop(mainStrings[language].hostStoppedTitle, mainStrings[language].hostStopped));

  const actions = { lock: () => void host.call('session.lock', {}) };
  installMenu(language, app.isPackaged, actions);
  prefs.onChange((p) => {
    language = p.language;
    installMenu(p.language, app.isPackaged, actions);
  });
  registerIpc(host, () => mainWindow);
  watchForLock(host, prefs);

  mainWindow = createMainWindow(bundlePaths.preload);
  mainWindow.on('closed', () => (mainWindow = null));
}

/** Quitting locks the vault first: the host writes the audit entry and closes the database. */
async function shutDown(): Promise<void> {
  try {
    await host.close();
  } catch (e) {
    safeLog('closing the host failed', e);
  }
  closed = true;
  app.quit();
}

if (!app.requestSingleInstanceLock()) {
  // One instance only: two hosts on one database would fight over it.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void shutDown();
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      safeLog('the app could not start', e);
      stop(mainStrings[language].startFailedTitle, mainStrings[language].startFailed);
    });
}
