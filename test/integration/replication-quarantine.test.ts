import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { openRegisterDatabase } from '../../renderer/src/db/database';
import { startSync } from '../../renderer/src/sync/replication';
import { cashPayment, deviceClient } from '../support/documents';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

describe.each(databaseKinds())('documents the server refuses, on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  it('sets refused documents aside with the reason and sends every other one of their batch; nothing is deleted', async () => {
    const device = await server.pair((await server.newTenant()).pairingCode);
    const db = await openRegisterDatabase({ name: `quarantine${kind}`, storage: getRxStorageMemory(), collections: ['payments'] });
    const good = [1, 2, 3, 4].map((n) => cashPayment(device, n * 100));
    const elsewhere = cashPayment(device, 500, { locationId: newId() });
    const poisoned = cashPayment(device, 600, { label: 'Visa\u0000' });
    // Planted between good ones, so all six go in one push.
    await db.payments.bulkInsert([good[0]!, good[1]!, elsewhere, good[2]!, poisoned, good[3]!]);
    const sync = startSync({ db, target: { serverUrl: server.url, token: device.token, tenantId: device.tenantId }, retryMs: 100 });
    await sync.awaitInSync();
    await sync.stop();

    const { body } = await deviceClient(server.url, device).pull('payments', null);
    expect(body.documents.map((p: { id: string }) => p.id).sort()).toEqual(good.map((p) => p.id).sort());
    const kept = await db.sync_outbox.find().exec();
    expect(kept.map((row) => [row.docId, row.refusedAt !== undefined, row.reason]).sort()).toEqual(
      [
        [elsewhere.id, true, "locationId is not this device's location"],
        [poisoned.id, true, 'label must not contain a NUL character or an unpaired surrogate'],
      ].sort(),
    );
    expect(await db.payments.count().exec()).toBe(6);
    await db.remove();
  });
});
