import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairResponseBody } from '../../shared/protocol';
import { apiClient, signIn } from '../support/backoffice';
import { cashPayment, deviceClient, openEventStream } from '../support/documents';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

describe.each(databaseKinds())('device tokens and live pull streams on %s', (kind) => {
  let server: TestServer;
  let tenant: Awaited<ReturnType<TestServer['newTenant']>>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    tenant = await server.newTenant();
  });
  afterAll(() => server.close());

  const streamUrl = () => `${server.url}/api/v1/replication/pull-stream?collections=payments`;
  const rotate = async (device: PairResponseBody) =>
    fetch(`${server.url}/api/v1/devices/token`, { method: 'POST', headers: { authorization: `Bearer ${device.token}` } });

  it('ends a revoked register\'s live pull stream at once, and only its own', async () => {
    const [revoked, kept] = [await server.pair(tenant.pairingCode, 'Lost'), await server.pair(tenant.pairingCode, 'Kept')];
    const [gone, open] = [await openEventStream(streamUrl(), revoked.token), await openEventStream(streamUrl(), kept.token)];
    await gone.readUntil('RESYNC');
    await open.readUntil('RESYNC');
    const owner = apiClient(server.url, await signIn(server, tenant.tenantId, 'owner'));
    expect((await owner('DELETE', `/devices/${revoked.deviceId}`)).status).toBe(204);
    expect(await gone.readToEnd()).toBe('data: "RESYNC"\n\n');
    // The other register's stream still carries the tenant's sales.
    const sale = cashPayment(kept, 700);
    await deviceClient(server.url, kept).push('payments', [sale]);
    await open.readUntil(sale.id);
    open.close();
    await expect.poll(() => server.app.changeFeed.subscribers(tenant.tenantId)).toBe(0);
  });

  it('rotates a token: the old one stops at once, its stream ends, the new one replicates', async () => {
    const device = await server.pair(tenant.pairingCode, 'Rotating');
    const before = await openEventStream(streamUrl(), device.token);
    await before.readUntil('RESYNC');
    const answer = await rotate(device);
    expect(answer.status).toBe(200);
    const { token } = (await answer.json()) as { token: string };
    expect(token).not.toBe(device.token);
    expect(await before.readToEnd()).toBe('data: "RESYNC"\n\n');
    expect((await deviceClient(server.url, device).pull('payments', null)).status).toBe(401);
    expect((await rotate(device)).status).toBe(401);
    const renewed = { ...device, token };
    const after = await openEventStream(streamUrl(), token);
    await after.readUntil('RESYNC');
    const sale = cashPayment(renewed, 900);
    expect((await deviceClient(server.url, renewed).push('payments', [sale])).status).toBe(200);
    await after.readUntil(sale.id);
    after.close();
  });

  it('leaves no subscription behind when a register leaves while its stream is being opened', async () => {
    const device = await server.pair(tenant.pairingCode, 'Impatient');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Hold the tenant's sequence (and, on PGlite, its one session) so the stream waits to start.
    const locked = server.db.kysely.transaction().execute(async (trx) => {
      await sql`lock table tenant_seq in access exclusive mode`.execute(trx);
      await held;
    });
    const controller = new AbortController();
    const leaving = fetch(streamUrl(), { headers: { authorization: `Bearer ${device.token}` }, signal: controller.signal }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    await leaving;
    release();
    await locked;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.app.changeFeed.subscribers(tenant.tenantId)).toBe(0);
  });
});
