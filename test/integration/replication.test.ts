import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { PaymentDoc } from '../../shared/schemas/index';
import { openRegisterDatabase, type RegisterDatabase } from '../../renderer/src/db/database';
import { startSync, type SyncHandle } from '../../renderer/src/sync/replication';
import { upsertServerDocuments } from '../../sync-server/replication/store';
import { createPairingCode } from '../../sync-server/tenants/tenants';
import { cashPayment, deviceClient, openEventStream } from '../support/documents';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';
import type { PairResponseBody } from '../../shared/protocol';

/** A fetch that fails every `n`th request as a dropped network would. */
function flakyFetch(n: number): typeof fetch {
  let count = 0;
  return (input, init) => {
    count += 1;
    if (count % n === 0) return Promise.reject(new TypeError('network down (simulated)'));
    return fetch(input, init);
  };
}

describe.each(databaseKinds())('replication on %s', (kind) => {
  let server: TestServer;
  const open: { db: RegisterDatabase; sync?: SyncHandle }[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());
  afterEach(async () => {
    for (const { db, sync } of open.splice(0)) {
      await sync?.stop();
      await db.remove();
    }
  });

  async function register(device: PairResponseBody, fetchImpl?: typeof fetch) {
    const db = await openRegisterDatabase({ name: `reg${newId().replace(/-/g, '')}`, storage: getRxStorageMemory(), collections: ['payments'] });
    const sync = startSync({ db, target: { serverUrl: server.url, token: device.token, tenantId: device.tenantId }, fetch: fetchImpl, retryMs: 100 });
    open.push({ db, sync });
    return { db, sync };
  }

  /** A tenant with a second location, Uptown, and a register paired at each. */
  async function twoShops(name: string) {
    const tenant = await server.newTenant(name);
    const uptown = newId();
    await server.db.kysely.insertInto('locations').values({ id: uptown, tenant_id: tenant.tenantId, name: 'Uptown', time_zone: 'America/Chicago', currency: 'USD', created_at: server.now() }).execute();
    const front = await server.pair(tenant.pairingCode);
    const upstairs = await server.pair(await createPairingCode(server.db.kysely, { tenantId: tenant.tenantId, locationId: uptown }, server.now()));
    return { tenant, uptown, front, upstairs };
  }

  it('two registers push 200 payments, one through a network failing every third request; a fresh register pulls them all', async () => {
    const tenant = await server.newTenant();
    const [deviceA, deviceB, deviceC] = [await server.pair(tenant.pairingCode, 'A'), await server.pair(tenant.pairingCode, 'B'), await server.pair(tenant.pairingCode, 'C')];
    const a = await register(deviceA);
    const b = await register(deviceB, flakyFetch(3));
    const made: PaymentDoc[] = [];
    for (let i = 0; i < 100; i++) {
      const pa = cashPayment(deviceA, 100 + i);
      const pb = cashPayment(deviceB, 1000 + i * 7);
      made.push(pa, pb);
      await a.db.payments.insert(pa);
      await b.db.payments.insert(pb);
    }
    await a.sync.awaitInSync();
    await b.sync.awaitInSync();
    expect(await b.db.sync_outbox.count().exec()).toBe(0);

    const c = await register(deviceC);
    await c.sync.awaitInSync();
    const pulled = await c.db.payments.find().exec();
    expect(pulled).toHaveLength(200);
    expect(pulled.map((p) => p.id).sort()).toEqual(made.map((p) => p.id).sort());
    const sum = (docs: { amount: number }[]) => docs.reduce((total, p) => total + p.amount, 0);
    expect(sum(pulled)).toBe(sum(made));
    expect(sum(made)).toBe(100 * 100 + 4950 + 100 * 1000 + 7 * 4950);
  });

  it('reports the connection as the pull stream has it: down the moment the stream drops, up again when it is re-made', async () => {
    const tenant = await server.newTenant();
    const device = await server.pair(tenant.pairingCode);
    let cut: (() => void) | null = null;
    // The pull stream's body, which the test can break as a dropped network does.
    const network: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes('/pull-stream')) return response;
      const reader = response.body!.getReader();
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => void (cut = () => (controller.error(new TypeError('network down (simulated)')), void reader.cancel())),
        pull: async (controller) => {
          const { value, done } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const { sync } = await register(device, network);
    await sync.awaitInSync();
    await expect.poll(() => sync.status$.value.connected && cut !== null).toBe(true);
    const seen: boolean[] = [];
    const sub = sync.status$.subscribe((status) => seen.push(status.connected));
    cut!();
    await expect.poll(() => seen.includes(false), { timeout: 1000, interval: 10 }).toBe(true);
    expect(sync.status$.value.lastError).toContain('network down');
    await expect.poll(() => sync.status$.value.connected, { timeout: 5000 }).toBe(true); // re-made after retryMs
    sub.unsubscribe();
  });

  it('survives twenty offline/online flips while sales keep coming, and every sale arrives once', async () => {
    const tenant = await server.newTenant();
    const device = await server.pair(tenant.pairingCode);
    let online = true;
    const network: typeof fetch = (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('offline (simulated)')));
    const { db, sync } = await register(device, network);
    const made: PaymentDoc[] = [];
    for (let flip = 0; flip < 20; flip++) {
      online = flip % 2 === 1;
      for (let i = 0; i < 5; i++) {
        const payment = cashPayment(device, 100 * flip + i + 1);
        made.push(payment);
        await db.payments.insert(payment);
      }
      await new Promise((resolve) => setTimeout(resolve, 60));
      if (online) sync.reSync();
    }
    online = true;
    sync.reSync();
    await sync.awaitInSync();
    await expect.poll(() => db.sync_outbox.count().exec(), { timeout: 10_000 }).toBe(0);
    const { body } = await deviceClient(server.url, device).pull('payments', null, 1000);
    expect(body.documents.map((d: PaymentDoc) => d.id).sort()).toEqual(made.map((p) => p.id).sort());
    expect(body.documents.reduce((sum: number, d: PaymentDoc) => sum + d.amount, 0)).toBe(made.reduce((sum, p) => sum + p.amount, 0));
  });

  it('pushing the same batch again stores nothing new', async () => {
    const tenant = await server.newTenant();
    const device = await server.pair(tenant.pairingCode);
    const client = deviceClient(server.url, device);
    const batch = [cashPayment(device, 500), cashPayment(device, 700)];
    expect((await client.push('payments', batch)).body).toEqual([]);
    const before = await client.pull('payments', 0);
    expect((await client.push('payments', batch)).body).toEqual([]);
    const after = await client.pull('payments', 0);
    expect(after.body.documents).toHaveLength(2);
    expect(after.body.checkpoint).toEqual(before.body.checkpoint);
  });

  it('a reader pulling while 5 registers push concurrently sees every document, in sequence order', async () => {
    const tenant = await server.newTenant();
    const devices = await Promise.all([1, 2, 3, 4, 5].map((n) => server.pair(tenant.pairingCode, `R${n}`)));
    const reader = deviceClient(server.url, devices[0]!);
    const written = new Set<string>();
    let writersDone = false;

    const writers = devices.map(async (device) => {
      const client = deviceClient(server.url, device);
      for (let batch = 0; batch < 20; batch++) {
        const docs = Array.from({ length: 10 }, (_, i) => cashPayment(device, batch * 10 + i + 1));
        const result = await client.push('payments', docs);
        expect(result.status).toBe(200);
        docs.forEach((doc) => written.add(doc.id));
      }
    });
    const seen = new Set<string>();
    const seqs: number[] = [];
    const readerLoop = (async () => {
      let seq = 0;
      for (;;) {
        const done = writersDone;
        const { body } = await reader.pull('payments', seq, 37);
        body.documents.forEach((doc: { id: string }) => seen.add(doc.id));
        expect(body.checkpoint.seq).toBeGreaterThanOrEqual(seq);
        seqs.push(body.checkpoint.seq);
        seq = body.checkpoint.seq;
        if (done && body.documents.length === 0) return;
      }
    })();
    await Promise.all(writers);
    writersDone = true;
    await readerLoop;
    expect(written.size).toBe(1000);
    expect(seen.size).toBe(1000);
    expect([...written].every((id) => seen.has(id))).toBe(true);
  });

  it("refuses a device access to another tenant's data", async () => {
    const home = await server.newTenant('Home');
    const other = await server.newTenant('Other');
    const homeDevice = await server.pair(home.pairingCode);
    const otherDevice = await server.pair(other.pairingCode);
    const payment = cashPayment(homeDevice, 1200);
    await deviceClient(server.url, homeDevice).push('payments', [payment]);

    const intruder = deviceClient(server.url, otherDevice, home.tenantId);
    expect((await intruder.pull('payments', null)).status).toBe(403);
    expect((await intruder.push('payments', [cashPayment(otherDevice, 1)])).status).toBe(403);
    // The same id under the intruder's own tenant would overwrite the home tenant's payment.
    const overwrite = await deviceClient(server.url, otherDevice).push('payments', [{ ...cashPayment(otherDevice, 1), id: payment.id }]);
    expect(overwrite.status).toBe(403);
    const foreign = await deviceClient(server.url, otherDevice).push('payments', [cashPayment(homeDevice, 1)]);
    expect(foreign.status).toBe(422);
    expect(foreign.body.detail[0]).toMatchObject({ loc: ['body', 0, 'newDocumentState', 'tenantId'], type: 'scope.tenant' });

    const { body } = await deviceClient(server.url, otherDevice).pull('payments', null);
    expect(body.documents).toEqual([]);
    const home0 = await deviceClient(server.url, homeDevice).pull('payments', null);
    expect(home0.body.documents.map((d: PaymentDoc) => [d.id, d.amount])).toEqual([[payment.id, 1200]]);
  });

  it("serves a register its own location's documents and the business's shared ones, not another location's", async () => {
    const { tenant, uptown, front, upstairs } = await twoShops('Two shops');
    expect(upstairs.locationId).toBe(uptown);
    const stream = await openEventStream(`${server.url}/api/v1/replication/pull-stream?collections=payments,staff`, upstairs.token);
    await stream.readUntil('RESYNC');
    const here = cashPayment(front, 1200);
    const there = cashPayment(upstairs, 3400);
    expect((await deviceClient(server.url, front).push('payments', [here])).status).toBe(200);
    expect((await deviceClient(server.url, upstairs).push('payments', [there])).status).toBe(200);
    const ana = {
      id: newId(), tenantId: tenant.tenantId, locationIds: [tenant.locationId, uptown], name: 'Ana', role: 'provider', providesServices: true,
      commissionRate: '45', tipCommissionRate: '100', active: true, updatedAt: '2026-11-21T15:00:00.000Z', _deleted: false,
    };
    await upsertServerDocuments(server.db.kysely, 'staff', [ana], { tenantId: tenant.tenantId, locationId: tenant.locationId, deviceId: null }, new Date(ana.updatedAt));

    const ids = async (device: PairResponseBody, collection: string) => (await deviceClient(server.url, device).pull(collection, null)).body.documents.map((d: { id: string }) => d.id);
    expect(await ids(front, 'payments')).toEqual([here.id]);
    expect(await ids(upstairs, 'payments')).toEqual([there.id]);
    expect(await ids(upstairs, 'staff')).toHaveLength(1);
    await stream.readUntil('"staff"');
    const streamed = stream.events().flatMap((e: { collection: string; documents: { id: string }[] }) => e.documents.map((d) => [e.collection, d.id]));
    stream.close();
    expect(streamed.filter(([collection]) => collection === 'payments')).toEqual([['payments', there.id]]);
  });

  it("sends a staff member's PIN hash only to registers of that staff member's locations, and clears it where they leave", async () => {
    const { tenant, uptown, front, upstairs } = await twoShops('Two shops, two PINs');
    const stream = await openEventStream(`${server.url}/api/v1/replication/pull-stream?collections=staff`, upstairs.token);
    await stream.readUntil('RESYNC');
    const pin = { algorithm: 'PBKDF2-SHA256', salt: 'c2FsdHNhbHRzYWx0c2FsdA==', iterations: 600000, hash: 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=' };
    const person = (name: string, locationIds: string[]) => ({
      id: newId(), tenantId: tenant.tenantId, locationIds, name, role: 'manager', providesServices: false,
      commissionRate: '0', tipCommissionRate: '0', active: true, pin, updatedAt: '2026-11-21T15:00:00.000Z', _deleted: false,
    });
    const downtownOnly = person('Dana', [tenant.locationId]);
    const both = person('Ana', [tenant.locationId, uptown]);
    const write = (docs: object[]) => upsertServerDocuments(server.db.kysely, 'staff', docs as never, { tenantId: tenant.tenantId, locationId: tenant.locationId, deviceId: null }, server.now());
    await write([downtownOnly, both]);

    const pins = async (device: PairResponseBody) =>
      Object.fromEntries((await deviceClient(server.url, device).pull('staff', null)).body.documents.map((d: { name: string; pin: unknown }) => [d.name, d.pin]));
    expect(await pins(front)).toEqual({ Dana: pin, Ana: pin });
    expect(await pins(upstairs)).toEqual({ Dana: null, Ana: pin });
    await stream.readUntil('"staff"');
    const streamed = () => stream.events().flatMap((e: { documents: { name: string; pin: unknown }[] }) => e.documents.map((d) => [d.name, d.pin]));
    expect(streamed()).toEqual([['Dana', null], ['Ana', pin]]);

    // Ana leaves uptown: her next version reaches uptown without the hash, replacing the one it held.
    await write([{ ...both, locationIds: [tenant.locationId], updatedAt: '2026-11-22T15:00:00.000Z' }]);
    expect(await pins(upstairs)).toEqual({ Dana: null, Ana: null });
    await stream.readUntil('2026-11-22');
    stream.close();
    expect(streamed().at(-1)).toEqual(['Ana', null]);
  });
});
