import { protocol, type Session } from 'electron';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { readStaticFile } from './static-files';
import { APP_ORIGIN } from './request-policy';

/**
 * `app://` must be privileged before the app is ready. Standard + secure gives it an origin, relative URLs and
 * a secure context like https, so the renderer never runs from `file://` (which would grant every local file
 * the same origin). Fetch is allowed for the renderer's own assets.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Headers on every response: the one CSP of the app, and no guessing of content types. */
function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}

/**
 * Serves the built renderer (dist/renderer) on `app://hoso/`. Files are resolved by the same function the
 * loopback test transport uses, so the browser tests exercise the path checks the desktop app relies on:
 * no `..`, no dot-files, no symlinks out of the folder, only known file types.
 */
export function serveRenderer(ses: Session, rendererDir: string): void {
  ses.protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return new Response(null, { status: 404 });
    let file = readStaticFile(rendererDir, url.pathname);
    // A page path without an extension (a client-side route after a reload) gets the app's entry page.
    if (!file && !path.posix.extname(url.pathname)) file = readStaticFile(rendererDir, '/');
    if (!file) return new Response(null, { status: 404, headers: headers('text/plain; charset=utf-8') });
    return new Response(new Uint8Array(file.body), { status: 200, headers: headers(file.contentType) });
  });
}
