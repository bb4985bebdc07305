import type { Kysely } from 'kysely';
import { v5 as uuidv5 } from 'uuid';
import type { Database } from '../db/schema';
import { AttemptLimiter } from '../http/attempt-limiter';
import type { JobQueue } from '../jobs/queue';
import { DELIVER } from '../notifications/delivery';
import { recordRequests } from '../notifications/log';
import type { SignInAlertPayload } from '../notifications/sign-in-alert/compose-alert';
import { normalizeEmail } from './sessions';

/** How many wrong passwords to one account in how long make the owners hear of it. */
export interface SignInAlertRule {
  failures: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_ALERT: SignInAlertRule = { failures: 5, windowMs: 15 * 60_000 };

/** Names the alert of one account's window for each owner, so a second record of it is the same row. */
const ALERT_NAMESPACE = '6f0d3c1e-6c1b-4b8e-9d55-0b7f4a2e9c11';

/**
 * Counts failed sign-ins per account (the normalised email) on the server's clock, and the
 * moment an account reaches `failures` in its window emails every active owner of its tenant,
 * through the notifications queue: once per window, since the count passes that number once.
 * Counts live in this process (like the sign-in limiter); an email that is no account is counted
 * and never alerts anyone.
 */
export class SignInAlerts {
  private readonly counts: AttemptLimiter;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobs: JobQueue,
    private readonly rule: SignInAlertRule,
  ) {
    this.counts = new AttemptLimiter(rule.failures, rule.windowMs);
  }

  async failed(email: string, now: Date): Promise<void> {
    const account = normalizeEmail(email);
    const window = this.counts.count(account, now);
    if (window.count !== this.rule.failures) return;
    const user = await this.db.selectFrom('users').select(['id', 'tenant_id']).where(({ fn, eb }) => eb(fn('lower', ['email']), '=', account)).executeTakeFirst();
    if (!user) return;
    const [owners, location] = await Promise.all([
      this.db.selectFrom('users').select(['id', 'email']).where('tenant_id', '=', user.tenant_id).where('role', '=', 'owner').where('disabled_at', 'is', null).execute(),
      this.db.selectFrom('locations').select('id').where('tenant_id', '=', user.tenant_id).orderBy('created_at').orderBy('id').executeTakeFirst(),
    ]);
    if (!location) return;
    const since = new Date(window.start);
    const payload: SignInAlertPayload = { email: account, failures: window.count, since: since.toISOString() };
    const recorded = await recordRequests(this.db, owners.map((owner) => ({
      id: uuidv5(`${user.id}|${owner.id}|${window.start}`, ALERT_NAMESPACE), tenantId: user.tenant_id, locationId: location.id, kind: 'sign_in_alert',
      channel: 'email', recipient: owner.email, orderId: null, requestedAt: now, payload: payload as unknown as Record<string, unknown>,
    })));
    for (const notificationId of recorded) await this.jobs.send(DELIVER, { notificationId }, { id: notificationId });
  }
}
