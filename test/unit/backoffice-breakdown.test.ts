import { describe, expect, it } from 'vitest';
import { planRefund, type RefundableSale } from '../../shared/refunds/index';
import { paymentBreakdown } from '../../sync-server/backoffice/breakdown';
import { makeSale } from '../support/sales';

const device = { deviceId: 'd1', token: 't', tenantId: 'tenant-1', locationId: 'loc-1' };
const rates = [
  { id: 'ana', commissionRate: '45', tipCommissionRate: '100' },
  { id: 'ben', commissionRate: '60.5', tipCommissionRate: '90' },
];
const rateMap = new Map(rates.map((r) => [r.id, r]));
const taxes = [{ id: 'gst', name: 'GST', rate: '15' }];

function sale(tenders: Parameters<typeof makeSale>[1]['tenders']) {
  const s = makeSale(device, {
    createdAt: '2026-11-20T11:10:00Z', timeZone: 'Pacific/Auckland', number: 'A1', taxes, rates, tip: 3333, tenders,
    lines: [{ kind: 'service', unitPrice: 6500, staffId: 'ana' }, { kind: 'service', unitPrice: 12_345, staffId: 'ben' }, { kind: 'product', unitPrice: 1899, quantity: 2 }],
  });
  const refundable: RefundableSale = {
    currency: 'USD', lines: s.priced.lines, earnings: s.earnings,
    tenders: s.payments.map((p) => ({ paymentId: p.id, tender: p.tender, amount: p.amount, tip: p.tip, fee: p.fee })),
  };
  return { ...s, refundable };
}

describe('payment breakdown against the money core', () => {
  it("splits a one-tender sale exactly as orderEarnings does", () => {
    const s = sale([{ tender: 'CARD_TERMINAL', mode: 'ONLINE', fee: { fixed: 30, percent: '2.9' } }]);
    const b = paymentBreakdown(s.payments[0]!, s.order, rateMap, []);
    const earned = (f: 'stylistAmount' | 'stylistTipAmount' | 'serviceAmount') => s.earnings.reduce((t, e) => t + e[f], 0);
    expect(b).toMatchObject({
      amount: s.order.total, tip: 3333, stylistAmount: earned('stylistAmount'), stylistTipAmount: earned('stylistTipAmount'),
      serviceAmount: earned('serviceAmount'), salonAmount: s.order.total - earned('stylistAmount'), salonTipAmount: 3333 - earned('stylistTipAmount'),
      refundAmount: 0, refundTipAmount: 0,
    });
  });

  it("gives back a full refund's every share: what the salon and each stylist got is what they return", () => {
    const s = sale([{ tender: 'CARD_TERMINAL', mode: 'ONLINE', fee: { fixed: 30, percent: '2.9' } }]);
    const refund = planRefund(s.refundable, [], { kind: 'full' });
    const b = paymentBreakdown(s.payments[0]!, s.order, rateMap, [refund]);
    expect(b.refundAmount).toBe(b.amount);
    expect(b.refundTipAmount).toBe(b.tip);
    expect(b.refundAmountStylist).toBe(b.stylistAmount);
    expect(b.refundTipAmountStylist).toBe(b.stylistTipAmount);
    expect(b.refundAmountSalon).toBe(b.salonAmount);
    expect(b.refundTipAmountSalon).toBe(b.salonTipAmount);
    expect(b.refundFee).toBe(refund.tenders[0]!.fee);
  });

  it("splits a partial refund between salon and stylists as planRefund does, adding up exactly", () => {
    const s = sale([{ tender: 'CASH', mode: 'OFFLINE' }]);
    const refund = planRefund(s.refundable, [], { kind: 'amount', amount: 1001, tip: 101 });
    const b = paymentBreakdown(s.payments[0]!, s.order, rateMap, [refund]);
    expect(b.refundAmount).toBe(1001);
    expect(b.refundTipAmount).toBe(101);
    expect(b.refundAmountSalon + b.refundAmountStylist).toBe(1001);
    expect(b.refundAmountStylist).toBe(refund.staff.reduce((t, x) => t + x.stylistAmount, 0));
    expect(b.refundTipAmountStylist).toBe(refund.staff.reduce((t, x) => t + x.stylistTipAmount, 0));
  });

  it("spreads a refund over two tenders: the payments' refunded parts add up to the refund", () => {
    const s = sale([{ tender: 'CASH', mode: 'OFFLINE' }, { tender: 'CARD_TERMINAL', mode: 'ONLINE', fee: { fixed: 30, percent: '2.9' } }]);
    const refund = planRefund(s.refundable, [], { kind: 'full' });
    const parts = s.payments.map((p) => paymentBreakdown(p, s.order, rateMap, [refund]));
    expect(parts.reduce((t, b) => t + b.refundAmount, 0)).toBe(refund.amount);
    expect(parts.reduce((t, b) => t + b.refundTipAmount, 0)).toBe(refund.tip);
    expect(parts.reduce((t, b) => t + b.amount, 0)).toBe(s.order.total);
    expect(parts.reduce((t, b) => t + b.tip, 0)).toBe(3333);
  });
});
