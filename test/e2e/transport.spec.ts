import http from 'node:http';
import { expect, test } from './support/fixtures';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request to the loopback server, with exactly the headers given (no browser adds any). */
function request(
  url: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
) {
  const { port } = new URL(url);
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(port),
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const call = (procedure: string) => JSON.stringify({ procedure, input: {} });

test('the loopback transport answers only its own page: token, Host and Origin are checked', async ({ hoso }) => {
  const json = { 'content-type': 'application/json' };
  const withToken = { ...json, 'x-hoso-token': hoso.token };

  const good = await request(hoso.url, {
    method: 'POST',
    path: '/api/call',
    headers: withToken,
    body: call('app.status'),
  });
  expect(good.status).toBe(200);
  expect(JSON.parse(good.body)).toMatchObject({ ok: true, value: { vaultExists: false } });

  const noToken = await request(hoso.url, {
    method: 'POST',
    path: '/api/call',
    headers: json,
    body: call('app.status'),
  });
  expect(noToken.status).toBe(401);
  expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  const wrongToken = await request(hoso.url, {
    method: 'POST',
    path: '/api/call',
    headers: { ...json, 'x-hoso-token': hoso.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) },
    body: call('app.status'),
  });
  expect(wrongToken.status).toBe(401);

  // DNS rebinding: a page of another name that resolves to 127.0.0.1 sends its own Host.
  const otherHost = await request(hoso.url, {
    method: 'POST',
    path: '/api/call',
    headers: { ...withToken, host: 'hoso.example:80' },
    body: call('app.status'),
  });
  expect(otherHost.status).toBe(403);

  const otherOrigin = await request(hoso.url, {
    method: 'POST',
    path: '/api/call',
    headers: { ...withToken, origin: 'http://127.0.0.1:1' },
    body: call('app.status'),
  });
  expect(otherOrigin.status).toBe(403);

  const notJson = await request(hoso.url, {
    method: 'POST',
    path: '/api/call',
    headers: { 'content-type': 'text/plain', 'x-hoso-token': hoso.token },
    body: call('app.status'),
  });
  expect(notJson.status).toBe(415);

  const tooLarge = await request(hoso.url, {
    method: 'POST',
    path: '/api/call',
    headers: withToken,
    body: JSON.stringify({ procedure: 'app.status', input: { pad: 'x'.repeat(300 * 1024) } }),
  });
  expect(tooLarge.status).toBe(413);
  expect(JSON.parse(tooLarge.body)).toMatchObject({ ok: false });

  const unknown = await request(hoso.url, { method: 'POST', path: '/api/call', headers: withToken, body: call('x.y') });
  expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
});

test('the loopback server serves the built renderer safely: CSP, nosniff, no listing, no traversal', async ({
  hoso,
}) => {
  const index = await request(hoso.url, { path: '/' });
  expect(index.status).toBe(200);
  expect(index.headers['content-security-policy']).toContain("default-src 'self'");
  expect(index.headers['content-security-policy']).toContain("script-src 'self'");
  expect(index.headers['x-content-type-options']).toBe('nosniff');
  expect(index.body).toContain('http-equiv="Content-Security-Policy"');
  expect(index.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

  for (const path of [
    '/assets/',
    '/assets',
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/.env',
  ]) {
    const r = await request(hoso.url, { path });
    expect(r.status, path).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }
  const wrongHost = await request(hoso.url, { path: '/', headers: { host: 'localhost' } });
  expect(wrongHost.status).toBe(403);
});

test('the token reaches the page in the address fragment and is removed from the address bar', async ({
  app,
  hoso,
}) => {
  await app.goto(hoso.url);
  await expect(app.getByRole('heading', { name: 'Khởi tạo máy trạm' })).toBeVisible();
  expect(app.url()).toBe(`${hoso.origin}/`);
  // Nothing is kept in web storage: the token lives in memory only. (This project's test types have no DOM.)
  const stored = await app.evaluate(() => {
    const w = globalThis as unknown as { localStorage: { length: number }; sessionStorage: { length: number } };
    return w.localStorage.length + w.sessionStorage.length;
  });
  expect(stored).toBe(0);

  // Without the token the page explains how to open it, and reaches nothing.
  await app.goto(`${hoso.origin}/`);
  await expect(app.getByText('Không kết nối được với máy chủ cục bộ')).toBeVisible();
});
