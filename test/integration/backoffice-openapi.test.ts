import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, TEST_PASSWORD } from '../support/backoffice';
import { tenantFixture, type TenantFixture } from '../support/backoffice-fixture';
import { ROUTES } from '../support/backoffice-routes';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

const BACK_OFFICE_TAGS = ['auth', 'users', 'api keys', 'tenants', 'locations', 'devices', 'staff', 'catalog', 'clients', 'payments', 'revenue', 'balances'];

describe.each(databaseKinds())('the OpenAPI document on %s', (kind) => {
  let server: TestServer;
  let fixture: TenantFixture;
  let doc: any;

  beforeAll(async () => {
    server = await startTestServer(kind);
    fixture = await tenantFixture(server, 'Documented salon');
    const response = await fetch(`${server.url}/api/docs/json`);
    expect(response.status).toBe(200);
    doc = await response.json();
  });
  afterAll(() => server.close());

  it('lists every route, the back office and the replication contract, and serves a reference page', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, tags: op.tags ?? [] })),
    );
    const keys = documented.map((d) => d.key);
    for (const route of ROUTES) expect(keys).toContain(`${route.method} /api/v1${route.path}`);
    // Back-office routes beyond this test's table (other features add theirs) still refuse anonymous callers.
    const tabled = new Set(ROUTES.map((r) => `${r.method} /api/v1${r.path}`));
    const others = documented.filter((d) => d.tags.some((t) => BACK_OFFICE_TAGS.includes(t)) && !tabled.has(d.key));
    for (const other of others) {
      const [method, path] = other.key.split(' ') as [string, string];
      const response = await fetch(`${server.url}${path.replace(/\{[^}]+\}/g, '01a1f000-0000-7000-8000-000000000000')}`, { method });
      expect(`${other.key}: ${response.status}`).toBe(`${other.key}: 401`);
    }
    for (const replication of ['POST /api/v1/devices/pair', 'POST /api/v1/replication/{collection}/pull', 'POST /api/v1/replication/{collection}/push', 'GET /api/v1/replication/{collection}/pull-stream']) {
      expect(keys).toContain(replication);
    }
    const page = await fetch(`${server.url}/api/docs`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/swagger/i);
  });

  const freshOwnerToken = async () =>
    (await apiClient(server.url, null)('POST', '/auth/login', { email: `owner.${fixture.tenantId}@example.test`, password: TEST_PASSWORD })).body.accessToken as string;

  it("answers every route with a body its documented response schema accepts", async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const checked: string[] = [];
    for (const route of ROUTES) {
      const call = route.own(fixture);
      // Logging out ends the session: that call gets a session of its own.
      const token = route.roles === 'public' ? null : route.path === '/auth/logout' ? await freshOwnerToken() : fixture.tokens.owner;
      const response = await apiClient(server.url, token)(route.method, call.url, call.body);
      const op = doc.paths[`/api/v1${route.path}`][route.method.toLowerCase()];
      const documented = op.responses[String(response.status)] ?? op.responses[`${String(response.status)[0]}XX`];
      expect(documented, `${route.method} ${route.path} answered ${response.status}, which its document does not list`).toBeDefined();
      if (response.status === 204) continue;
      const [type, media] = Object.entries(documented.content as Record<string, { schema: object }>)[0]!;
      const body = type.startsWith('application/json') ? response.body : response.text;
      const valid = ajv.validate(media.schema, body);
      expect(valid, `${route.method} ${route.path} (${response.status}): ${ajv.errorsText(ajv.errors)}`).toBe(true);
      checked.push(`${route.method} ${route.path} ${response.status}`);
    }
    // Most answers are successes, so it is the real bodies, not only error bodies, that were checked.
    expect(checked.filter((c) => / 20\d$/.test(c)).length).toBeGreaterThan(35);
  });

  it('is a valid OpenAPI document from which a typed client compiles', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'pos-openapi-'));
    try {
      writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(structuredClone(doc))));
      writeFileSync(
        join(dir, 'client.ts'),
        [
          "import type { paths } from './api';",
          "type Payments = paths['/api/v1/payments']['get']['responses']['200']['content']['application/json'];",
          'export const total = (page: Payments): number => page.total;',
        ].join('\n'),
      );
      const program = ts.createProgram([join(dir, 'client.ts')], { strict: true, noEmit: true, types: [], skipLibCheck: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022 });
      const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a W3C traceparent: the caller’s trace id comes back, or a new one is made', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const given = await fetch(`${server.url}/api/v1/tenants/me`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, authorization: `Bearer ${fixture.tokens.owner}` } });
    expect(given.headers.get('traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const made = await fetch(`${server.url}/api/v1/tenants/me`, { headers: { traceparent: 'garbage' } });
    expect(made.status).toBe(401);
    expect(made.headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
