import { describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { PairResponseBody } from '../../shared/protocol';
import { mergeDays, summarizeDays } from '../../shared/reports/index';
import type { AdjustmentDoc } from '../../shared/schemas/index';
import { makeRefund, makeSale, type Sale } from '../support/sales';

const device = { deviceId: 'dev1', tenantId: 't1', locationId: 'loc1', token: 'x' } as PairResponseBody;
const zone = 'America/New_York';
const at = '2026-11-21T15:00:00.000Z';
const taxes = [{ id: 'nyc', name: 'NYC', rate: '8.875' }];
const rates = [{ id: 'sam', commissionRate: '40', tipCommissionRate: '100' }];
const cash = { tender: 'CASH', mode: 'OFFLINE' } as const;
const card = { tender: 'CARD_EXTERNAL', mode: 'OFFLINE' } as const;

function adjustment(sale: Sale, extra: Partial<AdjustmentDoc>): AdjustmentDoc {
  return {
    id: newId(), tenantId: 't1', locationId: 'loc1', deviceId: 'dev1', orderId: sale.order.id, kind: 'void', currency: 'USD', staffId: null, approvedBy: null,
    reason: 'x', refund: null, voidedPaymentIds: [], tipAdjustment: null, createdAt: at, businessDate: '2026-11-21', ...extra,
  };
}

describe("the owner's figures", () => {
  // Sale A: haircut 65.00 (Sam) + shampoo 18.00, tax, 13.00 tip, card + cash; the shampoo refunded; the tip raised to 15.00.
  const a = makeSale(device, { createdAt: at, timeZone: zone, number: 'A', taxes, rates, tip: 1300, tenders: [card, cash],
    lines: [{ kind: 'service', unitPrice: 6500, staffId: 'sam' }, { kind: 'product', unitPrice: 1800 }] });
  // Sale B: a blowout with a 5.00 tip, voided the same day.
  const b = makeSale(device, { createdAt: at, timeZone: zone, number: 'B', taxes, rates, tip: 500, tenders: [card], lines: [{ kind: 'service', unitPrice: 3500, staffId: 'sam' }] });
  const shampoo = a.order.lines[1]!;
  const refund = makeRefund(device, a, { kind: 'items', items: [{ lineId: shampoo.id, quantity: 1 }] }, at, zone);
  const tipChange = adjustment(a, { kind: 'tip_adjustment', tipAdjustment: { paymentId: a.payments[0]!.id, previousTip: 650, tip: 850, tipShares: [{ staffId: 'sam', amount: 850 }], staff: [{ staffId: 'sam', tip: 200, stylistTip: 200 }] } });
  const voided = adjustment(b, { kind: 'void', voidedPaymentIds: [b.payments[0]!.id] });
  const day = summarizeDays({
    orders: [a.order, b.order], payments: [...a.payments, ...b.payments], adjustments: [refund, tipChange, voided],
    rates: new Map(rates.map((r) => [r.id, r])), locationId: 'loc1', categoryOf: (_id, kind) => (kind === 'service' ? 'Hair' : 'Retail'),
  }).get('2026-11-21')!;

  it('net refunds and leave out a voided sale: gross − discounts − refunds = net sales; + tax + tips = total collected', () => {
    const haircutTax = a.order.lines[0]!.tax;
    expect(day.figures).toEqual({
      grossSales: 8300, discounts: 0, refunds: 1800, netSales: 6500, tax: haircutTax, tips: 1500, collected: 6500 + haircutTax + 1500,
    });
    expect(haircutTax).toBe(577);
    // What the drawer and the cards took, less what went back, is the total collected.
    const taken = a.payments.reduce((s, p) => s + p.amount + p.tip, 0) + 200 - refund.refund!.total;
    expect(day.figures.collected).toBe(taken);
  });

  it('count refunds and voids in the categories', () => {
    expect(day.categories).toEqual({ Hair: { net: 6500, quantity: 1 }, Retail: { net: 0, quantity: 0 } });
  });

  it('add up over days as they do in a day', () => {
    expect(mergeDays('range', [day, day]).figures).toEqual(Object.fromEntries(Object.entries(day.figures).map(([k, v]) => [k, v * 2])));
  });
});
