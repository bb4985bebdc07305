import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { effectivePayments, orderStatus, settleAttempts } from '../../shared/lifecycle/index';
import type { PairResponseBody } from '../../shared/protocol';
import type { PaymentDoc } from '../../shared/schemas/index';
import { openRegisterDatabase, type RegisterDatabase } from '../../renderer/src/db/database';
import {
  createSimulatedDriver, createTerminalApi, reconcileTerminalPayments, SIMULATED_CARDS, takeTerminalPayment, TerminalBusyError,
  type TerminalApi, type TerminalSaleInput,
} from '../../renderer/src/terminal/index';
import { cashPayment, deviceClient } from '../support/documents';
import { FakeStripe } from '../support/fake-stripe';
import { useStripeServer } from '../support/stripe-server';
import { databaseKinds, type TestServer } from '../support/test-server';

describe.each(databaseKinds())('terminal payments end to end with the simulated reader on %s', (kind) => {
  let fake: FakeStripe;
  let server: TestServer;
  let device: PairResponseBody;
  let api: TerminalApi;
  let db: RegisterDatabase;
  let dbName: string;
  const storage = getRxStorageMemory();

  const open = () => openRegisterDatabase({ name: dbName, storage, collections: ['payments'] });
  const driver = () => createSimulatedDriver({ api, storage: null, timeoutMs: 30 });
  const sale = (overrides: Partial<TerminalSaleInput> = {}): TerminalSaleInput => ({
    paymentId: newId(),
    orderId: newId(),
    tenantId: device.tenantId,
    locationId: device.locationId,
    deviceId: device.deviceId,
    cashierId: null,
    currency: 'USD',
    amount: 4500,
    tip: 500,
    businessDate: '2026-11-21',
    ...overrides,
  });
  const docsOf = async (orderId: string) => (await db.payments.find({ selector: { orderId } }).exec()).map((d) => d.toMutableJSON() as PaymentDoc);
  const chargesFor = (orderId: string) => fake.capturedCharges().filter((c) => fake.paymentIntents.get(c.payment_intent)!.metadata.orderId === orderId);
  const intentsFor = (orderId: string) => [...fake.paymentIntents.values()].filter((pi) => pi.metadata.orderId === orderId);

  const context = useStripeServer(kind, { maxNetworkRetries: 1 });
  beforeEach(async () => {
    ({ fake, server, device } = context);
    api = createTerminalApi({ serverUrl: server.url, token: device.token, tenantId: device.tenantId });
    dbName = `reg${newId().replace(/-/g, '')}`;
    db = await open();
  });
  afterEach(async () => {
    await db.remove();
  });

  it('approves: pending first, then a succeeded outcome; one intent, one charge of amount + tip', async () => {
    const input = sale({ testCardNumber: SIMULATED_CARDS.approved });
    const phases: string[] = [];
    const result = await takeTerminalPayment({ db, driver: driver(), api, onPhase: (p) => phases.push(p) }, input);
    expect(result).toMatchObject({ paymentId: input.paymentId, status: 'succeeded', reason: null });
    expect(phases).toEqual(['recording', 'creating_intent', 'connecting_reader', 'waiting_for_card', 'capturing', 'recording_outcome']);

    const docs = await docsOf(input.orderId);
    const pending = docs.find((d) => d.id === input.paymentId)!;
    expect(pending).toMatchObject({ status: 'pending', tender: 'CARD_TERMINAL', mode: 'ONLINE', amount: 4500, tip: 500, attemptOf: null });
    const outcome = docs.find((d) => d.attemptOf === input.paymentId)!;
    expect(outcome).toMatchObject({ status: 'succeeded', amount: 4500, tip: 500, fee: FakeStripe.fee(5000), cardBrand: 'visa', cardLast4: '4242' });
    expect(outcome.processorRef).toMatch(/^pi_/);
    expect(orderStatus({ total: 4500, voided: false, payments: effectivePayments(docs), refunds: [] })).toBe('paid');

    expect(intentsFor(input.orderId)).toHaveLength(1);
    expect(chargesFor(input.orderId).map((c) => c.amount_captured)).toEqual([5000]);
    // Both documents replicate: the server takes the pending payment and its outcome as they are.
    const pushed = await deviceClient(server.url, device).push('payments', docs);
    expect(pushed).toEqual({ status: 200, body: [] });
    // Pay pressed again: the settled result, nothing asked of Stripe.
    const before = fake.requests.length;
    expect((await takeTerminalPayment({ db, driver: driver(), api }, input)).status).toBe('succeeded');
    expect(fake.requests.length).toBe(before);
  });

  it('declines (insufficient funds), then the sale is paid in cash: no charge, the intent canceled', async () => {
    const input = sale({ testCardNumber: SIMULATED_CARDS.insufficientFunds });
    const result = await takeTerminalPayment({ db, driver: driver(), api }, input);
    expect(result).toMatchObject({ status: 'failed', reason: 'Your card has insufficient funds.' });
    expect(intentsFor(input.orderId).map((pi) => pi.status)).toEqual(['canceled']);
    await db.payments.insert(cashPayment(device, 4500, { orderId: input.orderId, tip: 500, tendered: 5000 }));
    const docs = await docsOf(input.orderId);
    expect(settleAttempts(docs).map((s) => s.status).sort()).toEqual(['failed', 'succeeded']);
    expect(orderStatus({ total: 4500, voided: false, payments: effectivePayments(docs), refunds: [] })).toBe('paid');
    expect(chargesFor(input.orderId)).toHaveLength(0);
  });

  it('reader disconnect mid-payment, restart, reconcile: the authorization is released, the card taken again, exactly one charge', async () => {
    const input = sale({ testCardNumber: SIMULATED_CARDS.readerDisconnect });
    const dropped = await takeTerminalPayment({ db, driver: driver(), api }, input);
    expect(dropped.status).toBe('pending');
    expect(dropped.reason).toMatch(/disconnected/);
    expect(intentsFor(input.orderId).map((pi) => pi.status)).toEqual(['requires_capture']);
    // Until it is settled, no other card is taken for the sale.
    await expect(takeTerminalPayment({ db, driver: driver(), api }, sale({ orderId: input.orderId }))).rejects.toBeInstanceOf(TerminalBusyError);

    await db.close();
    db = await open();
    const report = await reconcileTerminalPayments({ db, api, deviceId: device.deviceId });
    expect(report).toEqual({ settled: [{ paymentId: input.paymentId, status: 'canceled' }], unresolved: [] });
    expect(intentsFor(input.orderId).map((pi) => pi.status)).toEqual(['canceled']);
    expect(fake.sent('POST', '/v1/payment_intents').filter((r) => r.idempotencyKey === input.paymentId)).toHaveLength(1);

    const retry = await takeTerminalPayment({ db, driver: driver(), api }, sale({ orderId: input.orderId, testCardNumber: SIMULATED_CARDS.approved }));
    expect(retry.status).toBe('succeeded');
    expect(chargesFor(input.orderId)).toHaveLength(1);
    expect(await reconcileTerminalPayments({ db, api, deviceId: device.deviceId })).toEqual({ settled: [], unresolved: [] });
  });

  it('reader disconnect, restart, reconcile choosing capture for the sale on screen: one charge, no second intent', async () => {
    const input = sale({ testCardNumber: SIMULATED_CARDS.readerDisconnect });
    expect((await takeTerminalPayment({ db, driver: driver(), api }, input)).status).toBe('pending');
    await db.close();
    db = await open();
    const report = await reconcileTerminalPayments({ db, api, deviceId: device.deviceId, decide: () => 'capture' });
    expect(report.settled).toEqual([{ paymentId: input.paymentId, status: 'succeeded' }]);
    expect(intentsFor(input.orderId)).toHaveLength(1);
    expect((await docsOf(input.orderId)).find((d) => d.status === 'succeeded')!.fee).toBe(FakeStripe.fee(5000));
    expect(chargesFor(input.orderId).map((c) => c.amount_captured)).toEqual([5000]);
    const docs = await docsOf(input.orderId);
    expect(orderStatus({ total: 4500, voided: false, payments: effectivePayments(docs), refunds: [] })).toBe('paid');
    // Pay pressed again for the same payment: settled, so nothing more is asked.
    expect((await takeTerminalPayment({ db, driver: driver(), api }, input)).status).toBe('succeeded');
    expect(intentsFor(input.orderId)).toHaveLength(1);
  });

  it('a reader timeout leaves the payment pending; reconciliation cancels the intent', async () => {
    const input = sale({ testCardNumber: SIMULATED_CARDS.timeout });
    expect((await takeTerminalPayment({ db, driver: driver(), api }, input)).reason).toMatch(/timed out/);
    const report = await reconcileTerminalPayments({ db, api, deviceId: device.deviceId });
    expect(report.settled).toEqual([{ paymentId: input.paymentId, status: 'canceled' }]);
    expect(intentsFor(input.orderId).map((pi) => pi.status)).toEqual(['canceled']);
    expect(chargesFor(input.orderId)).toHaveLength(0);
  });

  it('reconciliation never creates an intent: a payment the server never saw is canceled locally', async () => {
    const pending = { ...cashPayment(device, 4500), tender: 'CARD_TERMINAL' as const, mode: 'ONLINE' as const, status: 'pending' as const, tendered: null, change: null };
    await db.payments.insert(pending);
    const creates = fake.sent('POST', '/v1/payment_intents').length;
    const report = await reconcileTerminalPayments({ db, api, deviceId: device.deviceId });
    expect(report.settled).toEqual([{ paymentId: pending.id, status: 'canceled' }]);
    expect(fake.sent('POST', '/v1/payment_intents').length).toBe(creates);
  });

  it('the server unreachable while creating: pending; reconciled later without a second intent', async () => {
    const input = sale({ testCardNumber: SIMULATED_CARDS.approved });
    fake.hangNext({ apply: true });
    fake.hangNext({ apply: true });
    const first = await takeTerminalPayment({ db, driver: driver(), api }, input);
    expect(first.status).toBe('pending');
    expect(first.reason).toMatch(/could not be started/);
    const report = await reconcileTerminalPayments({ db, api, deviceId: device.deviceId });
    expect(report.settled).toEqual([{ paymentId: input.paymentId, status: 'canceled' }]);
    expect(intentsFor(input.orderId)).toHaveLength(1);
    expect(chargesFor(input.orderId)).toHaveLength(0);
  });

  it("leaves other registers' pending payments and offline checks alone", async () => {
    const other = { ...cashPayment(device, 4500), deviceId: newId(), tender: 'CARD_TERMINAL' as const, mode: 'ONLINE' as const, status: 'pending' as const, tendered: null, change: null };
    await db.payments.insert(other);
    expect(await reconcileTerminalPayments({ db, api, deviceId: device.deviceId })).toEqual({ settled: [], unresolved: [] });
    const mine = { ...other, id: newId(), deviceId: device.deviceId };
    await db.payments.insert(mine);
    const offline = createTerminalApi({ serverUrl: server.url, token: device.token, tenantId: device.tenantId }, () => Promise.reject(new TypeError('network down')));
    expect(await reconcileTerminalPayments({ db, api: offline, deviceId: device.deviceId })).toEqual({ settled: [], unresolved: [mine.id] });
  });
});
