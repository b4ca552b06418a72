import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp.ts';

/**
 * The CSP travels as a meta tag too, so that the page is protected however it is served. `frame-ancestors`
 * is dropped from the meta copy only because browsers ignore it there (and say so in the console); the
 * Electron protocol handler and the loopback server send the full policy as a header.
 */
function contentSecurityPolicyMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'hoso-csp-meta',
    // Only the build: Vite's dev server injects inline scripts that this policy (rightly) refuses.
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
    ],
  };
}

// Paths are relative to the package root: npm scripts always run there, and the renderer's lint rules keep
// node:* (and so node:path) out of this folder.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // No source maps: the packaged app ships the bundle alone.
    sourcemap: false,
    // Chromium (Electron's and Debian's) preloads modules natively; the polyfill would be dead weight.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2500,
  },
  server: { host: '127.0.0.1' },
});
