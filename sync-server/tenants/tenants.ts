import type { Kysely } from 'kysely';
import { newId } from '../../shared/ids';
import type { Database } from '../db/schema';
import { newPairingCode } from '../devices/tokens';

export interface NewTenant {
  name: string;
  location: { name: string; timeZone: string; currency: string };
}

export interface CreatedTenant {
  tenantId: string;
  locationId: string;
}

export async function createTenant(db: Kysely<Database>, input: NewTenant, now: Date): Promise<CreatedTenant> {
  const tenantId = newId();
  const locationId = newId();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('tenants').values({ id: tenantId, name: input.name, created_at: now }).execute();
    await trx.insertInto('tenant_seq').values({ tenant_id: tenantId, seq: 0 }).execute();
    await trx.insertInto('projection_checkpoints').values({ tenant_id: tenantId, seq: 0 }).execute();
    await trx
      .insertInto('locations')
      .values({ id: locationId, tenant_id: tenantId, name: input.location.name, time_zone: input.location.timeZone, currency: input.location.currency, created_at: now })
      .execute();
  });
  return { tenantId, locationId };
}

/**
 * A code that pairs a register to a location, made at `now`; valid a day, or for good with
 * `expiresAt` null. It pairs one register, or any number with `multiUse` (the demo's code).
 */
export async function createPairingCode(
  db: Kysely<Database>,
  tenant: CreatedTenant,
  now: Date,
  expiresAt: Date | null = new Date(now.getTime() + 24 * 3600_000),
  multiUse = false,
): Promise<string> {
  const code = newPairingCode();
  await db
    .insertInto('pairing_codes')
    .values({ code, tenant_id: tenant.tenantId, location_id: tenant.locationId, expires_at: expiresAt, created_at: now, multi_use: multiUse })
    .execute();
  return code;
}
