import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { newId } from '../../shared/ids';
import { NOTIFICATION_KINDS } from '../../shared/schemas/index';
import { id, idParams, instant, iso, MONEY_ROLES, nullableId, page, pageOf, pagingQuery, principalOf, route, type BackOfficeContext } from '../backoffice/common';
import { NOTIFICATION_STATUSES, type Database } from '../db/schema';
import { HttpError } from '../http/errors';
import type { JobQueue } from '../jobs/queue';
import { DELIVER } from './delivery';
import { recordStatus } from './log';

const status = { type: 'string', enum: [...NOTIFICATION_STATUSES] } as const;

const notification = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id,
    locationId: id,
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
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
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
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
export async function notificationRoutes(app: FastifyInstance, { db, now, jobs }: BackOfficeContext & { jobs: JobQueue }) {
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
