import type { MangoQuery } from 'rxdb';
import type { OrderState } from '../../../shared/adjustments/index';
import { effectivePayments, type OrderStatus } from '../../../shared/lifecycle/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc, PaymentMode, Tender } from '../../../shared/schemas/index';
import { businessDate } from '../../../shared/time';

/** The payment history's filters. Dates are business days in the location's time zone, inclusive. */
export interface HistoryFilters {
  from: string;
  to: string;
  /** A derived status, `flagged` for over-refunded sales, or any. */
  status: OrderStatus | 'flagged' | 'any';
  tender: Tender | 'any';
  mode: PaymentMode | 'any';
  /** The cashier or a staff member who performed a line. */
  staffId: string | 'any';
  clientId: string | 'any';
  /** On the sale's total before tip, in minor units; null: no bound. */
  minTotal: number | null;
  maxTotal: number | null;
  /** Order number, item, client, card last four, payment label or adjustment reason. */
  text: string;
}

export interface HistoryRow {
  order: OrderDoc;
  payments: PaymentDoc[];
  adjustments: AdjustmentDoc[];
  state: OrderState;
}

/** Today in the location, for the default range. */
export function defaultFilters(now: Date, timeZone: string): HistoryFilters {
  const today = businessDate(now, timeZone);
  return { from: today, to: today, status: 'any', tender: 'any', mode: 'any', staffId: 'any', clientId: 'any', minTotal: null, maxTotal: null, text: '' };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The indexed part of the query: the orders whose business day is in range, newest first. */
export function orderQuery(filters: Pick<HistoryFilters, 'from' | 'to'>): MangoQuery<OrderDoc> {
  if (!DATE.test(filters.from) || !DATE.test(filters.to)) throw new Error('Dates are YYYY-MM-DD.');
  const [from, to] = filters.from <= filters.to ? [filters.from, filters.to] : [filters.to, filters.from];
  return { selector: { businessDate: { $gte: from, $lte: to } }, sort: [{ businessDate: 'desc' }, { createdAt: 'desc' }] };
}

/** Everything the index cannot answer, checked on each row of the date range. */
export function matchesFilters(row: HistoryRow, filters: HistoryFilters, clientName: (id: string) => string | null = () => null): boolean {
  const { order, payments, adjustments, state } = row;
  if (filters.status === 'flagged' ? state.overRefund === 0 : filters.status !== 'any' && state.status !== filters.status) return false;
  const taken = payments.filter((p) => p.status === 'succeeded');
  if (filters.tender !== 'any' && !taken.some((p) => p.tender === filters.tender)) return false;
  if (filters.mode !== 'any' && !taken.some((p) => p.mode === filters.mode)) return false;
  if (filters.staffId !== 'any' && order.cashierId !== filters.staffId && !order.lines.some((l) => l.staffId === filters.staffId)) return false;
  if (filters.clientId !== 'any' && order.clientId !== filters.clientId) return false;
  if (filters.minTotal !== null && order.total < filters.minTotal) return false;
  if (filters.maxTotal !== null && order.total > filters.maxTotal) return false;
  const text = filters.text.trim().toLowerCase();
  if (text) {
    const haystack = [
      order.number,
      ...order.lines.map((l) => l.name),
      order.clientId ? clientName(order.clientId) : null,
      ...payments.flatMap((p) => [p.cardLast4, p.label, p.cardBrand]),
      ...adjustments.map((a) => a.reason),
    ];
    if (!haystack.some((value) => value?.toLowerCase().includes(text))) return false;
  }
  return true;
}

/** Rows grouped from the documents of the range (payments and adjustments fetched by order id). */
export function historyRows(
  orders: readonly OrderDoc[],
  payments: readonly PaymentDoc[],
  adjustments: readonly AdjustmentDoc[],
  derive: (order: OrderDoc, payments: PaymentDoc[], adjustments: AdjustmentDoc[]) => OrderState,
): HistoryRow[] {
  const byOrder = <T extends { orderId: string }>(docs: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const doc of docs) map.set(doc.orderId, [...(map.get(doc.orderId) ?? []), doc]);
    return map;
  };
  const paid = byOrder(payments);
  const adjusted = byOrder(adjustments);
  return orders.map((order) => {
    // One entry per payment: a card-terminal payment's pending document and outcome fold into one.
    const p = effectivePayments(paid.get(order.id) ?? []);
    const a = adjusted.get(order.id) ?? [];
    return { order, payments: p, adjustments: a, state: derive(order, p, a) };
  });
}
