import type {
  CaptureTerminalPaymentBody, ConnectionTokenBody, CreateTerminalPaymentBody, ProcessTerminalPaymentBody,
  RefundTerminalPaymentBody, TerminalPaymentView, TerminalReaderBody, TerminalRefundResult, TerminalStatusBody,
} from '../../../shared/terminal';
import { apiUrl, authHeaders, SyncHttpError, type SyncTarget } from '../sync/http';

/** The sync server's card-terminal routes (shared/terminal.ts), as the register calls them. */
export interface TerminalApi {
  status(): Promise<TerminalStatusBody>;
  connectionToken(): Promise<ConnectionTokenBody>;
  readers(): Promise<TerminalReaderBody[]>;
  registerSimulatedReader(): Promise<TerminalReaderBody>;
  deleteReader(readerId: string): Promise<void>;
  createPayment(body: CreateTerminalPaymentBody): Promise<TerminalPaymentView>;
  /** 404 (SyncHttpError) when the server never created an intent for this payment id. */
  getPayment(paymentId: string): Promise<TerminalPaymentView>;
  process(paymentId: string, body: ProcessTerminalPaymentBody): Promise<TerminalPaymentView>;
  capture(paymentId: string, body: CaptureTerminalPaymentBody): Promise<TerminalPaymentView>;
  cancel(paymentId: string): Promise<TerminalPaymentView>;
  refund(paymentId: string, body: RefundTerminalPaymentBody): Promise<TerminalRefundResult>;
}

export function createTerminalApi(target: SyncTarget, fetchImpl: typeof fetch = (input, init) => fetch(input, init)): TerminalApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetchImpl(apiUrl(target.serverUrl, path), {
      method,
      headers: { ...authHeaders(target), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) throw new SyncHttpError(response.status, (parsed as { detail?: unknown } | null)?.detail ?? text);
    return parsed as T;
  }
  const payment = (id: string) => `/terminal/payments/${encodeURIComponent(id)}`;
  return {
    status: () => call('GET', '/terminal/status'),
    connectionToken: () => call('POST', '/terminal/connection-token'),
    readers: async () => (await call<{ readers: TerminalReaderBody[] }>('GET', '/terminal/readers')).readers,
    registerSimulatedReader: () => call('POST', '/terminal/readers/simulated'),
    deleteReader: async (readerId) => {
      await call('DELETE', `/terminal/readers/${encodeURIComponent(readerId)}`);
    },
    createPayment: (body) => call('POST', '/terminal/payments', body),
    getPayment: (id) => call('GET', payment(id)),
    process: (id, body) => call('POST', `${payment(id)}/process`, body),
    capture: (id, body) => call('POST', `${payment(id)}/capture`, body),
    cancel: (id) => call('POST', `${payment(id)}/cancel`),
    refund: (id, body) => call('POST', `${payment(id)}/refunds`, body),
  };
}
