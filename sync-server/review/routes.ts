import type { FastifyInstance } from 'fastify';
import { verifyChain } from '../../shared/audit/index';
import type { AuditEventDoc } from '../../shared/schemas/index';
import { currency, id, idParams, instant, MONEY_ROLES, minor, page, pageOf, pagingQuery, principalOf, route, type BackOfficeContext } from '../backoffice/common';
import { FLAG_KINDS } from '../db/schema';
import { HttpError } from '../http/errors';
import { documentsWhere } from './documents';

const chainBreak = {
  type: 'object',
  additionalProperties: false,
  properties: {
    seq: { type: 'integer' },
    eventId: { type: ['string', 'null'] },
    reason: { type: 'string', enum: ['edited', 'missing', 'duplicate', 'relinked'] },
    message: { type: 'string' },
  },
  required: ['seq', 'eventId', 'reason', 'message'],
} as const;

const verification = {
  type: 'object',
  additionalProperties: false,
  properties: {
    deviceId: id,
    events: { type: 'integer', description: 'events of this register the server holds' },
    ok: { type: 'boolean' },
    firstBreak: { anyOf: [{ type: 'null' }, chainBreak] },
  },
  required: ['deviceId', 'events', 'ok', 'firstBreak'],
} as const;

const finding = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id,
    deviceId: id,
    seq: { type: 'integer' },
    eventId: { type: ['string', 'null'] },
    reason: { type: 'string' },
    message: { type: 'string' },
    detectedAt: instant,
    resolvedAt: { anyOf: [{ type: 'null' }, instant] },
  },
  required: ['id', 'deviceId', 'seq', 'eventId', 'reason', 'message', 'detectedAt', 'resolvedAt'],
} as const;

const flag = {
  type: 'object',
  additionalProperties: false,
  properties: {
    collection: { type: 'string', enum: ['orders', 'adjustments', 'drawer'], description: 'what the flagged document is' },
    documentId: id,
    orderId: { anyOf: [{ type: 'null' }, id], description: 'the sale it concerns; null for a drawer document' },
    kind: { type: 'string', enum: [...FLAG_KINDS] },
    reason: { type: 'string' },
    amount: { ...minor, description: 'over_refund: refunded beyond what was taken; a refund: its total; a drawer close: its over/short' },
    currency,
    detectedAt: instant,
  },
  required: ['collection', 'documentId', 'orderId', 'kind', 'reason', 'amount', 'currency', 'detectedAt'],
} as const;

/** The audit journal's checks and the orders set aside for review. */
export async function reviewRoutes(app: FastifyInstance, { db }: BackOfficeContext) {
  route(app, {
    method: 'GET',
    url: '/audit/devices/:id/verify',
    roles: MONEY_ROLES,
    tags: ['audit'],
    summary: "Verify a register's whole audit chain and report the first break",
    params: idParams,
    response: verification,
    handler: async (request) => {
      const { tenantId } = principalOf(request);
      const deviceId = (request.params as { id: string }).id;
      const device = await db.selectFrom('devices').select('id').where('id', '=', deviceId).where('tenant_id', '=', tenantId).executeTakeFirst();
      if (!device) throw new HttpError(404, 'No such register in this business.');
      const events = await documentsWhere<AuditEventDoc>(db, tenantId, 'audit_events', 'deviceId', [deviceId]);
      const verdict = verifyChain(events);
      return { deviceId, events: events.length, ok: verdict.ok, firstBreak: verdict.ok ? null : verdict.firstBreak };
    },
  });

  route(app, {
    method: 'GET',
    url: '/audit/findings',
    roles: MONEY_ROLES,
    tags: ['audit'],
    summary: 'Breaks found in pushed audit chains, newest first',
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: { ...pagingQuery, open: { type: 'boolean', description: 'only findings not resolved by a later push' } },
    },
    response: pageOf(finding),
    handler: async (request) => {
      const { tenantId } = principalOf(request);
      const query = request.query as { page: number; limit: number; open?: boolean };
      let base = db.selectFrom('audit_findings').where('tenant_id', '=', tenantId);
      if (query.open) base = base.where('resolved_at', 'is', null);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('detected_at', 'desc').orderBy('id').limit(query.limit).offset(query.page * query.limit).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const data = rows.map((r) => ({
        id: r.id, deviceId: r.device_id, seq: Number(r.seq), eventId: r.event_id, reason: r.reason, message: r.message,
        detectedAt: new Date(r.detected_at).toISOString(), resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
      }));
      return page(data, query, Number(total.n));
    },
  });

  route(app, {
    method: 'GET',
    url: '/orders/flags',
    roles: MONEY_ROLES,
    tags: ['audit'],
    summary: 'Documents set aside for review, each with its reason: a sale refunded beyond what it took by two registers offline, an adjustment or drawer close without the manager approval the location requires',
    querystring: { type: 'object', additionalProperties: false, properties: pagingQuery },
    response: pageOf(flag),
    handler: async (request) => {
      const { tenantId } = principalOf(request);
      const query = request.query as { page: number; limit: number };
      const base = db.selectFrom('order_flags').where('tenant_id', '=', tenantId);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('detected_at', 'desc').orderBy('document_id').orderBy('kind').limit(query.limit).offset(query.page * query.limit).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const data = rows.map((r) => ({
        collection: r.collection, documentId: r.document_id, orderId: r.order_id, kind: r.kind, reason: r.reason,
        amount: Number(r.amount), currency: r.currency, detectedAt: new Date(r.detected_at).toISOString(),
      }));
      return page(data, query, Number(total.n));
    },
  });
}
