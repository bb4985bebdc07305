import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, signIn } from '../support/backoffice';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

const pair = (server: TestServer, pairingCode: string, name = 'Desk') =>
  fetch(`${server.url}/api/v1/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pairingCode, name }) });

/** This machine's first address that is not loopback: the LAN side of a server bound to every interface. */
const lanAddress = () => Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4')?.address;

describe.each(databaseKinds())('pairing registers on %s', (kind) => {
  let server: TestServer;
  let owner: ReturnType<typeof apiClient>;
  let locationId: string;

  beforeAll(async () => {
    server = await startTestServer(kind, { demo: true, app: { pairRateLimit: { max: 8, timeWindow: 60_000 } } });
    const tenant = await server.newTenant();
    locationId = tenant.locationId;
    owner = apiClient(server.url, await signIn(server, tenant.tenantId, 'owner'));
  });
  afterAll(() => server.close());

  it('pairs one register with a code from the back office, however many try at once; a multi-use code pairs several', async () => {
    const single = await owner('POST', '/devices/pairing-codes', { locationId });
    expect(single.body).toMatchObject({ locationId, multiUse: false });
    const racing = await Promise.all([pair(server, single.body.pairingCode), pair(server, single.body.pairingCode), pair(server, single.body.pairingCode)]);
    expect(racing.map((r) => r.status).sort()).toEqual([201, 401, 401]);
    expect((await pair(server, single.body.pairingCode)).status).toBe(401);

    const multi = await owner('POST', '/devices/pairing-codes', { locationId, multiUse: true });
    expect(multi.body.multiUse).toBe(true);
    expect([(await pair(server, multi.body.pairingCode)).status, (await pair(server, multi.body.pairingCode)).status]).toEqual([201, 201]);
  });

  it('slows guessing down: past the limit a wrong code and a right one alike get 429', async () => {
    const code = (await owner('POST', '/devices/pairing-codes', { locationId })).body.pairingCode;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await pair(server, `WRONG-${i}`)).status);
    statuses.push((await pair(server, code)).status);
    // 8 a minute: the first test used 7 (3 + 1 + 2, and one here is the 8th).
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(429);
    const answer = await pair(server, code);
    expect(answer.status).toBe(429);
    expect(await answer.json()).toEqual({ detail: expect.stringMatching(/^Too many pairing attempts; try again in \d+ s\.$/) });
  });
});

describe.each(databaseKinds())("the demo's pairing code on %s", (kind) => {
  let server: TestServer;
  let port: string;

  beforeAll(async () => {
    // Listening on every interface, as `--host 0.0.0.0` serves registers on the LAN.
    server = await startTestServer(kind, { demo: true, host: '0.0.0.0' });
    port = new URL(server.url).port;
  });
  afterAll(() => server.close());

  it('is offered on a loopback address only, never to the network', async () => {
    const local = await fetch(`http://127.0.0.1:${port}/api/v1/demo`);
    expect(local.status).toBe(200);
    expect((await local.json()).pairingCode).toMatch(/\w/);
    const lan = lanAddress();
    expect(lan, 'this machine has a non-loopback IPv4 address').toBeDefined();
    const remote = await fetch(`http://${lan}:${port}/api/v1/demo`);
    expect(remote.status).toBe(404);
    expect(await remote.json()).toEqual({ detail: 'The demo pairing code is offered only on this machine (a loopback address).' });
  });
});
