import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { PairResponseBody } from '../../shared/protocol';
import type { TerminalPaymentView } from '../../shared/terminal';
import { FakeStripe, TEST_CARDS } from '../support/fake-stripe';
import { useStripeServer, WEBHOOK_SECRET } from '../support/stripe-server';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

const signer = new Stripe('sk_test_signer', {});
/** A Stripe-Signature made `ageSeconds` before now on the server's clock (Stripe allows 300; negative: in the future). */
const signed = (server: TestServer, payload: string, secret = WEBHOOK_SECRET, ageSeconds = 0) =>
  signer.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(server.now().getTime() / 1000) - ageSeconds });

function client(server: TestServer, device: PairResponseBody) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${device.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as any };
  };
}

async function postWebhook(server: TestServer, payload: string, signature: string) {
  const response = await fetch(`${server.url}/api/v1/stripe/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe.each(databaseKinds())('Stripe Terminal routes on %s', (kind) => {
  let fake: FakeStripe;
  let server: TestServer;
  let call: ReturnType<typeof client>;
  let device: PairResponseBody;

  const context = useStripeServer(kind);
  beforeEach(() => {
    ({ fake, server, device } = context);
    call = client(server, device);
  });

  const newPayment = (amount = 2500, tip = 0) => ({ paymentId: newId(), orderId: newId(), amount, tip, currency: 'USD' });

  async function authorizedPayment(amount = 2500, tip = 0) {
    const body = newPayment(amount, tip);
    const reader = (await call('POST', '/terminal/readers/simulated')).body;
    expect((await call('POST', '/terminal/payments', body)).status).toBe(201);
    const processed = await call('POST', `/terminal/payments/${body.paymentId}/process`, { readerId: reader.id, testCardNumber: TEST_CARDS.visa });
    expect(processed.body.status).toBe('authorized');
    return { body, reader, view: processed.body as TerminalPaymentView };
  }

  it('says the terminal is available, and a device token is required', async () => {
    expect(await call('GET', '/terminal/status')).toEqual({ status: 200, body: { available: true, reason: null } });
    const anonymous = await fetch(`${server.url}/api/v1/terminal/status`);
    expect(anonymous.status).toBe(401);
  });

  it('connection tokens come from Stripe for an authenticated device', async () => {
    const answer = await call('POST', '/terminal/connection-token');
    expect(answer.status).toBe(200);
    expect(answer.body.secret).toMatch(/^pst_test_/);
    expect(fake.sent('POST', '/v1/terminal/connection_tokens')).toHaveLength(1);
  });

  it("a business location gets one Stripe Terminal location; connection tokens and readers are scoped to it", async () => {
    const input = { displayName: 'Front desk', address: { line1: '1 Main St', city: 'Chicago', state: 'IL', postal_code: '60601', country: 'US' } };
    const created = await call('POST', '/terminal/location', input);
    expect(created.status).toBe(200);
    expect(created.body.terminalLocationId).toMatch(/^tml_/);
    expect(fake.sent('POST', '/v1/terminal/locations')[0]).toMatchObject({
      params: { display_name: 'Front desk', address: input.address, metadata: { tenantId: device.tenantId, locationId: device.locationId } },
      idempotencyKey: `terminal-location:${device.locationId}`,
    });
    expect((await call('POST', '/terminal/location', input)).body).toEqual(created.body);
    expect(fake.sent('POST', '/v1/terminal/locations')).toHaveLength(1);
    await call('POST', '/terminal/connection-token');
    expect(fake.sent('POST', '/v1/terminal/connection_tokens')[0]!.params).toEqual({ location: created.body.terminalLocationId });
    await call('POST', '/terminal/readers/simulated');
    await call('GET', '/terminal/readers');
    expect(fake.sent('POST', '/v1/terminal/readers')[0]!.params).toMatchObject({ location: created.body.terminalLocationId });
    expect(fake.sent('GET', '/v1/terminal/readers')[0]!.params).toEqual({ limit: '100', location: created.body.terminalLocationId });
    expect((await call('POST', '/terminal/location', { displayName: 'x', address: { line1: 'a' } })).status).toBe(422);

    // Another business's register cannot drive or remove this location's readers, nor see its payments.
    const ownReader = (await call('GET', '/terminal/readers')).body.readers[0];
    const stranger = await server.pair((await server.newTenant('Other salon')).pairingCode);
    const strangerCall = client(server, stranger);
    await strangerCall('POST', '/terminal/location', input);
    const payment = newPayment();
    await strangerCall('POST', '/terminal/payments', payment);
    expect((await strangerCall('POST', `/terminal/payments/${payment.paymentId}/process`, { readerId: ownReader.id, testCardNumber: TEST_CARDS.visa })).status).toBe(403);
    expect((await strangerCall('DELETE', `/terminal/readers/${ownReader.id}`)).status).toBe(403);
    expect(fake.readers.has(ownReader.id)).toBe(true);
    expect((await call('GET', `/terminal/payments/${payment.paymentId}`)).status).toBe(404);
  });

  it('creates a card-present, manual-capture PaymentIntent keyed by the payment id, once', async () => {
    const body = newPayment(2500, 300);
    const first = await call('POST', '/terminal/payments', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ paymentId: body.paymentId, status: 'pending', stripeStatus: 'requires_payment_method', amount: 2500, tip: 300, currency: 'USD' });
    expect(first.body.clientSecret).toMatch(/_secret_/);
    const [sent] = fake.sent('POST', '/v1/payment_intents');
    expect(sent!.idempotencyKey).toBe(body.paymentId);
    expect(sent!.params).toEqual({
      amount: '2800',
      currency: 'usd',
      allowed_payment_method_types: ['card_present'],
      capture_method: 'manual',
      payment_method_options: { card_present: { request_incremental_authorization_support: 'true' } },
      metadata: { paymentId: body.paymentId, orderId: body.orderId, tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId, tip: '300' },
    });

    const again = await call('POST', '/terminal/payments', body);
    expect(again.status).toBe(200);
    expect(again.body.paymentIntentId).toBe(first.body.paymentIntentId);
    expect(fake.sent('POST', '/v1/payment_intents')).toHaveLength(1);
    expect(fake.intentsForPayment(body.paymentId)).toHaveLength(1);

    const reused = await call('POST', '/terminal/payments', { ...body, amount: 9999 });
    expect(reused.status).toBe(409);
    expect(await call('POST', '/terminal/payments', { ...newPayment(), currency: 'EUR' })).toMatchObject({ status: 422 });
  });

  it('approves on the simulated reader, captures with the tip, then refunds part', async () => {
    const { body, reader, view } = await authorizedPayment(2500, 0);
    expect(fake.sent('POST', `/v1/terminal/readers/${reader.id}/process_payment_intent`)[0]).toMatchObject({
      params: { payment_intent: view.paymentIntentId },
      idempotencyKey: `${body.paymentId}:process:${reader.id}`,
    });
    expect(fake.sent('POST', `/v1/test_helpers/terminal/readers/${reader.id}/present_payment_method`)[0]!.params).toEqual({
      type: 'card_present',
      card_present: { number: TEST_CARDS.visa },
    });
    expect(view).toMatchObject({ amountCapturable: 2500, cardBrand: 'visa', cardLast4: '4242' });

    // The tip added after authorization raises the authorization, then the final amount is captured.
    const captured = await call('POST', `/terminal/payments/${body.paymentId}/capture`, { amount: 2500, tip: 400 });
    expect(captured.body).toMatchObject({ status: 'succeeded', amountReceived: 2900, amount: 2500, tip: 400, clientSecret: null, fee: FakeStripe.fee(2900) });
    expect(fake.sent('POST', `/v1/payment_intents/${view.paymentIntentId}/increment_authorization`)[0]).toMatchObject({
      params: { amount: '2900' },
      idempotencyKey: `${body.paymentId}:increment:2900`,
    });
    expect(fake.sent('POST', `/v1/payment_intents/${view.paymentIntentId}/capture`)[0]).toMatchObject({
      params: { amount_to_capture: '2900', metadata: { tip: '400' }, expand: ['latest_charge.balance_transaction'] },
      idempotencyKey: `${body.paymentId}:capture:2900`,
    });

    const refundId = newId();
    const refund = await call('POST', `/terminal/payments/${body.paymentId}/refunds`, { refundId, amount: 1000 });
    expect(refund).toMatchObject({ status: 201, body: { refundId, amount: 1000, status: 'succeeded' } });
    expect(fake.sent('POST', '/v1/refunds')[0]).toMatchObject({
      params: { payment_intent: view.paymentIntentId, amount: '1000', metadata: { paymentId: body.paymentId, refundId } },
      idempotencyKey: refundId,
    });
    expect((await call('POST', `/terminal/payments/${body.paymentId}/refunds`, { refundId: newId(), amount: 2000 })).status).toBe(422);
    expect((await call('GET', `/terminal/payments/${body.paymentId}`)).body.amountRefunded).toBe(1000);
  });

  it.each([
    [TEST_CARDS.declined, 'generic_decline', 'Your card was declined.'],
    [TEST_CARDS.insufficientFunds, 'insufficient_funds', 'Your card has insufficient funds.'],
  ])('a declined card (%s) is failed with the reason, and its intent is canceled', async (card, code, message) => {
    const body = newPayment();
    const reader = (await call('POST', '/terminal/readers/simulated')).body;
    await call('POST', '/terminal/payments', body);
    const processed = await call('POST', `/terminal/payments/${body.paymentId}/process`, { readerId: reader.id, testCardNumber: card });
    expect(processed.body).toMatchObject({ status: 'failed', failureCode: code, failureReason: message, stripeStatus: 'requires_payment_method' });
    const canceled = await call('POST', `/terminal/payments/${body.paymentId}/cancel`);
    expect(canceled.body).toMatchObject({ status: 'failed', stripeStatus: 'canceled' });
    expect(fake.sent('POST', `/v1/payment_intents/${processed.body.paymentIntentId}/cancel`)[0]).toMatchObject({
      params: { cancellation_reason: 'abandoned' },
      idempotencyKey: `${body.paymentId}:cancel`,
    });
    expect((await call('POST', `/terminal/payments/${body.paymentId}/capture`, { amount: 2500, tip: 0 })).status).toBe(409);
  });

  it('cancels an uncaptured authorization; a captured one must be refunded instead', async () => {
    const { body, view } = await authorizedPayment();
    const canceled = await call('POST', `/terminal/payments/${body.paymentId}/cancel`);
    expect(canceled.body).toMatchObject({ status: 'canceled', stripeStatus: 'canceled' });
    expect(fake.paymentIntents.get(view.paymentIntentId!)!.status).toBe('canceled');
    const second = await authorizedPayment();
    await call('POST', `/terminal/payments/${second.body.paymentId}/capture`, { amount: 2500, tip: 0 });
    expect((await call('POST', `/terminal/payments/${second.body.paymentId}/cancel`)).status).toBe(409);
  });

  it('a 500 from Stripe is retried with the same key: one PaymentIntent, one charge', async () => {
    const body = newPayment();
    fake.failNext(500);
    const created = await call('POST', '/terminal/payments', body);
    expect(created.status).toBe(201);
    const attempts = fake.sent('POST', '/v1/payment_intents');
    expect(attempts.map((r) => [r.status, r.idempotencyKey])).toEqual([[500, body.paymentId], [200, body.paymentId]]);
    expect(fake.intentsForPayment(body.paymentId)).toHaveLength(1);
  });

  it('a lost answer (Stripe applied the create, the response never came) is replayed, not repeated', async () => {
    const body = newPayment();
    fake.hangNext({ apply: true });
    const created = await call('POST', '/terminal/payments', body);
    expect(created.status).toBe(201);
    const attempts = fake.sent('POST', '/v1/payment_intents');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toMatchObject({ idempotencyKey: body.paymentId, replayed: true });
    expect(fake.intentsForPayment(body.paymentId)).toHaveLength(1);
  });

  it('when Stripe stays down the register gets 502, and its retry later still makes one intent and one charge', async () => {
    const body = newPayment();
    for (let i = 0; i < 3; i++) fake.hangNext({ apply: i === 0 });
    const failed = await call('POST', '/terminal/payments', body);
    expect(failed.status).toBe(502);
    expect(failed.body.detail).toMatch(/try again/);
    const lookup = await call('GET', `/terminal/payments/${body.paymentId}`);
    expect(lookup.body).toMatchObject({ status: 'pending', stripeStatus: 'requires_payment_method' });
    const retried = await call('POST', '/terminal/payments', body);
    expect(retried.body.paymentIntentId).toBe(lookup.body.paymentIntentId);
    expect(fake.intentsForPayment(body.paymentId)).toHaveLength(1);
    expect(new Set(fake.sent('POST', '/v1/payment_intents').map((r) => r.idempotencyKey))).toEqual(new Set([body.paymentId]));

    const reader = (await call('POST', '/terminal/readers/simulated')).body;
    await call('POST', `/terminal/payments/${body.paymentId}/process`, { readerId: reader.id, testCardNumber: TEST_CARDS.visa });
    fake.hangNext({ apply: true });
    const captured = await call('POST', `/terminal/payments/${body.paymentId}/capture`, { amount: 2500, tip: 0 });
    expect(captured.body.status).toBe('succeeded');
    expect(fake.capturedCharges().filter((c) => c.payment_intent === retried.body.paymentIntentId)).toHaveLength(1);
  });

  it('lists and deletes readers', async () => {
    const reader = (await call('POST', '/terminal/readers/simulated')).body;
    expect(reader).toMatchObject({ deviceType: 'simulated_wisepos_e', status: 'online' });
    expect(fake.sent('POST', '/v1/terminal/readers')[0]).toMatchObject({ params: { registration_code: 'simulated-wpe' }, idempotencyKey: `simulated-reader:${device.deviceId}` });
    const listed = await call('GET', '/terminal/readers');
    expect(listed.body.readers.map((r: { id: string }) => r.id)).toContain(reader.id);
    expect(fake.sent('GET', '/v1/terminal/readers')[0]!.params).toEqual({ limit: '100' });
    expect(await call('DELETE', `/terminal/readers/${reader.id}`)).toEqual({ status: 200, body: { deleted: true, id: reader.id } });
    expect(fake.sent('DELETE', `/v1/terminal/readers/${reader.id}`)).toHaveLength(1);
    expect((await call('DELETE', `/terminal/readers/${reader.id}`)).status).toBe(404);
  });

  it('creates one connected account per location and an onboarding link; destination charges reverse on refund', async () => {
    const input = { businessType: 'company', refreshUrl: 'https://pos.example/refresh', returnUrl: 'https://pos.example/return' };
    const first = await call('POST', '/terminal/connect/onboarding', input);
    expect(first.status).toBe(200);
    expect(first.body.url).toContain(first.body.accountId);
    expect(fake.sent('POST', '/v1/accounts')[0]).toMatchObject({
      params: { type: 'express', business_type: 'company', metadata: { tenantId: device.tenantId, locationId: device.locationId } },
      idempotencyKey: `account:${device.locationId}`,
    });
    expect(fake.sent('POST', '/v1/account_links')[0]!.params).toEqual({ account: first.body.accountId, type: 'account_onboarding', refresh_url: input.refreshUrl, return_url: input.returnUrl });
    const second = await call('POST', '/terminal/connect/onboarding', input);
    expect(second.body.accountId).toBe(first.body.accountId);
    expect(fake.sent('POST', '/v1/accounts')).toHaveLength(1);

    // Onboarding finished: Stripe says so by webhook, and new intents are destination charges.
    const event = fake.event('account.updated', { ...fake.accounts.get(first.body.accountId)!, charges_enabled: true });
    const payload = JSON.stringify(event);
    expect((await postWebhook(server, payload, signed(server, payload))).body).toEqual({ received: true, applied: true });
    const { body } = await authorizedPayment();
    expect(fake.sent('POST', '/v1/payment_intents').at(-1)!.params).toMatchObject({ on_behalf_of: first.body.accountId, transfer_data: { destination: first.body.accountId } });
    await call('POST', `/terminal/payments/${body.paymentId}/capture`, { amount: 2500, tip: 0 });
    await call('POST', `/terminal/payments/${body.paymentId}/refunds`, { refundId: newId(), amount: 2500 });
    expect(fake.sent('POST', '/v1/refunds')[0]!.params).toMatchObject({ amount: '2500', reverse_transfer: 'true', refund_application_fee: 'true' });
  });

  it('a signed webhook updates the record; a bad signature is 400 and changes nothing', async () => {
    const body = newPayment();
    const created = (await call('POST', '/terminal/payments', body)).body as TerminalPaymentView;
    const intent = fake.paymentIntents.get(created.paymentIntentId!)!;
    const failedEvent = fake.event('payment_intent.payment_failed', {
      ...intent,
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
    });
    const payload = JSON.stringify(failedEvent);

    const forged = signed(server, payload, 'whsec_someone_else');
    expect((await postWebhook(server, payload, forged)).status).toBe(400);
    expect((await postWebhook(server, payload, 't=1,v1=deadbeef')).status).toBe(400);
    // Six minutes old on the server's clock, whatever the machine's date: a replay, refused.
    expect((await postWebhook(server, payload, signed(server, payload, WEBHOOK_SECRET, 360))).status).toBe(400);
    const tampered = signed(server, payload);
    expect((await postWebhook(server, payload.replace('insufficient_funds', 'generic_decline'), tampered)).status).toBe(400);
    const row = () => server.db.kysely.selectFrom('stripe_payment_intents').selectAll().where('payment_id', '=', body.paymentId).executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ stripe_status: 'requires_payment_method', failure_code: null });

    const good = await postWebhook(server, payload, signed(server, payload));
    expect(good).toEqual({ status: 200, body: { received: true, applied: true } });
    expect(await row()).toMatchObject({ failure_code: 'insufficient_funds', failure_message: 'Your card has insufficient funds.' });

    const succeeded = JSON.stringify(fake.event('payment_intent.succeeded', { ...intent, status: 'succeeded', amount_received: 2500, amount_capturable: 0 }));
    await postWebhook(server, succeeded, signed(server, succeeded));
    expect(await row()).toMatchObject({ stripe_status: 'succeeded', amount_received: 2500 });
    // A late, stale event never moves a final status back.
    const stale = JSON.stringify(fake.event('payment_intent.canceled', { ...intent, status: 'canceled' }));
    await postWebhook(server, stale, signed(server, stale));
    expect((await row()).stripe_status).toBe('succeeded');

    const refunded = JSON.stringify(fake.event('charge.refunded', { id: 'ch_x', object: 'charge', payment_intent: intent.id, amount_refunded: 700 }));
    await postWebhook(server, refunded, signed(server, refunded));
    expect((await row()).amount_refunded).toBe(700);

    // JSON parsing elsewhere is untouched by the webhook's raw-body parser.
    expect((await call('POST', '/terminal/payments', { ...newPayment(), amount: 'ten' })).status).toBe(422);
  });

  it('a replayed webhook event is acknowledged and changes nothing; one signed in the future is refused', async () => {
    const body = newPayment();
    const created = (await call('POST', '/terminal/payments', body)).body as TerminalPaymentView;
    const intentId = created.paymentIntentId!;
    const refundedBy = (amount: number) => JSON.stringify(fake.event('charge.refunded', { id: 'ch_y', object: 'charge', payment_intent: intentId, amount_refunded: amount }));
    const refunded = () => server.db.kysely.selectFrom('stripe_payment_intents').select('amount_refunded').where('payment_id', '=', body.paymentId).executeTakeFirstOrThrow();
    const first = refundedBy(700);
    const second = refundedBy(1000);

    // Two minutes ahead of the server's clock: refused, beyond the one minute of skew allowed.
    expect((await postWebhook(server, first, signed(server, first, WEBHOOK_SECRET, -120))).status).toBe(400);
    expect(await refunded()).toEqual({ amount_refunded: 0 });
    expect((await postWebhook(server, first, signed(server, first, WEBHOOK_SECRET, -30))).body).toEqual({ received: true, applied: true });
    expect((await postWebhook(server, second, signed(server, second))).body).toEqual({ received: true, applied: true });
    expect(await refunded()).toEqual({ amount_refunded: 1000 });

    // The first event again, freshly signed inside the window: 200 so Stripe stops, and ignored.
    const replay = await postWebhook(server, first, signed(server, first, WEBHOOK_SECRET, 10));
    expect(replay).toEqual({ status: 200, body: { received: true, applied: false, duplicate: true } });
    expect(await refunded()).toEqual({ amount_refunded: 1000 });
    const seen = await server.db.kysely.selectFrom('stripe_webhook_events').select(['event_id', 'type']).where('event_id', 'in', [JSON.parse(first).id, JSON.parse(second).id]).execute();
    expect(seen).toHaveLength(2);
  });
});

describe.each(databaseKinds())('Stripe Terminal without a key on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { stripe: { secretKey: null } });
  });
  afterAll(() => server.close());

  it('is unavailable with the reason, every terminal route is 503, and webhooks are refused', async () => {
    const tenant = await server.newTenant();
    const call = client(server, await server.pair(tenant.pairingCode));
    const status = await call('GET', '/terminal/status');
    expect(status.body.available).toBe(false);
    expect(status.body.reason).toMatch(/no Stripe key/);
    for (const [method, path] of [['POST', '/terminal/connection-token'], ['GET', '/terminal/readers'], ['POST', '/terminal/payments'], ['GET', `/terminal/payments/${newId()}`]] as const) {
      const answer = await call(method, path, method === 'POST' ? {} : undefined);
      expect(answer, `${method} ${path}`).toMatchObject({ status: 503, body: { detail: status.body.reason } });
    }
    expect((await postWebhook(server, '{}', 't=1,v1=x')).status).toBe(503);
  });
});
