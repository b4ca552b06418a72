import { app, type Session, type WebContents } from 'electron';
import { serveRenderer } from './app-protocol';
import { isAllowedRequest, isAppUrl } from './request-policy';

const hardened = new WeakSet<Session>();

/**
 * Locks down a session: it serves the renderer on app://, cancels every other request, denies every
 * permission (camera, notifications, clipboard reads, geolocation, HID, serial, USB...), refuses downloads
 * (exports go through audited procedures, not the browser), and turns off the spellchecker, which would
 * otherwise fetch dictionaries from the internet.
 */
export function hardenSession(ses: Session, rendererDir: string): void {
  if (hardened.has(ses)) return;
  hardened.add(ses);
  serveRenderer(ses, rendererDir);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, app.isPackaged) });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event) => event.preventDefault());
}

/**
 * Applied to every webContents the app ever creates (app 'web-contents-created'): no navigation away from the
 * app's pages, no redirects, no new windows, no <webview>, and no DevTools in a packaged build.
 */
export function hardenContents(contents: WebContents): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-redirect', (event) => refuseForeign(event, event.url));
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (app.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
}
