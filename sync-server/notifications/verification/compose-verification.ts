import type { Kysely } from 'kysely';
import type { SettingsDoc } from '../../../shared/schemas/index';
import type { Database } from '../../db/schema';
import { documentsById } from '../../projections/documents';
import type { ComposedMail } from '../receipt/compose';
import { renderSimpleEmail } from '../simple-email';
import { stringsFor } from '../strings';

export interface VerificationPayload {
  link: string;
  hours: number;
}

/** The email with a user's one-time confirmation link, in the language of the business's location. */
export async function composeVerification(
  db: Kysely<Database>,
  n: { tenant_id: string; location_id: string; recipient: string; payload: Record<string, unknown> | null },
): Promise<ComposedMail> {
  const { link, hours } = n.payload as unknown as VerificationPayload;
  const locale = (await documentsById<SettingsDoc>(db, n.tenant_id, 'settings', [n.location_id])).get(n.location_id)?.locale ?? 'en-US';
  const s = stringsFor(locale);
  const { html, text } = await renderSimpleEmail({
    locale, subject: s.verifySubject, heading: s.verifySubject, paragraphs: [s.verifyBody(n.recipient, hours)], link: { href: link, label: s.verifyButton },
  });
  return { subject: s.verifySubject, html, text, attachments: [] };
}
