import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import { RetryableJobError, type JobKind, type JobQueue } from '../jobs/queue';
import { recordStatus, unfinished } from './log';
import { messageIdFor, smtpFailure, type Mailer } from './mailer';
import { MissingDocument } from './missing-document';
import type { ComposedMail } from './receipt/compose';

export const DELIVER = 'notifications.deliver';

export interface DeliveryContext {
  db: Kysely<Database>;
  queue: JobQueue;
  mailer: Mailer;
  now: () => Date;
  log: Pick<FastifyBaseLogger, 'warn' | 'info' | 'error'>;
  /**
   * How long a missing order is waited for: a register pushes each collection on its own, so the
   * request can arrive before its sale. After this (by the server's clock) it fails permanently.
   */
  missingGraceMs: number;
}

type Notification = Pick<Selectable<Database['notifications']>, 'id' | 'recipient'>;

/** Each kind's message; templates, the PDF and spreadsheet writers load on first use, not with every server. */
async function compose(db: Kysely<Database>, n: Selectable<Database['notifications']>, now: () => Date): Promise<ComposedMail> {
  if (n.kind === 'receipt' && n.order_id) return (await import('./receipt/compose')).composeReceipt(db, n.tenant_id, n.location_id, n.order_id);
  if (n.kind === 'payments_export') return (await import('./payments-export/compose-export')).composePaymentsExport(db, n, now);
  if (n.kind === 'email_verification') return (await import('./verification/compose-verification')).composeVerification(db, n);
  if (n.kind === 'sign_in_alert') return (await import('./sign-in-alert/compose-alert')).composeSignInAlert(db, n);
  throw new MissingDocument(`A ${n.kind} notification needs an order.`);
}

/** The job that sends one notification: idempotent (a sent one is never sent again by a later run of an old job). */
export function deliveryJob(ctx: DeliveryContext): JobKind<{ notificationId: string }> {
  const { db, mailer, now, log } = ctx;

  async function failOrRetry(n: Notification, attempt: number, reason: string, permanent: boolean, lastAttempt: boolean): Promise<void> {
    if (permanent || lastAttempt) {
      const detail = permanent ? reason : `Gave up after ${attempt} attempts: ${reason}`;
      await recordStatus(db, n.id, { status: 'failed', attempt, at: now(), detail });
      log.warn(`Notification ${n.id} to ${n.recipient} failed: ${detail}`);
      if (!permanent) throw new RetryableJobError(detail);
      return;
    }
    // pg-boss waits retryDelay × 2^(attempt-1) seconds at least before the next run (up to twice that, with jitter).
    const nextAttemptAfter = new Date(now().getTime() + ctx.queue.settings.retryDelaySeconds * 1000 * 2 ** (attempt - 1));
    await recordStatus(db, n.id, { status: 'retrying', attempt, at: now(), detail: reason, nextAttemptAfter });
    log.warn(`Notification ${n.id} to ${n.recipient}: attempt ${attempt} failed (${reason}); next no sooner than ${nextAttemptAfter.toISOString()}`);
    throw new RetryableJobError(reason);
  }

  return {
    name: DELIVER,
    async run(job) {
      const n = await db.selectFrom('notifications').selectAll().where('id', '=', job.data.notificationId).executeTakeFirst();
      if (!n || n.job_id !== job.id || n.status === 'sent' || n.status === 'failed') return;
      const attempt = n.attempts + 1;
      await recordStatus(db, n.id, { status: 'sending', attempt, at: now() });
      let mail: ComposedMail;
      try {
        mail = await compose(db, n, now);
      } catch (error) {
        if (!(error instanceof MissingDocument)) throw error;
        const waited = now().getTime() - new Date(n.requested_at).getTime();
        return failOrRetry(n, attempt, error.message, waited >= ctx.missingGraceMs, job.lastAttempt);
      }
      const { cleanup, ...message } = mail;
      try {
        const answer = await mailer.send({ ...message, to: n.recipient, messageId: messageIdFor(n.id, mailer.from) });
        await recordStatus(db, n.id, { status: 'sent', attempt, at: now(), detail: answer });
      } catch (error) {
        const { permanent, reason } = smtpFailure(error);
        await failOrRetry(n, attempt, reason, permanent, job.lastAttempt);
      } finally {
        await cleanup?.();
      }
    },
  };
}

/** Puts the delivery job on the queue and, once it runs, sends again what a stop or a crash left unsent. */
export function installDelivery(ctx: DeliveryContext): void {
  ctx.queue.define(deliveryJob(ctx), async () => {
    for (const n of await unfinished(ctx.db)) await ctx.queue.send(DELIVER, { notificationId: n.id }, { id: n.jobId });
  });
}
