import type { StaffEarnings } from '../commissions';
import type { RefundableSale } from '../refunds';
import type { OrderDoc } from '../schemas/orders';
import type { PaymentDoc } from '../schemas/payments';

/** A stored sale as the money core measures refunds against it: lines, succeeded tenders, earnings. */
export function refundableSale(order: OrderDoc, payments: readonly PaymentDoc[], earnings: readonly StaffEarnings[] = []): RefundableSale {
  return {
    currency: order.currency,
    lines: order.lines.map((line) => ({ ...line, base: line.unitPrice * line.quantity })),
    tenders: payments
      .filter((p) => p.orderId === order.id && p.status === 'succeeded')
      .map((p) => ({ paymentId: p.id, tender: p.tender, amount: p.amount, tip: p.tip, fee: p.fee })),
    earnings,
  };
}
