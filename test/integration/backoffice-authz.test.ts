import { verifyPin } from '../../shared/auth/pin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/backoffice';
import { tenantFixture, type TenantFixture } from '../support/backoffice-fixture';
import { ROUTES } from '../support/backoffice-routes';
import { createPairingCode } from '../../sync-server/tenants/tenants';
import { deviceClient } from '../support/documents';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

const CALLERS = ['owner', 'manager', 'front_desk', 'back_office', 'api_key', 'device', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];

/** The matrix: every role (and API key, register token, nobody) against every route, on its own tenant and another's. */
describe.each(databaseKinds())('back-office authorization on %s', (kind) => {
  let server: TestServer;
  let mine: TenantFixture;
  let theirs: TenantFixture;

  beforeAll(async () => {
    server = await startTestServer(kind, { app: { loginRateLimit: { max: 1000, timeWindow: 60_000 } } });
    mine = await tenantFixture(server, 'Mine');
    theirs = await tenantFixture(server, 'Theirs');
  });
  afterAll(() => server.close());

  const tokenOf = (caller: Caller) => (caller === 'anonymous' ? null : mine.tokens[caller]);
  const roleOf = (caller: Caller) => (caller === 'api_key' ? 'back_office' : caller);

  it('checks the role on every route, for every caller', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of ROUTES.filter((r) => r.path !== '/auth/logout')) {
      for (const caller of CALLERS) {
        const call = route.own(mine);
        const { status } = await apiClient(server.url, tokenOf(caller))(route.method, call.url, call.body);
        const label = `${route.method} ${route.path} as ${caller}`;
        let want: string;
        // Public routes answer the same to everyone: their samples carry wrong credentials.
        if (route.roles === 'public') want = '401';
        else if (caller === 'anonymous') want = '401';
        else if (caller === 'device') want = '403';
        else want = route.roles.includes(roleOf(caller) as never) ? 'served' : '403';
        expected.push(`${label}: ${want}`);
        outcomes.push(`${label}: ${status === 401 ? '401' : status === 403 ? '403' : status < 500 ? 'served' : String(status)}`);
      }
    }
    expect(outcomes.filter((o, i) => o !== expected[i]), 'callers answered otherwise than the matrix says').toEqual([]);
    // 41 routes × 7 callers, and the matrix is not trivially one answer.
    expect(outcomes.length).toBeGreaterThan(250);
    expect(expected.filter((e) => e.endsWith('403')).length).toBeGreaterThan(50);
  });

  it("answers 404 when a caller names another tenant's location, staff, payment, user, device or key", async () => {
    const owner = apiClient(server.url, mine.tokens.owner);
    const answers: string[] = [];
    for (const route of ROUTES.filter((r) => r.foreign)) {
      const call = route.foreign!(theirs);
      const { status } = await owner(route.method, call.url, call.body);
      answers.push(`${route.method} ${route.path}: ${status}`);
    }
    const want = ROUTES.filter((r) => r.foreign).map((r) => `${r.method} ${r.path}: ${r.method === 'POST' && r.path === '/staff' ? 422 : 404}`);
    expect(answers).toEqual(want);
    // Nothing of theirs changed: their register still replicates, their staff kept their rate.
    expect((await deviceClient(server.url, { deviceId: theirs.deviceId, token: theirs.tokens.device, tenantId: theirs.tenantId, locationId: theirs.locationId }).pull('payments', null)).status).toBe(200);
    const staff = await apiClient(server.url, theirs.tokens.owner)('GET', `/staff/${theirs.staffId}`);
    expect(staff.body.commissionRate).toBe('45');
  });

  it("lists only the caller's own tenant", async () => {
    const owner = apiClient(server.url, mine.tokens.owner);
    const ids = async (path: string) => (await owner('GET', path)).body.data.map((x: { id: string }) => x.id);
    expect(await ids('/payments')).toContain(mine.paymentId);
    expect(await ids('/payments')).not.toContain(theirs.paymentId);
    expect(await ids('/staff')).not.toContain(theirs.staffId);
    expect(await ids('/catalog')).not.toContain(theirs.catalogId);
    expect(await ids('/clients')).not.toContain(theirs.clientId);
    expect(await ids('/users')).not.toContain(theirs.userId);
    expect(await ids('/devices')).toEqual([mine.deviceId]);
    expect(await ids('/locations')).not.toContain(theirs.locationId);
    expect((await owner('GET', '/balances/transactions?locationId=' + mine.locationId)).body.data.every((t: { locationId: string }) => t.locationId === mine.locationId)).toBe(true);
  });

  it("answers two concurrent sign-ups of one email with one user and a 409, and a 409 that tells nothing of another tenant", async () => {
    const owner = apiClient(server.url, mine.tokens.owner);
    const user = (email: string) => ({ email, name: 'New desk', role: 'front_desk', password: 'correct horse battery staple' });
    const email = `race.${mine.tenantId}@example.test`;
    const answers = await Promise.all(Array.from({ length: 4 }, () => owner('POST', '/users', user(email))));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    expect((await owner('GET', '/users?limit=100')).body.data.filter((u: { email: string }) => u.email === email)).toHaveLength(1);
    const taken = answers.find((a) => a.status === 409)!.body;
    // Another business's user: the same answer, word for word, naming neither that business nor its user.
    const elsewhere = await owner('POST', '/users', user(`spare.${theirs.tenantId}@example.test`.toUpperCase()));
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toEqual(taken);
    expect(JSON.stringify(elsewhere.body)).not.toMatch(new RegExp(`${theirs.tenantId}|${theirs.userId}|Theirs|spare`, 'i'));
  });

  it('rotates a device token only for the device itself: every user token, API key and nobody get 401', async () => {
    const rotate = (token: string | null) => apiClient(server.url, token)('POST', '/devices/token');
    for (const caller of CALLERS.filter((c) => c !== 'device')) expect((await rotate(tokenOf(caller))).status, caller).toBe(401);
    const register = await server.pair(await createPairingCode(server.db.kysely, mine, server.now()));
    const rotated = await rotate(register.token);
    expect(rotated.status).toBe(200);
    expect((await apiClient(server.url, rotated.body.token)('GET', '/auth/me')).status).toBe(403);
  });

  it('ends every session of a sign-in when a spent refresh token is used again, and no other sign-in', async () => {
    const anon = apiClient(server.url, null);
    const credentials = { email: `manager.${mine.tenantId}@example.test`, password: 'correct horse battery staple' };
    const stolen = (await anon('POST', '/auth/login', credentials)).body;
    const elsewhere = (await anon('POST', '/auth/login', credentials)).body;
    const rotated = (await anon('POST', '/auth/refresh', { refreshToken: stolen.refreshToken })).body;
    const latest = (await anon('POST', '/auth/refresh', { refreshToken: rotated.refreshToken })).body;
    expect((await apiClient(server.url, latest.accessToken)('GET', '/auth/me')).status).toBe(200);
    // The first refresh token comes back: a thief, or the victim after the thief refreshed.
    expect((await anon('POST', '/auth/refresh', { refreshToken: stolen.refreshToken })).status).toBe(401);
    expect((await apiClient(server.url, latest.accessToken)('GET', '/auth/me')).status).toBe(401);
    expect((await anon('POST', '/auth/refresh', { refreshToken: latest.refreshToken })).status).toBe(401);
    expect((await apiClient(server.url, elsewhere.accessToken)('GET', '/auth/me')).status).toBe(200);
  });

  it('refreshes a token once, logs out, rate-limits sign-in, and stops a disabled user at once', async () => {
    const login = (email: string, password: string) => apiClient(server.url, null)('POST', '/auth/login', { email, password });
    const email = `front_desk.${mine.tenantId}@example.test`;
    const first = await login(email, 'correct horse battery staple');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { role: 'front_desk', tenantId: mine.tenantId } });
    const refreshed = await apiClient(server.url, null)('POST', '/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await apiClient(server.url, first.body.accessToken)('GET', '/auth/me')).status).toBe(401);
    const session = apiClient(server.url, refreshed.body.accessToken);
    expect((await session('GET', '/auth/me')).body).toMatchObject({ kind: 'user', role: 'front_desk' });
    expect((await session('POST', '/auth/logout')).status).toBe(204);
    expect((await session('GET', '/auth/me')).status).toBe(401);
    expect((await apiClient(server.url, null)('POST', '/auth/refresh', { refreshToken: first.body.refreshToken })).status).toBe(401);
    expect((await login(email, 'wrong password')).status).toBe(401);

    const owner = apiClient(server.url, mine.tokens.owner);
    const again = await login(email, 'correct horse battery staple');
    expect((await owner('PATCH', `/users/${again.body.user.id}`, { disabled: true })).status).toBe(200);
    expect((await apiClient(server.url, again.body.accessToken)('GET', '/auth/me')).status).toBe(401);
    expect((await login(email, 'correct horse battery staple')).status).toBe(401);
  });

  it("replicates back-office edits of catalog, staff, clients and location settings down to the tenant's registers", async () => {
    const manager = apiClient(server.url, mine.tokens.manager);
    expect((await manager('PATCH', `/catalog/${mine.catalogId}`, { price: 4250, name: 'Cut & style' })).status).toBe(200);
    expect((await manager('PATCH', `/staff/${mine.staffId}`, { commissionRate: '47.5' })).status).toBe(200);
    expect((await manager('PATCH', `/locations/${mine.locationId}`, { taxes: [{ id: 'vat', name: 'VAT', rate: '8.875' }], tipPresets: ['18', '22'] })).status).toBe(200);
    const register = deviceClient(server.url, { deviceId: mine.deviceId, token: mine.tokens.device, tenantId: mine.tenantId, locationId: mine.locationId });
    const pulled = async (collection: string, id: string) => (await register.pull(collection, null, 100)).body.documents.find((d: { id: string }) => d.id === id);
    expect(await pulled('catalog', mine.catalogId)).toMatchObject({ price: 4250, name: 'Cut & style' });
    expect(await pulled('staff', mine.staffId)).toMatchObject({ commissionRate: '47.5' });
    expect(await pulled('settings', mine.locationId)).toMatchObject({ tipPresets: ['18', '22'], taxes: [{ id: 'vat', name: 'VAT', rate: '8.875' }] });
    expect(await pulled('clients', mine.clientId)).toMatchObject({ name: 'Maria' });
    const reset = await manager('POST', `/staff/${mine.staffId}/pin-reset`);
    expect(reset.body.pin).toMatch(/^\d{6}$/);
    const staff = await pulled('staff', mine.staffId);
    expect(staff.pin).toMatchObject({ algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1 });
    expect(JSON.stringify(staff)).not.toContain(reset.body.pin);
    // A chosen PIN: 4 digits do for a provider; a manager's needs 6, refused with the reason and nothing stored.
    expect((await manager('PUT', `/staff/${mine.staffId}/pin`, { pin: '4821' })).status).toBe(204);
    const providerPin = (await pulled('staff', mine.staffId)).pin;
    expect(await verifyPin('4821', providerPin)).toBe(true);
    // Promoted to manager, the 4-digit PIN goes: it would be shorter than a manager's may be.
    const promoted = await manager('PATCH', `/staff/${mine.staffId}`, { role: 'manager' });
    expect(promoted.body).toMatchObject({ role: 'manager', hasPin: false });
    expect((await pulled('staff', mine.staffId)).pin).toBeNull();
    const short = await manager('PUT', `/staff/${mine.staffId}/pin`, { pin: '4821' });
    expect(short.status).toBe(422);
    expect(short.body.detail).toEqual([{ loc: ['body', 'pin'], msg: "A manager's PIN has 6 digits: ask for it to be reset in the back office.", type: 'value_error.pin' }]);
    expect((await pulled('staff', mine.staffId)).pin).toBeNull();
    expect((await manager('PUT', `/staff/${mine.staffId}/pin`, { pin: '12a4' })).status).toBe(422);
    expect((await manager('PUT', `/staff/${mine.staffId}/pin`, { pin: '748213' })).status).toBe(204);
    expect(await verifyPin('748213', (await pulled('staff', mine.staffId)).pin)).toBe(true);
    // Theirs saw none of it.
    const theirRegister = deviceClient(server.url, { deviceId: theirs.deviceId, token: theirs.tokens.device, tenantId: theirs.tenantId, locationId: theirs.locationId });
    expect((await theirRegister.pull('catalog', null, 100)).body.documents.map((d: { id: string }) => d.id)).toEqual([theirs.catalogId]);
  });

  it('revokes API keys and register tokens', async () => {
    const owner = apiClient(server.url, mine.tokens.owner);
    const key = (await owner('POST', '/api-keys', { name: 'temporary' })).body;
    expect((await apiClient(server.url, key.key)('GET', '/revenue?locationId=' + mine.locationId)).status).toBe(200);
    expect((await owner('DELETE', `/api-keys/${key.id}`)).status).toBe(204);
    expect((await apiClient(server.url, key.key)('GET', '/revenue?locationId=' + mine.locationId)).status).toBe(401);

    const code = (await owner('POST', '/devices/pairing-codes', { locationId: mine.locationId })).body.pairingCode;
    const register = await server.pair(code, 'Spare register');
    expect((await deviceClient(server.url, register).pull('payments', null)).status).toBe(200);
    expect((await owner('DELETE', `/devices/${register.deviceId}`)).status).toBe(204);
    expect((await deviceClient(server.url, register).pull('payments', null)).status).toBe(401);
  });
});

describe.each(databaseKinds())('sign-in rate limit on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    // X-Forwarded-For names the client address, so one test can sign in from several.
    server = await startTestServer(kind, { app: { trustProxy: true, loginRateLimit: { max: 3, perAccountMax: 5, globalMax: 12, timeWindow: 60_000 } } });
  });
  afterAll(() => server.close());

  const login = async (email: string, from: string) => (await apiClient(server.url, null)('POST', '/auth/login', { email, password: 'guess' }, { 'x-forwarded-for': from }));

  it('counts an email padded with spaces, a tab, NBSP or U+3000, or in capitals, as the same account', async () => {
    const padded = ['owner@example.test', ' owner@example.test', 'owner@example.test\t', '\u00a0OWNER@example.test', 'owner@example.test\u3000'];
    const statuses = [];
    for (const email of padded) statuses.push((await login(email, '192.0.2.10')).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect((await login('owner@example.test', '192.0.2.10')).body.detail).toMatch(/^Too many sign-in attempts; try again in \d+ s\.$/);
    expect((await login('someone.else@example.test', '192.0.2.10')).status).toBe(401);
  });

  it('limits one account from many addresses, and the whole server', async () => {
    const statuses = [];
    for (const from of ['192.0.2.11', '192.0.2.11', '192.0.2.12', '192.0.2.12', '192.0.2.13', '192.0.2.13']) statuses.push((await login('ana@example.test', from)).status);
    // Each address stays under its 3, the account reaches its 5.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // 6 + 6 attempts so far: the 12th was the last the server takes this minute, from anyone.
    expect((await login('yan@example.test', '192.0.2.14')).status).toBe(429);
  });
});
