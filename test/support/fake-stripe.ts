import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';

/**
 * A fake Stripe API for tests: a real HTTP server on 127.0.0.1 that the real `stripe` library is
 * pointed at (host, port, protocol). It form-decodes bodies like Stripe, records every request,
 * replays idempotent requests like Stripe (same key + same parameters: the first answer again;
 * same key + other parameters: 400 idempotency_error), runs the PaymentIntent state machine for
 * card-present payments with manual capture, and can fail or hang the next request.
 */

export type Params = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  path: string;
  params: Params;
  idempotencyKey: string | null;
  /** Whether this answer was a replay of an earlier one with the same Idempotency-Key. */
  replayed: boolean;
  status: number;
}

/** Stripe's test card numbers the fake knows; any other number is approved. */
export const TEST_CARDS = {
  visa: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
} as const;

const DECLINES: Record<string, { decline_code: string; message: string }> = {
  [TEST_CARDS.declined]: { decline_code: 'generic_decline', message: 'Your card was declined.' },
  [TEST_CARDS.insufficientFunds]: { decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
};

interface FakeAnswer {
  status: number;
  body: unknown;
}

type Obj = Record<string, any>;

class StripeFail extends Error {
  constructor(
    readonly status: number,
    readonly error: Obj,
  ) {
    super(String(error.message));
  }
}

const notFound = (kind: string, id: string) =>
  new StripeFail(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param: 'id' });
const badState = (message: string, extra: Obj = {}) =>
  new StripeFail(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message, ...extra });

/** Decode `a[b][0]=x` form or query strings into nested objects and arrays, as Stripe does. */
export function decodeForm(text: string): Params {
  const root: Obj = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.replace(/\]/g, '').split('[');
    let node: Obj = root;
    parts.forEach((part, i) => {
      const key = part === '' ? String(Object.keys(node).length) : part;
      if (i === parts.length - 1) node[key] = value;
      else node = node[key] ??= {};
    });
  }
  const arrays = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Obj).map(([k, v]) => [k, arrays(v)] as const);
    if (entries.length && entries.every(([k]) => /^\d+$/.test(k))) return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
    return Object.fromEntries(entries);
  };
  return arrays(root) as Params;
}

function id(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

function int(value: unknown, param: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0) {
    throw new StripeFail(400, { type: 'invalid_request_error', code: 'parameter_invalid_integer', message: `Invalid integer: ${String(value)}`, param });
  }
  return n;
}

export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  readonly paymentIntents = new Map<string, Obj>();
  readonly charges = new Map<string, Obj>();
  readonly refunds = new Map<string, Obj>();
  readonly readers = new Map<string, Obj>();
  readonly accounts = new Map<string, Obj>();
  readonly terminalLocations = new Map<string, Obj>();
  readonly balanceTransactions = new Map<string, Obj>();
  private readonly idempotency = new Map<string, { fingerprint: unknown; answer: FakeAnswer }>();
  private faults: ({ kind: 'status'; status: number } | { kind: 'hang'; apply: boolean })[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.hanging.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next request is answered with this status (a Stripe api_error) and not applied. */
  failNext(status = 500): void {
    this.faults.push({ kind: 'status', status });
  }

  /**
   * The next request never gets an answer. With `apply`, Stripe did the work and the answer was
   * lost (what makes a retry dangerous without an Idempotency-Key).
   */
  hangNext(options: { apply: boolean } = { apply: true }): void {
    this.faults.push({ kind: 'hang', apply: options.apply });
  }

  /** Requests the server sent, optionally only those to `path` (exact) with `method`. */
  sent(method?: string, path?: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) => (!method || r.method === method) && (!path || (typeof path === 'string' ? r.path === path : path.test(r.path))),
    );
  }

  /** Charges that took money: captured ones. */
  capturedCharges(): Obj[] {
    return [...this.charges.values()].filter((c) => c.captured);
  }

  /** PaymentIntents whose metadata names this register payment id. */
  intentsForPayment(paymentId: string): Obj[] {
    return [...this.paymentIntents.values()].filter((pi) => pi.metadata?.paymentId === paymentId);
  }

  /** A Stripe event object as webhooks deliver it. */
  event(type: string, object: Obj): Obj {
    return { id: id('evt'), object: 'event', api_version: '2026-10-28.endive', created: Math.floor(Date.now() / 1000), type, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const params = decodeForm(method === 'GET' || method === 'DELETE' ? url.search.slice(1) : Buffer.concat(chunks).toString('utf8'));
    const idempotencyKey = (request.headers['idempotency-key'] as string | undefined) ?? null;
    const record: RecordedRequest = { method, path: url.pathname, params, idempotencyKey, replayed: false, status: 0 };
    this.requests.push(record);

    const send = (answer: FakeAnswer) => {
      record.status = answer.status;
      response.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': id('req'), 'stripe-should-retry': 'false' });
      response.end(JSON.stringify(answer.body));
    };
    if (!/^Bearer sk_test_/.test(request.headers.authorization ?? '')) {
      return send({ status: 401, body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } } });
    }
    const fault = this.faults.shift();
    if (fault?.kind === 'status') {
      record.status = fault.status;
      response.writeHead(fault.status, { 'content-type': 'application/json', 'request-id': id('req') });
      response.end(JSON.stringify({ error: { type: 'api_error', message: 'An unknown error occurred (injected by the fake).' } }));
      return;
    }

    const fingerprint = { method, path: url.pathname, params };
    const stored = idempotencyKey && method === 'POST' ? this.idempotency.get(idempotencyKey) : undefined;
    let answer: FakeAnswer;
    if (stored) {
      record.replayed = true;
      answer = isDeepStrictEqual(stored.fingerprint, fingerprint)
        ? stored.answer
        : {
            status: 400,
            body: { error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.` } },
          };
    } else if (fault?.kind === 'hang' && !fault.apply) {
      this.hanging.add(response);
      return;
    } else {
      answer = this.route(method, url.pathname, params);
      if (idempotencyKey && method === 'POST') this.idempotency.set(idempotencyKey, { fingerprint, answer });
    }
    if (fault?.kind === 'hang') {
      this.hanging.add(response);
      return;
    }
    send(answer);
  }

  private route(method: string, path: string, params: Params): FakeAnswer {
    try {
      return { status: 200, body: this.dispatch(method, path.split('/').filter(Boolean).slice(1), params) };
    } catch (error) {
      if (error instanceof StripeFail) return { status: error.status, body: { error: error.error } };
      return { status: 500, body: { error: { type: 'api_error', message: String(error) } } };
    }
  }

  private dispatch(method: string, p: string[], params: Params): Obj {
    const [a, b, c, d, e] = p;
    if (a === 'payment_intents') {
      if (method === 'POST' && !b) return this.createIntent(params);
      const pi = this.paymentIntents.get(b ?? '');
      if (!pi) throw notFound('payment_intent', b ?? '');
      if (method === 'GET' && !c) return this.expandIntent(pi, params);
      if (method === 'POST' && c === 'capture') return this.capture(pi, params);
      if (method === 'POST' && c === 'cancel') return this.cancel(pi, params);
      if (method === 'POST' && c === 'increment_authorization') return this.increment(pi, params);
    }
    if (a === 'refunds' && method === 'POST' && !b) return this.refund(params);
    if (a === 'terminal' && b === 'connection_tokens' && method === 'POST') {
      return { object: 'terminal.connection_token', secret: `pst_test_${randomBytes(16).toString('hex')}`, ...(params.location ? { location: params.location } : {}) };
    }
    if (a === 'terminal' && b === 'locations' && method === 'POST' && !c) {
      const address = params.address as Obj | undefined;
      if (!params.display_name || !address?.country) {
        throw new StripeFail(400, { type: 'invalid_request_error', code: 'parameter_missing', message: 'Missing required param: display_name or address.', param: 'address' });
      }
      const location = { id: id('tml'), object: 'terminal.location', display_name: params.display_name, address, metadata: params.metadata ?? {} };
      this.terminalLocations.set(location.id, location);
      return location;
    }
    if (a === 'terminal' && b === 'readers') {
      if (method === 'GET' && !c) {
        const data = [...this.readers.values()].filter((r) => !params.location || r.location === params.location);
        return { object: 'list', url: '/v1/terminal/readers', has_more: false, data };
      }
      if (method === 'POST' && !c) return this.createReader(params);
      const reader = this.readers.get(c ?? '');
      if (!reader) throw notFound('terminal.reader', c ?? '');
      if (method === 'GET' && !d) return reader;
      if (method === 'DELETE' && !d) {
        this.readers.delete(reader.id);
        return { id: reader.id, object: 'terminal.reader', deleted: true };
      }
      if (method === 'POST' && d === 'process_payment_intent') return this.processOnReader(reader, params);
      if (method === 'POST' && d === 'cancel_action') {
        reader.action = null;
        return reader;
      }
    }
    if (a === 'test_helpers' && b === 'terminal' && c === 'readers' && e === 'present_payment_method' && method === 'POST') {
      const reader = this.readers.get(d ?? '');
      if (!reader) throw notFound('terminal.reader', d ?? '');
      return this.present(reader, params);
    }
    if (a === 'accounts') {
      if (method === 'POST' && !b) {
        const account = { id: id('acct'), object: 'account', type: params.type ?? 'express', business_type: params.business_type ?? null, charges_enabled: false, payouts_enabled: false, details_submitted: false, metadata: params.metadata ?? {} };
        this.accounts.set(account.id, account);
        return account;
      }
      const account = this.accounts.get(b ?? '');
      if (!account) throw notFound('account', b ?? '');
      if (method === 'GET') return account;
    }
    if (a === 'account_links' && method === 'POST') {
      if (!this.accounts.has(String(params.account))) throw notFound('account', String(params.account));
      return { object: 'account_link', created: Math.floor(Date.now() / 1000), expires_at: Math.floor(Date.now() / 1000) + 300, url: `https://connect.stripe.com/setup/e/${String(params.account)}/fake` };
    }
    throw new StripeFail(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: /v1/${p.join('/')}).` });
  }

  private createIntent(params: Params): Obj {
    const amount = int(params.amount, 'amount');
    if (amount < 50) throw new StripeFail(400, { type: 'invalid_request_error', code: 'amount_too_small', message: 'Amount must be at least 50 cents', param: 'amount' });
    if (typeof params.currency !== 'string') throw new StripeFail(400, { type: 'invalid_request_error', code: 'parameter_missing', message: 'Missing required param: currency.', param: 'currency' });
    const pi: Obj = {
      id: id('pi'),
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: params.currency,
      capture_method: params.capture_method ?? 'automatic_async',
      client_secret: '',
      created: Math.floor(Date.now() / 1000),
      metadata: params.metadata ?? {},
      payment_method_types: params.allowed_payment_method_types ?? ['card'],
      payment_method_options: params.payment_method_options ?? {},
      transfer_data: params.transfer_data ?? null,
      on_behalf_of: params.on_behalf_of ?? null,
      latest_charge: null,
      last_payment_error: null,
      cancellation_reason: null,
      livemode: false,
      status: 'requires_payment_method',
    };
    pi.client_secret = `${pi.id}_secret_${randomBytes(8).toString('hex')}`;
    this.paymentIntents.set(pi.id, pi);
    return pi;
  }

  /** `expand[]=latest_charge` and `latest_charge.balance_transaction`, as Stripe expands them. */
  private expandIntent(pi: Obj, params: Params): Obj {
    const expand = (params.expand as string[] | undefined) ?? [];
    if (!pi.latest_charge || !expand.some((e) => e === 'latest_charge' || e.startsWith('latest_charge.'))) return pi;
    const charge = this.charges.get(pi.latest_charge)!;
    const txn = expand.includes('latest_charge.balance_transaction') && charge.balance_transaction ? this.balanceTransactions.get(charge.balance_transaction) : charge.balance_transaction;
    return { ...pi, latest_charge: { ...charge, balance_transaction: txn } };
  }

  private createReader(params: Params): Obj {
    if (params.registration_code !== 'simulated-wpe') {
      throw new StripeFail(400, { type: 'invalid_request_error', code: 'resource_missing', message: 'Invalid registration code', param: 'registration_code' });
    }
    const reader = { id: id('tmr'), object: 'terminal.reader', device_type: 'simulated_wisepos_e', label: params.label ?? 'Simulated reader', location: params.location ?? null, serial_number: `SIM-${randomBytes(4).toString('hex')}`, status: 'online', action: null };
    this.readers.set(reader.id, reader);
    return reader;
  }

  private processOnReader(reader: Obj, params: Params): Obj {
    const pi = this.paymentIntents.get(String(params.payment_intent));
    if (!pi) throw notFound('payment_intent', String(params.payment_intent));
    if (pi.status !== 'requires_payment_method') throw badState(`This PaymentIntent's status is ${pi.status}; it cannot be processed on a reader.`);
    if (reader.action?.status === 'in_progress') {
      throw new StripeFail(409, { type: 'invalid_request_error', code: 'terminal_reader_busy', message: 'Reader is currently busy processing another request.' });
    }
    reader.action = { type: 'process_payment_intent', status: 'in_progress', failure_code: null, failure_message: null, process_payment_intent: { payment_intent: pi.id } };
    return reader;
  }

  private present(reader: Obj, params: Params): Obj {
    const action = reader.action;
    if (action?.type !== 'process_payment_intent' || action.status !== 'in_progress') {
      throw new StripeFail(400, { type: 'invalid_request_error', code: 'terminal_reader_unexpected_state', message: 'The reader has no payment in progress.' });
    }
    const pi = this.paymentIntents.get(action.process_payment_intent.payment_intent)!;
    const number = String((params.card_present as Obj | undefined)?.number ?? TEST_CARDS.visa);
    const decline = DECLINES[number];
    if (decline) {
      pi.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: decline.decline_code, message: decline.message };
      reader.action = { ...action, status: 'failed', failure_code: 'card_declined', failure_message: decline.message };
      return reader;
    }
    const charge = {
      id: id('ch'),
      object: 'charge',
      amount: pi.amount,
      amount_captured: 0,
      amount_refunded: 0,
      balance_transaction: null,
      captured: false,
      refunded: false,
      currency: pi.currency,
      payment_intent: pi.id,
      status: 'succeeded',
      payment_method_details: { type: 'card_present', card_present: { brand: 'visa', last4: number.slice(-4) } },
    };
    this.charges.set(charge.id, charge);
    Object.assign(pi, { latest_charge: charge.id, last_payment_error: null });
    if (pi.capture_method === 'manual') Object.assign(pi, { status: 'requires_capture', amount_capturable: pi.amount });
    else this.captureCharge(pi, pi.amount);
    reader.action = { ...action, status: 'succeeded' };
    return reader;
  }

  /** Card-present pricing the fake charges: 2.7% + 5 minor units, rounded. */
  static fee(amount: number): number {
    return Math.round(amount * 0.027) + 5;
  }

  private captureCharge(pi: Obj, amount: number): void {
    const charge = this.charges.get(pi.latest_charge)!;
    const txn = { id: id('txn'), object: 'balance_transaction', amount, fee: FakeStripe.fee(amount), net: amount - FakeStripe.fee(amount), currency: pi.currency, type: 'charge', source: charge.id };
    this.balanceTransactions.set(txn.id, txn);
    Object.assign(charge, { captured: true, amount_captured: amount, balance_transaction: txn.id });
    Object.assign(pi, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
  }

  private capture(pi: Obj, params: Params): Obj {
    if (pi.status !== 'requires_capture') {
      throw badState(`This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`);
    }
    const amount = params.amount_to_capture === undefined ? pi.amount_capturable : int(params.amount_to_capture, 'amount_to_capture');
    if (amount > pi.amount_capturable) {
      throw new StripeFail(400, { type: 'invalid_request_error', code: 'amount_too_large', message: 'The amount to capture exceeds the amount capturable.', param: 'amount_to_capture' });
    }
    if (params.metadata) pi.metadata = { ...pi.metadata, ...(params.metadata as Obj) };
    this.captureCharge(pi, amount);
    return this.expandIntent(pi, params);
  }

  private cancel(pi: Obj, params: Params): Obj {
    if (pi.status === 'succeeded' || pi.status === 'canceled') {
      throw badState(`You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`);
    }
    Object.assign(pi, { status: 'canceled', amount_capturable: 0, cancellation_reason: params.cancellation_reason ?? null });
    for (const reader of this.readers.values()) {
      if (reader.action?.process_payment_intent?.payment_intent === pi.id) reader.action = null;
    }
    return pi;
  }

  private increment(pi: Obj, params: Params): Obj {
    const supported = (pi.payment_method_options?.card_present as Obj | undefined)?.request_incremental_authorization_support === 'true';
    if (pi.status !== 'requires_capture' || !supported) {
      throw badState('This PaymentIntent does not support incremental authorization.');
    }
    const amount = int(params.amount, 'amount');
    if (amount <= pi.amount) throw new StripeFail(400, { type: 'invalid_request_error', message: 'The amount must be greater than the current amount.', param: 'amount' });
    Object.assign(pi, { amount, amount_capturable: amount });
    Object.assign(this.charges.get(pi.latest_charge)!, { amount });
    return pi;
  }

  private refund(params: Params): Obj {
    const pi = this.paymentIntents.get(String(params.payment_intent));
    if (!pi) throw notFound('payment_intent', String(params.payment_intent));
    if (pi.status !== 'succeeded') throw new StripeFail(400, { type: 'invalid_request_error', code: 'charge_not_refundable', message: 'This PaymentIntent has no captured charge to refund.' });
    const charge = this.charges.get(pi.latest_charge)!;
    const left = charge.amount_captured - charge.amount_refunded;
    const amount = params.amount === undefined ? left : int(params.amount, 'amount');
    if (amount > left) {
      throw new StripeFail(400, { type: 'invalid_request_error', code: 'charge_already_refunded', message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, param: 'amount' });
    }
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    const refund = { id: id('re'), object: 'refund', amount, charge: charge.id, payment_intent: pi.id, currency: pi.currency, status: 'succeeded', metadata: params.metadata ?? {} };
    this.refunds.set(refund.id, refund);
    return refund;
  }
}

export async function startFakeStripe(): Promise<FakeStripe> {
  return new FakeStripe().start();
}
