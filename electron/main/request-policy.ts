/** The renderer's origin. `app` is registered as a standard, secure scheme, so this behaves like https. */
export const APP_ORIGIN = 'app://hoso';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for a URL of the app's own pages and files. */
export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Requests a session may make: the app's own protocol, and data:/blob: URLs, which are built in the page from
 * bytes it already has and never leave the process (the CSP limits them to images and fonts). DevTools'
 * own pages are allowed only in a development run. Everything else, http(s) first, is cancelled: this app
 * never opens a network connection.
 */
export function isAllowedRequest(url: string, packaged: boolean): boolean {
  if (isAppUrl(url) || url.startsWith('data:') || url.startsWith(`blob:${APP_ORIGIN}/`)) return true;
  return !packaged && url.startsWith('devtools://');
}
