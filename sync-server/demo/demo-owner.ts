import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createUser } from '../backoffice/admin';
import type { Database } from '../db/schema';

export const DEMO_OWNER_EMAIL = 'owner@demo.salon';

/**
 * The demo salon's owner user, for the back-office API. Made on the first start with a random
 * password that is returned once, to be printed in the server log (only its hash is kept);
 * null when the owner exists already.
 */
export async function ensureDemoOwner(db: Kysely<Database>, tenantId: string, now: Date): Promise<{ email: string; password: string } | null> {
  const existing = await db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('email', '=', DEMO_OWNER_EMAIL).executeTakeFirst();
  if (existing) return null;
  const password = randomBytes(12).toString('base64url');
  await createUser({ db, now: () => now }, tenantId, { email: DEMO_OWNER_EMAIL, name: 'Demo owner', role: 'owner', password });
  return { email: DEMO_OWNER_EMAIL, password };
}
