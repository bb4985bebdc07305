import { effectivePayments, orderStatus, type OrderStatus } from '../lifecycle';
import type { AdjustmentDoc } from '../schemas/adjustments';
import type { PaymentDoc } from '../schemas/payments';

export interface OrderState {
  status: OrderStatus;
  /** Taken by succeeded payments, tips included, after tip adjustments. */
  paid: number;
  tip: number;
  refunded: number;
  /** Refunded beyond what was taken: two registers refunded the same sale offline. */
  overRefund: number;
  voided: boolean;
}

type Payment = Pick<PaymentDoc, 'id' | 'status' | 'amount' | 'tip' | 'attemptOf'>;
type Adjustment = Pick<AdjustmentDoc, 'id' | 'kind' | 'refund' | 'voidedPaymentIds' | 'tipAdjustment' | 'createdAt'>;

/** Later adjustments win; two made at the same instant are ordered by id, the same on every device. */
export function chronological(a: Pick<Adjustment, 'id' | 'createdAt'>, b: Pick<Adjustment, 'id' | 'createdAt'>): number {
  return a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1;
}

/**
 * An order's money state from its documents: the same derivation on every register and on
 * the server, so they agree once they hold the same documents.
 */
export function deriveOrderState(order: { total: number }, documents: readonly Payment[], adjustments: readonly Adjustment[]): OrderState {
  // A card-terminal payment is a pending document plus its outcome: one payment, under the id voids and tip changes name.
  const payments = effectivePayments(documents);
  const sorted = [...adjustments].sort(chronological);
  const tips = new Map(payments.map((p) => [p.id, p.tip]));
  const voidedPayments = new Set<string>();
  for (const adjustment of sorted) {
    if (adjustment.tipAdjustment) tips.set(adjustment.tipAdjustment.paymentId, adjustment.tipAdjustment.tip);
    adjustment.voidedPaymentIds.forEach((id) => voidedPayments.add(id));
  }
  const effective = payments.map((p) => ({
    status: voidedPayments.has(p.id) && p.status === 'succeeded' ? ('voided' as const) : p.status,
    amount: p.amount,
    tip: tips.get(p.id) ?? p.tip,
  }));
  const refunds = sorted.flatMap((a) => (a.refund ? [{ total: a.refund.total }] : []));
  const voided = sorted.some((a) => a.kind === 'void');
  const succeeded = effective.filter((p) => p.status === 'succeeded');
  const paid = succeeded.reduce((sum, p) => sum + p.amount + p.tip, 0);
  const refunded = refunds.reduce((sum, r) => sum + r.total, 0);
  return {
    status: orderStatus({ total: order.total, voided, payments: effective, refunds }),
    paid,
    tip: succeeded.reduce((sum, p) => sum + p.tip, 0),
    refunded,
    overRefund: Math.max(0, refunded - paid),
    voided,
  };
}
