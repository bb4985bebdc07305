import { newId } from '../../shared/ids';
import type { PaymentDoc } from '../../shared/schemas/index';
import type { PairResponseBody } from '../../shared/protocol';
import { TEST_NOW } from './clock';

/** A valid cash payment of `amount` minor units made on `device`. */
export function cashPayment(device: PairResponseBody, amount: number, overrides: Partial<PaymentDoc> = {}): PaymentDoc {
  return {
    id: newId(),
    tenantId: device.tenantId,
    locationId: device.locationId,
    deviceId: device.deviceId,
    orderId: newId(),
    tender: 'CASH',
    mode: 'OFFLINE',
    status: 'succeeded',
    currency: 'USD',
    amount,
    tip: 0,
    fee: 0,
    tendered: amount,
    change: 0,
    label: null,
    cardBrand: null,
    cardLast4: null,
    cashierId: null,
    createdAt: TEST_NOW,
    businessDate: '2026-11-21',
    ...overrides,
  };
}

/** Calls the sync server as a register would, without RxDB, for contract-level checks. */
export function deviceClient(serverUrl: string, device: PairResponseBody, tenantHeader?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' };
  if (tenantHeader) headers['x-tenant-id'] = tenantHeader;
  const call = async (path: string, body: unknown) => {
    const response = await fetch(`${serverUrl}/api/v1/replication/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  };
  return {
    push: (collection: string, docs: object[], assumed?: (object | null)[]) =>
      call(`${collection}/push`, docs.map((doc, i) => ({ newDocumentState: { ...doc, _deleted: false }, assumedMasterState: assumed?.[i] ?? null }))),
    pull: (collection: string, seq: number | null, batchSize = 100) =>
      call(`${collection}/pull`, { checkpoint: seq === null ? null : { seq }, batchSize }),
  };
}

/** A pull stream read as a register would, for asserting on the events it carries. */
export async function openEventStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  return {
    async readUntil(needle: string) {
      while (!text.includes(needle)) text += (await reader.read()).value ?? '';
    },
    /** Every JSON object event received so far (RESYNC strings left out). */
    events(): any[] {
      return text.split('\n\n').filter((chunk) => chunk.startsWith('data: {')).map((chunk) => JSON.parse(chunk.slice('data: '.length)));
    },
    /** Reads until the server ends the stream: everything received. */
    async readToEnd(): Promise<string> {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return text;
        text += value;
      }
    },
    close: () => controller.abort(),
  };
}
