import type { Kysely, Transaction } from 'kysely';
import { NOTIFICATION_KINDS } from '../../shared/schemas/index';
import type { Database, NotificationStatus } from '../db/schema';

type Conn = Kysely<Database> | Transaction<Database>;

/** The kinds the server carries out: the registers' requests, and the ones it makes itself. */
export const NOTIFICATION_KIND_NAMES = [...NOTIFICATION_KINDS, 'payments_export', 'email_verification', 'sign_in_alert'] as const;

export interface NotificationRequest {
  id: string;
  tenantId: string;
  locationId: string;
  kind: string;
  channel: string;
  recipient: string;
  orderId: string | null;
  requestedAt: Date;
  payload?: Record<string, unknown>;
}

/**
 * Records requested notifications as queued (their first job has the notification's id);
 * one already recorded is left as it is, so a request projected twice is queued once.
 * Returns the ones recorded now.
 */
export async function recordRequests(db: Conn, requests: readonly NotificationRequest[]): Promise<string[]> {
  if (requests.length === 0) return [];
  const inserted = await db
    .insertInto('notifications')
    .values(requests.map((r) => ({
      id: r.id, tenant_id: r.tenantId, location_id: r.locationId, kind: r.kind, channel: r.channel, recipient: r.recipient,
      order_id: r.orderId, payload: r.payload ? JSON.stringify(r.payload) : null, status: 'queued' as const, attempts: 0, job_id: r.id, detail: null, requested_at: r.requestedAt, updated_at: r.requestedAt,
    })))
    .onConflict((oc) => oc.column('id').doNothing())
    .returning(['id', 'requested_at'])
    .execute();
  if (inserted.length > 0) {
    await db
      .insertInto('notification_events')
      .values(inserted.map((row) => ({ notification_id: row.id, status: 'queued' as const, attempt: 0, at: row.requested_at, detail: null, next_attempt_after: null })))
      .execute();
  }
  return inserted.map((row) => row.id);
}

export interface StatusChange {
  status: NotificationStatus;
  attempt: number;
  at: Date;
  detail?: string | null;
  nextAttemptAfter?: Date | null;
  /** A resend names the job that now carries the notification out. */
  jobId?: string;
}

/** Moves a notification to a status and appends it to its history, in one transaction. */
export async function recordStatus(db: Kysely<Database>, notificationId: string, change: StatusChange): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('notifications')
      .set({
        status: change.status, attempts: change.attempt, updated_at: change.at, detail: change.detail ?? null,
        ...(change.jobId ? { job_id: change.jobId } : {}),
      })
      .where('id', '=', notificationId)
      .execute();
    await trx
      .insertInto('notification_events')
      .values({
        notification_id: notificationId, status: change.status, attempt: change.attempt, at: change.at,
        detail: change.detail ?? null, next_attempt_after: change.nextAttemptAfter ?? null,
      })
      .execute();
  });
}

/** Notifications not yet sent or failed: after a restart their jobs are sent again (a job still kept is not doubled). */
export async function unfinished(db: Conn): Promise<{ id: string; jobId: string }[]> {
  const rows = await db.selectFrom('notifications').select(['id', 'job_id']).where('status', 'not in', ['sent', 'failed']).orderBy('requested_at').execute();
  return rows.map((row) => ({ id: row.id, jobId: row.job_id }));
}
