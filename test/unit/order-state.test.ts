import { describe, expect, it } from 'vitest';
import { adjustmentIssues, deriveOrderState } from '../../shared/adjustments/index';
import type { AdjustmentDoc, RefundRecord } from '../../shared/schemas/index';

const payments = [
  { id: 'cash', status: 'succeeded' as const, amount: 6000, tip: 1000 },
  { id: 'card', status: 'succeeded' as const, amount: 4000, tip: 0 },
];

function refund(total: number, at: string, id = at): AdjustmentDoc {
  const record: RefundRecord = {
    amount: total, tip: 0, total, lines: [], taxes: [],
    tenders: [{ paymentId: 'cash', tender: 'CASH', amount: total, tip: 0, fee: 0, cashRounding: 0 }],
    staff: [], method: 'original', restock: false,
  };
  return {
    id, tenantId: 't', locationId: 'l', deviceId: 'd', orderId: 'o', kind: 'refund', currency: 'USD', staffId: null,
    approvedBy: null, reason: 'client unhappy', refund: record, voidedPaymentIds: [], tipAdjustment: null, createdAt: at, businessDate: '2026-11-21',
  };
}

describe('deriveOrderState', () => {
  it('is paid when succeeded payments cover the total, tips on top', () => {
    expect(deriveOrderState({ total: 10000 }, payments, [])).toEqual({ status: 'paid', paid: 11000, tip: 1000, refunded: 0, overRefund: 0, voided: false });
  });

  it('is partially refunded, then refunded, and flags what two registers refunded beyond the sale', () => {
    expect(deriveOrderState({ total: 10000 }, payments, [refund(3000, '2026-11-21T10:00:00Z')]).status).toBe('partially_refunded');
    const twice = [refund(8000, '2026-11-21T10:00:00Z', 'a'), refund(8000, '2026-11-21T10:00:00Z', 'b')];
    expect(deriveOrderState({ total: 10000 }, payments, twice)).toMatchObject({ status: 'refunded', refunded: 16000, overRefund: 5000 });
  });

  it('uses the latest tip adjustment of a payment, the same on every device', () => {
    const tipTo = (tip: number, at: string, id: string): AdjustmentDoc => ({
      ...refund(1, at, id), kind: 'tip_adjustment', refund: null, tipAdjustment: { paymentId: 'card', previousTip: 0, tip, tipShares: [], staff: [] },
    });
    const adjustments = [tipTo(900, '2026-11-21T12:00:00Z', 'b'), tipTo(500, '2026-11-21T11:00:00Z', 'a'), tipTo(700, '2026-11-21T12:00:00Z', 'a')];
    expect(deriveOrderState({ total: 10000 }, payments, adjustments)).toMatchObject({ tip: 1900, paid: 11900 });
    expect(deriveOrderState({ total: 10000 }, payments, [...adjustments].reverse()).tip).toBe(1900);
  });

  it('is voided, with nothing paid, once the sale is voided', () => {
    const voided: AdjustmentDoc = { ...refund(1, '2026-11-21T10:00:00Z'), kind: 'void', refund: null, voidedPaymentIds: ['cash', 'card'] };
    expect(deriveOrderState({ total: 10000 }, payments, [voided])).toMatchObject({ status: 'voided', paid: 0, voided: true });
  });
});

describe('adjustmentIssues', () => {
  it('accepts a consistent refund', () => {
    expect(adjustmentIssues(refund(2500, '2026-11-21T10:00:00Z'))).toEqual([]);
  });

  it('names figures that do not add up, and a kind that does not match its contents', () => {
    const bad = refund(2500, '2026-11-21T10:00:00Z');
    bad.refund = { ...bad.refund!, total: 2600 };
    expect(adjustmentIssues(bad, ['body', 0])).toContainEqual(expect.objectContaining({ loc: ['body', 0, 'refund', 'total'] }));
    const mixed: AdjustmentDoc = { ...refund(2500, '2026-11-21T10:00:00Z'), kind: 'void' };
    expect(adjustmentIssues(mixed).map((i) => i.loc[0])).toEqual(['refund', 'voidedPaymentIds']);
  });
});
