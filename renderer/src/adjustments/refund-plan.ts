import {
  applyTipChange, currentPayments, deriveOrderState, refundableSale, staffTipChanges, storedRefunds, tipHoldings, type OrderState,
} from '../../../shared/adjustments/index';
import { orderEarnings, type StaffRates } from '../../../shared/commissions/index';
import { money } from '../../../shared/money/index';
import type { PricedOrder } from '../../../shared/pricing/index';
import { planRefund, refundable, type Refund, type Refundable, type RefundableSale, type RefundRequest } from '../../../shared/refunds/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc, StaffTipChange, TipShare } from '../../../shared/schemas/index';
import { splitTipByService } from '../../../shared/tips/index';

/** A sale as stored: the order, every payment document of it and every adjustment made to it. */
export interface StoredSale {
  order: OrderDoc;
  payments: PaymentDoc[];
  adjustments: AdjustmentDoc[];
}

/** The order as the money core priced it (its stored breakdown), for tips and commissions. */
export function pricedOrder(order: OrderDoc): PricedOrder {
  const lines = order.lines.map((line) => ({ ...line, base: line.unitPrice * line.quantity }));
  return {
    currency: order.currency,
    taxInclusive: order.taxInclusive,
    lines,
    subtotal: order.subtotal,
    discount: order.discountTotal,
    tax: order.taxTotal,
    total: order.total,
    taxes: order.taxes,
    serviceSubtotal: lines.filter((l) => l.kind === 'service').reduce((sum, l) => sum + l.base - l.discount, 0),
  };
}

export function orderState(sale: StoredSale): OrderState {
  return deriveOrderState(sale.order, sale.payments, sale.adjustments);
}

/**
 * The sale after its tip adjustments: each payment's current tip, and who holds the tips
 * (shared/adjustments `tipHoldings`). Payments a void reversed are left out.
 */
export function effectiveSale(sale: StoredSale): { payments: PaymentDoc[]; tipShares: TipShare[] } {
  const voided = new Set(sale.adjustments.flatMap((a) => a.voidedPaymentIds));
  return {
    payments: currentPayments(sale.payments, sale.adjustments).filter((p) => !voided.has(p.id)),
    tipShares: tipHoldings(sale.order.tipShares, sale.adjustments),
  };
}

/** What the money core measures a refund against, from the stored documents. Unknown staff earn at 0%. */
export function refundableFromDocs(sale: StoredSale, staff: readonly StaffRates[]): RefundableSale {
  const { payments, tipShares } = effectiveSale(sale);
  const known = new Map(staff.map((s) => [s.id, s]));
  const ids = new Set([...sale.order.lines.flatMap((l) => (l.kind === 'service' && l.staffId ? [l.staffId] : [])), ...tipShares.map((s) => s.staffId)]);
  const rates = [...ids].map((id) => known.get(id) ?? { id, commissionRate: '0', tipCommissionRate: '0' });
  return refundableSale(sale.order, payments, orderEarnings(pricedOrder(sale.order), tipShares, rates));
}

/** Plan a refund of a stored sale against the refunds already stored on it (every register's). */
export function planStoredRefund(sale: StoredSale, staff: readonly StaffRates[], request: RefundRequest, fmt?: (minor: number) => string): Refund {
  return planRefund(refundableFromDocs(sale, staff), storedRefunds(sale.adjustments), request, 'half-up', fmt);
}

/** What can still be refunded: amount (without tip), tip, and per line the quantity and total left. */
export function stillRefundable(sale: StoredSale, staff: readonly StaffRates[]): Refundable {
  return refundable(refundableFromDocs(sale, staff), storedRefunds(sale.adjustments));
}

/** How a new tip on one payment is shared: by service value, as at checkout. */
export function tipSharesForNewTip(order: OrderDoc, tip: number): TipShare[] {
  if (tip === 0) return [];
  return splitTipByService(pricedOrder(order), money(tip, order.currency)).filter((s) => s.amount > 0);
}

/** A new tip on one payment: who gets it, and how each staff member's tips change (at their rates). */
export function tipChange(sale: StoredSale, previousTip: number, tip: number, staff: readonly StaffRates[]): { tipShares: TipShare[]; staff: StaffTipChange[] } {
  const tipShares = tipSharesForNewTip(sale.order, tip);
  const before = effectiveSale(sale).tipShares;
  return { tipShares, staff: staffTipChanges(before, applyTipChange(before, { previousTip, tipShares }), staff) };
}
