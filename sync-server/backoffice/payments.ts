import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { currencyExponent } from '../../shared/money/index';
import { PAYMENT_MODES, PAYMENT_STATUSES, TENDERS, type OrderDoc, type PaymentDoc, type StaffDoc } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import { HttpError } from '../http/errors';
import { documentsById } from '../projections/documents';
import { orderStaffIds, staffRates } from '../projections/ledger';
import { paymentBreakdown } from './breakdown';
import {
  currency, date, id, idParams, instant, int, iso, minor, MONEY_ROLES, nullableId, page, pageOf, pagingQuery, principalOf, route,
  type BackOfficeContext,
} from './common';
import { gatherRefunds, listRefunds, type PaymentRefund } from './refunds';

const multi = (values: readonly string[]) => ({ type: 'array', items: { type: 'string', enum: [...values] }, maxItems: values.length }) as const;

/** Seed 003's payment filters. Multi-select filters repeat the parameter (`tender=CASH&tender=CHECK`). */
export const paymentFilterQuery = {
  locationId: id,
  status: multi(PAYMENT_STATUSES),
  tender: multi(TENDERS),
  mode: multi(PAYMENT_MODES),
  staffId: id,
  clientId: id,
  orderId: id,
  from: date,
  to: date,
  minTotal: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  maxTotal: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  search: { type: 'string', minLength: 1, maxLength: 100 },
} as const;

export interface PaymentFilters {
  paymentId?: string;
  /** Only payments the server had received by then (an export pages through a fixed set). */
  receivedBy?: Date;
  locationId?: string;
  status?: string[];
  tender?: string[];
  mode?: string[];
  staffId?: string;
  clientId?: string;
  orderId?: string;
  from?: string;
  to?: string;
  minTotal?: number;
  maxTotal?: number;
  search?: string;
}

const paymentItem = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id, locationId: id, orderId: id, orderNumber: { type: ['string', 'null'] }, clientId: nullableId, cashierId: nullableId,
    tender: { type: 'string' }, mode: { type: 'string' }, status: { type: 'string' }, currency,
    amount: minor, tip: minor, fee: minor, total: minor,
    cardBrand: { type: ['string', 'null'] }, cardLast4: { type: ['string', 'null'] }, label: { type: ['string', 'null'] },
    businessDate: date, createdAt: instant, receivedAt: instant,
  },
  required: [
    'id', 'locationId', 'orderId', 'orderNumber', 'clientId', 'cashierId', 'tender', 'mode', 'status', 'currency', 'amount', 'tip', 'fee',
    'total', 'cardBrand', 'cardLast4', 'label', 'businessDate', 'createdAt', 'receivedAt',
  ],
} as const;

const refundItem = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id, paymentId: id, orderId: id, createdAt: instant, reason: { type: ['string', 'null'] }, currency,
    amount: minor, tip: minor, total: minor, fee: minor,
  },
  required: ['id', 'paymentId', 'orderId', 'createdAt', 'reason', 'currency', 'amount', 'tip', 'total', 'fee'],
} as const;

const staffShareItem = {
  type: 'object',
  additionalProperties: false,
  properties: {
    staffId: id, name: { type: ['string', 'null'] }, serviceAmount: minor, tipAmount: minor, stylistAmount: minor, stylistTipAmount: minor,
    refundAmount: minor, refundTipAmount: minor,
  },
  required: ['staffId', 'name', 'serviceAmount', 'tipAmount', 'stylistAmount', 'stylistTipAmount', 'refundAmount', 'refundTipAmount'],
} as const;

const breakdownFields = [
  'amount', 'tip', 'total', 'fee', 'net', 'serviceAmount', 'salonAmount', 'salonTipAmount', 'stylistAmount', 'stylistTipAmount',
  'refundAmount', 'refundTipAmount', 'refundFee', 'refundAmountSalon', 'refundAmountStylist', 'refundTipAmountSalon', 'refundTipAmountStylist',
] as const;

const paymentDetail = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...paymentItem.properties,
    card: { anyOf: [{ type: 'null' }, { type: 'object', properties: { brand: { type: ['string', 'null'] }, last4: { type: ['string', 'null'] } }, required: ['brand', 'last4'] }] },
    breakdown: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(breakdownFields.map((f) => [f, minor])),
      required: [...breakdownFields],
    },
    staff: { type: 'array', items: staffShareItem },
    refunds: { type: 'array', items: refundItem },
  },
  required: [...paymentItem.required, 'card', 'breakdown', 'staff', 'refunds'],
} as const;

type FactRow = Awaited<ReturnType<typeof selectFacts>>[number];

function selectFacts(ctx: BackOfficeContext, tenantId: string, filters: PaymentFilters) {
  return ctx.db
    .selectFrom('payment_facts as pf')
    .select([
      'pf.payment_id', 'pf.location_id', 'pf.order_id', 'pf.order_number', 'pf.client_id', 'pf.cashier_id', 'pf.tender', 'pf.mode',
      'pf.status', 'pf.currency', 'pf.amount', 'pf.tip', 'pf.fee', 'pf.total', 'pf.card_brand', 'pf.card_last4', 'pf.label',
      sql<string>`pf.business_date::text`.as('business_date'), 'pf.created_at', 'pf.received_at',
    ])
    .where((eb) => filterExpression(eb, tenantId, filters))
    .execute();
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterExpression(eb: ExpressionBuilder<Database & { pf: Database['payment_facts'] }, 'pf'>, tenantId: string, f: PaymentFilters): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [eb('pf.tenant_id', '=', tenantId)];
  if (f.paymentId) and.push(eb('pf.payment_id', '=', f.paymentId));
  if (f.receivedBy) and.push(eb('pf.received_at', '<=', f.receivedBy));
  if (f.locationId) and.push(eb('pf.location_id', '=', f.locationId));
  if (f.status?.length) and.push(eb('pf.status', 'in', f.status));
  if (f.tender?.length) and.push(eb('pf.tender', 'in', f.tender));
  if (f.mode?.length) and.push(eb('pf.mode', 'in', f.mode));
  if (f.clientId) and.push(eb('pf.client_id', '=', f.clientId));
  if (f.orderId) and.push(eb('pf.order_id', '=', f.orderId));
  if (f.from) and.push(eb('pf.business_date', '>=', f.from));
  if (f.to) and.push(eb('pf.business_date', '<=', f.to));
  if (f.minTotal !== undefined) and.push(eb('pf.total', '>=', f.minTotal));
  if (f.maxTotal !== undefined) and.push(eb('pf.total', '<=', f.maxTotal));
  if (f.staffId) {
    const staffId = f.staffId;
    and.push(
      eb.or([
        eb('pf.cashier_id', '=', staffId),
        eb.exists(
          eb
            .selectFrom('ledger_entries as le')
            .select(sql`1`.as('one'))
            .whereRef('le.tenant_id', '=', 'pf.tenant_id')
            .whereRef('le.order_id', '=', 'pf.order_id')
            .where('le.party', '=', 'staff')
            .where('le.staff_id', '=', staffId),
        ),
      ]),
    );
  }
  if (f.search) {
    const term = f.search.trim();
    const like = likePattern(term);
    and.push(
      eb.or([
        eb('pf.payment_id', '=', term),
        eb('pf.order_id', '=', term),
        eb('pf.card_last4', '=', term),
        eb('pf.order_number', 'ilike', like),
        eb('pf.label', 'ilike', like),
        eb('pf.card_brand', 'ilike', like),
      ]),
    );
  }
  return eb.and(and);
}

function paymentView(row: FactRow) {
  return {
    id: row.payment_id,
    locationId: row.location_id,
    orderId: row.order_id,
    orderNumber: row.order_number,
    clientId: row.client_id,
    cashierId: row.cashier_id,
    tender: row.tender,
    mode: row.mode,
    status: row.status,
    currency: row.currency,
    amount: int(row.amount),
    tip: int(row.tip),
    fee: int(row.fee),
    total: int(row.total),
    cardBrand: row.card_brand,
    cardLast4: row.card_last4,
    label: row.label,
    businessDate: row.business_date,
    createdAt: iso(row.created_at),
    receivedAt: iso(row.received_at),
  };
}

export async function listPayments(ctx: BackOfficeContext, tenantId: string, filters: PaymentFilters, paging: { page: number; limit: number }) {
  if (filters.locationId) await assertLocation(ctx, tenantId, filters.locationId);
  const base = ctx.db.selectFrom('payment_facts as pf').where((eb) => filterExpression(eb, tenantId, filters));
  const [rows, count] = await Promise.all([
    base
      .select([
        'pf.payment_id', 'pf.location_id', 'pf.order_id', 'pf.order_number', 'pf.client_id', 'pf.cashier_id', 'pf.tender', 'pf.mode',
        'pf.status', 'pf.currency', 'pf.amount', 'pf.tip', 'pf.fee', 'pf.total', 'pf.card_brand', 'pf.card_last4', 'pf.label',
        sql<string>`pf.business_date::text`.as('business_date'), 'pf.created_at', 'pf.received_at',
      ])
      .orderBy('pf.created_at', 'desc')
      .orderBy('pf.payment_id', 'desc')
      .limit(paging.limit)
      .offset(paging.page * paging.limit)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return page(rows.map(paymentView), paging, int(count.n));
}

async function assertLocation(ctx: BackOfficeContext, tenantId: string, locationId: string) {
  const found = await ctx.db.selectFrom('locations').select('id').where('tenant_id', '=', tenantId).where('id', '=', locationId).executeTakeFirst();
  if (!found) throw new HttpError(404, `No location ${locationId}.`);
}

function refundView(paymentId: string, r: PaymentRefund) {
  const tender = r.refund.tenders.find((t) => t.paymentId === paymentId);
  const amount = tender?.amount ?? 0;
  const tip = tender?.tip ?? 0;
  return { id: r.id, paymentId, orderId: r.orderId, createdAt: r.createdAt, reason: r.reason, currency: r.refund.currency, amount, tip, total: amount + tip, fee: tender?.fee ?? 0 };
}

export async function paymentWithBreakdown(ctx: BackOfficeContext, tenantId: string, paymentId: string) {
  const payment = (await documentsById<PaymentDoc>(ctx.db, tenantId, 'payments', [paymentId])).get(paymentId);
  const [fact] = await selectFacts(ctx, tenantId, { paymentId });
  if (!payment || !fact) throw new HttpError(404, `No payment ${paymentId}.`);
  const order = (await documentsById<OrderDoc>(ctx.db, tenantId, 'orders', [payment.orderId])).get(payment.orderId) ?? null;
  const staffIds = order ? orderStaffIds(order) : [];
  const staffDocs = await documentsById<StaffDoc>(ctx.db, tenantId, 'staff', staffIds);
  const rates = await staffRates(ctx.db, tenantId, staffIds);
  const refunds = (await gatherRefunds(ctx.db, tenantId, [paymentId])).get(paymentId) ?? [];
  const { staff, ...breakdown } = paymentBreakdown(payment, order, rates, refunds.map((r) => r.refund));
  return {
    ...paymentView(fact),
    card: payment.cardBrand || payment.cardLast4 ? { brand: payment.cardBrand, last4: payment.cardLast4 } : null,
    breakdown,
    staff: staff.map((s) => ({ ...s, name: staffDocs.get(s.staffId)?.name ?? null })),
    refunds: refunds.map((r) => refundView(paymentId, r)),
  };
}

/** Minor units as a decimal string in major units ("1234" USD -> "12.34"), exact, for spreadsheets. */
export function decimalString(minorUnits: number, currencyCode: string): string {
  const exponent = currencyExponent(currencyCode);
  const sign = minorUnits < 0 ? '-' : '';
  const digits = Math.abs(minorUnits).toString().padStart(exponent + 1, '0');
  return exponent === 0 ? sign + digits : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export const CSV_MAX_ROWS = 100_000;
export const CSV_COLUMNS = [
  'payment_id', 'created_at', 'business_date', 'location_id', 'order_id', 'order_number', 'client_id', 'cashier_id', 'tender', 'mode', 'status',
  'currency', 'amount', 'tip', 'fee', 'total', 'card_brand', 'card_last4', 'label',
];

export async function paymentsCsv(ctx: BackOfficeContext, tenantId: string, filters: PaymentFilters): Promise<string> {
  const result = await listPayments(ctx, tenantId, filters, { page: 0, limit: CSV_MAX_ROWS });
  const rows = result.data.map((p) => [
    p.id, p.createdAt, p.businessDate, p.locationId, p.orderId, p.orderNumber, p.clientId, p.cashierId, p.tender, p.mode, p.status, p.currency,
    decimalString(p.amount, p.currency), decimalString(p.tip, p.currency), decimalString(p.fee, p.currency), decimalString(p.total, p.currency),
    p.cardBrand, p.cardLast4, p.label,
  ]);
  return stringify(rows, { header: true, columns: CSV_COLUMNS });
}

export async function paymentRoutes(app: FastifyInstance, ctx: BackOfficeContext) {
  const tags = ['payments'];
  const listQuery = { type: 'object', additionalProperties: false, properties: { ...pagingQuery, ...paymentFilterQuery } } as const;
  route(app, {
    method: 'GET', url: '/payments', roles: MONEY_ROLES, tags, summary: 'Payments, newest first, with seed 003 filters',
    querystring: listQuery, response: pageOf(paymentItem),
    handler: async (request) => {
      const q = request.query as PaymentFilters & { page: number; limit: number };
      return listPayments(ctx, principalOf(request).tenantId, q, q);
    },
  });
  route(app, {
    method: 'GET', url: '/payments/export.csv', roles: MONEY_ROLES, tags, produces: 'text/csv',
    summary: `Payment history as CSV (same filters as the list, at most ${CSV_MAX_ROWS} rows; amounts in major units)`,
    querystring: { type: 'object', additionalProperties: false, properties: paymentFilterQuery },
    response: { type: 'string', description: 'text/csv' },
    handler: async (request, reply) => {
      const csv = await paymentsCsv(ctx, principalOf(request).tenantId, request.query as PaymentFilters);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="payments.csv"');
      return csv;
    },
  });
  route(app, {
    method: 'GET', url: '/payments/:id', roles: MONEY_ROLES, tags, summary: 'One payment with its breakdown: service and tip, salon and staff, fees, refunds',
    params: idParams, response: paymentDetail,
    handler: async (request) => paymentWithBreakdown(ctx, principalOf(request).tenantId, (request.params as { id: string }).id),
  });
  route(app, {
    method: 'GET', url: '/refunds', roles: MONEY_ROLES, tags, summary: 'Refunds, newest first (payments list filters apply to the refunded payments)',
    querystring: listQuery, response: pageOf(refundItem),
    handler: async (request) => {
      const q = request.query as PaymentFilters & { page: number; limit: number };
      const tenantId = principalOf(request).tenantId;
      if (q.locationId) await assertLocation(ctx, tenantId, q.locationId);
      const { refunds, total } = await listRefunds(ctx.db, tenantId, q, q);
      return page(refunds.map(({ paymentId, refund }) => refundView(paymentId, refund)), q, total);
    },
  });
}
