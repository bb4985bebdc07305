import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { FORECAST_DAYS, forecast, reportCalendar, type ReportCalendar } from '../../shared/reports/calendar';
import { HttpError } from '../http/errors';
import {
  currency, date, id, int, minor, MONEY_ROLES, principalOf, route, tenantLocation, type BackOfficeContext,
} from './common';

/** The location's calendar around `now` (shared with the register's reports), or 409 for a zone luxon does not know. */
export function calendar(now: Date, timeZone: string): ReportCalendar {
  try {
    return reportCalendar(now, timeZone);
  } catch {
    throw new HttpError(409, `The location's time zone "${timeZone}" is not a known IANA zone.`);
  }
}

/**
 * The aggregate the revenue endpoint needs, in one pass over the location's ledger rows since
 * the earliest day it looks at. Exported so the bench times exactly this SQL raw.
 */
export function revenueWindowsSql(tenantId: string, locationId: string, c: ReturnType<typeof calendar>) {
  const since = [c.monthStart, c.historyStart, c.yesterday].sort()[0]!;
  return sql<{ today: string; yesterday: string; week: string; month: string; history: string }>`
    select
      coalesce(sum(amount) filter (where business_date = ${c.today}::date), 0)::bigint as today,
      coalesce(sum(amount) filter (where business_date = ${c.yesterday}::date), 0)::bigint as yesterday,
      coalesce(sum(amount) filter (where business_date >= ${c.weekStart}::date and business_date <= ${c.today}::date), 0)::bigint as week,
      coalesce(sum(amount) filter (where business_date >= ${c.monthStart}::date and business_date <= ${c.today}::date), 0)::bigint as month,
      coalesce(sum(amount) filter (where business_date >= ${c.historyStart}::date and business_date < ${c.today}::date), 0)::bigint as history
    from ledger_entries
    where tenant_id = ${tenantId} and location_id = ${locationId} and party = 'location' and business_date >= ${since}::date`;
}

export async function revenue(ctx: BackOfficeContext, tenantId: string, locationId: string) {
  const location = await tenantLocation(ctx, tenantId, locationId);
  const c = calendar(ctx.now(), location.time_zone);
  const { rows } = await revenueWindowsSql(tenantId, locationId, c).execute(ctx.db);
  const r = rows[0]!;
  const [today, week, month, history] = [int(r.today), int(r.week), int(r.month), int(r.history)];
  return {
    locationId,
    currency: location.currency,
    timeZone: location.time_zone,
    businessDate: c.today,
    today,
    thisWeek: week,
    thisMonth: month,
    todayForecast: forecast(today, history, c.msLeftToday, c.msToday, 0),
    thisWeekForecast: forecast(week, history, c.msLeftToday, c.msToday, c.daysLeftInWeek),
    thisMonthForecast: forecast(month, history, c.msLeftToday, c.msToday, c.daysLeftInMonth),
    averageDay: Math.round(Math.max(0, history) / FORECAST_DAYS),
  };
}

const daySummary = {
  type: 'object',
  additionalProperties: false,
  properties: { businessDate: date, amount: minor, tip: minor, fee: minor, refunds: minor, net: minor, payments: { type: 'integer' } },
  required: ['businessDate', 'amount', 'tip', 'fee', 'refunds', 'net', 'payments'],
} as const;

/** Payments credited: each payment's own credit, not a raised tip's (ledger ids, projections/ledger.ts). */
const paymentsCredited = sql<number>`count(*) filter (where type = 'CREDIT' and id = payment_id || ':location')::int`;

async function summary(ctx: BackOfficeContext, tenantId: string, locationId: string) {
  const location = await tenantLocation(ctx, tenantId, locationId);
  const c = calendar(ctx.now(), location.time_zone);
  const rows = await ctx.db
    .selectFrom('ledger_entries')
    .select([
      sql<string>`business_date::text`.as('day'),
      sql<string>`coalesce(sum(amount) filter (where type = 'CREDIT'), 0)::bigint`.as('sales'),
      sql<string>`coalesce(-sum(amount) filter (where type = 'REFUND'), 0)::bigint`.as('refunds'),
      sql<string>`coalesce(sum(amount), 0)::bigint`.as('net'),
      sql<string>`coalesce(sum(tip), 0)::bigint`.as('tip'),
      sql<string>`coalesce(sum(fee), 0)::bigint`.as('fee'),
      paymentsCredited.as('payments'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('location_id', '=', locationId)
    .where('party', '=', 'location')
    .where(sql<boolean>`business_date in (${c.today}::date, ${c.yesterday}::date)`)
    .groupBy('business_date')
    .execute();
  const day = (businessDate: string) => {
    const row = rows.find((r) => r.day === businessDate);
    return {
      businessDate, amount: int(row?.sales), tip: int(row?.tip), fee: int(row?.fee), refunds: int(row?.refunds), net: int(row?.net), payments: int(row?.payments),
    };
  };
  return { locationId, currency: location.currency, today: day(c.today), yesterday: day(c.yesterday) };
}

/** The all-time aggregate for several locations; exported for the bench. */
export function allTimeSql(tenantId: string, locationIds: readonly string[]) {
  return sql<{ location_id: string; amount: string; tip: string; fee: string }>`
    select location_id, coalesce(sum(amount), 0)::bigint as amount, coalesce(sum(tip), 0)::bigint as tip, coalesce(sum(fee), 0)::bigint as fee
    from ledger_entries
    where tenant_id = ${tenantId} and party = 'location' and location_id in (${sql.join(locationIds)})
    group by location_id`;
}

async function allTime(ctx: BackOfficeContext, tenantId: string, locationIds: string[]) {
  const unique = [...new Set(locationIds)];
  const locations = await ctx.db.selectFrom('locations').select(['id', 'currency']).where('tenant_id', '=', tenantId).where('id', 'in', unique).execute();
  if (locations.length !== unique.length) {
    const known = new Set(locations.map((l) => l.id));
    throw new HttpError(404, `No location ${unique.find((l) => !known.has(l))}.`);
  }
  const { rows } = await allTimeSql(tenantId, unique).execute(ctx.db);
  const sums = new Map(rows.map((r) => [r.location_id, r]));
  return unique.map((locationId) => {
    const row = sums.get(locationId);
    return { locationId, currency: locations.find((l) => l.id === locationId)!.currency, revenue: int(row?.amount), tips: int(row?.tip), fees: int(row?.fee) };
  });
}

const rangeQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { locationId: id, from: date, to: date },
  required: ['locationId', 'from', 'to'],
} as const;

async function byStaff(ctx: BackOfficeContext, tenantId: string, q: { locationId: string; from: string; to: string }) {
  const location = await tenantLocation(ctx, tenantId, q.locationId);
  const rows = await ctx.db
    .selectFrom('ledger_entries')
    .select([
      'staff_id',
      sql<string>`sum(gross)::bigint`.as('service'),
      sql<string>`sum(amount)::bigint`.as('earned'),
      sql<string>`sum(tip)::bigint`.as('tip'),
      sql<number>`count(distinct order_id)::int`.as('orders'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('location_id', '=', q.locationId)
    .where('party', '=', 'staff')
    .where('business_date', '>=', q.from)
    .where('business_date', '<=', q.to)
    .groupBy('staff_id')
    .orderBy('staff_id')
    .execute();
  const names = await ctx.db
    .selectFrom('documents')
    .select(['id', sql<string>`data->>'name'`.as('name')])
    .where('collection', '=', 'staff')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', rows.length ? rows.map((r) => r.staff_id) : [''])
    .execute();
  return {
    locationId: q.locationId, currency: location.currency, from: q.from, to: q.to,
    staff: rows.map((r) => ({
      staffId: r.staff_id, name: names.find((n) => n.id === r.staff_id)?.name ?? null,
      serviceRevenue: int(r.service), commission: int(r.earned), tips: int(r.tip), orders: int(r.orders),
    })),
  };
}

async function byTender(ctx: BackOfficeContext, tenantId: string, q: { locationId: string; from: string; to: string }) {
  const location = await tenantLocation(ctx, tenantId, q.locationId);
  const rows = await ctx.db
    .selectFrom('ledger_entries')
    .select([
      'tender', 'mode',
      sql<string>`sum(amount)::bigint`.as('amount'),
      sql<string>`sum(tip)::bigint`.as('tip'),
      sql<string>`sum(fee)::bigint`.as('fee'),
      paymentsCredited.as('payments'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('location_id', '=', q.locationId)
    .where('party', '=', 'location')
    .where('business_date', '>=', q.from)
    .where('business_date', '<=', q.to)
    .groupBy(['tender', 'mode'])
    .orderBy('tender')
    .orderBy('mode')
    .execute();
  return {
    locationId: q.locationId, currency: location.currency, from: q.from, to: q.to,
    tenders: rows.map((r) => ({ tender: r.tender ?? 'OTHER', mode: r.mode ?? 'OFFLINE', amount: int(r.amount), tip: int(r.tip), fee: int(r.fee), payments: int(r.payments) })),
  };
}

export async function revenueRoutes(app: FastifyInstance, ctx: BackOfficeContext) {
  const tags = ['revenue'];
  const locationQuery = { type: 'object', additionalProperties: false, properties: { locationId: id }, required: ['locationId'] } as const;
  const windows = ['today', 'thisWeek', 'thisMonth', 'todayForecast', 'thisWeekForecast', 'thisMonthForecast', 'averageDay'];
  route(app, {
    method: 'GET', url: '/revenue', roles: MONEY_ROLES, tags,
    summary: "Revenue today, this week (Monday on), this month, in the location's time zone, with forecasts (see docs/api.md)",
    querystring: locationQuery,
    response: {
      type: 'object', additionalProperties: false,
      properties: { locationId: id, currency, timeZone: { type: 'string' }, businessDate: date, ...Object.fromEntries(windows.map((w) => [w, minor])) },
      required: ['locationId', 'currency', 'timeZone', 'businessDate', ...windows],
    },
    handler: async (request) => revenue(ctx, principalOf(request).tenantId, (request.query as { locationId: string }).locationId),
  });
  route(app, {
    method: 'GET', url: '/revenue/summary', roles: MONEY_ROLES, tags, summary: 'Today vs yesterday',
    querystring: locationQuery,
    response: {
      type: 'object', additionalProperties: false,
      properties: { locationId: id, currency, today: daySummary, yesterday: daySummary },
      required: ['locationId', 'currency', 'today', 'yesterday'],
    },
    handler: async (request) => summary(ctx, principalOf(request).tenantId, (request.query as { locationId: string }).locationId),
  });
  route(app, {
    method: 'GET', url: '/revenue/all-time', roles: MONEY_ROLES, tags, summary: 'All-time revenue (net of refunds, without tips) for several locations at once',
    querystring: {
      type: 'object', additionalProperties: false,
      properties: { locationId: { type: 'array', items: id, minItems: 1, maxItems: 100 } },
      required: ['locationId'],
    },
    response: {
      type: 'object', additionalProperties: false,
      properties: {
        data: {
          type: 'array',
          items: {
            type: 'object', additionalProperties: false,
            properties: { locationId: id, currency, revenue: minor, tips: minor, fees: minor },
            required: ['locationId', 'currency', 'revenue', 'tips', 'fees'],
          },
        },
      },
      required: ['data'],
    },
    handler: async (request) => ({ data: await allTime(ctx, principalOf(request).tenantId, (request.query as { locationId: string[] }).locationId) }),
  });
  route(app, {
    method: 'GET', url: '/revenue/by-staff', roles: MONEY_ROLES, tags, summary: 'Service revenue, commission and tips per staff member over business dates [from, to]',
    querystring: rangeQuery,
    response: {
      type: 'object', additionalProperties: false,
      properties: {
        locationId: id, currency, from: date, to: date,
        staff: {
          type: 'array',
          items: {
            type: 'object', additionalProperties: false,
            properties: { staffId: id, name: { type: ['string', 'null'] }, serviceRevenue: minor, commission: minor, tips: minor, orders: { type: 'integer' } },
            required: ['staffId', 'name', 'serviceRevenue', 'commission', 'tips', 'orders'],
          },
        },
      },
      required: ['locationId', 'currency', 'from', 'to', 'staff'],
    },
    handler: async (request) => byStaff(ctx, principalOf(request).tenantId, request.query as { locationId: string; from: string; to: string }),
  });
  route(app, {
    method: 'GET', url: '/revenue/by-tender', roles: MONEY_ROLES, tags, summary: 'Revenue, tips and fees per tender and mode over business dates [from, to]',
    querystring: rangeQuery,
    response: {
      type: 'object', additionalProperties: false,
      properties: {
        locationId: id, currency, from: date, to: date,
        tenders: {
          type: 'array',
          items: {
            type: 'object', additionalProperties: false,
            properties: { tender: { type: 'string' }, mode: { type: 'string' }, amount: minor, tip: minor, fee: minor, payments: { type: 'integer' } },
            required: ['tender', 'mode', 'amount', 'tip', 'fee', 'payments'],
          },
        },
      },
      required: ['locationId', 'currency', 'from', 'to', 'tenders'],
    },
    handler: async (request) => byTender(ctx, principalOf(request).tenantId, request.query as { locationId: string; from: string; to: string }),
  });
}
