import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairResponseBody } from '../../shared/protocol';
import { projectPending } from '../../sync-server/projections/projector';
import { currentSeq, pushDocuments, type Scope } from '../../sync-server/replication/store';
import { cashPayment, deviceClient } from '../support/documents';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

const RECEIVED = new Date('2026-11-21T15:00:00.000Z');

describe.each(databaseKinds())('back-office projections follow the replication sequence on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  async function register(): Promise<{ device: PairResponseBody; scope: Scope }> {
    const tenant = await server.newTenant();
    const device = await server.pair(tenant.pairingCode);
    return { device, scope: { tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId } };
  }

  const checkpoint = async (tenantId: string) =>
    Number((await server.db.kysely.selectFrom('projection_checkpoints').select('seq').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).seq);

  /** Every projected row of a tenant, comparable across runs. */
  async function projection(tenantId: string) {
    const facts = await sql<{ payment_id: string; amount: string; received_at: Date }>`
      select payment_id, amount, received_at from payment_facts where tenant_id = ${tenantId} order by payment_id`.execute(server.db.kysely);
    const ledger = await sql<{ id: string; amount: string; received_at: Date }>`
      select id, amount, received_at from ledger_entries where tenant_id = ${tenantId} order by id`.execute(server.db.kysely);
    return { facts: facts.rows, ledger: ledger.rows };
  }

  it('a push only stores; the projector then projects each payment once, with the time the server received it', async () => {
    const { device, scope } = await register();
    const payments = [cashPayment(device, 1200), cashPayment(device, 3450, { tip: 500 })];
    await pushDocuments(server.db.kysely, 'payments', payments.map((p) => ({ newDocumentState: { ...p, _deleted: false } })), scope, RECEIVED);
    expect((await projection(scope.tenantId)).facts).toEqual([]);

    await projectPending(server.db.kysely, scope.tenantId);
    const { facts, ledger } = await projection(scope.tenantId);
    expect(facts.map((f) => [f.payment_id, Number(f.amount)]).sort()).toEqual(payments.map((p) => [p.id, p.amount]).sort());
    expect(ledger).toHaveLength(2);
    const received = await server.db.kysely.selectFrom('documents').select(['id', 'received_at']).where('collection', '=', 'payments').where('tenant_id', '=', scope.tenantId).execute();
    for (const doc of received) {
      expect(doc.received_at).toEqual(RECEIVED);
      expect(facts.find((f) => f.payment_id === doc.id)!.received_at).toEqual(doc.received_at);
      expect(ledger.find((e) => e.id === `${doc.id}:location`)!.received_at).toEqual(doc.received_at);
    }
    expect(await checkpoint(scope.tenantId)).toBe(await currentSeq(server.db.kysely, scope.tenantId));
  });

  it('projecting the whole sequence again changes nothing', async () => {
    const { device, scope } = await register();
    await pushDocuments(server.db.kysely, 'payments', [1000, 2000, 3000].map((amount) => ({ newDocumentState: { ...cashPayment(device, amount), _deleted: false } })), scope, RECEIVED);
    await projectPending(server.db.kysely, scope.tenantId);
    const before = await projection(scope.tenantId);
    await server.db.kysely.updateTable('projection_checkpoints').set({ seq: 0 }).where('tenant_id', '=', scope.tenantId).execute();
    await projectPending(server.db.kysely, scope.tenantId);
    expect(await projection(scope.tenantId)).toEqual(before);
  });

  it('catches up by itself after a push over HTTP, before anyone reads', async () => {
    const { device, scope } = await register();
    const payment = cashPayment(device, 4321);
    expect((await deviceClient(server.url, device).push('payments', [payment])).status).toBe(200);
    for (let tries = 0; tries < 100 && (await projection(scope.tenantId)).facts.length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await projection(scope.tenantId)).facts.map((f) => f.payment_id)).toEqual([payment.id]);
  });

  it('concurrent runs between pushes project every payment exactly once and end at the sequence', async () => {
    const { device, scope } = await register();
    const client = deviceClient(server.url, device);
    const pushed: number[] = [];
    const runs: Promise<unknown>[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const amounts = Array.from({ length: 20 }, (_, i) => 100 * batch + i + 1);
      pushed.push(...amounts);
      expect((await client.push('payments', amounts.map((amount) => cashPayment(device, amount)))).status).toBe(200);
      runs.push(projectPending(server.db.kysely, scope.tenantId), projectPending(server.db.kysely, scope.tenantId));
    }
    await Promise.all(runs);
    const seq = await currentSeq(server.db.kysely, scope.tenantId);
    for (let tries = 0; tries < 100 && (await checkpoint(scope.tenantId)) < seq; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await checkpoint(scope.tenantId)).toBe(seq);
    const { facts, ledger } = await projection(scope.tenantId);
    expect(facts.map((f) => Number(f.amount)).sort((a, b) => a - b)).toEqual(pushed);
    expect(ledger.map((e) => Number(e.amount)).reduce((a, b) => a + b, 0)).toBe(pushed.reduce((a, b) => a + b, 0));
  });
});
