import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { effectivePayments } from '../../shared/lifecycle/index';
import { catalogCategory, emptyDay, mergeDays, summarizeDays, type SalesFigures } from '../../shared/reports/index';
import type { AdjustmentDoc, CatalogItemDoc, OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import { HttpError } from '../http/errors';
import { documentsById } from '../projections/documents';
import { staffRates, orderStaffIds } from '../projections/ledger';
import { currency, date, id, minor, MONEY_ROLES, principalOf, route, tenantLocation, type BackOfficeContext } from './common';

const FIGURES: readonly (keyof SalesFigures)[] = ['grossSales', 'discounts', 'refunds', 'netSales', 'tax', 'tips', 'collected'];

/** A tenant's live documents of one collection, to narrow down. */
function live(ctx: BackOfficeContext, tenantId: string, collection: string) {
  return ctx.db.selectFrom('documents').select('data').where('tenant_id', '=', tenantId).where('collection', '=', collection).where('deleted', '=', false);
}

/** A location's documents of one collection on business dates [from, to]. */
async function onDates<T>(ctx: BackOfficeContext, tenantId: string, collection: string, q: { locationId: string; from: string; to: string }): Promise<T[]> {
  const field = (name: string) => sql<string>`data->>${name}`;
  const rows = await live(ctx, tenantId, collection)
    .where(field('locationId'), '=', q.locationId).where(field('businessDate'), '>=', q.from).where(field('businessDate'), '<=', q.to)
    .execute();
  return rows.map((r) => r.data as T);
}

/**
 * The owner's figures over business dates [from, to] from the documents the registers pushed,
 * summed by the same shared function the register's reports use (`summarizeDays`), so the
 * back office and the register agree to the minor unit.
 */
export async function salesReport(ctx: BackOfficeContext, tenantId: string, q: { locationId: string; from: string; to: string }) {
  if (q.from > q.to) throw new HttpError(400, `from (${q.from}) is after to (${q.to}).`);
  const location = await tenantLocation(ctx, tenantId, q.locationId);
  const [orders, payments, adjustments] = await Promise.all([
    onDates<OrderDoc>(ctx, tenantId, 'orders', q), onDates<PaymentDoc>(ctx, tenantId, 'payments', q), onDates<AdjustmentDoc>(ctx, tenantId, 'adjustments', q),
  ]);
  // Refunds and voids in the range may adjust sales made before it.
  const known = new Set(orders.map((o) => o.id));
  const olderIds = [...new Set(adjustments.map((a) => a.orderId).filter((orderId) => !known.has(orderId)))];
  const olderOrders = await documentsById<OrderDoc>(ctx.db, tenantId, 'orders', olderIds);
  const olderPayments = new Map(effectivePayments(await paymentsOf(ctx, tenantId, olderIds)).map((p) => [p.id, p]));
  const catalog = await live(ctx, tenantId, 'catalog').execute();
  const categories = new Map(catalog.map((r) => r.data as unknown as CatalogItemDoc).map((c) => [c.id, c.category]));
  const days = summarizeDays({
    orders, payments, adjustments, locationId: q.locationId,
    rates: await staffRates(ctx.db, tenantId, [...new Set(orders.flatMap(orderStaffIds))]),
    categoryOf: catalogCategory(categories),
    orderById: (orderId) => olderOrders.get(orderId),
    paymentById: (paymentId) => olderPayments.get(paymentId),
  });
  const total = days.size ? mergeDays('range', days.values()) : emptyDay('range');
  return {
    locationId: q.locationId, currency: location.currency, from: q.from, to: q.to,
    ...total.figures,
    categories: Object.entries(total.categories).sort(([a], [b]) => a.localeCompare(b)).map(([category, c]) => ({ category, net: c.net, quantity: c.quantity })),
  };
}

async function paymentsOf(ctx: BackOfficeContext, tenantId: string, orderIds: readonly string[]): Promise<PaymentDoc[]> {
  if (orderIds.length === 0) return [];
  const rows = await live(ctx, tenantId, 'payments').where(sql<string>`data->>'orderId'`, 'in', [...orderIds]).execute();
  return rows.map((r) => r.data as unknown as PaymentDoc);
}

export async function salesReportRoutes(app: FastifyInstance, ctx: BackOfficeContext) {
  route(app, {
    method: 'GET', url: '/reports/sales', roles: MONEY_ROLES, tags: ['revenue'],
    summary: 'Gross sales, discounts, refunds, net sales (no tax, no tips), tax, tips and total collected over business dates [from, to], as the register reports them',
    querystring: { type: 'object', additionalProperties: false, properties: { locationId: id, from: date, to: date }, required: ['locationId', 'from', 'to'] },
    response: {
      type: 'object', additionalProperties: false,
      properties: {
        locationId: id, currency, from: date, to: date, ...Object.fromEntries(FIGURES.map((f) => [f, minor])),
        categories: {
          type: 'array',
          items: { type: 'object', additionalProperties: false, properties: { category: { type: 'string' }, net: minor, quantity: { type: 'integer' } }, required: ['category', 'net', 'quantity'] },
        },
      },
      required: ['locationId', 'currency', 'from', 'to', ...FIGURES, 'categories'],
    },
    handler: async (request) => salesReport(ctx, principalOf(request).tenantId, request.query as { locationId: string; from: string; to: string }),
  });
}
