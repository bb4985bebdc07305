import { sql, type Kysely } from 'kysely';
import { newId } from '../../shared/ids';
import type { PairResponseBody } from '../../shared/protocol';
import type { Database } from '../db/schema';
import { HttpError } from '../http/errors';
import { CHANGES_CHANNEL } from '../replication/changes';
import { hashToken, newDeviceToken, normalizePairingCode } from './tokens';

export interface Device {
  id: string;
  tenantId: string;
  locationId: string;
  name: string;
}

/**
 * Pairs a register with a code that is known, unexpired and, unless multi-use, not used yet: the
 * code is taken by one conditional update, so two registers racing for it pair one.
 */
export async function pairDevice(db: Kysely<Database>, pairingCode: string, name: string, now: Date): Promise<PairResponseBody> {
  return db.transaction().execute(async (trx) => {
    const code = await trx
      .updateTable('pairing_codes')
      .set({ used_at: now })
      .where('code', '=', normalizePairingCode(pairingCode))
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .where((eb) => eb.or([eb('multi_use', '=', true), eb('used_at', 'is', null)]))
      .returning(['tenant_id', 'location_id'])
      .executeTakeFirst();
    if (!code) throw new HttpError(401, 'Unknown, used or expired pairing code. Check the code, or ask the back office for a new one.');
    const token = newDeviceToken();
    const device = { id: newId(), tenant_id: code.tenant_id, location_id: code.location_id, name, token_hash: hashToken(token), created_at: now };
    await trx.insertInto('devices').values(device).execute();
    return { deviceId: device.id, token, tenantId: code.tenant_id, locationId: code.location_id };
  });
}

export async function deviceForToken(db: Kysely<Database>, token: string): Promise<Device | null> {
  const row = await db
    .selectFrom('devices')
    .select(['id', 'tenant_id', 'location_id', 'name'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, tenantId: row.tenant_id, locationId: row.location_id, name: row.name } : null;
}

/** Whether `token` is still this device's live token (not revoked, not rotated away). */
export async function deviceTokenValid(db: Kysely<Database>, deviceId: string, token: string): Promise<boolean> {
  const row = await db.selectFrom('devices').select('id').where('id', '=', deviceId).where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/**
 * A new token for a device; the old one stops working at once, and the device's open pull
 * streams under it end (the tenant's change channel wakes them to re-check their token).
 */
export async function rotateDeviceToken(db: Kysely<Database>, device: Device): Promise<string> {
  const token = newDeviceToken();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('devices').set({ token_hash: hashToken(token) }).where('id', '=', device.id).where('revoked_at', 'is', null).execute();
    await notifyTenant(trx, device.tenantId);
  });
  return token;
}

/** Wakes the tenant's pull streams on every server instance (after commit when inside a transaction). */
export async function notifyTenant(db: Kysely<Database>, tenantId: string): Promise<void> {
  await sql`select pg_notify(${CHANGES_CHANNEL}, ${tenantId})`.execute(db);
}
