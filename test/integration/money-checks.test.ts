import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { AdjustmentDoc, DrawerDoc, StaffDoc } from '../../shared/schemas/index';
import type { PairResponseBody } from '../../shared/protocol';
import { upsertServerDocuments } from '../../sync-server/replication/store';
import { createPairingCode } from '../../sync-server/tenants/tenants';
import { apiClient, signIn } from '../support/backoffice';
import { deviceClient } from '../support/documents';
import { makeRefund, makeSale, type Sale } from '../support/sales';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

const ZONE = 'America/Chicago';
const SOLD_AT = '2026-11-21T15:00:00.000Z';
// The server's clock, moved by the tests: an hour after the sale unless a test says otherwise.
const AN_HOUR_LATER = new Date('2026-11-21T16:00:00.000Z');
let clock = AN_HOUR_LATER;

/** A 40.00 cash sale (one 40.00 product, no tax) rung up on `device`. */
const cashSale = (device: PairResponseBody, createdAt = SOLD_AT): Sale =>
  makeSale(device, { createdAt, timeZone: ZONE, lines: [{ kind: 'product', unitPrice: 4000 }], tip: 0, tenders: [{ tender: 'CASH', mode: 'OFFLINE' }], taxes: [], rates: [], number: 'A-0001' });

function adjustment(device: PairResponseBody, sale: Sale, fields: Partial<AdjustmentDoc>): AdjustmentDoc {
  return {
    id: newId(), tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId, orderId: sale.order.id, kind: 'void', currency: 'USD',
    staffId: null, approvedBy: null, reason: 'Rung up twice', refund: null, voidedPaymentIds: [], tipAdjustment: null, createdAt: clock.toISOString(), businessDate: '2026-11-21',
    ...fields,
  };
}

function drawerDoc(device: PairResponseBody, fields: Partial<DrawerDoc> & Pick<DrawerDoc, 'kind' | 'shiftId' | 'amount'>): DrawerDoc {
  return {
    id: newId(), tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId, currency: 'USD', staffId: null, approvedBy: null,
    reason: null, count: null, looseAmount: null, expected: null, difference: null, number: null, figures: null, createdAt: clock.toISOString(), businessDate: '2026-11-21',
    ...fields,
  };
}

describe.each(databaseKinds())('the server checks pushed adjustments and drawer documents against what it holds, on %s', (kind) => {
  let server: TestServer;
  let register: PairResponseBody;
  let other: PairResponseBody;
  const staff: Record<'manager' | 'desk' | 'elsewhere', string> = { manager: newId(), desk: newId(), elsewhere: newId() };

  beforeAll(async () => {
    server = await startTestServer(kind, { app: { now: () => clock } });
    const tenant = await server.newTenant();
    register = await server.pair(tenant.pairingCode, 'A');
    other = await server.pair(tenant.pairingCode, 'B');
    const person = (id: string, role: StaffDoc['role'], locationIds: string[]): StaffDoc & { _deleted: boolean } => ({
      id, tenantId: tenant.tenantId, locationIds, name: role, role, providesServices: false, commissionRate: '0', tipCommissionRate: '0', active: true, updatedAt: SOLD_AT, _deleted: false,
    });
    await upsertServerDocuments(server.db.kysely, 'staff', [person(staff.manager, 'manager', [tenant.locationId]), person(staff.desk, 'front_desk', [tenant.locationId]), person(staff.elsewhere, 'manager', [newId()])], { tenantId: tenant.tenantId, locationId: tenant.locationId, deviceId: null }, clock);
  });
  afterAll(() => server.close());
  afterEach(() => {
    clock = AN_HOUR_LATER;
  });

  const pushSale = async (sale: Sale) => {
    const client = deviceClient(server.url, register);
    expect((await client.push('orders', [sale.order])).status).toBe(200);
    expect((await client.push('payments', sale.payments)).status).toBe(200);
  };
  const stored = async (collection: string) => (await deviceClient(server.url, register).pull(collection, null, 1000)).body.documents.map((d: { id: string }) => d.id);
  const flags = async () => (await apiClient(server.url, await signIn(server, register.tenantId, 'manager', `m${newId()}@example.test`))('GET', '/orders/flags?limit=100')).body.data;

  it('refuses one refund larger than the payment it names (the forged 9,999.99 against 40.00), naming the document; the rest of the batch waits', async () => {
    const sale = cashSale(register);
    await pushSale(sale);
    const honest = makeRefund(register, sale, { kind: 'full' }, clock.toISOString(), ZONE);
    const forged = makeRefund(register, sale, { kind: 'full' }, clock.toISOString(), ZONE);
    forged.refund = { ...forged.refund!, amount: 999999, total: 999999, tenders: [{ ...forged.refund!.tenders[0]!, amount: 999999 }] };

    const refused = await deviceClient(server.url, register).push('adjustments', [honest, forged]);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContainEqual({
      loc: ['body', 1, 'newDocumentState', 'refund', 'tenders', 0, 'amount'],
      msg: `adjustment ${forged.id}: refunds 999999 of payment ${sale.payments[0]!.id}, which took 4000`,
      type: 'invariant.refund_exceeds_payment',
    });
    expect(refused.body.detail).toContainEqual(expect.objectContaining({ loc: ['body', 1, 'newDocumentState', 'refund', 'amount'], type: 'invariant.refund_exceeds_sale' }));
    expect(refused.body.detail.every((issue: { loc: unknown[] }) => issue.loc[1] === 1)).toBe(true);
    expect(await stored('adjustments')).not.toContain(honest.id);
    // The register sets the named document aside and sends the rest.
    expect((await deviceClient(server.url, register).push('adjustments', [honest])).status).toBe(200);
    expect(await stored('adjustments')).toContain(honest.id);
    expect(await stored('adjustments')).not.toContain(forged.id);
  });

  it('refuses a refund by another tender than the payment took, and a void or tip change of another sale\'s payment', async () => {
    const sale = cashSale(register);
    const another = cashSale(register);
    await pushSale(sale);
    await pushSale(another);
    const byCard = makeRefund(register, sale, { kind: 'full' }, clock.toISOString(), ZONE);
    byCard.refund!.tenders[0]!.tender = 'CARD_EXTERNAL';
    const client = deviceClient(server.url, register);
    expect((await client.push('adjustments', [byCard])).body.detail).toEqual([expect.objectContaining({ loc: ['body', 0, 'newDocumentState', 'refund', 'tenders', 0, 'tender'], type: 'invariant.tender' })]);
    const wrongVoid = adjustment(register, sale, { voidedPaymentIds: [another.payments[0]!.id], approvedBy: staff.manager });
    const wrongTip = adjustment(register, sale, { kind: 'tip_adjustment', tipAdjustment: { paymentId: another.payments[0]!.id, previousTip: 0, tip: 500, tipShares: [], staff: [] } });
    const refused = await client.push('adjustments', [wrongVoid, wrongTip]);
    expect(refused.status).toBe(422);
    expect(refused.body.detail.map((i: { loc: unknown[]; type: string }) => [i.loc.slice(1), i.type])).toEqual([
      [[0, 'newDocumentState', 'voidedPaymentIds', 0], 'invariant.foreign_payment'],
      [[1, 'newDocumentState', 'tipAdjustment', 'paymentId'], 'invariant.foreign_payment'],
    ]);
    expect(await stored('adjustments')).not.toContain(wrongVoid.id);
  });

  it('stores two offline refunds that together exceed the sale and flags the order with its reason', async () => {
    const sale = cashSale(register);
    await pushSale(sale);
    const mine = makeRefund(register, sale, { kind: 'full' }, clock.toISOString(), ZONE);
    const theirs = makeRefund(other, sale, { kind: 'full' }, clock.toISOString(), ZONE);
    expect((await deviceClient(server.url, register).push('adjustments', [mine])).status).toBe(200);
    expect((await deviceClient(server.url, other).push('adjustments', [theirs])).status).toBe(200);
    expect((await flags()).filter((f: { orderId: string }) => f.orderId === sale.order.id)).toEqual([
      { collection: 'orders', documentId: sale.order.id, orderId: sale.order.id, kind: 'over_refund', reason: 'refunded 8000 of a sale that took 4000', amount: 4000, currency: 'USD', detectedAt: clock.toISOString() },
    ]);
  });

  it("flags an adjustment whose approval the location's rules need unless it names an active manager or owner of that location", async () => {
    const sale = makeSale(register, { createdAt: SOLD_AT, timeZone: ZONE, lines: [{ kind: 'product', unitPrice: 8000 }], tip: 0, tenders: [{ tender: 'CASH', mode: 'OFFLINE' }], taxes: [], rates: [], number: 'A-0002' });
    const old = cashSale(register, '2026-10-01T15:00:00.000Z');
    const tipped = cashSale(register);
    await Promise.all([sale, old, tipped].map(pushSale));
    const full = (approvedBy: string | null, target = sale) => ({ ...makeRefund(register, target, { kind: 'full' }, clock.toISOString(), ZONE), approvedBy });
    const unapproved = full(null);
    const byDesk = full(staff.desk);
    const byOutsider = full(staff.elsewhere);
    const approved = full(staff.manager);
    const oldSale = full(null, old);
    const client = deviceClient(server.url, register);
    // 80.00 each: above the 50.00 default; pushed one at a time, as a register's refunds of one sale are planned one after another.
    for (const doc of [unapproved, byDesk, byOutsider, approved, oldSale]) expect((await client.push('adjustments', [doc])).status).toBe(200);
    clock = new Date('2026-11-23T16:00:00.000Z'); // 49 hours after the sale: past the 48-hour tip window
    const lateTip = adjustment(register, tipped, { kind: 'tip_adjustment', tipAdjustment: { paymentId: tipped.payments[0]!.id, previousTip: 0, tip: 500, tipShares: [], staff: [] }, createdAt: SOLD_AT });
    const unapprovedVoid = adjustment(register, tipped, { voidedPaymentIds: [tipped.payments[0]!.id] });
    for (const doc of [lateTip, unapprovedVoid]) expect((await client.push('adjustments', [doc])).status).toBe(200);

    const reasons = new Map((await flags()).filter((f: { kind: string }) => f.kind === 'approval_missing').map((f: { documentId: string; reason: string }) => [f.documentId, f.reason]));
    expect(reasons.get(unapproved.id)).toBe('refunds above 5000 need a manager, but no manager approved it');
    expect(reasons.get(byDesk.id)).toBe('refunds above 5000 need a manager, but the approver front_desk is front_desk, not a manager or owner');
    expect(reasons.get(byOutsider.id)).toBe('refunds above 5000 need a manager, but the approver manager is not an active manager of this location');
    expect(reasons.has(approved.id)).toBe(false);
    expect(reasons.get(oldSale.id)).toBe('the sale is 51 days old (over 30), but no manager approved it');
    expect(reasons.get(lateTip.id)).toBe('the tip changed more than 48 hours after the sale, but no manager approved it');
    expect(reasons.get(unapprovedVoid.id)).toBe('a void always needs a manager, but no manager approved it');
  });

  it('flags an adjustment that arrived before its sale once the sale shows it took more than the sale', async () => {
    const sale = cashSale(register);
    const early = makeRefund(register, sale, { kind: 'full' }, clock.toISOString(), ZONE);
    early.refund = { ...early.refund!, amount: 5000, total: 5000, tenders: [{ ...early.refund!.tenders[0]!, amount: 5000 }], lines: [], taxes: [] };
    expect((await deviceClient(server.url, register).push('adjustments', [{ ...early, approvedBy: staff.manager }])).status).toBe(200);
    await pushSale(sale);
    const flag = (await flags()).find((f: { documentId: string; kind: string }) => f.documentId === early.id && f.kind === 'exceeds_sale');
    expect(flag).toMatchObject({ collection: 'adjustments', orderId: sale.order.id, amount: 5000, reason: expect.stringContaining('which took 4000') });
  });

  it("answers 403 to a push reusing another location's document id, never that document, and refuses adjustments naming another location's sale", async () => {
    const uptown = newId();
    await server.db.kysely.insertInto('locations').values({ id: uptown, tenant_id: register.tenantId, name: 'Uptown', time_zone: ZONE, currency: 'USD', created_at: clock }).execute();
    const upstairs = await server.pair(await createPairingCode(server.db.kysely, { tenantId: register.tenantId, locationId: uptown }, clock, null));
    const sale = cashSale(register);
    await pushSale(sale);
    const intruder = deviceClient(server.url, upstairs);
    const theirs = cashSale(upstairs);
    const collision = await intruder.push('payments', [{ ...theirs.payments[0]!, id: sale.payments[0]!.id }]);
    expect(collision).toEqual({ status: 403, body: { detail: `Document ${sale.payments[0]!.id} belongs to another location.` } });
    expect(JSON.stringify(collision.body)).not.toContain(sale.order.id);

    const refund = { ...makeRefund(register, sale, { kind: 'full' }, clock.toISOString(), ZONE), tenantId: upstairs.tenantId, locationId: uptown, deviceId: upstairs.deviceId };
    const voidThere = adjustment(upstairs, theirs, { voidedPaymentIds: [sale.payments[0]!.id] });
    await intruder.push('orders', [theirs.order]);
    const refused = await intruder.push('adjustments', [refund, voidThere]);
    expect(refused.status).toBe(422);
    expect(refused.body.detail.map((i: { loc: unknown[]; type: string }) => [i.loc.slice(1), i.type])).toEqual([
      [[0, 'newDocumentState', 'orderId'], 'scope.location'],
      [[1, 'newDocumentState', 'orderId'], 'scope.location'],
    ]);
  });

  it('refuses a drawer close whose figures do not add up and flags one over or short beyond the limit without a manager', async () => {
    const open = drawerDoc(register, { kind: 'shift_open', shiftId: '', amount: 10000 });
    open.shiftId = open.id;
    const count = [{ value: 10000, quantity: 1 }, { value: 1000, quantity: 1 }];
    const over = drawerDoc(register, { kind: 'shift_close', shiftId: open.id, amount: 11000, count, looseAmount: 0, expected: 10000, difference: 1000, number: 1 });
    const client = deviceClient(server.url, register);
    const wrong = { ...over, id: newId(), difference: 500 };
    const miscounted = { ...over, id: newId(), amount: 12000, difference: 2000 };
    const refused = await client.push('drawer', [open, wrong, miscounted]);
    expect(refused.status).toBe(422);
    expect(refused.body.detail.map((i: { loc: unknown[]; type: string }) => [i.loc.slice(1), i.type])).toEqual([
      [[1, 'newDocumentState', 'difference'], 'invariant.drawer'],
      [[2, 'newDocumentState', 'amount'], 'invariant.drawer'],
    ]);
    const foreign = drawerDoc(other, { kind: 'pay_out', shiftId: open.id, amount: 100, reason: 'Milk' });
    expect((await client.push('drawer', [open, over])).status).toBe(200);
    expect((await deviceClient(server.url, other).push('drawer', [foreign])).body.detail).toEqual([expect.objectContaining({ loc: ['body', 0, 'newDocumentState', 'shiftId'], type: 'invariant.drawer' })]);
    expect((await flags()).find((f: { documentId: string }) => f.documentId === over.id)).toEqual({
      collection: 'drawer', documentId: over.id, orderId: null, kind: 'approval_missing', amount: 1000, currency: 'USD', detectedAt: clock.toISOString(),
      reason: "the drawer closed over by 1000, above the location's limit, but no manager approved it",
    });
  });
});
