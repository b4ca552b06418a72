/**
 * The renderer's Content-Security-Policy, in one place for the Electron protocol handler, the loopback
 * test server and index.html's meta tag. No inline or evaluated script anywhere; inline styles are allowed
 * because the component library (antd) injects its CSS at run time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
