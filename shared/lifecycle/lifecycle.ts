import { MoneyError } from '../money';
import type { PaymentStatus } from '../schemas/payments';

/**
 * The payment state machine. A payment starts `pending`; a card is `authorized` before it is
 * captured; `succeeded` means the money is taken; a succeeded payment can still be `voided`
 * (reversed before settlement, as one act with no refund). `failed`, `canceled` and `voided`
 * are final. Refunds are separate documents and never change a payment's status.
 */
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  pending: ['authorized', 'succeeded', 'failed', 'canceled'],
  authorized: ['succeeded', 'failed', 'canceled'],
  succeeded: ['voided'],
  failed: [],
  canceled: [],
  voided: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

/** The next status, or a MoneyError saying which moves are allowed from here. */
export function transition(from: PaymentStatus, to: PaymentStatus): PaymentStatus {
  if (!canTransition(from, to)) {
    const allowed = PAYMENT_TRANSITIONS[from];
    throw new MoneyError(
      'BAD_TRANSITION',
      `A ${from} payment cannot become ${to}: ${allowed.length ? `it can become ${allowed.join(', ')}` : `${from} is final`}.`,
    );
  }
  return to;
}

export const ORDER_STATUSES = ['open', 'partially_paid', 'paid', 'partially_refunded', 'refunded', 'voided'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderMoneyFacts {
  /** The order's total without tip, in minor units. */
  readonly total: number;
  /** Whether a void document exists for the order. */
  readonly voided: boolean;
  /** Its payments: `amount` without tip, `tip` on top. */
  readonly payments: readonly { readonly status: PaymentStatus; readonly amount: number; readonly tip: number }[];
  /** Its refunds: amount + tip given back. */
  readonly refunds: readonly { readonly total: number }[];
}

/**
 * An order's status, derived from its documents: only succeeded payments count as paid, a
 * refund counts against what was paid including tips, and a void overrides everything.
 */
export function orderStatus(facts: OrderMoneyFacts): OrderStatus {
  if (facts.voided) return 'voided';
  let applied = 0;
  let taken = 0;
  for (const payment of facts.payments) {
    if (payment.status === 'succeeded') {
      applied += payment.amount;
      taken += payment.amount + payment.tip;
    }
  }
  const refunded = facts.refunds.reduce((sum, refund) => sum + refund.total, 0);
  if (refunded > 0) return refunded >= taken ? 'refunded' : 'partially_refunded';
  if (applied >= facts.total) return 'paid';
  return applied > 0 ? 'partially_paid' : 'open';
}
