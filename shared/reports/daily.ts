import { tipChangeTotals } from '../adjustments/index';
import { orderEarnings, type StaffRates } from '../commissions/index';
import { effectivePayments } from '../lifecycle/index';
import type { PricedOrder } from '../pricing/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc, Tender } from '../schemas/index';
import { addOrder, addRefund, emptyFigures, withTips, type SalesFigures } from './sales-figures';

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
  /** Orders that credited or took back their earnings (as the server counts them: distinct). */
  orders: number;
  orderIds: string[];
}

export interface CategoryFigures {
  /** Lines' net amount (after discounts, without tax), less refunds; a voided sale's lines are taken out. */
  net: number;
  /** Items sold less items refunded (a refund by amount returns no item). */
  quantity: number;
}

/**
 * One business day at one location, from its documents, summed the way the back office's
 * ledger sums them (sync-server/projections/ledger.ts), so register and server agree:
 * `sales` are succeeded payments (tips excluded) on their date; `refunds` are refunds' tender
 * amounts and voided payments, on the refund's or void's date; revenue (`net`) = sales −
 * refunds; `tips` and `fees` are net of what refunds and voids gave back, tips changed by tip
 * adjustments on their date. `figures` are the owner's figures (gross, discounts, refunds,
 * net sales, tax, tips, total collected: ./sales-figures.ts) every report shows.
 */
export interface DaySummary {
  businessDate: string;
  figures: SalesFigures;
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
  return { businessDate, figures: emptyFigures(), sales: 0, tips: 0, fees: 0, refunds: 0, refundedTips: 0, net: 0, payments: 0, orders: 0, tenders: {}, staff: {}, categories: {} };
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
  /** A payment or order by id, for voids whose sale lies outside the documents passed. */
  paymentById?(id: string): PaymentDoc | undefined;
  orderById?(id: string): OrderDoc | undefined;
}

const categoryOf = (day: DaySummary, category: string): CategoryFigures => (day.categories[category] ??= { net: 0, quantity: 0 });

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
  const staffOf = (d: DaySummary, staffId: string, orderId: string): StaffFigures => {
    const f = (d.staff[staffId] ??= { service: 0, commission: 0, tips: 0, tipShare: 0, orders: 0, orderIds: [] });
    if (!f.orderIds.includes(orderId)) {
      f.orderIds.push(orderId);
      f.orders = f.orderIds.length;
    }
    return f;
  };
  /** Staff earnings of an order at the staff documents' rates; no rates: 0% (as on the server). */
  const earnings = (order: OrderDoc) => {
    const ids = new Set<string>();
    for (const line of order.lines) if (line.kind === 'service' && line.staffId) ids.add(line.staffId);
    for (const share of order.tipShares) ids.add(share.staffId);
    const rates = [...ids].map((id) => input.rates.get(id) ?? { id, commissionRate: '0', tipCommissionRate: '0' });
    return orderEarnings({ lines: order.lines } as unknown as PricedOrder, order.tipShares, rates);
  };
  // A card-terminal payment (pending document + outcome) counts once, under the id voids name.
  const effective = effectivePayments(input.payments);
  for (const p of effective) {
    if (p.locationId !== input.locationId || p.status !== 'succeeded') continue;
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
  const payments = new Map(effective.map((p) => [p.id, p]));
  const orders = new Map(input.orders.map((o) => [o.id, o]));
  const takeBack = (d: DaySummary, tender: string, amount: number, tip: number, fee: number) => {
    d.refunds += amount;
    d.refundedTips += tip;
    d.net -= amount;
    d.tips -= tip;
    d.fees -= fee;
    const t = tenderOf(d, tender);
    t.refunds += amount;
    t.tip -= tip;
    t.fee -= fee;
  };
  for (const a of input.adjustments) {
    if (a.locationId !== input.locationId) continue;
    const d = day(a.businessDate);
    if (a.kind === 'refund' && a.refund) {
      for (const t of a.refund.tenders) takeBack(d, t.tender, t.amount, t.tip, t.fee);
      addRefund(d.figures, a.refund);
      const sold = orders.get(a.orderId) ?? input.orderById?.(a.orderId);
      for (const line of a.refund.lines) {
        const soldLine = sold?.lines.find((l) => l.id === line.lineId);
        const c = categoryOf(d, input.categoryOf(soldLine?.itemId ?? null, soldLine?.kind ?? ''));
        c.net -= line.net;
        c.quantity -= line.quantity;
      }
      for (const s of a.refund.staff) {
        const f = staffOf(d, s.staffId, a.orderId);
        f.service -= s.amount;
        f.commission -= s.stylistAmount;
        f.tips -= s.tip;
        f.tipShare -= s.stylistTipAmount;
      }
    }
    if (a.kind === 'void') {
      // A void is made on the sale's business day, so the tip changes before it are in these adjustments.
      const tipChanges = tipChangeTotals(input.adjustments.flatMap((x) => (x.orderId === a.orderId && x.tipAdjustment ? [x.tipAdjustment] : [])));
      for (const id of a.voidedPaymentIds) {
        const p = payments.get(id) ?? input.paymentById?.(id);
        if (p && p.status === 'succeeded') takeBack(d, p.tender, p.amount, p.tip + (tipChanges.byPayment.get(id) ?? 0), p.fee);
      }
      const order = orders.get(a.orderId) ?? input.orderById?.(a.orderId);
      if (order) {
        addOrder(d.figures, order, -1);
        for (const line of order.lines) {
          const c = categoryOf(d, input.categoryOf(line.itemId, line.kind));
          c.net -= line.net;
          c.quantity -= line.quantity;
        }
        for (const e of earnings(order)) {
          const f = staffOf(d, e.staffId, order.id);
          f.service -= e.serviceAmount;
          f.commission -= e.stylistAmount;
          f.tips -= e.tipAmount;
          f.tipShare -= e.stylistTipAmount;
        }
      }
      for (const [staffId, change] of tipChanges.byStaff) {
        const f = staffOf(d, staffId, a.orderId);
        f.tips -= change.tip;
        f.tipShare -= change.stylistTip;
      }
    }
    if (a.kind === 'tip_adjustment' && a.tipAdjustment) {
      const change = a.tipAdjustment.tip - a.tipAdjustment.previousTip;
      d.tips += change;
      const p = payments.get(a.tipAdjustment.paymentId) ?? input.paymentById?.(a.tipAdjustment.paymentId);
      if (p) tenderOf(d, p.tender).tip += change;
      for (const s of a.tipAdjustment.staff) {
        const f = staffOf(d, s.staffId, a.orderId);
        f.tips += s.tip;
        f.tipShare += s.stylistTip;
      }
    }
  }
  for (const order of input.orders) {
    if (order.locationId !== input.locationId) continue;
    const d = day(order.businessDate);
    d.orders += 1;
    addOrder(d.figures, order, 1);
    for (const line of order.lines) {
      const c = categoryOf(d, input.categoryOf(line.itemId, line.kind));
      c.net += line.net;
      c.quantity += line.quantity;
    }
    for (const e of earnings(order)) {
      const f = staffOf(d, e.staffId, order.id);
      f.service += e.serviceAmount;
      f.commission += e.stylistAmount;
      f.tips += e.tipAmount;
      f.tipShare += e.stylistTipAmount;
    }
  }
  for (const d of days.values()) d.figures = withTips(d.figures, d.tips);
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
    addInto(total.figures, d.figures);
    addGroups(total.tenders, d.tenders, () => ({ amount: 0, tip: 0, fee: 0, refunds: 0, payments: 0 }));
    for (const [id, f] of Object.entries(d.staff)) {
      const into = (total.staff[id] ??= { service: 0, commission: 0, tips: 0, tipShare: 0, orders: 0, orderIds: [] });
      addInto(into, { ...f, orders: 0 });
      for (const orderId of f.orderIds) if (!into.orderIds.includes(orderId)) into.orderIds.push(orderId);
      into.orders = into.orderIds.length;
    }
    addGroups(total.categories, d.categories, () => ({ net: 0, quantity: 0 }));
  }
  return total;
}
