import { describe, expect, it } from 'vitest';
import { settleAttempts, outcomeId, settledStatus } from '../../shared/lifecycle/index';
import type { TerminalPaymentView } from '../../shared/terminal';
import {
  createSimulatedDriver, createStripeDriver, OFFLINE_REASON, readerStorageKey, SIMULATED_CARDS, terminalTenderState, TerminalError,
  type StripeTerminal, type Terminal, type TerminalApi,
} from '../../renderer/src/terminal/index';

const request = (testCardNumber?: string) => ({ paymentId: 'p1', intent: null, amount: 1000, tip: 0, currency: 'USD', testCardNumber });

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

describe('simulated driver without a server (demo, no network)', () => {
  const driver = createSimulatedDriver({ api: null, timeoutMs: 10 });

  it('is available, local, and approves 4242 with the last four digits', async () => {
    expect(driver.usesServer).toBe(false);
    expect(await driver.availability()).toEqual({ available: true, reason: null });
    expect(await driver.collect(request(SIMULATED_CARDS.approved))).toEqual({ kind: 'authorized', cardBrand: 'visa', cardLast4: '4242' });
    expect(await driver.collect(request())).toMatchObject({ kind: 'authorized' });
  });

  it.each([
    [SIMULATED_CARDS.declined, 'generic_decline', 'Your card was declined.'],
    [SIMULATED_CARDS.insufficientFunds, 'insufficient_funds', 'Your card has insufficient funds.'],
  ])('declines %s as %s', async (card, code, reason) => {
    expect(await driver.collect(request(card))).toEqual({ kind: 'declined', code, reason });
  });

  it('times out, and drops the reader, as errors with an unknown answer', async () => {
    await expect(driver.collect(request(SIMULATED_CARDS.timeout))).rejects.toMatchObject({ code: 'timeout' });
    await expect(driver.collect(request(SIMULATED_CARDS.readerDisconnect))).rejects.toMatchObject({ code: 'reader_disconnected' });
  });

  it('cancel() ends a collection waiting for a card', async () => {
    const slow = createSimulatedDriver({ api: null, timeoutMs: 10_000 });
    const waiting = slow.collect(request(SIMULATED_CARDS.timeout));
    await new Promise((r) => setTimeout(r, 5));
    await slow.cancel();
    expect(await waiting).toEqual({ kind: 'canceled', reason: 'Canceled at the register.' });
  });
});

describe('simulated driver through the server (Stripe test mode)', () => {
  function fakeApi(view: Partial<TerminalPaymentView>) {
    const calls: unknown[] = [];
    const api = {
      readers: async () => [],
      registerSimulatedReader: async () => ({ id: 'tmr_1', label: 'Sim', deviceType: 'simulated_wisepos_e', status: 'online', serialNumber: null, location: null }),
      process: async (paymentId: string, body: unknown) => {
        calls.push([paymentId, body]);
        return view as TerminalPaymentView;
      },
    } as unknown as TerminalApi;
    return { api, calls };
  }
  const intent = { paymentIntentId: 'pi_1' } as TerminalPaymentView;

  it('registers a simulated reader once, remembers it, and presents the chosen card through the server', async () => {
    const storage = memoryStorage();
    const { api, calls } = fakeApi({ status: 'authorized', cardBrand: 'visa', cardLast4: '4242' });
    const driver = createSimulatedDriver({ api, storage, storageKey: 'k' });
    expect(await driver.collect({ ...request(SIMULATED_CARDS.approved), intent })).toEqual({ kind: 'authorized', cardBrand: 'visa', cardLast4: '4242' });
    expect(calls).toEqual([['p1', { readerId: 'tmr_1', testCardNumber: SIMULATED_CARDS.approved }]]);
    expect(storage.map.get('k')).toBe('tmr_1');
  });

  it('maps a failed intent to a decline with the server reason', async () => {
    const { api } = fakeApi({ status: 'failed', failureCode: 'insufficient_funds', failureReason: 'Your card has insufficient funds.' });
    const driver = createSimulatedDriver({ api });
    expect(await driver.collect({ ...request(SIMULATED_CARDS.insufficientFunds), intent })).toEqual({ kind: 'declined', code: 'insufficient_funds', reason: 'Your card has insufficient funds.' });
  });

  it('reader disconnect: the approved card reaches Stripe, then the answer is lost', async () => {
    const { api, calls } = fakeApi({ status: 'authorized' });
    const driver = createSimulatedDriver({ api });
    await expect(driver.collect({ ...request(SIMULATED_CARDS.readerDisconnect), intent })).rejects.toMatchObject({ code: 'reader_disconnected' });
    expect(calls).toEqual([['p1', { readerId: 'tmr_1', testCardNumber: SIMULATED_CARDS.approved }]]);
  });
});

describe('Stripe Terminal driver', () => {
  const api = { connectionToken: async () => ({ secret: 'pst_test_1' }) } as unknown as TerminalApi;
  const intent = { clientSecret: 'pi_1_secret_x' } as TerminalPaymentView;

  function fakeSdk(overrides: Partial<Terminal> = {}) {
    const log: string[] = [];
    let props: Parameters<StripeTerminal['create']>[0] | null = null;
    const terminal: Terminal = {
      discoverReaders: async (config) => {
        log.push(`discover simulated=${String(config?.simulated)}`);
        return { discoveredReaders: [{ id: 'tmr_a', label: 'Front' }, { id: 'tmr_b', label: 'Back' }] };
      },
      connectReader: async (reader) => {
        log.push(`connect ${reader.id}`);
        return { reader };
      },
      collectPaymentMethod: async (secret) => {
        log.push(`collect ${secret}`);
        log.push(`token ${await props!.onFetchConnectionToken()}`);
        return { paymentIntent: { id: 'pi_1' } };
      },
      processPayment: async () => ({ paymentIntent: { id: 'pi_1', status: 'requires_capture', charges: { data: [{ payment_method_details: { card_present: { brand: 'visa', last4: '0077' } } }] } } }),
      cancelCollectPaymentMethod: async () => log.push('cancel'),
      disconnectReader: async () => log.push('disconnect'),
      ...overrides,
    };
    const sdk: StripeTerminal = {
      create: (p) => {
        props = p;
        return terminal;
      },
    };
    return { sdk, log, disconnect: () => props!.onUnexpectedReaderDisconnect?.() };
  }

  it('says why when the SDK cannot load (no internet here)', async () => {
    const failing = createStripeDriver({ api, deviceId: 'd1', load: () => Promise.reject(new Error('Failed to load StripeTerminal')) });
    const status = await failing.availability();
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/Stripe Terminal could not load \(Failed to load StripeTerminal\)/);
    const absent = createStripeDriver({ api, deviceId: 'd1', load: async () => null });
    expect((await absent.availability()).reason).toMatch(/cannot load here/);
    await expect(absent.connect()).rejects.toBeInstanceOf(TerminalError);
  });

  it('connects the remembered reader, fetches connection tokens from the server, and authorizes', async () => {
    const storage = memoryStorage();
    storage.setItem(readerStorageKey('d1'), 'tmr_b');
    const { sdk, log } = fakeSdk();
    const driver = createStripeDriver({ api, deviceId: 'd1', storage, load: async () => sdk });
    expect(await driver.availability()).toEqual({ available: true, reason: null });
    expect(await driver.collect({ ...request(), intent })).toEqual({ kind: 'authorized', cardBrand: 'visa', cardLast4: '0077' });
    expect(log).toEqual(['discover simulated=false', 'connect tmr_b', 'collect pi_1_secret_x', 'token pst_test_1']);
    expect(storage.map.get(readerStorageKey('d1'))).toBe('tmr_b');
  });

  it('maps a decline and a cancel, and a disconnect during collection to an unknown answer', async () => {
    const declined = fakeSdk({ processPayment: async () => ({ error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Insufficient funds' } }) });
    expect(await createStripeDriver({ api, deviceId: 'd', load: async () => declined.sdk }).collect({ ...request(), intent })).toEqual({ kind: 'declined', code: 'insufficient_funds', reason: 'Insufficient funds' });
    const canceled = fakeSdk({ collectPaymentMethod: async () => ({ error: { code: 'canceled', message: 'Canceled' } }) });
    expect((await createStripeDriver({ api, deviceId: 'd', load: async () => canceled.sdk }).collect({ ...request(), intent })).kind).toBe('canceled');
    const hanging: { disconnect?: () => void } = {};
    Object.assign(hanging, fakeSdk({ collectPaymentMethod: () => new Promise(() => hanging.disconnect!()) }));
    await expect(createStripeDriver({ api, deviceId: 'd', load: async () => (hanging as ReturnType<typeof fakeSdk>).sdk }).collect({ ...request(), intent })).rejects.toMatchObject({ code: 'reader_disconnected' });
  });
});

describe('the terminal tender', () => {
  const server = { available: true, reason: null };
  it('is disabled offline with one line, offering cash or an external card machine', () => {
    expect(terminalTenderState({ online: false, usesServer: true, server, driver: null })).toEqual({ enabled: false, reason: OFFLINE_REASON, alternatives: ['CASH', 'CARD_EXTERNAL'] });
  });
  it('shows the server reason without a Stripe key, and the SDK reason when it cannot load', () => {
    expect(terminalTenderState({ online: true, usesServer: true, server: { available: false, reason: 'no key' }, driver: null }).reason).toBe('no key');
    expect(terminalTenderState({ online: true, usesServer: true, server, driver: { available: false, reason: 'sdk' } }).reason).toBe('sdk');
  });
  it('works with the local simulated reader offline (demo)', () => {
    expect(terminalTenderState({ online: false, usesServer: false, server: null, driver: { available: true, reason: null } }).reason).toBe(OFFLINE_REASON);
    expect(terminalTenderState({ online: true, usesServer: false, server: null, driver: { available: true, reason: null } }).enabled).toBe(true);
  });
});

describe('payment attempts (shared/lifecycle)', () => {
  const doc = (id: string, status: 'pending' | 'authorized' | 'succeeded' | 'failed' | 'canceled' | 'voided', attemptOf: string | null = null) => ({ id, status, attemptOf });
  it('derives the status from the pending document and its outcomes, whatever order they arrive in', () => {
    expect(settledStatus([doc('p', 'pending')])).toBe('pending');
    expect(settledStatus([doc(outcomeId('p', 'succeeded'), 'succeeded', 'p'), doc('p', 'pending')])).toBe('succeeded');
    expect(settledStatus([doc('p', 'pending'), doc('x', 'authorized', 'p'), doc('y', 'canceled', 'p')])).toBe('canceled');
    const [settled] = settleAttempts([doc('o', 'failed', 'p')]);
    expect(settled).toMatchObject({ paymentId: 'p', status: 'failed' });
  });
  it('gives each outcome one id per payment and status', () => {
    expect(outcomeId('p', 'succeeded')).toBe(outcomeId('p', 'succeeded'));
    expect(outcomeId('p', 'succeeded')).not.toBe(outcomeId('p', 'failed'));
    expect(outcomeId('p', 'succeeded')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
