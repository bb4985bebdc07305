import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairResponseBody } from '../../shared/protocol';
import { buildApp } from '../../sync-server/app';
import { openDb, type Db } from '../../sync-server/db/connect';
import { createPairingCode, createTenant } from '../../sync-server/tenants/tenants';
import { cashPayment, deviceClient, openEventStream } from '../support/documents';
import { pinnedClock } from '../support/clock';
import { databaseKinds, freshPostgresDatabase } from '../support/test-server';

// Several stateless instances behind a load balancer serve one PostgreSQL: a write taken by one
// reaches the pull streams of every other through LISTEN/NOTIFY. PGlite is one process, so
// this runs on PostgreSQL only.
describe.runIf(databaseKinds().includes('postgres'))('two server instances on one PostgreSQL', () => {
  const instances: { db: Db; app: FastifyInstance; url: string }[] = [];
  let device: PairResponseBody;

  beforeAll(async () => {
    const databaseUrl = await freshPostgresDatabase();
    const now = pinnedClock();
    for (let i = 0; i < 2; i++) {
      const db = await openDb({ databaseUrl });
      const app = await buildApp({ db, stripe: { secretKey: null }, now });
      instances.push({ db, app, url: await app.listen({ port: 0, host: '127.0.0.1' }) });
    }
    const tenant = await createTenant(instances[0]!.db.kysely, { name: 'Chain', location: { name: 'A', timeZone: 'UTC', currency: 'USD' } }, now());
    const code = await createPairingCode(instances[0]!.db.kysely, tenant, now());
    const response = await fetch(`${instances[1]!.url}/api/v1/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairingCode: code, name: 'R' }),
    });
    device = await response.json();
  });
  afterAll(async () => {
    for (const { app, db } of instances) {
      await app.close();
      await db.close();
    }
  });

  it("streams a push taken by one instance to a register listening on the other, in order", async () => {
    const stream = await openEventStream(`${instances[1]!.url}/api/v1/replication/payments/pull-stream`, device.token);
    await stream.readUntil('"RESYNC"');

    const first = [cashPayment(device, 1000), cashPayment(device, 2000)];
    const second = [cashPayment(device, 3000)];
    const client = deviceClient(instances[0]!.url, device);
    expect((await client.push('payments', first)).status).toBe(200);
    expect((await client.push('payments', second)).status).toBe(200);
    await stream.readUntil(second[0]!.id);
    stream.close();

    const events = stream.events();
    const received = events.flatMap((event) => event.documents.map((doc: { id: string }) => doc.id));
    expect(received).toEqual([...first, ...second].map((doc) => doc.id));
    const seqs = events.map((event) => event.checkpoint.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});
