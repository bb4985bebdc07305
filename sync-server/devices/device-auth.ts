import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { TENANT_HEADER } from '../../shared/protocol';
import type { Database } from '../db/schema';
import { HttpError } from '../http/errors';
import { deviceForToken, type Device } from './devices';

declare module 'fastify' {
  interface FastifyRequest {
    device?: Device;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/**
 * An onRequest hook for register routes: the bearer token names the device, and so its tenant. A
 * register also says which tenant its local database holds; a mismatch is refused, so a
 * re-paired register never mixes two businesses' data.
 */
export function requireDevice(db: Kysely<Database>) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    if (!token) throw new HttpError(401, 'Missing bearer token: pair this register first.');
    const device = await deviceForToken(db, token);
    if (!device) throw new HttpError(401, 'Unknown or revoked device token: pair this register again.');
    const claimed = request.headers[TENANT_HEADER];
    if (claimed !== undefined && claimed !== device.tenantId) {
      throw new HttpError(403, "This device is not allowed to access that tenant's data.");
    }
    request.device = device;
  };
}
