import type { FastifyInstance } from 'fastify';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema';
import { HttpError } from '../http/errors';
import {
  currency, date, id, instant, int, iso, minor, MONEY_ROLES, nullableId, page, pageOf, pagingQuery, principalOf, route, tenantLocation,
  type BackOfficeContext,
} from './common';

/**
 * Balances are sums over the ledger (balance transactions). For a location: what it took,
 * net of processing fees and refunds, tips apart. For a staff member: the commission and tip
 * share they earned. A row counts as cleared when it was recorded offline (cash and other
 * recorded tenders are in hand) or when the clearing delay has passed since the server
 * received it (card money settles later).
 */
export interface BalanceOwner {
  locationId?: string;
  staffId?: string;
}

type Ledger = ExpressionBuilder<Database, 'ledger_entries'>;

function ownerExpression(eb: Ledger, tenantId: string, owner: BalanceOwner): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [eb('tenant_id', '=', tenantId)];
  if (owner.locationId) and.push(eb('location_id', '=', owner.locationId));
  if (owner.staffId) and.push(eb('party', '=', 'staff'), eb('staff_id', '=', owner.staffId));
  else and.push(eb('party', '=', 'location'));
  return eb.and(and);
}

export function clearingCutoff(ctx: BackOfficeContext): Date {
  return new Date(ctx.now().getTime() - ctx.clearingDelayHours * 3600_000);
}

/** The balance aggregate; exported so the bench times exactly this SQL raw. */
export function balanceSql(tenantId: string, owner: BalanceOwner, cutoff: Date) {
  const staff = owner.staffId ? sql`party = 'staff' and staff_id = ${owner.staffId}` : sql`party = 'location'`;
  const location = owner.locationId ? sql`and location_id = ${owner.locationId}` : sql``;
  return sql<{ current: string; cleared: string; tip: string; cleared_tip: string }>`
    select
      coalesce(sum(amount - fee), 0)::bigint as current,
      coalesce(sum(amount - fee) filter (where mode = 'OFFLINE' or received_at <= ${cutoff}), 0)::bigint as cleared,
      coalesce(sum(tip), 0)::bigint as tip,
      coalesce(sum(tip) filter (where mode = 'OFFLINE' or received_at <= ${cutoff}), 0)::bigint as cleared_tip
    from ledger_entries
    where tenant_id = ${tenantId} ${location} and ${staff}`;
}

const transactionItem = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' }, locationId: id, staffId: nullableId, type: { type: 'string', enum: ['CREDIT', 'DEBIT', 'REFUND'] },
    status: { type: 'string', enum: ['PENDING', 'CLEARED'] }, paymentId: nullableId, orderId: nullableId,
    tender: { type: ['string', 'null'] }, mode: { type: ['string', 'null'] }, currency, businessDate: date, createdAt: instant, clearsAt: instant,
    gross: minor, amount: minor, tip: minor, fee: minor, net: minor, description: { type: 'string' },
  },
  required: [
    'id', 'locationId', 'staffId', 'type', 'status', 'paymentId', 'orderId', 'tender', 'mode', 'currency', 'businessDate', 'createdAt', 'clearsAt',
    'gross', 'amount', 'tip', 'fee', 'net', 'description',
  ],
} as const;

interface TransactionFilters extends BalanceOwner {
  status?: 'PENDING' | 'CLEARED';
  type?: ('CREDIT' | 'DEBIT' | 'REFUND')[];
  from?: string;
  to?: string;
}

/** A page of balance transactions; `total` counts them all unless `withTotal` is false (the balance's recent list). */
async function transactions(ctx: BackOfficeContext, tenantId: string, f: TransactionFilters, paging: { page: number; limit: number }, withTotal = true) {
  const cutoff = clearingCutoff(ctx);
  const cleared = sql<boolean>`(mode = 'OFFLINE' or received_at <= ${cutoff})`;
  const base = ctx.db.selectFrom('ledger_entries').where((eb) => {
    const and: Expression<SqlBool>[] = [ownerExpression(eb, tenantId, f)];
    if (f.status === 'CLEARED') and.push(cleared);
    if (f.status === 'PENDING') and.push(sql<boolean>`not ${cleared}`);
    if (f.type?.length) and.push(eb('type', 'in', f.type));
    if (f.from) and.push(eb('business_date', '>=', f.from));
    if (f.to) and.push(eb('business_date', '<=', f.to));
    return eb.and(and);
  });
  const [rows, count] = await Promise.all([
    base
      .select([
        'id', 'location_id', 'party', 'staff_id', 'type', 'payment_id', 'order_id', 'tender', 'mode', 'currency', 'received_at', 'gross', 'amount',
        'tip', 'fee', 'description', sql<string>`business_date::text`.as('business_date'), cleared.as('cleared'),
      ])
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(paging.limit)
      .offset(paging.page * paging.limit)
      .execute(),
    withTotal ? base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow() : { n: -1 },
  ]);
  const delayMs = ctx.clearingDelayHours * 3600_000;
  return page(
    rows.map((r) => {
      const receivedAt = new Date(r.received_at);
      const amount = int(r.amount);
      const fee = int(r.fee);
      return {
        id: r.id, locationId: r.location_id, staffId: r.party === 'staff' ? r.staff_id : null, type: r.type, status: r.cleared ? 'CLEARED' : 'PENDING',
        paymentId: r.payment_id, orderId: r.order_id, tender: r.tender, mode: r.mode, currency: r.currency, businessDate: r.business_date,
        createdAt: iso(receivedAt), clearsAt: iso(r.mode === 'OFFLINE' ? receivedAt : new Date(receivedAt.getTime() + delayMs)),
        gross: int(r.gross), amount, tip: int(r.tip), fee, net: amount - fee, description: r.description,
      };
    }),
    paging,
    int(count.n),
  );
}

async function checkOwner(ctx: BackOfficeContext, tenantId: string, owner: BalanceOwner): Promise<string> {
  if (!owner.locationId && !owner.staffId) throw new HttpError(400, 'Name a locationId, a staffId, or both.');
  let currencyCode: string | null = null;
  if (owner.locationId) currencyCode = (await tenantLocation(ctx, tenantId, owner.locationId)).currency;
  if (owner.staffId) {
    const staff = await ctx.db
      .selectFrom('documents')
      .select('id')
      .where('collection', '=', 'staff')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', owner.staffId)
      .executeTakeFirst();
    if (!staff) throw new HttpError(404, `No staff member ${owner.staffId}.`);
  }
  if (!currencyCode) {
    const first = await ctx.db.selectFrom('locations').select('currency').where('tenant_id', '=', tenantId).orderBy('created_at').executeTakeFirst();
    currencyCode = first?.currency ?? 'USD';
  }
  return currencyCode;
}

export async function currentBalance(ctx: BackOfficeContext, tenantId: string, owner: BalanceOwner) {
  const currencyCode = await checkOwner(ctx, tenantId, owner);
  const { rows } = await balanceSql(tenantId, owner, clearingCutoff(ctx)).execute(ctx.db);
  const r = rows[0]!;
  const recent = await transactions(ctx, tenantId, owner, { page: 0, limit: 10 }, false);
  const current = int(r.current);
  const cleared = int(r.cleared);
  return {
    locationId: owner.locationId ?? null,
    staffId: owner.staffId ?? null,
    currency: currencyCode,
    clearingDelayHours: ctx.clearingDelayHours,
    currentBalance: current,
    currentClearedBalance: cleared,
    pendingBalance: current - cleared,
    currentTipBalance: int(r.tip),
    clearedTipBalance: int(r.cleared_tip),
    recentTransactions: recent.data,
  };
}

export async function balanceRoutes(app: FastifyInstance, ctx: BackOfficeContext) {
  const tags = ['balances'];
  const ownerProps = { locationId: id, staffId: id } as const;
  const figures = ['currentBalance', 'currentClearedBalance', 'pendingBalance', 'currentTipBalance', 'clearedTipBalance'];
  route(app, {
    method: 'GET', url: '/balances', roles: MONEY_ROLES, tags,
    summary: 'Current, cleared and tip balance with recent transactions, of a location or a staff member',
    querystring: { type: 'object', additionalProperties: false, properties: ownerProps },
    response: {
      type: 'object', additionalProperties: false,
      properties: {
        locationId: nullableId, staffId: nullableId, currency, clearingDelayHours: { type: 'number' },
        ...Object.fromEntries(figures.map((f) => [f, minor])),
        recentTransactions: { type: 'array', items: transactionItem },
      },
      required: ['locationId', 'staffId', 'currency', 'clearingDelayHours', ...figures, 'recentTransactions'],
    },
    handler: async (request) => currentBalance(ctx, principalOf(request).tenantId, request.query as BalanceOwner),
  });
  route(app, {
    method: 'GET', url: '/balances/transactions', roles: MONEY_ROLES, tags,
    summary: 'Balance transactions by status and type, of a location or a staff member, newest first',
    querystring: {
      type: 'object', additionalProperties: false,
      properties: {
        ...pagingQuery, ...ownerProps,
        status: { type: 'string', enum: ['PENDING', 'CLEARED'] },
        type: { type: 'array', items: { type: 'string', enum: ['CREDIT', 'DEBIT', 'REFUND'] }, maxItems: 3 },
        from: date, to: date,
      },
    },
    response: pageOf(transactionItem),
    handler: async (request) => {
      const q = request.query as TransactionFilters & { page: number; limit: number };
      const tenantId = principalOf(request).tenantId;
      await checkOwner(ctx, tenantId, q);
      return transactions(ctx, tenantId, q, q);
    },
  });
}
