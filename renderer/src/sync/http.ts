import { API_PREFIX, TENANT_HEADER } from '../../../shared/protocol';

export interface SyncTarget {
  serverUrl: string;
  token: string;
  /** The tenant whose data this register's database holds. */
  tenantId: string;
}

/** A non-2xx answer from the sync server, with its `detail`. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: unknown,
  ) {
    super(`sync server answered ${status}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
  }
}

export function apiUrl(serverUrl: string, path: string): string {
  return `${serverUrl.replace(/\/$/, '')}${API_PREFIX}${path}`;
}

export function authHeaders(target: SyncTarget): Record<string, string> {
  return { authorization: `Bearer ${target.token}`, [TENANT_HEADER]: target.tenantId };
}

export async function postJson<T>(fetchImpl: typeof fetch, url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) throw new SyncHttpError(response.status, (parsed as { detail?: unknown } | null)?.detail ?? text);
  return parsed as T;
}
