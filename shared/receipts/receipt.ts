import { settleAttempts } from '../lifecycle/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc } from '../schemas/index';

/** What the customer paid on a receipt, and the change given back: the same sums wherever a receipt is shown. */
export function paidTotals(payments: readonly Pick<PaymentDoc, 'amount' | 'tip' | 'change'>[]): { paid: number; change: number } {
  return {
    paid: payments.reduce((sum, p) => sum + p.amount + p.tip, 0),
    change: payments.reduce((sum, p) => sum + (p.change ?? 0), 0),
  };
}

/**
 * The payments a receipt lists, from every payment document of the order the server holds: one
 * per payment (card outcomes folded onto their attempt, shared/lifecycle), taken or voided.
 */
export function receiptPayments(documents: readonly PaymentDoc[]): { taken: PaymentDoc[]; voided: PaymentDoc[] } {
  const settled = settleAttempts(documents).map((s) => ({ ...s.current, id: s.paymentId, status: s.status }));
  const byTime = (a: PaymentDoc, b: PaymentDoc) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  const voided = settled.filter((p) => p.status === 'voided').sort(byTime);
  const taken = settled.filter((p) => p.status === 'succeeded' || p.status === 'authorized' || p.status === 'voided').sort(byTime);
  return { taken, voided };
}

/** A refund or void given back on the sale, as a refund receipt lists it. */
export interface ReceiptGiveBack {
  id: string;
  kind: 'refund' | 'void';
  reason: string;
  createdAt: string;
  /** Money returned to the customer, tip included. */
  total: number;
}

/** The refunds and voids of an order, oldest first (tip changes are not money given back). */
export function receiptGiveBacks(order: Pick<OrderDoc, 'id'>, adjustments: readonly AdjustmentDoc[], payments: readonly PaymentDoc[]): ReceiptGiveBack[] {
  const paymentTotal = new Map(payments.map((p) => [p.id, p.amount + p.tip]));
  return adjustments
    .filter((a) => a.orderId === order.id && (a.kind === 'refund' || a.kind === 'void'))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((a) => ({
      id: a.id,
      kind: a.kind === 'refund' ? 'refund' : 'void',
      reason: a.reason,
      createdAt: a.createdAt,
      total: a.refund ? a.refund.total : a.voidedPaymentIds.reduce((sum, id) => sum + (paymentTotal.get(id) ?? 0), 0),
    }));
}
