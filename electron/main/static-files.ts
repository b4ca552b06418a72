import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
});

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Resolves a request path to a file of the built renderer, or null.
 *
 * Only regular files inside `rootDir` are served: `..` segments, encoded separators, NUL bytes, dot-files,
 * directories (no listing) and symlinks that leave the folder all come back as null. `/` means index.html.
 */
export function readStaticFile(rootDir: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = fs.realpathSync(rootDir);
  const candidate = path.resolve(root, relative);
  if (!candidate.startsWith(root + path.sep)) return null;
  let real: string;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    return null;
  }
  if (!real.startsWith(root + path.sep)) return null;
  const stat = fs.statSync(real);
  if (!stat.isFile()) return null;
  const contentType = CONTENT_TYPES[path.extname(real).toLowerCase()];
  if (!contentType) return null;
  return { body: fs.readFileSync(real), contentType };
}
