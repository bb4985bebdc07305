import { describe, expect, it } from 'vitest';
import { canTransition, orderStatus, PAYMENT_TRANSITIONS, transition, type OrderMoneyFacts } from '../../../shared/lifecycle';
import { PAYMENT_STATUSES } from '../../../shared/schemas/payments';

describe('payment state machine', () => {
  it.each([
    ['pending', 'authorized'], ['pending', 'succeeded'], ['pending', 'failed'], ['pending', 'canceled'],
    ['authorized', 'succeeded'], ['authorized', 'canceled'], ['authorized', 'failed'], ['succeeded', 'voided'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(transition(from, to)).toBe(to);
  });

  it('allows nothing else, and says what is allowed', () => {
    const allowed = PAYMENT_STATUSES.flatMap((from) => PAYMENT_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`));
    expect(allowed).toHaveLength(8);
    expect(() => transition('succeeded', 'canceled')).toThrow('A succeeded payment cannot become canceled: it can become voided.');
    expect(() => transition('failed', 'succeeded')).toThrow(expect.objectContaining({ code: 'BAD_TRANSITION' }));
    for (const final of ['failed', 'canceled', 'voided'] as const) expect(PAYMENT_TRANSITIONS[final]).toEqual([]);
  });
});

describe('order status derived from payments, refunds and voids', () => {
  const paid = (amount: number, tip = 0, status: 'succeeded' | 'pending' | 'authorized' | 'failed' | 'voided' = 'succeeded') => ({ status, amount, tip });
  const facts = (over: Partial<OrderMoneyFacts>): OrderMoneyFacts => ({ total: 1000, voided: false, payments: [], refunds: [], ...over });
  it.each([
    ['open', facts({})],
    ['open', facts({ payments: [paid(1000, 0, 'authorized'), paid(1000, 0, 'failed')] })],
    ['partially_paid', facts({ payments: [paid(400)] })],
    ['paid', facts({ payments: [paid(400), paid(600, 100)] })],
    ['paid', facts({ total: 0 })],
    ['partially_paid', facts({ payments: [paid(1000, 0, 'voided'), paid(300)] })],
    ['partially_refunded', facts({ payments: [paid(1000, 100)], refunds: [{ total: 1000 }] })],
    ['refunded', facts({ payments: [paid(1000, 100)], refunds: [{ total: 1000 }, { total: 100 }] })],
    ['voided', facts({ voided: true, payments: [paid(1000)] })],
  ] as const)('%s', (status, input) => {
    expect(orderStatus(input)).toBe(status);
  });
});
