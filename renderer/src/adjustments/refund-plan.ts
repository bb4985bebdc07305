import { refundableSale, storedRefunds, deriveOrderState, type OrderState } from '../../../shared/adjustments/index';
import { orderEarnings, type StaffRates } from '../../../shared/commissions/index';
import { allocateMinor, money } from '../../../shared/money/index';
import type { PricedOrder } from '../../../shared/pricing/index';
import { planRefund, refundable, type Refund, type Refundable, type RefundableSale, type RefundRequest } from '../../../shared/refunds/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc, TipShare } from '../../../shared/schemas/index';
import { splitTipByService } from '../../../shared/tips/index';

/** A sale as stored: the order, every payment document of it and every adjustment made to it. */
export interface StoredSale {
  order: OrderDoc;
  payments: PaymentDoc[];
  adjustments: AdjustmentDoc[];
}

const chronological = (a: AdjustmentDoc, b: AdjustmentDoc) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1;

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
 * The sale after its tip adjustments: each payment's current tip, and who gets the tips. A tip
 * adjustment takes the payment's previous tip back from the staff in proportion to what they
 * hold, then adds the new tip's shares; the shares always add up to the payments' tips.
 * Payments a void reversed are left out.
 */
export function effectiveSale(sale: StoredSale): { payments: PaymentDoc[]; tipShares: TipShare[] } {
  const tips = new Map(sale.payments.map((p) => [p.id, p.tip]));
  const voided = new Set<string>();
  const shares = new Map(sale.order.tipShares.map((s) => [s.staffId, s.amount]));
  for (const adjustment of [...sale.adjustments].sort(chronological)) {
    adjustment.voidedPaymentIds.forEach((id) => voided.add(id));
    const change = adjustment.tipAdjustment;
    if (!change) continue;
    const holders = [...shares].filter(([, amount]) => amount > 0);
    const held = holders.reduce((sum, [, amount]) => sum + amount, 0);
    const back = allocateMinor(Math.min(change.previousTip, held), holders.map(([, amount]) => amount));
    holders.forEach(([staffId, amount], i) => shares.set(staffId, amount - back[i]!));
    for (const share of change.tipShares) shares.set(share.staffId, (shares.get(share.staffId) ?? 0) + share.amount);
    tips.set(change.paymentId, change.tip);
  }
  return {
    payments: sale.payments.filter((p) => !voided.has(p.id)).map((p) => ({ ...p, tip: tips.get(p.id) ?? p.tip })),
    tipShares: [...shares].filter(([, amount]) => amount > 0).map(([staffId, amount]) => ({ staffId, amount })),
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
export function planStoredRefund(sale: StoredSale, staff: readonly StaffRates[], request: RefundRequest): Refund {
  return planRefund(refundableFromDocs(sale, staff), storedRefunds(sale.adjustments), request);
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
