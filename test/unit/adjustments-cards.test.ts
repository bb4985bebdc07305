import { describe, expect, it } from 'vitest';
import { outcomeId } from '../../shared/lifecycle/index';
import type { PaymentDoc } from '../../shared/schemas/index';
import { cardRefundId, cardRefunds, refundCards } from '../../renderer/src/adjustments/card-refunds';
import { REGISTER } from '../support/demo-settings';

const PENDING = '0190a000-0000-7000-8000-0000000000b1';
const ADJUSTMENT = '0190a000-0000-7000-8000-0000000000d1';
const base = { ...REGISTER, orderId: 'o', mode: 'ONLINE', currency: 'USD', fee: 0, tendered: null, change: null, label: null, cardBrand: null, cardLast4: null, cashierId: null, createdAt: '2026-11-21T15:00:00.000Z', businessDate: '2026-11-21' } as const;
// A Stripe card payment: the pending document and its succeeded outcome; and a cash payment.
const payments: PaymentDoc[] = [
  { ...base, id: PENDING, tender: 'CARD_TERMINAL', status: 'pending', amount: 8000, tip: 0 },
  { ...base, id: outcomeId(PENDING, 'succeeded'), attemptOf: PENDING, tender: 'CARD_TERMINAL', status: 'succeeded', amount: 8000, tip: 1200 },
  { ...base, id: 'cash', tender: 'CASH', mode: 'OFFLINE', status: 'succeeded', amount: 4848, tip: 0 },
];
const tenders = [
  { paymentId: outcomeId(PENDING, 'succeeded'), tender: 'CARD_TERMINAL' as const, amount: 2500, tip: 300 },
  { paymentId: 'cash', tender: 'CASH' as const, amount: 1500, tip: 0 },
];

describe('card-terminal refunds through the server', () => {
  it('refunds amount + tip of each card tender against the payment the server knows, with an id fixed by the adjustment', () => {
    const refunds = cardRefunds(ADJUSTMENT, payments, tenders);
    expect(refunds).toEqual([{ paymentId: PENDING, refundId: cardRefundId(ADJUSTMENT, PENDING), amount: 2800 }]);
    expect(cardRefundId(ADJUSTMENT, PENDING)).toBe(cardRefundId(ADJUSTMENT, PENDING));
    expect(cardRefundId(ADJUSTMENT, PENDING)).not.toBe(cardRefundId('0190a000-0000-7000-8000-0000000000d2', PENDING));
    expect(cardRefunds(ADJUSTMENT, payments, tenders, 'store_credit')).toEqual([]);
    expect(cardRefunds(ADJUSTMENT, payments, [{ ...tenders[0]!, amount: 0, tip: 0 }])).toEqual([]);
  });

  it('calls the server once per card, refuses offline, and says nothing was recorded when the server refuses', async () => {
    const calls: unknown[] = [];
    const api = { refund: async (paymentId: string, body: { refundId: string; amount: number }) => (calls.push([paymentId, body]), { refundId: body.refundId, stripeRefundId: 're_1', status: 'succeeded', amount: body.amount }) };
    const refunds = cardRefunds(ADJUSTMENT, payments, tenders);
    await refundCards(api, refunds, true);
    expect(calls).toEqual([[PENDING, { refundId: cardRefundId(ADJUSTMENT, PENDING), amount: 2800 }]]);
    await expect(refundCards(api, refunds, false)).rejects.toThrow(/offline: connect, or give store credit/);
    await refundCards(api, [], false); // cash only: nothing to ask
    const failing = { refund: () => Promise.reject(new Error('At most 100 (minor units) is left to refund on this payment.')) };
    await expect(refundCards(failing, refunds, true)).rejects.toThrow(/nothing was recorded: At most 100/);
    expect(calls).toHaveLength(1);
  });
});
