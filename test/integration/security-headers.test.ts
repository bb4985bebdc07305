import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

const VITE = 'http://localhost:5173';

const preflight = (server: TestServer, origin: string) =>
  fetch(`${server.url}/api/v1/replication/payments/pull`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

describe.each(databaseKinds())('security headers and CORS on %s', (kind) => {
  let server: TestServer;
  let dev: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind, { app: { trustProxy: true } });
    dev = await startTestServer(kind, { app: { development: true } });
  });
  afterAll(async () => {
    await server.close();
    await dev.close();
  });

  it("sends the register's CSP and the hardening headers on /, /admin and the API, without HSTS over plain http", async () => {
    for (const path of ['/', '/admin', '/api/v1/demo', '/health']) {
      const { headers } = await fetch(`${server.url}${path}`);
      const csp = new Map((headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      // No inline scripts; eval only because RxDB's ajv validator compiles the schemas at run time.
      expect(csp.get('script-src')).toEqual(["'self'", 'https://js.stripe.com', "'unsafe-eval'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      // A register on a LAN server over http must not be sent to https.
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('sends HSTS when the request came over TLS through a trusted proxy, and believes no such header otherwise', async () => {
    const behindTls = await fetch(`${server.url}/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(behindTls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const untrusted = await fetch(`${dev.url}/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(untrusted.headers.get('strict-transport-security')).toBeNull();
  });

  it('admits the Electron window always and the Vite dev server only in development', async () => {
    expect((await preflight(server, 'app://register')).headers.get('access-control-allow-origin')).toBe('app://register');
    expect((await preflight(server, VITE)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(server, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(dev, VITE)).headers.get('access-control-allow-origin')).toBe(VITE);
  });
});
