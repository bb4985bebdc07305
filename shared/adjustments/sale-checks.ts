import { effectivePayments } from '../lifecycle';
import type { AdjustmentDoc } from '../schemas/adjustments';
import type { OrderDoc } from '../schemas/orders';
import type { PaymentDoc } from '../schemas/payments';
import type { ValidationIssue } from '../schemas/validate';

/** What a checker holds of a sale: its order when it arrived, and the payment and adjustment documents it holds. */
export interface HeldSale {
  order: OrderDoc | null;
  payments: readonly PaymentDoc[];
  adjustments: readonly Pick<AdjustmentDoc, 'tipAdjustment'>[];
}

/**
 * Rules one adjustment keeps against its own sale, whatever else was recorded against it: a
 * refund gives back at most what each payment took (amount, and tip with the highest tip it was
 * ever set to) by that payment's tender and at most each line's quantity and total; a void or
 * tip change names payments of its own sale. Several refunds that together exceed the sale are
 * not refused here (two registers offline can do that honestly): `deriveOrderState` flags them.
 * What the checker does not hold yet (the documents of one sale arrive in any order) is not
 * judged. Issues are `invariant.*`.
 */
export function adjustmentSaleIssues(doc: AdjustmentDoc, sale: HeldSale, loc: (string | number)[] = []): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const issue = (path: (string | number)[], type: string, msg: string) => issues.push({ loc: [...loc, ...path], msg: `adjustment ${doc.id}: ${msg}`, type: `invariant.${type}` });
  const { order } = sale;
  if (order && order.currency !== doc.currency) issue(['currency'], 'currency', `is in ${doc.currency}, its sale in ${order.currency}`);
  const payments = new Map(effectivePayments(sale.payments).map((p) => [p.id, p]));
  const named = (paymentId: string, path: (string | number)[]) => {
    const payment = payments.get(paymentId);
    if (payment && payment.orderId !== doc.orderId) issue(path, 'foreign_payment', `payment ${paymentId} belongs to another sale`);
    return payment?.orderId === doc.orderId ? payment : undefined;
  };

  const refund = doc.refund;
  if (refund) {
    const taken = new Map<string, { amount: number; tip: number; at: number }>();
    refund.tenders.forEach((t, i) => {
      const sum = taken.get(t.paymentId) ?? { amount: 0, tip: 0, at: i };
      taken.set(t.paymentId, { amount: sum.amount + t.amount, tip: sum.tip + t.tip, at: sum.at });
      const payment = named(t.paymentId, ['refund', 'tenders', i, 'paymentId']);
      if (payment && payment.tender !== t.tender) issue(['refund', 'tenders', i, 'tender'], 'tender', `payment ${t.paymentId} was taken by ${payment.tender}, not ${t.tender}`);
      if (payment && payment.status !== 'succeeded') issue(['refund', 'tenders', i, 'paymentId'], 'refund_exceeds_payment', `payment ${t.paymentId} took no money (${payment.status})`);
    });
    for (const [paymentId, sum] of taken) {
      const payment = payments.get(paymentId);
      if (!payment || payment.orderId !== doc.orderId || payment.status !== 'succeeded') continue;
      const tips = sale.adjustments.flatMap((a) => (a.tipAdjustment?.paymentId === paymentId ? [a.tipAdjustment.tip] : []));
      const tip = Math.max(payment.tip, ...tips);
      if (sum.amount > payment.amount) issue(['refund', 'tenders', sum.at, 'amount'], 'refund_exceeds_payment', `refunds ${sum.amount} of payment ${paymentId}, which took ${payment.amount}`);
      if (sum.tip > tip) issue(['refund', 'tenders', sum.at, 'tip'], 'refund_exceeds_payment', `refunds a tip of ${sum.tip} on payment ${paymentId}, whose tip was ${tip}`);
    }
    if (order) {
      const lines = new Map(order.lines.map((line) => [line.id, line]));
      refund.lines.forEach((l, i) => {
        const line = lines.get(l.lineId);
        if (!line) issue(['refund', 'lines', i, 'lineId'], 'refund_exceeds_sale', `line ${l.lineId} is not a line of its sale`);
        else if (l.quantity > line.quantity || l.total > line.total) issue(['refund', 'lines', i], 'refund_exceeds_sale', `gives back more of line ${l.lineId} than was sold`);
      });
      if (refund.amount > order.total) issue(['refund', 'amount'], 'refund_exceeds_sale', `refunds ${refund.amount} of a sale of ${order.total}`);
    }
  }
  doc.voidedPaymentIds.forEach((paymentId, i) => named(paymentId, ['voidedPaymentIds', i]));
  if (doc.tipAdjustment) named(doc.tipAdjustment.paymentId, ['tipAdjustment', 'paymentId']);
  return issues;
}
