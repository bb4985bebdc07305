import { describe, expect, it } from 'vitest';
import { deriveOrderState } from '../../shared/adjustments/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import { defaultFilters, historyRows, matchesFilters, orderQuery, type HistoryFilters } from '../../renderer/src/history/filters';
import { REGISTER } from '../support/demo-settings';

const SAM = 'staff-sam';
const JORDAN = 'staff-jordan';

function order(id: string, total: number, extra: Partial<OrderDoc> = {}): OrderDoc {
  return {
    id, ...REGISTER, number: `C3A1-${id}`, cashierId: JORDAN, clientId: null,
    lines: [{ id: `${id}-l1`, itemId: null, kind: 'service', name: "Women's haircut", quantity: 1, unitPrice: total, staffId: SAM, discount: 0, net: total, tax: 0, taxes: [], total }],
    taxInclusive: false, taxes: [], tipShares: [], currency: 'USD', subtotal: total, discountTotal: 0, taxTotal: 0, tipTotal: 0, total,
    createdAt: '2026-11-21T15:00:00.000Z', businessDate: '2026-11-21', ...extra,
  };
}
function payment(orderId: string, amount: number, extra: Partial<PaymentDoc> = {}): PaymentDoc {
  return {
    id: `${orderId}-p${amount}`, ...REGISTER, orderId, tender: 'CASH', mode: 'OFFLINE', status: 'succeeded', currency: 'USD', amount, tip: 0, fee: 0,
    tendered: null, change: null, label: null, cardBrand: null, cardLast4: null, cashierId: JORDAN, createdAt: '2026-11-21T15:00:00.000Z', businessDate: '2026-11-21', ...extra,
  };
}
function refund(orderId: string, total: number, paymentId: string): AdjustmentDoc {
  return {
    id: `${orderId}-r${total}-${paymentId}`, ...REGISTER, orderId, kind: 'refund', currency: 'USD', staffId: JORDAN, approvedBy: null, reason: 'Client moved away',
    refund: { amount: total, tip: 0, total, lines: [], taxes: [], tenders: [{ paymentId, tender: 'CASH', amount: total, tip: 0, fee: 0, cashRounding: 0 }], staff: [], method: 'original', restock: false },
    voidedPaymentIds: [], tipAdjustment: null, createdAt: '2026-11-21T16:00:00.000Z', businessDate: '2026-11-21',
  };
}

// A: $65 cash, paid. B: $40 on a card machine (Visa 4242) + $20 cash for client Ana, $10 refunded.
// C: $30 Stripe card (online), refunded $30 on two registers offline: $60 refunded, $30 over.
const orders = [order('A', 6500), order('B', 6000, { clientId: 'client-ana', cashierId: 'staff-alex' }), order('C', 3000)];
const payments = [
  payment('A', 6500),
  payment('B', 4000, { tender: 'CARD_EXTERNAL', cardBrand: 'Visa', cardLast4: '4242' }),
  payment('B', 2000),
  payment('C', 3000, { tender: 'CARD_TERMINAL', mode: 'ONLINE' }),
];
const adjustments = [refund('B', 1000, 'B-p2000'), refund('C', 3000, 'C-p3000'), { ...refund('C', 3000, 'C-p3000'), id: 'C-r2', deviceId: 'other-register' }];
const rows = historyRows(orders, payments, adjustments, deriveOrderState);
const base: HistoryFilters = { ...defaultFilters(new Date('2026-11-21T20:00:00Z'), 'America/New_York') };
const numbers = (f: Partial<HistoryFilters>, names: Record<string, string> = {}) =>
  rows.filter((r) => matchesFilters(r, { ...base, ...f }, (id) => names[id] ?? null)).map((r) => r.order.id);

describe('payment history filters', () => {
  it('groups payments and adjustments under their order and derives each status', () => {
    expect(rows.map((r) => [r.order.id, r.payments.length, r.adjustments.length, r.state.status, r.state.refunded, r.state.overRefund])).toEqual([
      ['A', 1, 0, 'paid', 0, 0],
      ['B', 2, 1, 'partially_refunded', 1000, 0],
      ['C', 1, 2, 'refunded', 6000, 3000],
    ]);
  });

  it('defaults to today in the location and queries the business-day index, either way round', () => {
    expect([base.from, base.to]).toEqual(['2026-11-21', '2026-11-21']);
    expect(defaultFilters(new Date('2026-11-22T03:00:00Z'), 'America/New_York').from).toBe('2026-11-21');
    expect(orderQuery({ from: '2026-11-30', to: '2026-11-01' }).selector).toEqual({ businessDate: { $gte: '2026-11-01', $lte: '2026-11-30' } });
    expect(() => orderQuery({ from: '21/11/2026', to: '2026-11-30' })).toThrow(/YYYY-MM-DD/);
  });

  it('filters by derived status, and "flagged" finds the over-refunded sale', () => {
    expect(numbers({})).toEqual(['A', 'B', 'C']);
    expect(numbers({ status: 'paid' })).toEqual(['A']);
    expect(numbers({ status: 'partially_refunded' })).toEqual(['B']);
    expect(numbers({ status: 'flagged' })).toEqual(['C']);
  });

  it('filters by tender, online/offline mode, staff (cashier or provider) and client', () => {
    expect(numbers({ tender: 'CASH' })).toEqual(['A', 'B']);
    expect(numbers({ tender: 'CARD_EXTERNAL' })).toEqual(['B']);
    expect(numbers({ mode: 'ONLINE' })).toEqual(['C']);
    expect(numbers({ mode: 'OFFLINE' })).toEqual(['A', 'B']);
    expect(numbers({ staffId: 'staff-alex' })).toEqual(['B']);
    expect(numbers({ staffId: SAM })).toEqual(['A', 'B', 'C']);
    expect(numbers({ staffId: JORDAN })).toEqual(['A', 'C']);
    expect(numbers({ clientId: 'client-ana' })).toEqual(['B']);
  });

  it('bounds the total (before tip, minor units) inclusively', () => {
    expect(numbers({ minTotal: 6000 })).toEqual(['A', 'B']);
    expect(numbers({ minTotal: 3000, maxTotal: 6000 })).toEqual(['B', 'C']);
    expect(numbers({ maxTotal: 2999 })).toEqual([]);
  });

  it('searches number, item, client name, card last four and refund reason, ignoring case', () => {
    expect(numbers({ text: 'c3a1-a' })).toEqual(['A']);
    expect(numbers({ text: 'HAIRCUT' })).toEqual(['A', 'B', 'C']);
    expect(numbers({ text: '4242' })).toEqual(['B']);
    expect(numbers({ text: 'ana' }, { 'client-ana': 'Ana Souza' })).toEqual(['B']);
    expect(numbers({ text: 'moved away' })).toEqual(['B', 'C']);
    expect(numbers({ text: 'moved away', tender: 'CASH' })).toEqual(['B']);
  });
});
