import { app, BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './request-policy';

/**
 * The one application window. Its page runs with no Node, in Chromium's sandbox, in a world separated from
 * the preload's, with the same-origin policy on; the preload is the only way to the trusted side. It loads
 * only the app's own protocol, never remote content and never `file://`.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    title: 'HoSo',
    show: false,
    backgroundColor: '#f5f7fa',
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK -- exposes one typed window.hoso, never ipcRenderer
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click opens links in new windows by a path that bypasses the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
