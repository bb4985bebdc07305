import { createUser } from '../../sync-server/backoffice/admin';
import type { UserRole } from '../../sync-server/db/schema';
import type { TestServer } from './test-server';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A user of `role` in `tenantId`, signed in: the access token for Authorization. */
export async function signIn(server: TestServer, tenantId: string, role: UserRole, email = `${role}.${tenantId}@example.test`): Promise<string> {
  await createUser({ db: server.db.kysely, now: server.now }, tenantId, { email, name: role, role, password: TEST_PASSWORD });
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Calls the back-office API with a bearer token. */
export function apiClient(serverUrl: string, token: string | null) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${serverUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any = text;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // CSV and other text answers stay text
    }
    return { status: response.status, body: json, headers: response.headers, text };
  };
}
