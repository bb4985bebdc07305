import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderEarnings } from '../../../shared/commissions';
import { allocateMinor, money, MoneyError } from '../../../shared/money';
import { priceOrder, type PricedOrder } from '../../../shared/pricing';
import { planRefund, refundable, type Refund, type RefundableSale, type RefundRequest } from '../../../shared/refunds';
import type { Tender } from '../../../shared/schemas/payments';
import { splitTipByService, tipAmount } from '../../../shared/tips';
import { orderInput, RUNS, STAFF } from './arbitraries';

const RATES = STAFF.map((id, i) => ({ id, commissionRate: `${30 + i * 7}.5`, tipCommissionRate: i % 2 ? '100' : '90' }));

function saleOf(order: PricedOrder, tip: number, tenders: { tender: Tender; weight: number; fee: number }[]): RefundableSale {
  const hasStaff = order.lines.some((l) => l.kind === 'service' && l.staffId !== null);
  const tips = hasStaff ? splitTipByService(order, money(tip, order.currency)) : [];
  const paidTip = hasStaff ? tip : 0;
  const amounts = allocateMinor(order.total, tenders.map((t) => t.weight));
  const tenderTips = allocateMinor(paidTip, tenders.map((t) => t.weight));
  return {
    currency: order.currency,
    lines: order.lines,
    tenders: tenders.map((t, i) => ({
      paymentId: `pay-${i}`, tender: t.tender, amount: amounts[i]!, tip: tenderTips[i]!, fee: amounts[i]! + tenderTips[i]! > 0 ? t.fee : 0,
    })),
    earnings: orderEarnings(order, tips, RATES),
  };
}

// Ana cut 50.00, Ben color 30.00, a 20.00 product; NYC tax; 16.00 tip; card 60.00 + tip, cash the rest.
const order = priceOrder({
  currency: 'USD', taxInclusive: false, taxes: [{ id: 'nyc', name: 'NYC', rate: '8.875' }],
  lines: [
    { id: 'cut', kind: 'service', quantity: 1, unitPrice: 5000, staffId: 'ana' },
    { id: 'color', kind: 'service', quantity: 2, unitPrice: 1500, staffId: 'ben' },
    { id: 'wax', kind: 'product', quantity: 1, unitPrice: 2000 },
  ],
});
const sale: RefundableSale = {
  currency: 'USD',
  lines: order.lines,
  tenders: [
    { paymentId: 'card', tender: 'CARD_TERMINAL', amount: 6000, tip: 1600, fee: 250 },
    { paymentId: 'cash', tender: 'CASH', amount: order.total - 6000, tip: 0, fee: 0 },
  ],
  earnings: orderEarnings(order, splitTipByService(order, money(1600, 'USD')), [
    { id: 'ana', commissionRate: '40', tipCommissionRate: '100' },
    { id: 'ben', commissionRate: '50', tipCommissionRate: '100' },
  ]),
};

describe('refunds, worked examples', () => {
  it('itemised: one of two colors, its discount and tax recomputed per item, all back to the card by default', () => {
    expect(order.total).toBe(10_888); // 5444 + 3266 + 2178
    const refund = planRefund(sale, [], { kind: 'items', items: [{ lineId: 'color', quantity: 1 }], tip: 600 });
    expect(refund.lines).toEqual([{ lineId: 'color', quantity: 1, net: 1500, discount: 0, tax: 133, taxes: [{ taxId: 'nyc', amount: 133 }], total: 1633 }]);
    expect(refund).toMatchObject({ amount: 1633, tip: 600, total: 2233 });
    // One tender by default: the card holds 6000 + 1600, so all 2233 go back to it.
    expect(refund.tenders).toEqual([
      { paymentId: 'card', tender: 'CARD_TERMINAL', amount: 1633, tip: 600, fee: 73, cashRounding: 0 }, // 250 × 2233/7600 = 73.45
      { paymentId: 'cash', tender: 'CASH', amount: 0, tip: 0, fee: 0, cashRounding: 0 },
    ]);
    expect(refund.staff).toEqual([
      { staffId: 'ana', amount: 0, tip: 375, salonAmount: 0, stylistAmount: 0, salonTipAmount: 0, stylistTipAmount: 375 },
      { staffId: 'ben', amount: 1500, tip: 225, salonAmount: 750, stylistAmount: 750, salonTipAmount: 0, stylistTipAmount: 225 },
    ]);
  });

  it('partial by amount, then full: the full refund returns exactly the rest', () => {
    const first = planRefund(sale, [], { kind: 'amount', amount: 1000, tip: 0 });
    expect(first.lines.map((l) => [l.lineId, l.total])).toEqual([['cut', 500], ['color', 300], ['wax', 200]]);
    expect(refundable(sale, [first])).toMatchObject({ amount: 9888, tip: 1600 });
    const rest = planRefund(sale, [first], { kind: 'full' });
    expect(rest).toMatchObject({ amount: 9888, tip: 1600 });
    expect(rest.tenders.map((t) => [t.amount + first.tenders.find((f) => f.paymentId === t.paymentId)!.amount, t.fee + first.tenders.find((f) => f.paymentId === t.paymentId)!.fee]))
      .toEqual([[6000, 250], [4888, 0]]);
    expect(() => planRefund(sale, [first, rest], { kind: 'full' })).toThrow(expect.objectContaining({ code: 'OVER_REFUND' }));
  });

  it('JPY and KWD refunds stay in whole minor units', () => {
    for (const currency of ['JPY', 'KWD']) {
      const priced = priceOrder({ currency, taxInclusive: true, taxes: [{ id: 'v', name: 'VAT', rate: '10' }], lines: [{ id: 'a', kind: 'service', quantity: 3, unitPrice: 1001, staffId: 'ana' }] });
      const s = saleOf(priced, 0, [{ tender: 'CARD_EXTERNAL', weight: 1, fee: 0 }]);
      const refund = planRefund(s, [], { kind: 'items', items: [{ lineId: 'a', quantity: 1 }] });
      expect(refund.lines[0]).toMatchObject({ total: 1001, tax: 91, net: 910 }); // 3003 holds 273 of tax
    }
  });

  it('rounds what the cash drawer pays out where the currency has a cash step', () => {
    const priced = priceOrder({ currency: 'CHF', taxInclusive: true, taxes: [], lines: [{ id: 'a', kind: 'product', quantity: 1, unitPrice: 1003 }] });
    const refund = planRefund(saleOf(priced, 0, [{ tender: 'CASH', weight: 1, fee: 0 }]), [], { kind: 'full' });
    expect(refund.tenders[0]).toMatchObject({ amount: 1003, cashRounding: 2 });
  });

  it.each([
    ['more than is refundable', { kind: 'amount', amount: 10_889, tip: 0 }, 'OVER_REFUND'],
    ['more tip than was paid', { kind: 'amount', amount: 0, tip: 1601 }, 'OVER_REFUND'],
    ['more items than were sold', { kind: 'items', items: [{ lineId: 'color', quantity: 3 }] }, 'OVER_REFUND'],
    ['a fractional quantity', { kind: 'items', items: [{ lineId: 'color', quantity: 0.5 }] }, 'BAD_QUANTITY'],
    ['a line not on the sale', { kind: 'items', items: [{ lineId: 'nope', quantity: 1 }] }, 'UNKNOWN_REFERENCE'],
    ['a float amount', { kind: 'amount', amount: 10.5, tip: 0 }, 'NOT_AN_INTEGER'],
    ['a negative amount', { kind: 'amount', amount: -1, tip: 0 }, 'NEGATIVE_AMOUNT'],
  ] as const)('refuses %s', (_what, request, code) => {
    expect(() => planRefund(sale, [], request as RefundRequest)).toThrow(MoneyError);
    expect(() => planRefund(sale, [], request as RefundRequest)).toThrow(expect.objectContaining({ code }));
  });
});

const tenderArb = fc.array(
  fc.record({ tender: fc.constantFrom<Tender>('CASH', 'CARD_TERMINAL', 'GIFT_CARD'), weight: fc.integer({ min: 1, max: 10 }), fee: fc.nat(500) }),
  { minLength: 1, maxLength: 3 },
);
const requestArb = fc.oneof(
  fc.record({ kind: fc.constant('amount' as const), amount: fc.nat(), tip: fc.nat() }),
  fc.record({ kind: fc.constant('items' as const), line: fc.nat(), quantity: fc.integer({ min: 1, max: 5 }), tip: fc.nat() }),
);

function sumBy<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

describe('refunds, properties', () => {
  it('never exceed what is refundable, and refunding everything returns exactly what was paid per tender, staff member and tax line', () => {
    fc.assert(
      fc.property(orderInput, fc.constantFrom('0', '15', '20'), tenderArb, fc.array(requestArb, { maxLength: 3 }), (input, preset, tenders, requests) => {
        const priced = priceOrder(input);
        const s = saleOf(priced, tipAmount(priced, { kind: 'percent', percent: preset }).amount, tenders);
        const done: Refund[] = [];
        for (const r of requests) {
          const can = refundable(s, done);
          let request: RefundRequest;
          if (r.kind === 'amount') {
            request = { kind: 'amount', amount: can.amount ? r.amount % (can.amount + 1) : 0, tip: can.tip ? r.tip % (can.tip + 1) : 0 };
          } else {
            const line = can.lines[r.line % can.lines.length]!;
            if (line.quantity === 0) continue;
            request = { kind: 'items', items: [{ lineId: line.lineId, quantity: Math.min(r.quantity, line.quantity) }], tip: can.tip ? r.tip % (can.tip + 1) : 0 };
          }
          const refund = planRefund(s, done, request);
          assert.ok(refund.amount <= can.amount && refund.tip <= can.tip);
          assert.equal(sumBy(refund.tenders, (t) => t.amount), refund.amount);
          assert.equal(sumBy(refund.tenders, (t) => t.tip), refund.tip);
          assert.equal(sumBy(refund.lines, (l) => l.total), refund.amount);
          done.push(refund);
          assert.throws(() => planRefund(s, done, { kind: 'amount', amount: refundable(s, done).amount + 1, tip: 0 }), { code: 'OVER_REFUND' });
        }
        const left = refundable(s, done);
        if (left.amount + left.tip > 0 || left.lines.some((l) => l.quantity > 0)) done.push(planRefund(s, done, { kind: 'full' }));
        for (const refund of done) {
          for (const t of refund.tenders) assert.ok([t.amount, t.tip, t.fee].every((v) => Number.isSafeInteger(v) && v >= 0));
          for (const l of refund.lines) assert.ok([l.net, l.discount, l.tax, l.total, l.quantity].every((v) => Number.isSafeInteger(v) && v >= 0));
          for (const st of refund.staff) {
            assert.equal(st.salonAmount + st.stylistAmount, st.amount);
            assert.equal(st.salonTipAmount + st.stylistTipAmount, st.tip);
          }
        }
        const all = done;
        for (const paid of s.tenders) {
          const back = all.flatMap((r) => r.tenders.filter((t) => t.paymentId === paid.paymentId));
          assert.deepEqual([sumBy(back, (t) => t.amount), sumBy(back, (t) => t.tip), sumBy(back, (t) => t.fee)], [paid.amount, paid.tip, paid.fee]);
        }
        for (const e of s.earnings) {
          const back = all.flatMap((r) => r.staff.filter((st) => st.staffId === e.staffId));
          for (const f of ['salonAmount', 'stylistAmount', 'salonTipAmount', 'stylistTipAmount'] as const) assert.equal(sumBy(back, (st) => st[f]), e[f]);
        }
        for (const tax of priced.taxes) {
          assert.equal(sumBy(all.flatMap((r) => r.taxes.filter((t) => t.taxId === tax.taxId)), (t) => t.amount), tax.amount);
        }
        for (const line of priced.lines) {
          const back = all.flatMap((r) => r.lines.filter((l) => l.lineId === line.id));
          assert.equal(sumBy(back, (l) => l.total), line.total);
          assert.equal(sumBy(back, (l) => l.quantity), line.quantity);
          assert.equal(sumBy(back, (l) => l.discount), line.discount);
        }
      }),
      RUNS,
    );
  });
});
