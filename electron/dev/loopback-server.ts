import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ErrorCode } from '../../shared/domain/errors';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { createHost, type Host } from '../host/root';
import { JsonPreferencesStore } from '../prefs/preferences';
import type { KdfPolicy } from '../vault/kdf-policy';
import { EventFeed } from './event-feed';
import { readStaticFile } from '../main/static-files';

/**
 * The loopback test transport: the built renderer and the real host over HTTP on 127.0.0.1, for the
 * end-to-end tests and `npm run trial`. Never part of the packaged app.
 *
 * Every API request must carry the random token (which reaches the page in the URL fragment, never in a
 * request), a Host header naming exactly this server, and, when the browser sends one, this server's Origin:
 * together they keep other local programs and web pages (DNS rebinding, cross-site requests) away from the host.
 */
export interface LoopbackOptions {
  dataDir: string;
  rendererDir: string;
  kdfPolicy?: KdfPolicy;
  /** 0 or absent: a random free port. */
  port?: number;
  /** The host's clock; tests move it instead of waiting. */
  now?: () => number;
  /** Let the host lock itself on its own timer, as the desktop app does (the trial turns it on). */
  idleTimer?: boolean;
}

export interface LoopbackServer {
  url: string;
  token: string;
  host: Host;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-hoso-token';
const MAX_BODY_BYTES = 256 * 1024;
const POLL_TIMEOUT_MS = 25_000;

const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
});

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': data.length,
  });
  res.end(data);
}

function sendFailure(res: http.ServerResponse, f: HttpFailure): void {
  sendJson(res, f.status, { ok: false, error: { code: f.code, message: f.message } });
}

function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new HttpFailure(413, 'INVALID_INPUT', 'request body too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining (and dropping) so that the 413 answer can still be written on this connection.
      if (tooLarge || size > MAX_BODY_BYTES) {
        if (!tooLarge) reject(new HttpFailure(413, 'INVALID_INPUT', 'request body too large'));
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (tooLarge) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpFailure(400, 'INVALID_INPUT', 'request body is not JSON'));
      }
    });
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export async function startLoopbackServer(opts: LoopbackOptions): Promise<LoopbackServer> {
  const host = createHost({
    dataDir: opts.dataDir,
    kdfPolicy: opts.kdfPolicy ?? 'tuned',
    preferences: new JsonPreferencesStore(path.join(opts.dataDir, 'preferences.json')),
    ...(opts.now ? { now: opts.now } : {}),
    idleTimer: opts.idleTimer ?? false,
  });
  const token = crypto.randomBytes(32).toString('base64url');
  const feed = new EventFeed();
  const unsubscribe = host.on('session.locked', (payload) => feed.publish('session.locked', payload));
  let origin = '';

  function assertFromThisServer(req: http.IncomingMessage): void {
    if (req.headers.host !== origin.slice('http://'.length)) {
      throw new HttpFailure(403, 'FORBIDDEN', 'unexpected Host header');
    }
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      throw new HttpFailure(403, 'FORBIDDEN', 'unexpected Origin header');
    }
  }

  function assertApiRequest(req: http.IncomingMessage): void {
    if (req.method !== 'POST') throw new HttpFailure(405, 'FORBIDDEN', 'POST only');
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !sameSecret(given, token)) {
      throw new HttpFailure(401, 'FORBIDDEN', 'missing or wrong token');
    }
    const type = req.headers['content-type'] ?? '';
    if (!type.toLowerCase().startsWith('application/json')) {
      throw new HttpFailure(415, 'INVALID_INPUT', 'JSON only');
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    assertFromThisServer(req);
    const pathname = new URL(req.url ?? '/', origin).pathname;
    if (pathname === '/api/call') {
      assertApiRequest(req);
      const body = (await readJsonBody(req)) as { procedure?: unknown; input?: unknown } | null;
      if (!body || typeof body.procedure !== 'string') {
        throw new HttpFailure(400, 'INVALID_INPUT', 'expected {procedure, input}');
      }
      sendJson(res, 200, await host.call(body.procedure, body.input ?? {}));
      return;
    }
    if (pathname === '/api/events') {
      assertApiRequest(req);
      const body = (await readJsonBody(req)) as { after?: unknown } | null;
      const after = typeof body?.after === 'number' && Number.isInteger(body.after) ? body.after : null;
      const gone = new AbortController();
      res.on('close', () => gone.abort());
      const batch = await feed.poll(after, POLL_TIMEOUT_MS, gone.signal);
      if (!res.destroyed) sendJson(res, 200, { ok: true, value: batch });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpFailure(405, 'FORBIDDEN', 'GET only');
    const file = readStaticFile(opts.rendererDir, pathname);
    if (!file) throw new HttpFailure(404, 'NOT_FOUND', 'not found');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Content-Length': file.body.length });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return;
      if (e instanceof HttpFailure) sendFailure(res, e);
      else sendFailure(res, new HttpFailure(500, 'INTERNAL', 'request failed'));
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 10_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (e) {
    unsubscribe();
    await host.close();
    throw e;
  }
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    token,
    host,
    async close() {
      unsubscribe();
      feed.wakeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await host.close();
    },
  };
}
