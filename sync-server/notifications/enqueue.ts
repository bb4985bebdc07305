import type { Kysely } from 'kysely';
import { id } from '../backoffice/common';
import type { Database } from '../db/schema';
import type { JobQueue } from '../jobs/queue';
import { DELIVER } from './delivery';
import { recordRequests, type NotificationRequest } from './log';

/** The answer of a route that queues a notification: `202` at once, the log follows it. */
export const acceptedNotification = {
  type: 'object', additionalProperties: false,
  properties: { email: { type: 'string' }, message: { type: 'string' }, notificationId: id },
  required: ['email', 'message', 'notificationId'],
} as const;

/** Records a notification the server makes (queued) and queues its delivery: one call per new kind. */
export async function enqueueNotification(db: Kysely<Database>, jobs: JobQueue, request: NotificationRequest): Promise<string> {
  await recordRequests(db, [request]);
  await jobs.send(DELIVER, { notificationId: request.id }, { id: request.id });
  return request.id;
}
