import type { Kysely } from 'kysely';
import type { SettingsDoc } from '../../../shared/schemas/index';
import type { Database } from '../../db/schema';
import { documentsById } from '../../projections/documents';
import type { ComposedMail } from '../receipt/compose';
import { renderSimpleEmail } from '../simple-email';
import { stringsFor } from '../strings';

/** What a sign-in alert says: the account, how many wrong passwords, since when. */
export interface SignInAlertPayload {
  email: string;
  failures: number;
  since: string;
}

/** The owner's notice of repeated failed sign-ins to one account, in the location's language. */
export async function composeSignInAlert(
  db: Kysely<Database>,
  n: { tenant_id: string; location_id: string; payload: Record<string, unknown> | null },
): Promise<ComposedMail> {
  const payload = n.payload as unknown as SignInAlertPayload;
  const settings = (await documentsById<SettingsDoc>(db, n.tenant_id, 'settings', [n.location_id])).get(n.location_id);
  const locale = settings?.locale ?? 'en-US';
  const s = stringsFor(locale);
  const since = payload.since.slice(0, 16).replace('T', ' ');
  const subject = s.alertSubject(settings?.businessName ?? '', payload.email);
  const { html, text } = await renderSimpleEmail({ locale, subject, heading: s.alertHeading, paragraphs: [s.alertBody(payload.failures, payload.email, since), s.alertAdvice] });
  return { subject, html, text, attachments: [] };
}
