import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, signIn } from '../support/backoffice';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

// The last second of a year in UTC: a pairing code made then lives into the next year.
const T0 = new Date('2027-12-31T23:59:59.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const DAY_MS = 86_400_000;

describe.each(databaseKinds())("the server's rows take their time from its injected clock on %s", (kind) => {
  let server: TestServer;
  let clock = T0;

  beforeAll(async () => {
    server = await startTestServer(kind, { app: { now: () => clock } });
  });
  afterAll(() => server.close());

  it('expires pairing codes 24 hours after they were made on that clock, and stamps devices with it', async () => {
    const tenant = await server.newTenant('Clock salon');
    const owner = apiClient(server.url, await signIn(server, tenant.tenantId, 'owner'));
    expect((await owner('POST', '/api-keys', { name: 'books' })).body.createdAt).toBe(T0.toISOString());
    const code = async () => {
      const r = await owner('POST', '/devices/pairing-codes', { locationId: tenant.locationId });
      expect(r.body.expiresAt).toBe(at(DAY_MS).toISOString());
      return r.body.pairingCode as string;
    };
    const [early, late] = [await code(), await code()];

    clock = at(DAY_MS - 1000);
    const paired = await server.pair(early, 'Just in time');
    clock = at(DAY_MS + 1000);
    const refused = await fetch(`${server.url}/api/v1/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairingCode: late, name: 'Too late' }),
    });
    expect(refused.status).toBe(401);

    // The owner's 15-minute token has expired on this clock; a fresh sign-in lists the one register.
    expect((await owner('GET', '/devices')).status).toBe(401);
    const later = apiClient(server.url, await signIn(server, tenant.tenantId, 'owner', `later.${tenant.tenantId}@example.test`));
    expect((await later('GET', '/devices')).body.data).toEqual([
      { id: paired.deviceId, locationId: tenant.locationId, name: 'Just in time', createdAt: at(DAY_MS - 1000).toISOString(), lastSeenAt: null, revoked: false },
    ]);
  });
});
