import type { FastifyInstance } from 'fastify';
import { newId } from '../../../shared/ids';
import { ADMIN_ROLES, ALL_ROLES, idParams, principalOf, route, type BackOfficeContext } from '../../backoffice/common';
import { newSecret } from '../../auth/sessions';
import { hashToken } from '../../devices/tokens';
import { HttpError } from '../../http/errors';
import type { JobQueue } from '../../jobs/queue';
import { acceptedNotification, enqueueNotification } from '../enqueue';
import { stringsFor } from '../strings';
import type { VerificationPayload } from './compose-verification';

const LINK_HOURS = 24;

/**
 * Email verification: a one-time link (a random token, kept hashed) that expires after 24 hours;
 * opening it marks the user's address verified. The source API's
 * `/notification/private/email/{user_id}/verification`.
 */
export async function verificationRoutes(app: FastifyInstance, { db, now, jobs }: BackOfficeContext & { jobs: JobQueue }) {
  route(app, {
    method: 'POST', url: '/notifications/email/:id/verification', roles: ALL_ROLES, tags: ['notifications'], status: 202,
    summary: "Email a user a link that confirms their address (owners and managers for anyone in the business, others for themselves)",
    params: idParams,
    response: acceptedNotification,
    handler: async (request) => {
      const principal = principalOf(request);
      const userId = (request.params as { id: string }).id;
      if (!ADMIN_ROLES.includes(principal.role) && principal.userId !== userId) throw new HttpError(403, 'Only owners and managers confirm other users’ addresses.');
      const user = await db.selectFrom('users').select(['id', 'email']).where('tenant_id', '=', principal.tenantId).where('id', '=', userId).executeTakeFirst();
      if (!user) throw new HttpError(404, `No user ${userId}.`);
      const location = await db.selectFrom('locations').select('id').where('tenant_id', '=', principal.tenantId).orderBy('created_at').orderBy('id').executeTakeFirstOrThrow();
      const token = newSecret('fdv_');
      const at = now();
      await db.insertInto('email_verifications').values({
        token_hash: hashToken(token), tenant_id: principal.tenantId, user_id: user.id, email: user.email, created_at: at,
        expires_at: new Date(at.getTime() + LINK_HOURS * 3600_000), used_at: null,
      }).execute();
      const payload: VerificationPayload = { link: `${request.protocol}://${request.host}/api/v1/email-verification?token=${token}`, hours: LINK_HOURS };
      const notificationId = await enqueueNotification(db, jobs, {
        id: newId(), tenantId: principal.tenantId, locationId: location.id, kind: 'email_verification', channel: 'email',
        recipient: user.email, orderId: null, requestedAt: at, payload: payload as unknown as Record<string, unknown>,
      });
      return { email: user.email, message: `A confirmation link is on its way to ${user.email}.`, notificationId };
    },
  });

  route(app, {
    method: 'GET', url: '/email-verification', roles: null, tags: ['notifications'],
    summary: 'Open a confirmation link: marks the address verified (410 when the link expired or was used)',
    querystring: { type: 'object', additionalProperties: false, properties: { token: { type: 'string', minLength: 8, maxLength: 100 } }, required: ['token'] },
    response: { type: 'object', additionalProperties: false, properties: { email: { type: 'string' }, message: { type: 'string' } }, required: ['email', 'message'] },
    handler: async (request) => {
      const at = now();
      const used = await db
        .updateTable('email_verifications')
        .set({ used_at: at })
        .where('token_hash', '=', hashToken((request.query as { token: string }).token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .returning(['user_id', 'email'])
        .executeTakeFirst();
      if (!used) throw new HttpError(410, stringsFor('en').verifyExpired);
      await db.updateTable('users').set({ email_verified_at: at }).where('id', '=', used.user_id).where('email', '=', used.email).execute();
      return { email: used.email, message: stringsFor('en').verified(used.email) };
    },
  });
}
