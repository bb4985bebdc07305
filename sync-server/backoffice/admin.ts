import type { FastifyInstance } from 'fastify';
import { newId } from '../../shared/ids';
import { hashPassword } from '../auth/passwords';
import { login, logout, newSecret, normalizeEmail, refresh, TOKEN_PREFIX, userView } from '../auth/sessions';
import { DEFAULT_SIGN_IN_ALERT, SignInAlerts } from '../auth/sign-in-alerts';
import { ROLES } from '../auth/principal';
import type { UserRole } from '../db/schema';
import { hashToken } from '../devices/tokens';
import { AttemptLimiter } from '../http/attempt-limiter';
import { HttpError } from '../http/errors';
import type { JobQueue } from '../jobs/queue';
import {
  ADMIN_ROLES, ALL_ROLES, id, idParams, instant, OWNER_ONLY, page, pageOf, pagingQuery, principalOf, route, type BackOfficeContext,
} from './common';

const email = { type: 'string', format: 'email', maxLength: 254 } as const;
const password = { type: 'string', minLength: 10, maxLength: 200, description: 'at least 10 characters' } as const;
const role = { type: 'string', enum: [...ROLES] } as const;

const userItem = {
  type: 'object',
  additionalProperties: false,
  properties: { id, tenantId: id, email: { type: 'string' }, name: { type: 'string' }, role, createdAt: instant, disabled: { type: 'boolean' } },
  required: ['id', 'tenantId', 'email', 'name', 'role', 'createdAt', 'disabled'],
} as const;

const tokenPair = {
  tokenType: { type: 'string', enum: ['Bearer'] },
  accessToken: { type: 'string' },
  refreshToken: { type: 'string' },
  expiresIn: { type: 'integer', description: 'seconds the access token lives' },
  expiresAt: instant,
} as const;

/**
 * Sign-in attempts per window: `max` per client address and account, `perAccountMax` per account
 * from any address (default 2 × max), `globalMax` for the whole server (default 50 × max).
 */
export interface LoginRateLimit {
  max: number;
  timeWindow: number;
  perAccountMax?: number;
  globalMax?: number;
}

/** Sign-in, tokens and who may sign in: users (owner only writes them) and API keys (owner only). */
export async function adminRoutes(app: FastifyInstance, ctx: BackOfficeContext & { loginRateLimit: LoginRateLimit; jobs: JobQueue }) {
  const { db } = ctx;
  const auth = ['auth'];
  const { max, timeWindow, perAccountMax = 2 * max, globalMax = 50 * max } = ctx.loginRateLimit;
  const perAddress = new AttemptLimiter(max, timeWindow);
  const perAccount = new AttemptLimiter(perAccountMax, timeWindow);
  const everyone = new AttemptLimiter(globalMax, timeWindow);
  const alerts = new SignInAlerts(db, ctx.jobs, DEFAULT_SIGN_IN_ALERT);
  app.register(async (limited) => {
    // Slow password guessing down: per address and account, per account from anywhere (a botnet),
    // and for the whole server. The account is the email as sign-in reads it, so padding it with
    // spaces, tabs or NBSP makes no new key. After the body is parsed, so the key can name the
    // email; before validation, so bad bodies count too.
    limited.addHook('preValidation', async (request) => {
      const body = request.body as { email?: unknown } | undefined;
      const account = typeof body?.email === 'string' ? normalizeEmail(body.email) : '';
      const now = ctx.now();
      const waits = [perAddress.hit(`${request.ip}|${account}`, now), perAccount.hit(account, now), everyone.hit('', now)].filter((w): w is number => w !== null);
      if (waits.length) throw new HttpError(429, `Too many sign-in attempts; try again in ${Math.ceil(Math.max(...waits) / 1000)} s.`);
    });
    route(limited, {
      method: 'POST', url: '/auth/login', roles: null, tags: auth, summary: 'Sign in with email and password: a short-lived access token and a refresh token',
      body: { type: 'object', additionalProperties: false, properties: { email: { type: 'string', minLength: 3, maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['email', 'password'] },
      response: { type: 'object', additionalProperties: false, properties: { ...tokenPair, user: userItem }, required: [...Object.keys(tokenPair), 'user'] },
      handler: async (request) => {
        const body = request.body as { email: string; password: string };
        try {
          return await login(db, body.email, body.password, ctx.now());
        } catch (error) {
          // Repeated wrong passwords to one account: its tenant's owners are emailed, once per window.
          if (error instanceof HttpError && error.statusCode === 401) await alerts.failed(body.email, ctx.now());
          throw error;
        }
      },
    });
  });
  route(app, {
    method: 'POST', url: '/auth/refresh', roles: null, tags: auth, summary: 'Trade a refresh token for a new pair (the old refresh token stops working)',
    body: { type: 'object', additionalProperties: false, properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['refreshToken'] },
    response: { type: 'object', additionalProperties: false, properties: tokenPair, required: Object.keys(tokenPair) },
    handler: async (request) => refresh(db, (request.body as { refreshToken: string }).refreshToken, ctx.now()),
  });
  route(app, {
    method: 'POST', url: '/auth/logout', roles: ALL_ROLES, tags: auth, summary: "End this token's session", response: null, status: 204,
    handler: async (request) => {
      const principal = principalOf(request);
      if (principal.sessionId) await logout(db, principal.sessionId, ctx.now());
    },
  });
  route(app, {
    method: 'GET', url: '/auth/me', roles: ALL_ROLES, tags: auth, summary: 'Who this token is',
    response: {
      type: 'object', additionalProperties: false,
      properties: { kind: { type: 'string', enum: ['user', 'api_key'] }, tenantId: id, role, user: { anyOf: [{ type: 'null' }, userItem] }, apiKeyId: { type: ['string', 'null'] } },
      required: ['kind', 'tenantId', 'role', 'user', 'apiKeyId'],
    },
    handler: async (request) => {
      const p = principalOf(request);
      const user = p.userId ? await db.selectFrom('users').selectAll().where('id', '=', p.userId).executeTakeFirst() : undefined;
      return { kind: p.kind, tenantId: p.tenantId, role: p.role, user: user ? userView(user) : null, apiKeyId: p.apiKeyId };
    },
  });

  const users = ['users'];
  route(app, {
    method: 'GET', url: '/users', roles: ADMIN_ROLES, tags: users, summary: "The tenant's users",
    querystring: { type: 'object', additionalProperties: false, properties: pagingQuery }, response: pageOf(userItem),
    handler: async (request) => {
      const q = request.query as { page: number; limit: number };
      const tenantId = principalOf(request).tenantId;
      const rows = await db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).orderBy('email').limit(q.limit).offset(q.page * q.limit).execute();
      const total = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
      return page(rows.map(userView), q, Number(total.n));
    },
  });
  route(app, {
    method: 'POST', url: '/users', roles: OWNER_ONLY, tags: users, summary: 'Add a user', status: 201,
    body: { type: 'object', additionalProperties: false, properties: { email, name: { type: 'string', minLength: 1, maxLength: 120 }, role, password }, required: ['email', 'name', 'role', 'password'] },
    response: userItem,
    handler: async (request) => {
      const body = request.body as { email: string; name: string; role: UserRole; password: string };
      return userView(await createUser(ctx, principalOf(request).tenantId, body));
    },
  });
  route(app, {
    method: 'PATCH', url: '/users/:id', roles: OWNER_ONLY, tags: users, summary: "Change a user's name, role, password or disable them",
    params: idParams,
    body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { name: { type: 'string', minLength: 1, maxLength: 120 }, role, password, disabled: { type: 'boolean' } } },
    response: userItem,
    handler: async (request) => {
      const tenantId = principalOf(request).tenantId;
      const userId = (request.params as { id: string }).id;
      const body = request.body as { name?: string; role?: UserRole; password?: string; disabled?: boolean };
      const patch = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.password !== undefined ? { password_hash: await hashPassword(body.password) } : {}),
        ...(body.disabled !== undefined ? { disabled_at: body.disabled ? ctx.now() : null } : {}),
      };
      const row = await db.updateTable('users').set(patch).where('tenant_id', '=', tenantId).where('id', '=', userId).returningAll().executeTakeFirst();
      if (!row) throw new HttpError(404, `No user ${userId}.`);
      if (body.disabled || body.password !== undefined) {
        await db.updateTable('user_sessions').set({ revoked_at: ctx.now() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
      }
      return userView(row);
    },
  });

  const keyItem = {
    type: 'object', additionalProperties: false,
    properties: { id, name: { type: 'string' }, role, createdAt: instant, lastUsedAt: { anyOf: [{ type: 'null' }, instant] }, revoked: { type: 'boolean' } },
    required: ['id', 'name', 'role', 'createdAt', 'lastUsedAt', 'revoked'],
  } as const;
  const keyView = (k: { id: string; name: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }) => ({
    id: k.id, name: k.name, role: 'back_office' as const, createdAt: new Date(k.created_at).toISOString(),
    lastUsedAt: k.last_used_at ? new Date(k.last_used_at).toISOString() : null, revoked: k.revoked_at !== null,
  });
  const keys = ['api keys'];
  route(app, {
    method: 'GET', url: '/api-keys', roles: OWNER_ONLY, tags: keys, summary: "The tenant's API keys (never the key itself)",
    querystring: { type: 'object', additionalProperties: false, properties: pagingQuery }, response: pageOf(keyItem),
    handler: async (request) => {
      const q = request.query as { page: number; limit: number };
      const tenantId = principalOf(request).tenantId;
      const rows = await db.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').limit(q.limit).offset(q.page * q.limit).execute();
      const total = await db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
      return page(rows.map(keyView), q, Number(total.n));
    },
  });
  route(app, {
    method: 'POST', url: '/api-keys', roles: OWNER_ONLY, tags: keys, status: 201,
    summary: 'Make an API key for a back-office system (role back_office); the key is shown once',
    body: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['name'] },
    response: { type: 'object', additionalProperties: false, properties: { ...keyItem.properties, key: { type: 'string' } }, required: [...keyItem.required, 'key'] },
    handler: async (request) => {
      const key = newSecret(TOKEN_PREFIX.apiKey);
      const row = await db
        .insertInto('api_keys')
        .values({ id: newId(), tenant_id: principalOf(request).tenantId, name: (request.body as { name: string }).name, key_hash: hashToken(key), created_at: ctx.now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ...keyView(row), key };
    },
  });
  route(app, {
    method: 'DELETE', url: '/api-keys/:id', roles: OWNER_ONLY, tags: keys, summary: 'Revoke an API key', params: idParams, response: null, status: 204,
    handler: async (request) => {
      const keyId = (request.params as { id: string }).id;
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: ctx.now() })
        .where('tenant_id', '=', principalOf(request).tenantId)
        .where('id', '=', keyId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new HttpError(404, `No API key ${keyId}.`);
    },
  });
}

/** PostgreSQL's unique_violation, as both drivers report it. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

/**
 * A new user. Emails sign in on their own, so one is unique across every business: a taken one
 * is 409 with the same answer whichever business holds it and whoever asked first (the unique
 * index decides, so two requests at once give one user and one 409, never a 500).
 */
export async function createUser(ctx: Pick<BackOfficeContext, 'db' | 'now'>, tenantId: string, input: { email: string; name: string; role: UserRole; password: string }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db
      .insertInto('users')
      .values({ id: newId(), tenant_id: tenantId, email: input.email, name: input.name, role: input.role, password_hash: passwordHash, created_at: ctx.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, 'This email already signs in to an account; choose another.');
    throw error;
  }
}
