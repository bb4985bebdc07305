import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/backoffice';
import { tenantFixture, type TenantFixture } from '../support/backoffice-fixture';
import { ROUTES } from '../support/backoffice-routes';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

const REQUESTS = 1000;
const SEED = 20261121;

/** mulberry32: a small seeded generator, so every run sends the same 1,000 requests. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}
type Rng = ReturnType<typeof rng>;

/** Strings PostgreSQL's text and jsonb refuse (a NUL, unpaired surrogates), and one of a megabyte. */
const POISON = ['\u0000', 'Ana\u0000', '\uD800', 'x\uDC00y', 'x'.repeat(1_000_000)];
type Schema = { type?: string | string[]; enum?: unknown[]; format?: string; maxLength?: number; minLength?: number; pattern?: string; items?: Schema; properties?: Record<string, Schema>; required?: string[]; minimum?: number; maximum?: number };

const typeOf = (s: Schema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type) ?? 'string';

/** A query-string value the schema must refuse. */
function badQueryValue(s: Schema, r: Rng): string {
  if (typeOf(s) === 'array') return badQueryValue(s.items ?? {}, r);
  if (s.enum) return r.pick(['NOT_A_VALUE', 'cash', '', '%00', '\u0000', 'SUCCEEDED ']);
  if (typeOf(s) === 'integer') return r.pick(['abc', '1.5', '1e400', '--1', '', ...(s.minimum !== undefined ? [String(s.minimum - 1)] : []), ...(s.maximum !== undefined ? [String(s.maximum + 1)] : [])]);
  if (s.format === 'date') return r.pick(['2026-02-30', '2026-13-01', '2026-00-10', 'tomorrow', '2026-1-1', '20261101', '2026-11-21T00:00:00Z', '9999-99-99']);
  if (typeOf(s) === 'boolean') return 'maybe';
  if (r.next() < 0.25) return r.pick(['\u0000', 'a\u0000b']); // sent as %00
  if (s.maxLength !== undefined && r.next() < 0.5) return 'x'.repeat(s.maxLength + 1 + Math.floor(r.next() * 50));
  if ((s.minLength ?? 0) > 0) return '';
  return 'x'.repeat((s.maxLength ?? 5000) + 1);
}

/** A JSON value of the wrong kind for the schema (null only where the schema refuses it). */
function badJsonValue(s: Schema, r: Rng): unknown {
  const nulls = Array.isArray(s.type) && s.type.includes('null') ? [] : [null];
  if (s.enum) return r.pick(['NOT_A_VALUE', 7, ...nulls, ['owner']]);
  switch (typeOf(s)) {
    case 'integer': return r.pick(['12', 1.5, -1e308, true, ...nulls, { amount: 1 }, Number.MAX_SAFE_INTEGER * 4]);
    case 'boolean': return r.pick(['true', 0, ...nulls, []]);
    case 'array': return r.pick([{}, 'a,b', 3, [[[]]], Array.from({ length: 500 }, () => 'x'.repeat(40))]);
    case 'object': return r.pick([[], 'object', 0]);
    default: return r.pick([12345, true, ['x'], { nested: 'x' }, 'x'.repeat((s.maxLength ?? 500) + 1), ...POISON, ...((s.minLength ?? 0) > 0 ? [''] : [])]);
  }
}

function badBody(schema: Schema | undefined, good: unknown, r: Rng): { body: string; note: string } {
  const roll = r.next();
  if (roll < 0.15) return { body: r.pick(['{', '{"a":', 'nul', '[1,2', '"unterminated', '{"email": "a" "b"}', '\u0000']), note: 'broken JSON' };
  if (roll < 0.3 || !schema?.properties) return { body: JSON.stringify(r.pick([[], 42, 'text', null, [good], true])), note: 'not an object' };
  const props = Object.entries(schema.properties);
  const base = { ...(good as Record<string, unknown> | undefined) };
  if (roll < 0.45) return { body: JSON.stringify({ ...base, [`junk_${Math.floor(r.next() * 1000)}`]: r.pick([1, 'x', null]) }), note: 'unknown field' };
  if (roll < 0.55 && schema.required?.length) {
    const missing = r.pick(schema.required);
    delete base[missing];
    return { body: JSON.stringify(base), note: `without ${missing}` };
  }
  const texts = props.filter(([, field]) => typeOf(field) === 'string' && !field.enum);
  if (roll < 0.7 && texts.length) {
    // An otherwise good body with one poisoned text field: the case that reached the database.
    const [name] = r.pick(texts);
    const poison = r.pick(POISON);
    return { body: JSON.stringify({ ...base, [name]: `${String(base[name] ?? '')}${poison}` }), note: `${name} with ${JSON.stringify(poison.slice(0, 8))}` };
  }
  const [name, field] = r.pick(props);
  return { body: JSON.stringify({ ...base, [name]: badJsonValue(field, r) }), note: `bad ${name}` };
}

describe.each(databaseKinds())('1,000 malformed requests on %s', (kind) => {
  let server: TestServer;
  let fixture: TenantFixture;
  let doc: any;

  beforeAll(async () => {
    server = await startTestServer(kind);
    fixture = await tenantFixture(server, 'Fuzzed salon');
    doc = await (await fetch(`${server.url}/api/docs/json`)).json();
  });
  afterAll(() => server.close());

  it('answers each with a 4xx, never a 5xx, and keeps serving', async () => {
    const r = rng(SEED);
    const routes = ROUTES.map((route) => {
      const op = doc.paths[`/api/v1${route.path}`][route.method.toLowerCase()];
      const params = (op.parameters ?? []) as { in: string; name: string; schema: Schema }[];
      const body = op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
      return { route, path: params.filter((p) => p.in === 'path'), query: params.filter((p) => p.in === 'query'), body };
    }).filter((x) => x.path.length || x.query.length || x.body);
    const statuses = new Map<number, number>();
    const wrong: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const { route, path, query, body } = r.pick(routes);
      const good = route.own(fixture);
      let url = good.url.split('?')[0]!;
      const search = new URLSearchParams(good.url.split('?')[1] ?? '');
      let payload: string | undefined = good.body === undefined ? undefined : JSON.stringify(good.body);
      const targets = [...(path.length ? ['path'] : []), ...(query.length ? ['query'] : []), ...(body ? ['body'] : [])];
      const target = r.pick(targets);
      let note: string;
      if (target === 'path') {
        const bad = r.pick(['x'.repeat(37 + Math.floor(r.next() * 300)), '%E0%A4%A', '..%2F..%2Fetc', 'null', "'; drop table documents; --", '\u{1F4A9}'.repeat(20), '%00', 'a%00b', '%ED%A0%80']);
        url = route.path.replace('{id}', bad.startsWith('%') || bad.startsWith('..') || bad.includes('%00') ? bad : encodeURIComponent(bad));
        note = `path ${bad.slice(0, 20)}`;
      } else if (target === 'query') {
        const param = r.pick(query);
        const value = badQueryValue(param.schema, r);
        search.set(param.name, value);
        if (r.next() < 0.3) search.append(`junk${Math.floor(r.next() * 100)}`, 'x');
        note = `${param.name}=${value.slice(0, 30)}`;
      } else {
        const bad = badBody(body, good.body, r);
        payload = bad.body;
        note = bad.note;
      }
      const qs = search.toString();
      const response = await fetch(`${server.url}/api/v1${url}${qs ? `?${qs}` : ''}`, {
        method: route.method,
        headers: { authorization: `Bearer ${fixture.tokens.owner}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: payload,
      });
      const answer = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const shaped = (() => {
        try {
          return 'detail' in JSON.parse(answer);
        } catch {
          return false;
        }
      })();
      if (response.status < 400 || response.status >= 500 || !shaped) wrong.push(`${route.method} ${route.path} [${note}] -> ${response.status} ${answer.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
    expect(statuses.get(422)).toBeGreaterThan(REQUESTS / 2);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await apiClient(server.url, fixture.tokens.owner)('GET', `/revenue?locationId=${fixture.locationId}`)).status).toBe(200);
  });
});
