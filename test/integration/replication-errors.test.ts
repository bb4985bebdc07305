import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cashPayment, deviceClient, openEventStream } from '../support/documents';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';
import type { PairResponseBody } from '../../shared/protocol';

describe.each(databaseKinds())('replication bad input on %s', (kind) => {
  let server: TestServer;
  let device: PairResponseBody;

  beforeAll(async () => {
    server = await startTestServer(kind);
    device = await server.pair((await server.newTenant()).pairingCode);
  });
  afterAll(() => server.close());

  it('rejects a whole batch with one document that fails its schema, and stores nothing from it', async () => {
    const client = deviceClient(server.url, device);
    const good = cashPayment(device, 900);
    const bad = { ...cashPayment(device, 100), amount: 12.5, tender: 'BITCOIN' };
    const result = await client.push('payments', [good, bad]);
    expect(result.status).toBe(422);
    expect(result.body.detail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ loc: ['body', 1, 'newDocumentState', 'amount'], type: 'schema.type' }),
        expect.objectContaining({ loc: ['body', 1, 'newDocumentState', 'tender'], type: 'schema.enum' }),
      ]),
    );
    expect((await client.pull('payments', null)).body.documents.map((d: { id: string }) => d.id)).not.toContain(good.id);
  });

  it('refuses a NUL or an unpaired surrogate in any string with 422 naming the field, where the database would fail the batch forever', async () => {
    const client = deviceClient(server.url, device);
    const good = cashPayment(device, 900);
    const poisoned = [{ ...cashPayment(device, 100), label: 'Visa\u0000' }, { ...cashPayment(device, 100), label: 'x\uD800' }];
    const result = await client.push('payments', [good, ...poisoned]);
    expect(result.status).toBe(422);
    expect(result.body.detail).toEqual([
      { loc: ['body', 1, 'newDocumentState', 'label'], msg: 'must not contain a NUL character or an unpaired surrogate', type: 'schema.safeText' },
      { loc: ['body', 2, 'newDocumentState', 'label'], msg: 'must not contain a NUL character or an unpaired surrogate', type: 'schema.safeText' },
    ]);
    expect((await client.push('payments', [good])).status).toBe(200);
    // A paired surrogate (an emoji) is text like any other.
    expect((await client.push('payments', [{ ...cashPayment(device, 100), label: 'Gift \u{1F381}' }])).status).toBe(200);
    const pulled = await fetch(`${server.url}/api/v1/replication/pull-stream?collections=pay%00ments`, { headers: { authorization: `Bearer ${device.token}` } });
    expect(pulled.status).toBe(422);
  });

  it('refuses to change a stored payment: money history is append-only', async () => {
    const client = deviceClient(server.url, device);
    const payment = cashPayment(device, 2500);
    await client.push('payments', [payment]);
    const edited = await client.push('payments', [{ ...payment, amount: 1 }], [{ ...payment, _deleted: false }]);
    expect(edited.status).toBe(422);
    expect(edited.body.detail[0].type).toBe('invariant.append_only');
    const stale = await client.push('payments', [{ ...payment, amount: 1 }]);
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual([expect.objectContaining({ id: payment.id, amount: 2500 })]);
  });

  it('answers 404 for an unknown collection, 403 for pushing reference data, 401 without a valid token', async () => {
    const client = deviceClient(server.url, device);
    expect((await client.pull('invoices', null)).status).toBe(404);
    expect((await client.push('catalog', [])).status).toBe(403);
    const anonymous = await fetch(`${server.url}/api/v1/replication/payments/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ checkpoint: null, batchSize: 10 }),
    });
    expect(anonymous.status).toBe(401);
    const forged = deviceClient(server.url, { ...device, token: 'not-a-token' });
    expect((await forged.pull('payments', null)).status).toBe(401);
  });

  it('takes request bodies exactly as sent: no type coercion, no unknown field quietly dropped', async () => {
    const pull = (body: unknown) =>
      fetch(`${server.url}/api/v1/replication/payments/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const coerced = await pull({ checkpoint: null, batchSize: '10' });
    expect(coerced.status).toBe(422);
    expect((await coerced.json()).detail).toEqual([expect.objectContaining({ loc: ['body', 'batchSize'], type: 'schema.type' })]);
    const extra = await pull({ checkpoint: null, batchSize: 10, since: 'yesterday' });
    expect(extra.status).toBe(422);
    expect((await extra.json()).detail).toEqual([expect.objectContaining({ loc: ['body', 'since'], type: 'schema.additionalProperties' })]);
    expect((await pull({ checkpoint: { seq: 0 }, batchSize: 10 })).status).toBe(200);
  });

  it('answers 401 with a clear message for a bad pairing code, 422 for a malformed pairing request', async () => {
    const pair = (body: unknown) =>
      fetch(`${server.url}/api/v1/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const wrong = await pair({ pairingCode: '0000-0000', name: 'Front desk' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).detail).toMatch(/pairing code/i);
    const malformed = await pair({ name: 'Front desk' });
    expect(malformed.status).toBe(422);
    expect((await malformed.json()).detail).toEqual([expect.objectContaining({ loc: ['body', 'pairingCode'] })]);
  });

  it('lets the Electron window call every method of the API from its own origin, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/v1/terminal/readers/tmr_1`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight('app://register');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('app://register');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('streams RESYNC on connect, then every document pushed afterwards', async () => {
    const stream = await openEventStream(`${server.url}/api/v1/replication/payments/pull-stream`, device.token);
    await stream.readUntil('data: "RESYNC"');
    const payment = cashPayment(device, 4200);
    await deviceClient(server.url, device).push('payments', [payment]);
    await stream.readUntil(payment.id);
    stream.close();
    const event = stream.events().find((e) => e.documents.some((d: { id: string }) => d.id === payment.id));
    expect(event.documents).toEqual([expect.objectContaining({ id: payment.id, amount: 4200 })]);
    expect(event.checkpoint.seq).toBeGreaterThan(0);
  });
  it("streams many collections over one connection, each batch naming its collection, in sequence order", async () => {
    const stream = await openEventStream(`${server.url}/api/v1/replication/pull-stream?collections=payments,orders`, device.token);
    await stream.readUntil('data: "RESYNC"');
    const payment = cashPayment(device, 1500);
    const client = deviceClient(server.url, device);
    await client.push('payments', [payment]);
    await client.push('clients', []);
    await stream.readUntil(payment.id);
    stream.close();
    expect(stream.events()).toEqual([{ collection: 'payments', documents: [expect.objectContaining({ id: payment.id })], checkpoint: { seq: expect.any(Number) } }]);

    const bad = await fetch(`${server.url}/api/v1/replication/pull-stream?collections=payments,invoices`, { headers: { authorization: `Bearer ${device.token}` } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).detail).toEqual([expect.objectContaining({ loc: ['querystring', 'collections'] })]);
  });
});
