import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentDoc } from '../../shared/schemas/index';
import type { PairResponseBody } from '../../shared/protocol';
import { openRegisterDatabase, type RegisterDatabase } from '../../renderer/src/db/database';
import { startSync, type SyncHandle } from '../../renderer/src/sync/replication';
import { startChaosProxy } from '../support/chaos-proxy';
import { cashPayment, deviceClient } from '../support/documents';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

const REGISTERS = 3;
const SALES = 300;
const BATCH = 10;
const CONVERGE_MS = 40_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sum = (docs: readonly { amount: number }[]) => docs.reduce((total, doc) => total + doc.amount, 0);

/** Every payment the server holds, page by page, straight from the server. */
async function serverPayments(server: TestServer, device: PairResponseBody): Promise<PaymentDoc[]> {
  const client = deviceClient(server.url, device);
  const all: PaymentDoc[] = [];
  for (let seq = 0; ; ) {
    const { body } = await client.pull('payments', seq, 1000);
    all.push(...(body.documents as PaymentDoc[]));
    if (body.documents.length < 1000) return all;
    seq = body.checkpoint.seq;
  }
}

describe.each(databaseKinds())('replication through a bad network on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  it(`${REGISTERS} registers push ${SALES} sales each through resets, delays, lost answers and cut streams; every register ends with every sale`, async () => {
    const started = Date.now();
    const proxy = await startChaosProxy(server.url, {
      seed: 14,
      reset: 0.2,
      delay: 0.15,
      maxDelayMs: 300,
      dropResponse: 0.15,
      streamCutMs: [200, 1500],
    });
    const tenant = await server.newTenant();
    const registers: { device: PairResponseBody; db: RegisterDatabase; sync: SyncHandle }[] = [];
    for (let r = 0; r < REGISTERS; r++) {
      const device = await server.pair(tenant.pairingCode, `R${r}`);
      const db = await openRegisterDatabase({ name: `chaos${kind}${r}`, storage: getRxStorageMemory(), collections: ['payments'] });
      const sync = startSync({
        db,
        target: { serverUrl: proxy.url, token: device.token, tenantId: device.tenantId },
        retryMs: 100,
        pushBatchSize: BATCH,
        pullBatchSize: 50,
      });
      registers.push({ device, db, sync });
    }

    const made: PaymentDoc[] = [];
    for (let round = 0; round < SALES / BATCH; round++) {
      for (const [r, { device, db }] of registers.entries()) {
        const batch = Array.from({ length: BATCH }, (_, i) => cashPayment(device, 100 + r * 10_000 + round * BATCH + i));
        made.push(...batch);
        await db.payments.bulkInsert(batch);
      }
      await sleep(30);
    }
    const written = Date.now();

    const counts = () => Promise.all(registers.map(async ({ db }) => [await db.payments.count().exec(), await db.sync_outbox.count().exec()] as const));
    let seen = await counts();
    while (seen.some(([payments, waiting]) => payments < made.length || waiting > 0) && Date.now() - written < CONVERGE_MS) {
      await sleep(200);
      seen = await counts();
    }
    const converged = Date.now();
    await Promise.all(registers.map(({ sync }) => sync.stop()));
    await proxy.close();

    const stored = await serverPayments(server, registers[0]!.device);
    console.info(
      `chaos on ${kind}: ${made.length} sales, ${proxy.figures.requests} requests, ${proxy.figures.resets} reset, ${proxy.figures.delays} delayed, ` +
        `${proxy.figures.droppedResponses} answers dropped, ${proxy.figures.streamCuts} streams cut; written in ${written - started} ms, ` +
        `every register complete ${converged - written} ms later; registers hold ${seen.map(([payments]) => payments).join(', ')}`,
    );
    expect(proxy.figures.resets * proxy.figures.delays * proxy.figures.droppedResponses * proxy.figures.streamCuts).toBeGreaterThan(0);
    expect(stored.map((p) => p.id).sort()).toEqual(made.map((p) => p.id).sort());
    expect(sum(stored)).toBe(sum(made));
    for (const { db } of registers) {
      const held = await db.payments.find().exec();
      expect(held.map((p) => p.id).sort()).toEqual(made.map((p) => p.id).sort());
      expect(sum(held)).toBe(sum(made));
      expect(await db.sync_outbox.count().exec()).toBe(0);
      await db.remove();
    }
  });
});
