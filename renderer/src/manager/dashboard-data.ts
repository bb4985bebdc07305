import type { StaffRates } from '../../../shared/commissions/index';
import { effectivePayments } from '../../../shared/lifecycle/index';
import { buildDashboard, catalogCategory, dashboardSpan, reportCalendar, summarizeDays, type Dashboard } from '../../../shared/reports/index';
import type { AdjustmentDoc, CatalogItemDoc, OrderDoc, PaymentDoc, SettingsDoc, StaffDoc } from '../../../shared/schemas/index';
import type { RegisterDatabase } from '../db/database';
import { clock } from '../clock';

export interface DateRange {
  from: string;
  to: string;
}

export interface DashboardData extends Dashboard {
  staffNames: Map<string, string>;
  timing: { queryMs: number; computeMs: number; documents: number };
}

type Db = Pick<RegisterDatabase, 'orders' | 'payments' | 'adjustments' | 'staff' | 'catalog'>;

/**
 * The manager dashboard from this register's own database, offline. It reads only the business
 * dates it shows (this month, the 28 days the forecast averages, yesterday, the chosen range)
 * through the businessDate index of orders, payments and adjustments, and summarises them per
 * day (shared/reports), so its cost follows those days, never the years of history behind them.
 */
export async function loadDashboard(db: Db, settings: Pick<SettingsDoc, 'timeZone' | 'locationId'>, range: DateRange, now = clock.now()): Promise<DashboardData> {
  const started = performance.now();
  const span = dashboardSpan(reportCalendar(now, settings.timeZone), range);
  const selector = { businessDate: { $gte: span.from, $lte: span.to } };
  const [orders, payments, adjustments, staff, catalog] = await Promise.all([
    db.orders.find({ selector }).exec(),
    db.payments.find({ selector }).exec(),
    db.adjustments.find({ selector }).exec(),
    db.staff.find().exec(),
    db.catalog.find().exec(),
  ]);
  // A void in the period whose sale is older: its payments and order, by id (few, and indexed by id).
  const loadedPayments = new Set(payments.map((d) => d.id));
  const loadedOrders = new Set(orders.map((d) => d.id));
  const voids = adjustments.map((d) => d.toJSON() as AdjustmentDoc).filter((a) => a.kind === 'void');
  const missingOrders = voids.map((a) => a.orderId).filter((id) => !loadedOrders.has(id));
  // By their orders (indexed): a card-terminal payment is its pending document plus its outcome.
  const olderSales = [...new Set(voids.filter((a) => a.voidedPaymentIds.some((id) => !loadedPayments.has(id))).map((a) => a.orderId))];
  const [olderPayments, olderOrders] = await Promise.all([
    olderSales.length ? db.payments.find({ selector: { orderId: { $in: olderSales } } }).exec() : [],
    missingOrders.length ? db.orders.findByIds(missingOrders).exec() : new Map(),
  ]);
  const older = new Map(effectivePayments(olderPayments.map((d) => d.toJSON() as PaymentDoc)).map((p) => [p.id, p]));
  const queried = performance.now();
  const staffDocs = staff.map((d) => d.toJSON() as StaffDoc);
  const rates = new Map<string, StaffRates>(staffDocs.map((s) => [s.id, { id: s.id, commissionRate: s.commissionRate, tipCommissionRate: s.tipCommissionRate }]));
  const categories = new Map(catalog.map((d) => d.toJSON() as CatalogItemDoc).map((c) => [c.id, c.category]));
  const days = summarizeDays({
    orders: orders.map((d) => d.toJSON() as OrderDoc),
    payments: payments.map((d) => d.toJSON() as PaymentDoc),
    adjustments: adjustments.map((d) => d.toJSON() as AdjustmentDoc),
    rates,
    locationId: settings.locationId,
    paymentById: (id) => older.get(id),
    orderById: (id) => olderOrders.get(id)?.toJSON() as OrderDoc | undefined,
    categoryOf: catalogCategory(categories),
  });
  const dashboard = buildDashboard(days, now, settings.timeZone, range);
  return {
    ...dashboard,
    staffNames: new Map(staffDocs.map((s) => [s.id, s.name])),
    timing: { queryMs: queried - started, computeMs: performance.now() - queried, documents: orders.length + payments.length + adjustments.length },
  };
}
