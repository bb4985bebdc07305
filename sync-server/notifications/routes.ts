import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { newId } from '../../shared/ids';
import { id, idParams, instant, iso, MONEY_ROLES, nullableId, page, pageOf, pagingQuery, principalOf, route, tenantLocation, type BackOfficeContext } from '../backoffice/common';
import { paymentFilterQuery, type PaymentFilters } from '../backoffice/payments';
import { NOTIFICATION_STATUSES, type Database } from '../db/schema';
import { HttpError } from '../http/errors';
import type { JobQueue } from '../jobs/queue';
import { DELIVER } from './delivery';
import { acceptedNotification, enqueueNotification } from './enqueue';
import { NOTIFICATION_KIND_NAMES, recordStatus } from './log';
import type { ExportPayload } from './payments-export/compose-export';
import { verificationRoutes } from './verification/routes';

const status = { type: 'string', enum: [...NOTIFICATION_STATUSES] } as const;

const notification = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id,
    locationId: id,
    kind: { type: 'string', enum: [...NOTIFICATION_KIND_NAMES] },
    channel: { type: 'string', enum: ['email'] },
    recipient: { type: 'string' },
    orderId: nullableId,
    status,
    attempts: { type: 'integer', description: 'delivery attempts so far' },
    detail: { type: ['string', 'null'], description: "the mail server's last answer, or why it failed" },
    requestedAt: instant,
    updatedAt: instant,
  },
  required: ['id', 'locationId', 'kind', 'channel', 'recipient', 'orderId', 'status', 'attempts', 'detail', 'requestedAt', 'updatedAt'],
} as const;

const event = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status,
    attempt: { type: 'integer' },
    at: instant,
    detail: { type: ['string', 'null'] },
    nextAttemptAfter: { anyOf: [{ type: 'null' }, instant], description: 'retrying: the next attempt comes no sooner than this' },
  },
  required: ['status', 'attempt', 'at', 'detail', 'nextAttemptAfter'],
} as const;

const withHistory = {
  ...notification,
  properties: { ...notification.properties, history: { type: 'array', items: event } },
  required: [...notification.required, 'history'],
} as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pagingQuery,
    kind: { type: 'string', enum: [...NOTIFICATION_KIND_NAMES] },
    status,
    recipient: { type: 'string', minLength: 1, maxLength: 254 },
    orderId: id,
    from: { ...instant, description: 'requested at or after' },
    to: { ...instant, description: 'requested before' },
  },
} as const;

interface ListQuery {
  page: number;
  limit: number;
  kind?: string;
  status?: string;
  recipient?: string;
  orderId?: string;
  from?: string;
  to?: string;
}

function toApi(row: Selectable<Database['notifications']>) {
  return {
    id: row.id, locationId: row.location_id, kind: row.kind, channel: row.channel, recipient: row.recipient, orderId: row.order_id,
    status: row.status, attempts: row.attempts, detail: row.detail, requestedAt: iso(row.requested_at), updatedAt: iso(row.updated_at),
  };
}

/** The delivery log: every notification with its status history, and a resend. */
export async function notificationRoutes(app: FastifyInstance, ctx: BackOfficeContext & { jobs: JobQueue }) {
  const { db, now, jobs } = ctx;
  await verificationRoutes(app, ctx);
  const findOwn = async (tenantId: string, notificationId: string) => {
    const row = await db.selectFrom('notifications').selectAll().where('tenant_id', '=', tenantId).where('id', '=', notificationId).executeTakeFirst();
    if (!row) throw new HttpError(404, `No notification ${notificationId}.`);
    return row;
  };
  const withEvents = async (row: Selectable<Database['notifications']>) => {
    const events = await db.selectFrom('notification_events').selectAll().where('notification_id', '=', row.id).orderBy('id').execute();
    return {
      ...toApi(row),
      history: events.map((e) => ({
        status: e.status, attempt: e.attempt, at: iso(e.at), detail: e.detail, nextAttemptAfter: e.next_attempt_after ? iso(e.next_attempt_after) : null,
      })),
    };
  };

  route(app, {
    method: 'GET', url: '/notifications', roles: MONEY_ROLES, tags: ['notifications'],
    summary: 'Notifications sent or on their way (receipts and others), newest first',
    querystring: listQuery,
    response: pageOf(notification),
    handler: async (request) => {
      const { tenantId } = principalOf(request);
      const q = request.query as ListQuery;
      let base = db.selectFrom('notifications').where('tenant_id', '=', tenantId);
      if (q.kind) base = base.where('kind', '=', q.kind);
      if (q.status) base = base.where('status', '=', q.status as (typeof NOTIFICATION_STATUSES)[number]);
      if (q.recipient) base = base.where('recipient', '=', q.recipient.toLowerCase());
      if (q.orderId) base = base.where('order_id', '=', q.orderId);
      if (q.from) base = base.where('requested_at', '>=', new Date(q.from));
      if (q.to) base = base.where('requested_at', '<', new Date(q.to));
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.page * q.limit).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return page(rows.map(toApi), q, Number(total.n));
    },
  });

  route(app, {
    method: 'POST', url: '/payments/export', roles: MONEY_ROLES, tags: ['payments'], status: 202,
    summary: 'Email the payment history (same filters as GET /payments) as an Excel workbook to the signed-in user; answers at once',
    body: { type: 'object', additionalProperties: false, properties: paymentFilterQuery },
    response: acceptedNotification,
    handler: async (request) => {
      const principal = principalOf(request);
      const user = principal.userId ? await db.selectFrom('users').select('email').where('id', '=', principal.userId).executeTakeFirst() : null;
      if (!user) throw new HttpError(422, 'An API key has no email address: sign in as a user to have the export emailed.');
      const filters = request.body as PaymentFilters;
      const location = filters.locationId
        ? await tenantLocation(ctx, principal.tenantId, filters.locationId)
        : await db.selectFrom('locations').selectAll().where('tenant_id', '=', principal.tenantId).orderBy('created_at').orderBy('id').executeTakeFirstOrThrow();
      const requestedAt = now();
      const payload: ExportPayload = { filters, receivedBy: requestedAt.toISOString() };
      const notificationId = await enqueueNotification(db, jobs, {
        id: newId(), tenantId: principal.tenantId, locationId: location.id, kind: 'payments_export', channel: 'email',
        recipient: user.email, orderId: null, requestedAt, payload: payload as unknown as Record<string, unknown>,
      });
      return { email: user.email, message: `The payment history is being exported; it will be emailed to ${user.email}.`, notificationId };
    },
  });

  route(app, {
    method: 'GET', url: '/notifications/:id', roles: MONEY_ROLES, tags: ['notifications'],
    summary: 'A notification with its status history (queued, sending, retrying with the next attempt, sent with the answer, failed with the reason)',
    params: idParams,
    response: withHistory,
    handler: async (request) => withEvents(await findOwn(principalOf(request).tenantId, (request.params as { id: string }).id)),
  });

  route(app, {
    method: 'POST', url: '/notifications/:id/resend', roles: MONEY_ROLES, tags: ['notifications'], status: 202,
    summary: 'Send a sent or failed notification again (with the same Message-ID); 409 while it is still on its way',
    params: idParams,
    response: withHistory,
    handler: async (request) => {
      const row = await findOwn(principalOf(request).tenantId, (request.params as { id: string }).id);
      if (row.status !== 'sent' && row.status !== 'failed') throw new HttpError(409, `Notification ${row.id} is still ${row.status}: it is on its way.`);
      const jobId = newId();
      await recordStatus(db, row.id, { status: 'queued', attempt: row.attempts, at: now(), detail: 'resend requested', jobId });
      await jobs.send(DELIVER, { notificationId: row.id }, { id: jobId });
      return withEvents(await findOwn(row.tenant_id, row.id));
    },
  });
}
