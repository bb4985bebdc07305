import type { PairResponseBody } from '../../../shared/protocol';
import { apiUrl, postJson, SyncHttpError } from '../sync/http';
import type { Pairing } from './pairing-store';

export async function pairDevice(serverUrl: string, pairingCode: string, name: string): Promise<Pairing> {
  const response = await postJson<PairResponseBody>(fetch, apiUrl(serverUrl, '/devices/pair'), { pairingCode, name });
  return { ...response, serverUrl, name };
}

/** The demo server offers its pairing code, so a first run needs no typing. */
export async function fetchDemoPairingCode(serverUrl: string): Promise<string | null> {
  try {
    const response = await fetch(apiUrl(serverUrl, '/demo'));
    return response.ok ? ((await response.json()) as { pairingCode: string }).pairingCode : null;
  } catch {
    return null;
  }
}

export function describePairingError(error: unknown): string {
  if (error instanceof SyncHttpError) {
    return typeof error.detail === 'string' ? error.detail : 'The server refused the pairing request; check the fields.';
  }
  return 'Cannot reach the sync server. Check its address and that this computer is online.';
}
