import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveOrderState, refundableSale, storedRefunds } from '../../shared/adjustments/index';
import { verifyChain } from '../../shared/audit/index';
import { orderEarnings } from '../../shared/commissions/index';
import { newId } from '../../shared/ids';
import { planRefund } from '../../shared/refunds/index';
import { validateDocument, type AdjustmentDoc, type AuditEventDoc } from '../../shared/schemas/index';
import { applyTender } from '../../shared/tenders/index';
import { AuditJournal } from '../../renderer/src/audit/journal';
import { openRegisterDatabase, type RegisterDatabase } from '../../renderer/src/db/database';
import {
  cashPaidOut, loadStoredSale, recordRefund, recordTipAdjustment, recordVoid, voidCashOut, type AdjustmentWriter,
} from '../../renderer/src/adjustments/record-adjustment';
import { effectiveSale, planStoredRefund, pricedOrder, stillRefundable, tipChange } from '../../renderer/src/adjustments/refund-plan';
import { recordSale } from '../../renderer/src/sales/record-sale';
import { buildSale, type CartLine, type TakenTender } from '../../renderer/src/sales/build-sale';
import { REGISTER, settings } from '../support/demo-settings';

const SAM = '0190a000-0000-7000-8000-00000000005a';
const ALEX = '0190a000-0000-7000-8000-0000000000a1';
const CASHIER = '0190a000-0000-7000-8000-0000000000f1';
const STAFF = [
  { id: SAM, commissionRate: '40', tipCommissionRate: '100' },
  { id: ALEX, commissionRate: '50', tipCommissionRate: '90' },
];
const lines: CartLine[] = [
  { id: 'l1', itemId: 'i1', kind: 'service', name: "Women's haircut", unitPrice: 6500, quantity: 1, staffId: SAM },
  { id: 'l2', itemId: 'i2', kind: 'service', name: 'Blowout', unitPrice: 3500, quantity: 1, staffId: ALEX },
  { id: 'l3', itemId: 'i3', kind: 'product', name: 'Argan shampoo', unitPrice: 900, quantity: 2, staffId: null },
];
const taken = (balance: number, tender: Parameters<typeof applyTender>[2]): TakenTender => ({ ...applyTender(balance, 'USD', tender), paymentId: newId() });

/** $118.00 of services and shampoo, $10.48 tax, a 20% tip ($20.00): $100 on a card machine, the rest in cash. */
function splitTenderSale(now = new Date('2026-11-21T15:00:00Z')) {
  return buildSale({
    orderId: newId(), number: 'C3A1-0001', lines, tip: { kind: 'percent', percent: '20' },
    tenders: [taken(14848, { tender: 'CARD_EXTERNAL', amount: 10000, cardBrand: 'Visa', cardLast4: '4242' }), taken(4848, { tender: 'CASH', amount: 5000 })],
    settings: settings(), register: REGISTER, cashierId: CASHIER, clientId: null, now,
  });
}

const open: RegisterDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) if (!db.closed) await db.remove();
});

async function setup() {
  const db = await openRegisterDatabase({ name: `a${newId().replace(/-/g, '')}`, storage: getRxStorageMemory(), collections: ['orders', 'payments', 'adjustments', 'audit_events'] });
  open.push(db);
  const writer: AdjustmentWriter = { db, register: REGISTER, journal: new AuditJournal(db, REGISTER), timeZone: 'America/New_York' };
  const sale = splitTenderSale();
  await recordSale(db, sale);
  return { db, writer, sale };
}

describe('refunds recorded from stored documents', () => {
  it('stores a partial itemised refund with the money core’s figures, per tender and with the tip apart', async () => {
    const { db, writer, sale } = await setup();
    const stored = (await loadStoredSale(db, sale.order.id))!;
    expect(stored.payments.map((p) => [p.tender, p.amount, p.tip])).toEqual([['CARD_EXTERNAL', 8653, 1347], ['CASH', 4195, 653]]);

    // The person chose the split: $9.97 back to the card, $4.83 cash.
    const [card, cash] = stored.payments.map((p) => p.id) as [string, string];
    const request = { kind: 'items', items: [{ lineId: 'l3', quantity: 1 }], tip: 500, tenders: [{ paymentId: card, total: 997 }, { paymentId: cash, total: 483 }] } as const;
    const plan = planStoredRefund(stored, STAFF, request);
    // The same plan the money core makes from the sale it priced, with the earnings it computed.
    const direct = planRefund(refundableSale(sale.order, sale.payments, orderEarnings(pricedOrder(sale.order), sale.order.tipShares, STAFF)), [], request);
    expect(plan).toEqual(direct);
    // One shampoo: $9.00 + $0.80 tax (half of the line's $1.60) = $9.80; tip $5.00 apart.
    expect([plan.amount, plan.tip, plan.total]).toEqual([980, 500, 1480]);
    // Each tender keeps the figure chosen; the tip sits on the first payment that holds it.
    expect(plan.tenders.map((t) => [t.tender, t.amount, t.tip])).toEqual([['CARD_EXTERNAL', 497, 500], ['CASH', 483, 0]]);
    // Without a choice it all goes back to the card.
    expect(planStoredRefund(stored, STAFF, { ...request, tenders: undefined }).tenders.map((t) => [t.tender, t.amount, t.tip])).toEqual([['CARD_EXTERNAL', 980, 500], ['CASH', 0, 0]]);

    // 22:30 in New York on the 21st is already the 22nd in UTC: the refund is on the location's day.
    const now = new Date('2026-11-22T03:30:00.000Z');
    const doc = await recordRefund(writer, { order: sale.order, refund: plan, method: 'original', restock: true, reason: 'Wrong shampoo', staffId: CASHIER, approvedBy: ALEX, now });
    expect(validateDocument('adjustments', doc)).toEqual([]);
    expect(doc).toMatchObject({ kind: 'refund', orderId: sale.order.id, approvedBy: ALEX, staffId: CASHIER, createdAt: now.toISOString(), businessDate: '2026-11-21' });
    expect(doc.refund).toMatchObject({ amount: 980, tip: 500, total: 1480, method: 'original', restock: true });
    expect(cashPaidOut(doc)).toBe(483);

    const after = (await loadStoredSale(db, sale.order.id))!;
    expect(deriveOrderState(after.order, after.payments, after.adjustments)).toMatchObject({ status: 'partially_refunded', paid: 14848, refunded: 1480, overRefund: 0 });
    expect(stillRefundable(after, STAFF)).toMatchObject({ amount: 12848 - 980, tip: 1500 });

    const events = (await db.audit_events.find().exec()).map((e) => e.toJSON() as AuditEventDoc);
    expect(events.map((e) => [e.kind, e.subjectId, e.details.total, e.details.cash])).toEqual([['refund', doc.id, 1480, 483]]);
    expect(verifyChain(events)).toMatchObject({ ok: true });
  });

  it('plans each later refund against every earlier one, and a full refund returns exactly what each tender took', async () => {
    const { db, writer, sale } = await setup();
    const refund = async (request: Parameters<typeof planStoredRefund>[2]) => {
      const stored = (await loadStoredSale(db, sale.order.id))!;
      return recordRefund(writer, { order: sale.order, refund: planStoredRefund(stored, STAFF, request), method: 'original', restock: false, reason: 'Client unhappy', staffId: CASHIER, approvedBy: null });
    };
    await refund({ kind: 'amount', amount: 3333, tip: 1 });
    await refund({ kind: 'items', items: [{ lineId: 'l3', quantity: 2 }] });
    await refund({ kind: 'full' });
    const after = (await loadStoredSale(db, sale.order.id))!;
    const refunds = storedRefunds(after.adjustments);
    expect(refunds).toHaveLength(3);
    for (const payment of sale.payments) {
      const back = refunds.flatMap((r) => r.tenders).filter((t) => t.paymentId === payment.id);
      expect([back.reduce((s, t) => s + t.amount, 0), back.reduce((s, t) => s + t.tip, 0)]).toEqual([payment.amount, payment.tip]);
    }
    expect(deriveOrderState(after.order, after.payments, after.adjustments)).toMatchObject({ status: 'refunded', paid: 14848, refunded: 14848, overRefund: 0 });
    expect(() => planStoredRefund(after, STAFF, { kind: 'full' })).toThrow(/nothing left/);
  });

  it('refuses figures that do not add up before anything is stored', async () => {
    const { db, writer, sale } = await setup();
    const plan = planStoredRefund((await loadStoredSale(db, sale.order.id))!, STAFF, { kind: 'amount', amount: 1000, tip: 0 });
    const broken = { ...plan, total: 999 };
    await expect(recordRefund(writer, { order: sale.order, refund: broken, method: 'original', restock: false, reason: 'x', staffId: null, approvedBy: null })).rejects.toThrow(/amount \+ tip/);
    await expect(recordRefund(writer, { order: sale.order, refund: plan, method: 'original', restock: false, reason: '  ', staffId: null, approvedBy: null })).rejects.toThrow(/reason/);
    expect(await db.adjustments.count().exec()).toBe(0);
  });

  it('records a void of every payment and the same refund id twice as one document', async () => {
    const { db, writer, sale } = await setup();
    const id = newId();
    const input = { id, order: sale.order, payments: sale.payments, reason: 'Rang up the wrong client', staffId: CASHIER, approvedBy: ALEX };
    const first = await recordVoid(writer, input);
    const again = await recordVoid(writer, input);
    expect(again).toEqual(first);
    expect(await db.adjustments.count().exec()).toBe(1);
    expect(first.voidedPaymentIds).toEqual(sale.payments.map((p) => p.id));
    expect(voidCashOut(first, sale.payments)).toBe(4195 + 653);
    const after = (await loadStoredSale(db, sale.order.id))!;
    expect(deriveOrderState(after.order, after.payments, after.adjustments)).toMatchObject({ status: 'voided', paid: 0, voided: true });
    expect(validateDocument('adjustments', first)).toEqual([]);
  });
});

describe('two registers refunding one sale offline', () => {
  it('keeps both refunds, and each register derives the same over-refund once it has the other’s', async () => {
    const a = await setup();
    const otherRegister = { ...REGISTER, deviceId: '0190a000-0000-7000-8000-00000000c3b2' };
    const dbB = await openRegisterDatabase({ name: `b${newId().replace(/-/g, '')}`, storage: getRxStorageMemory(), collections: ['orders', 'payments', 'adjustments', 'audit_events'] });
    open.push(dbB);
    await recordSale(dbB, a.sale); // register B pulled the sale before both went offline
    const b: AdjustmentWriter = { db: dbB, register: otherRegister, journal: new AuditJournal(dbB, otherRegister), timeZone: 'America/New_York' };

    const refundAll = async (writer: AdjustmentWriter) => {
      const stored = (await loadStoredSale(writer.db, a.sale.order.id))!;
      return recordRefund(writer, { order: stored.order, refund: planStoredRefund(stored, STAFF, { kind: 'full' }), method: 'original', restock: false, reason: 'Refund', staffId: CASHIER, approvedBy: ALEX });
    };
    const [fromA, fromB] = [await refundAll(a.writer), await refundAll(b)];
    expect([fromA.refund!.total, fromB.refund!.total]).toEqual([14848, 14848]);
    // Replication brings each register the other's refund.
    await a.db.adjustments.insert(fromB);
    await dbB.adjustments.insert(fromA);
    for (const db of [a.db, dbB]) {
      const stored = (await loadStoredSale(db, a.sale.order.id))!;
      expect(stored.adjustments).toHaveLength(2);
      expect(deriveOrderState(stored.order, stored.payments, stored.adjustments)).toEqual({
        status: 'refunded', paid: 14848, tip: 2000, refunded: 29696, overRefund: 14848, voided: false,
      });
      expect(stillRefundable(stored, STAFF)).toMatchObject({ amount: -12848, tip: -2000 });
      expect(() => planStoredRefund(stored, STAFF, { kind: 'amount', amount: 1, tip: 0 })).toThrow(/more than/);
    }
  });
});

describe('tip adjustments', () => {
  it('changes one payment’s tip, re-shares the tips and lets a refund give back the new tip exactly', async () => {
    const { db, writer, sale } = await setup();
    const card = sale.payments[0]!;
    // The card's tip goes from $13.47 to $20.00: the new tip shared by service value 65:35 → 1300 / 700.
    const change = tipChange({ ...sale, adjustments: [] }, 1347, 2000, STAFF);
    expect(change.tipShares).toEqual([{ staffId: SAM, amount: 1300 }, { staffId: ALEX, amount: 700 }]);
    const doc = await recordTipAdjustment(writer, { order: sale.order, paymentId: card.id, previousTip: 1347, tip: 2000, ...change, reason: 'Tip added after the service', staffId: CASHIER, approvedBy: null });
    expect(validateDocument('adjustments', doc)).toEqual([]);
    // Each staff member's tip moves from their share of the sale's tips to their share after the change (below).
    const held = new Map(sale.order.tipShares.map((s) => [s.staffId, s.amount]));
    expect(doc.tipAdjustment!.staff.map((s) => [s.staffId, s.tip])).toEqual([[SAM, 1724 - held.get(SAM)!], [ALEX, 929 - held.get(ALEX)!]]);
    const after = (await loadStoredSale(db, sale.order.id))!;
    const effective = effectiveSale(after);
    expect(effective.payments.map((p) => p.tip)).toEqual([2000, 653]);
    // 1347 taken back from 1300/700 in proportion (876/471), then 1300/700 added: 1724 / 929 = 2653.
    expect(effective.tipShares).toEqual([{ staffId: SAM, amount: 1724 }, { staffId: ALEX, amount: 929 }]);
    expect(deriveOrderState(after.order, after.payments, after.adjustments)).toMatchObject({ paid: 12848 + 2653, tip: 2653 });
    const full = planStoredRefund(after, STAFF, { kind: 'full' });
    expect(full.tenders.map((t) => [t.amount, t.tip])).toEqual([[8653, 2000], [4195, 653]]);
    expect(full.staff.map((s) => s.tip)).toEqual([1724, 929]);
    await expect(recordTipAdjustment(writer, { order: sale.order, paymentId: card.id, previousTip: 2000, tip: 2000, ...change, reason: 'x', staffId: null, approvedBy: null })).rejects.toThrow(/unchanged/);
    const events = (await db.audit_events.find().exec()).map((e) => e.toJSON() as AuditEventDoc);
    expect(events.map((e) => [e.kind, e.details.previousTip, e.details.tip])).toEqual([['tip_adjustment', 1347, 2000]]);
  });
});

describe('storedRefunds', () => {
  it('turns stored refund records back into the money core’s refunds, oldest first, skipping voids and tips', () => {
    const record = (id: string, createdAt: string, total: number): Pick<AdjustmentDoc, 'id' | 'currency' | 'refund' | 'createdAt'> => ({
      id, createdAt, currency: 'USD',
      refund: { amount: total, tip: 0, total, lines: [], taxes: [], tenders: [{ paymentId: 'p', tender: 'CASH', amount: total, tip: 0, fee: 0, cashRounding: 0 }], staff: [], method: 'store_credit', restock: false },
    });
    const refunds = storedRefunds([record('b', '2026-11-21T10:00:00.000Z', 200), { id: 'v', createdAt: '2026-11-21T09:00:00.000Z', currency: 'USD', refund: null }, record('a', '2026-11-21T10:00:00.000Z', 100)]);
    expect(refunds.map((r) => r.total)).toEqual([100, 200]);
    expect(refunds[0]).toEqual({ currency: 'USD', amount: 100, tip: 0, total: 100, lines: [], taxes: [], tenders: [{ paymentId: 'p', tender: 'CASH', amount: 100, tip: 0, fee: 0, cashRounding: 0 }], staff: [] });
    expect(refunds[0]).not.toHaveProperty('method');
  });
});
