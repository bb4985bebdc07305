import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId } from '../../shared/ids';
import type { Database, UserRole } from '../db/schema';
import { hashToken } from '../devices/tokens';
import { HttpError } from '../http/errors';
import { DUMMY_HASH_PROMISE, verifyPassword } from './passwords';

/**
 * Back-office tokens are opaque random strings stored hashed (SHA-256), like device tokens:
 * revocable at once (log out, disable a user), nothing to leak but the rows, no signing key to
 * share between server instances. Access tokens live 15 minutes; the refresh token, 30 days,
 * is rotated on every use.
 */
export const ACCESS_TTL_SECONDS = 15 * 60;
export const REFRESH_TTL_SECONDS = 30 * 24 * 3600;
export const TOKEN_PREFIX = { access: 'fda_', refresh: 'fdr_', apiKey: 'fdk_' } as const;

export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  expiresAt: string;
}

export interface UserView {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: UserRole;
  createdAt: string;
  disabled: boolean;
}

export function userView(row: { id: string; tenant_id: string; email: string; name: string; role: UserRole; created_at: Date; disabled_at: Date | null }): UserView {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: new Date(row.created_at).toISOString(),
    disabled: row.disabled_at !== null,
  };
}

/** A new session; `familyId` names the sign-in it descends from by refreshes (its own id for a sign-in). */
async function issue(db: Kysely<Database>, user: { id: string; tenant_id: string }, now: Date, familyId?: string): Promise<TokenPair> {
  const sessionId = newId();
  const accessToken = newSecret(TOKEN_PREFIX.access);
  const refreshToken = newSecret(TOKEN_PREFIX.refresh);
  const accessExpires = new Date(now.getTime() + ACCESS_TTL_SECONDS * 1000);
  await db
    .insertInto('user_sessions')
    .values({
      id: sessionId,
      family_id: familyId ?? sessionId,
      user_id: user.id,
      tenant_id: user.tenant_id,
      access_hash: hashToken(accessToken),
      refresh_hash: hashToken(refreshToken),
      access_expires_at: accessExpires,
      refresh_expires_at: new Date(now.getTime() + REFRESH_TTL_SECONDS * 1000),
      created_at: now,
    })
    .execute();
  return { tokenType: 'Bearer', accessToken, refreshToken, expiresIn: ACCESS_TTL_SECONDS, expiresAt: accessExpires.toISOString() };
}

/** An email as sign-in matches it: without surrounding white space (NBSP and U+3000 included), in lower case. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function login(db: Kysely<Database>, email: string, password: string, now: Date): Promise<TokenPair & { user: UserView }> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where(({ fn, eb }) => eb(fn('lower', ['email']), '=', normalizeEmail(email)))
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !ok || user.disabled_at) throw new HttpError(401, 'Wrong email or password.');
  return { ...(await issue(db, user, now)), user: userView(user) };
}

const SPENT = 'Unknown, used or expired refresh token: sign in again.';

/**
 * A refresh token buys a new pair once: the old session is revoked as the new one is made. A
 * token used again (it was stolen, or the thief used it first) ends every session descended
 * from the same sign-in, so whoever holds the newer tokens is signed out too.
 */
export async function refresh(db: Kysely<Database>, refreshToken: string, now: Date): Promise<TokenPair> {
  const session = await db
    .selectFrom('user_sessions')
    .innerJoin('users', 'users.id', 'user_sessions.user_id')
    .select(['user_sessions.id', 'user_sessions.family_id', 'user_sessions.user_id', 'user_sessions.tenant_id', 'user_sessions.revoked_at', 'users.disabled_at'])
    .where('refresh_hash', '=', hashToken(refreshToken))
    .where('refresh_expires_at', '>', now)
    .executeTakeFirst();
  if (!session || session.disabled_at) throw new HttpError(401, SPENT);
  const revoked = session.revoked_at
    ? null
    : await db.updateTable('user_sessions').set({ revoked_at: now }).where('id', '=', session.id).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(revoked?.numUpdatedRows ?? 0) !== 1) {
    await db.updateTable('user_sessions').set({ revoked_at: now }).where('family_id', '=', session.family_id).where('revoked_at', 'is', null).execute();
    throw new HttpError(401, SPENT);
  }
  return issue(db, { id: session.user_id, tenant_id: session.tenant_id }, now, session.family_id);
}

export async function logout(db: Kysely<Database>, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('user_sessions').set({ revoked_at: now }).where('id', '=', sessionId).execute();
}
