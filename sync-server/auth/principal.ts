import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, UserRole } from '../db/schema';
import { bearerToken } from '../devices/device-auth';
import { hashToken } from '../devices/tokens';
import { HttpError } from '../http/errors';
import { TOKEN_PREFIX } from './sessions';

export const ROLES = ['owner', 'manager', 'front_desk', 'back_office'] as const satisfies readonly UserRole[];

/** Who is calling the back-office API: a signed-in user, or a back-office system's API key. */
export interface Principal {
  kind: 'user' | 'api_key';
  tenantId: string;
  role: UserRole;
  userId: string | null;
  sessionId: string | null;
  apiKeyId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The roles that may call this route; absent means the route is public (login, refresh). */
    roles?: readonly UserRole[];
  }
}

async function principalFor(db: Kysely<Database>, token: string, now: Date): Promise<Principal | null> {
  if (token.startsWith(TOKEN_PREFIX.apiKey)) {
    const key = await db
      .updateTable('api_keys')
      .set({ last_used_at: now })
      .where('key_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .returning(['id', 'tenant_id'])
      .executeTakeFirst();
    return key ? { kind: 'api_key', tenantId: key.tenant_id, role: 'back_office', userId: null, sessionId: null, apiKeyId: key.id } : null;
  }
  if (!token.startsWith(TOKEN_PREFIX.access)) return null;
  const session = await db
    .selectFrom('user_sessions')
    .innerJoin('users', 'users.id', 'user_sessions.user_id')
    .select(['user_sessions.id as sessionId', 'users.id as userId', 'users.tenant_id as tenantId', 'users.role'])
    .where('access_hash', '=', hashToken(token))
    .where('user_sessions.revoked_at', 'is', null)
    .where('access_expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return session ? { kind: 'user', tenantId: session.tenantId, role: session.role, userId: session.userId, sessionId: session.sessionId, apiKeyId: null } : null;
}

/**
 * The back office's onRequest hook: routes that list `config.roles` need a user or API key
 * token whose role is among them. 401 without a valid token, 403 for a role the route does not
 * allow (and for register device tokens, which only reach replication).
 */
export function authenticate(db: Kysely<Database>, now: () => Date) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return;
    const token = bearerToken(request);
    if (!token) throw new HttpError(401, 'Missing bearer token: sign in (POST /api/v1/auth/login) or use an API key.');
    const principal = await principalFor(db, token, now());
    if (!principal) {
      const device = await db.selectFrom('devices').select('id').where('token_hash', '=', hashToken(token)).executeTakeFirst();
      if (device) throw new HttpError(403, 'Register device tokens only reach the replication API.');
      throw new HttpError(401, 'Unknown or expired token: refresh it or sign in again.');
    }
    if (!roles.includes(principal.role)) throw new HttpError(403, `The ${principal.role} role may not do this.`);
    request.principal = principal;
  };
}
