import type { AdjustmentDoc, OrderDoc } from '../schemas/index';

/**
 * The figures every report shows, in minor units, as a POS owner reads them:
 * gross sales (lines before discounts, without tax) − discounts − refunds (the refunded lines'
 * net, without tax) = net sales (no tax, no tips); + tax (net of refunded tax) + tips (net of
 * refunded tips, after tip changes) = total collected. A voided sale counts in none of them.
 * The register's reports, its "Today's sales" and the back office's GET /reports/sales all
 * come from these (`summarizeDays`), so they agree to the minor unit.
 */
export interface SalesFigures {
  grossSales: number;
  discounts: number;
  refunds: number;
  netSales: number;
  tax: number;
  tips: number;
  collected: number;
}

export function emptyFigures(): SalesFigures {
  return { grossSales: 0, discounts: 0, refunds: 0, netSales: 0, tax: 0, tips: 0, collected: 0 };
}

/** An order's lines into the figures (`sign` -1 takes a voided order back out). */
export function addOrder(f: SalesFigures, order: Pick<OrderDoc, 'lines'>, sign: 1 | -1): void {
  for (const line of order.lines) {
    f.grossSales += sign * (line.net + line.discount);
    f.discounts += sign * line.discount;
    f.netSales += sign * line.net;
    f.tax += sign * line.tax;
  }
}

/** A refund's lines out of the figures (its tip is counted with the tips). */
export function addRefund(f: SalesFigures, refund: NonNullable<AdjustmentDoc['refund']>): void {
  for (const line of refund.lines) {
    f.refunds += line.net;
    f.netSales -= line.net;
    f.tax -= line.tax;
  }
}

/** Closes the figures with the day's tips: total collected = net sales + tax + tips. */
export function withTips(f: SalesFigures, tips: number): SalesFigures {
  return { ...f, tips, collected: f.netSales + f.tax + tips };
}

/** A line's report category: its catalog item's category, else "Gift cards" or "Other". */
export function catalogCategory(categories: ReadonlyMap<string, string>): (itemId: string | null, kind: string) => string {
  return (itemId, kind) => (itemId && categories.get(itemId)) || (kind === 'gift_card' ? 'Gift cards' : 'Other');
}
