import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveOrderState, refundableSale, refundRecord } from '../../shared/adjustments/index';
import { eventHash, sealEvent } from '../../shared/audit/index';
import { newId } from '../../shared/ids';
import { planRefund } from '../../shared/refunds/index';
import type { AdjustmentDoc, AuditEventDoc, OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import type { PairResponseBody } from '../../shared/protocol';
import { buildCashSale } from '../../renderer/src/sales/build-sale';
import { settings } from '../support/demo-settings';
import { deviceClient } from '../support/documents';
import { apiClient, signIn } from '../support/backoffice';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';
import { TEST_NOW } from '../support/clock';

function saleOn(device: PairResponseBody) {
  return buildCashSale({
    orderId: newId(),
    paymentId: newId(),
    number: 'A-0001',
    lines: [
      { id: newId(), itemId: null, kind: 'service', name: 'Color', unitPrice: 12000, quantity: 1, staffId: null },
      { id: newId(), itemId: null, kind: 'product', name: 'Shampoo', unitPrice: 1800, quantity: 2, staffId: null },
    ],
    settings: settings({ tenantId: device.tenantId, locationId: device.locationId }),
    register: { tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId },
    cashierId: null,
    tendered: 20000,
    now: new Date('2026-11-21T15:00:00Z'),
  });
}

/** A full refund planned by the money core on a register that knows of no other refund. */
function fullRefund(device: PairResponseBody, order: OrderDoc, payments: PaymentDoc[]): AdjustmentDoc {
  const refund = planRefund(refundableSale(order, payments), [], { kind: 'full' });
  return {
    id: newId(), tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId, orderId: order.id, kind: 'refund',
    currency: order.currency, staffId: null, approvedBy: null, reason: 'Client cancelled',
    refund: refundRecord(refund, 'original', true),
    voidedPaymentIds: [], tipAdjustment: null, createdAt: TEST_NOW, businessDate: '2026-11-21',
  };
}

function chainOf(device: PairResponseBody, length: number): AuditEventDoc[] {
  const events: AuditEventDoc[] = [];
  for (let n = 1; n <= length; n++) {
    events.push(
      sealEvent(events.at(-1) ?? null, {
        id: newId(), tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId, kind: 'sale', staffId: null,
        subjectId: null, details: { total: n * 1000 }, createdAt: TEST_NOW,
      }),
    );
  }
  return events;
}

describe.each(databaseKinds())('review of pushed money history on %s', (kind) => {
  let server: TestServer;
  let tenantId: string;
  let registers: PairResponseBody[];

  beforeAll(async () => {
    server = await startTestServer(kind);
    const tenant = await server.newTenant();
    tenantId = tenant.tenantId;
    registers = [await server.pair(tenant.pairingCode, 'A'), await server.pair(tenant.pairingCode, 'B')];
  });
  afterAll(() => server.close());

  const findings = (deviceId: string) =>
    server.db.kysely.selectFrom('audit_findings').select(['seq', 'reason']).where('device_id', '=', deviceId).where('resolved_at', 'is', null).orderBy('seq').execute();

  it('stores both of two offline refunds of one sale beyond what it took, and flags the order', async () => {
    const [a, b] = registers as [PairResponseBody, PairResponseBody];
    const { order, payments } = saleOn(a);
    const clientA = deviceClient(server.url, a);
    expect((await clientA.push('orders', [order])).status).toBe(200);
    expect((await clientA.push('payments', payments)).status).toBe(200);
    const refundA = fullRefund(a, order, payments);
    const refundB = fullRefund(b, order, payments);
    expect(refundA.refund!.total).toBe(order.total);

    expect((await clientA.push('adjustments', [refundA])).body).toEqual([]);
    expect(await server.db.kysely.selectFrom('order_flags').selectAll().where('order_id', '=', order.id).where('kind', '=', 'over_refund').execute()).toEqual([]);
    expect((await deviceClient(server.url, b).push('adjustments', [refundB])).body).toEqual([]);

    const pulled = (await clientA.pull('adjustments', null)).body.documents as AdjustmentDoc[];
    expect(pulled.map((adj) => adj.id).sort()).toEqual([refundA.id, refundB.id].sort());
    const state = deriveOrderState(order, payments, pulled);
    expect(state).toMatchObject({ status: 'refunded', paid: order.total, refunded: 2 * order.total, overRefund: order.total });
    const flags = await server.db.kysely.selectFrom('order_flags').select(['kind', 'amount', 'currency']).where('tenant_id', '=', tenantId).where('collection', '=', 'orders').where('order_id', '=', order.id).execute();
    expect(flags.map((f) => [f.kind, Number(f.amount), f.currency])).toEqual([['over_refund', order.total, 'USD']]);
  });

  it('refuses an adjustment whose figures do not add up, and one made on another register', async () => {
    const [a, b] = registers as [PairResponseBody, PairResponseBody];
    const { order, payments } = saleOn(a);
    const refund = fullRefund(a, order, payments);
    const broken = { ...refund, refund: { ...refund.refund!, total: refund.refund!.total + 1 } };
    const rejected = await deviceClient(server.url, a).push('adjustments', [broken]);
    expect(rejected.status).toBe(422);
    expect(rejected.body.detail).toContainEqual(expect.objectContaining({ loc: ['body', 0, 'newDocumentState', 'refund', 'total'], type: 'invariant.adjustment' }));
    const forged = await deviceClient(server.url, b).push('adjustments', [refund]);
    expect(forged.status).toBe(422);
    expect(forged.body.detail).toContainEqual(expect.objectContaining({ type: 'scope.device' }));
    const stored = (await deviceClient(server.url, a).pull('adjustments', null)).body.documents.map((d: AdjustmentDoc) => d.id);
    expect(stored).not.toContain(refund.id);
  });

  it('keeps an intact chain clean and records where a pushed chain was edited, cut or reordered', async () => {
    const tenant = await server.newTenant('Chains');
    const [intact, edited, cut, reordered] = await Promise.all(['I', 'E', 'C', 'R'].map((n) => server.pair(tenant.pairingCode, n)));

    await deviceClient(server.url, intact!).push('audit_events', chainOf(intact!, 5));
    expect(await findings(intact!.deviceId)).toEqual([]);
    const head = await server.db.kysely.selectFrom('audit_chain_heads').select('seq').where('device_id', '=', intact!.deviceId).executeTakeFirst();
    expect(Number(head?.seq)).toBe(5);

    const editedChain = chainOf(edited!, 5);
    editedChain[2] = { ...editedChain[2]!, details: { total: 1 } };
    expect((await deviceClient(server.url, edited!).push('audit_events', editedChain)).status).toBe(200);
    expect(await findings(edited!.deviceId)).toEqual([{ seq: 3, reason: 'edited' }]);

    const cutChain = chainOf(cut!, 5);
    const [removed] = cutChain.splice(2, 1);
    await deviceClient(server.url, cut!).push('audit_events', cutChain);
    expect(await findings(cut!.deviceId)).toEqual([{ seq: 3, reason: 'missing' }]);
    // The event turns up after all (pushed late): the chain verifies and the finding resolves.
    await deviceClient(server.url, cut!).push('audit_events', [removed!]);
    expect(await findings(cut!.deviceId)).toEqual([]);

    const chain = chainOf(reordered!, 5);
    const rehash = ({ hash: _old, ...content }: AuditEventDoc): AuditEventDoc => ({ ...content, hash: eventHash(content) });
    const swapped = [chain[0]!, rehash({ ...chain[2]!, seq: 2 }), rehash({ ...chain[1]!, seq: 3 }), chain[3]!, chain[4]!];
    await deviceClient(server.url, reordered!).push('audit_events', swapped);
    expect(await findings(reordered!.deviceId)).toEqual([{ seq: 2, reason: 'relinked' }]);
  });
  it('answers through the back-office API: a register chain verified end to end, open findings, flagged orders', async () => {
    const api = apiClient(server.url, await signIn(server, tenantId, 'back_office'));
    const [a] = registers as [PairResponseBody];
    await deviceClient(server.url, a).push('audit_events', chainOf(a, 3));
    expect((await api('GET', `/audit/devices/${a.deviceId}/verify`)).body).toEqual({ deviceId: a.deviceId, events: 3, ok: true, firstBreak: null });

    const tenant = await server.newTenant('Broken chain');
    const broken = await server.pair(tenant.pairingCode);
    const events = chainOf(broken, 4);
    events[1] = { ...events[1]!, details: { total: 1 } };
    await deviceClient(server.url, broken).push('audit_events', events);
    const theirs = apiClient(server.url, await signIn(server, tenant.tenantId, 'owner'));
    expect((await theirs('GET', `/audit/devices/${broken.deviceId}/verify`)).body).toMatchObject({ events: 4, ok: false, firstBreak: { seq: 2, reason: 'edited' } });
    expect((await theirs('GET', '/audit/findings?open=true')).body).toMatchObject({ total: 1, data: [{ deviceId: broken.deviceId, seq: 2, reason: 'edited', resolvedAt: null }] });
    expect((await api('GET', `/audit/devices/${broken.deviceId}/verify`)).status).toBe(404);

    const flags = (await api('GET', '/orders/flags')).body;
    // The over-refunded order, and its two refunds above 50.00 that no manager approved.
    expect(flags).toMatchObject({ total: 3, count: 3, page: 0 });
    expect(flags.data.map((f: { kind: string }) => f.kind).sort()).toEqual(['approval_missing', 'approval_missing', 'over_refund']);
    expect((await theirs('GET', '/orders/flags')).body.total).toBe(0);
  });
});
