import { orderEarnings, type StaffRates } from '../commissions/index';
import { effectivePayments } from '../lifecycle/index';
import type { PricedOrder } from '../pricing/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc, Tender } from '../schemas/index';

export interface TenderFigures {
  /** Taken, excluding tips. */
  amount: number;
  tip: number;
  fee: number;
  /** Refunded to this tender, excluding tips. */
  refunds: number;
  payments: number;
}

export interface StaffFigures {
  /** Their service lines, after discounts, without tax (what the commission is a share of). */
  service: number;
  /** Their commission on those services. */
  commission: number;
  /** Tips they were given, and their share of those (tip commission). */
  tips: number;
  tipShare: number;
  orders: number;
}

export interface CategoryFigures {
  /** Lines' net amount (after discounts, without tax). */
  net: number;
  quantity: number;
}

/**
 * One business day at one location, from its documents. Revenue (`net`) is what the back
 * office's revenue API calls revenue: succeeded payments excluding tips, less refunds
 * excluding tips, each on its own business date.
 */
export interface DaySummary {
  businessDate: string;
  sales: number;
  tips: number;
  fees: number;
  refunds: number;
  refundedTips: number;
  net: number;
  payments: number;
  orders: number;
  tenders: Record<string, TenderFigures>;
  staff: Record<string, StaffFigures>;
  categories: Record<string, CategoryFigures>;
}

export function emptyDay(businessDate: string): DaySummary {
  return { businessDate, sales: 0, tips: 0, fees: 0, refunds: 0, refundedTips: 0, net: 0, payments: 0, orders: 0, tenders: {}, staff: {}, categories: {} };
}

export interface SummaryInput {
  orders: readonly OrderDoc[];
  payments: readonly PaymentDoc[];
  adjustments: readonly AdjustmentDoc[];
  /** Commission rates by staff id; someone without rates earns 0% (as on the server). */
  rates: ReadonlyMap<string, StaffRates>;
  /** The catalog category of an item id; lines without one count as "Other". */
  categoryOf(itemId: string | null, kind: string): string;
  /** Only documents of this location count. */
  locationId: string;
}

const tenderOf = (day: DaySummary, tender: Tender | string): TenderFigures =>
  (day.tenders[tender] ??= { amount: 0, tip: 0, fee: 0, refunds: 0, payments: 0 });

/**
 * Per-day summaries of the documents given, keyed by business date. Each document counts on
 * its own business date (a refund on the day it was given, not the day of the sale). Pure and
 * linear in the documents passed: callers pass only the days they need (the documents are
 * indexed by business date), so the cost does not grow with years of history.
 */
export function summarizeDays(input: SummaryInput): Map<string, DaySummary> {
  const days = new Map<string, DaySummary>();
  const day = (date: string) => {
    let found = days.get(date);
    if (!found) days.set(date, (found = emptyDay(date)));
    return found;
  };
  const voided = new Set<string>();
  for (const a of input.adjustments) if (a.locationId === input.locationId) a.voidedPaymentIds.forEach((id) => voided.add(id));

  // A card-terminal payment (pending document + outcome) counts once, under the id voids name.
  for (const p of effectivePayments(input.payments)) {
    if (p.locationId !== input.locationId || p.status !== 'succeeded' || voided.has(p.id)) continue;
    const d = day(p.businessDate);
    d.sales += p.amount;
    d.tips += p.tip;
    d.fees += p.fee;
    d.net += p.amount;
    d.payments += 1;
    const t = tenderOf(d, p.tender);
    t.amount += p.amount;
    t.tip += p.tip;
    t.fee += p.fee;
    t.payments += 1;
  }
  for (const a of input.adjustments) {
    if (a.locationId !== input.locationId) continue;
    const d = day(a.businessDate);
    if (a.refund) {
      for (const t of a.refund.tenders) {
        d.refunds += t.amount;
        d.refundedTips += t.tip;
        d.net -= t.amount;
        tenderOf(d, a.refund.method === 'store_credit' ? 'STORE_CREDIT' : t.tender).refunds += t.amount;
      }
    }
    if (a.tipAdjustment) d.tips += a.tipAdjustment.tip - a.tipAdjustment.previousTip;
  }
  for (const order of input.orders) {
    if (order.locationId !== input.locationId) continue;
    const d = day(order.businessDate);
    d.orders += 1;
    for (const line of order.lines) {
      const c = (d.categories[input.categoryOf(line.itemId, line.kind)] ??= { net: 0, quantity: 0 });
      c.net += line.net;
      c.quantity += line.quantity;
    }
    const ids = new Set<string>();
    for (const line of order.lines) if (line.kind === 'service' && line.staffId) ids.add(line.staffId);
    for (const share of order.tipShares) ids.add(share.staffId);
    const rates = [...ids].map((id) => input.rates.get(id) ?? { id, commissionRate: '0', tipCommissionRate: '0' });
    for (const e of orderEarnings({ lines: order.lines } as unknown as PricedOrder, order.tipShares, rates)) {
      const s = (d.staff[e.staffId] ??= { service: 0, commission: 0, tips: 0, tipShare: 0, orders: 0 });
      s.service += e.serviceAmount;
      s.commission += e.stylistAmount;
      s.tips += e.tipAmount;
      s.tipShare += e.stylistTipAmount;
      s.orders += 1;
    }
  }
  return days;
}

/** Adds every number of `from` into `into`, field by field. */
function addInto<T extends object>(into: T, from: T): void {
  for (const key of Object.keys(from) as (keyof T)[]) {
    if (typeof from[key] === 'number') (into[key] as number) += from[key] as number;
  }
}

/** Adds each keyed group of `from` into the same key of `into`, creating it with `empty`. */
function addGroups<T extends object>(into: Record<string, T>, from: Record<string, T>, empty: () => T): void {
  for (const [key, value] of Object.entries(from)) addInto((into[key] ??= empty()), value);
}

/** The sum of several days (a week, a month, a date range); `businessDate` is the label given. */
export function mergeDays(label: string, list: Iterable<DaySummary>): DaySummary {
  const total = emptyDay(label);
  for (const d of list) {
    addInto(total, d);
    addGroups(total.tenders, d.tenders, () => ({ amount: 0, tip: 0, fee: 0, refunds: 0, payments: 0 }));
    addGroups(total.staff, d.staff, () => ({ service: 0, commission: 0, tips: 0, tipShare: 0, orders: 0 }));
    addGroups(total.categories, d.categories, () => ({ net: 0, quantity: 0 }));
  }
  return total;
}
