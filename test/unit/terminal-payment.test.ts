import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { outcomeId, settleAttempts } from '../../shared/lifecycle/index';
import type { PaymentDoc } from '../../shared/schemas/index';
import { openRegisterDatabase, type RegisterDatabase } from '../../renderer/src/db/database';
import { SyncHttpError } from '../../renderer/src/sync/http';
import {
  createSimulatedDriver, reconcileTerminalPayments, SIMULATED_CARDS, SIMULATED_LABEL, takeTerminalPayment, type TerminalApi, type TerminalDriver, type TerminalSaleInput,
} from '../../renderer/src/terminal/index';

describe('the terminal payment flow on the register (local simulated reader)', () => {
  let db: RegisterDatabase;
  beforeEach(async () => {
    db = await openRegisterDatabase({ name: `t${newId().replace(/-/g, '')}`, storage: getRxStorageMemory(), collections: ['payments'] });
  });
  afterEach(() => db.remove());

  const input = (card: string): TerminalSaleInput => ({
    paymentId: newId(), orderId: newId(), tenantId: 't1', locationId: 'l1', deviceId: 'd1', cashierId: null, currency: 'USD',
    amount: 1200, tip: 300, businessDate: '2026-11-21', testCardNumber: card,
  });
  const all = async () => (await db.payments.find().exec()).map((d) => d.toMutableJSON() as PaymentDoc);

  it('records the pending payment before the reader is asked, then the outcome as a new document', async () => {
    let seenAtCollect: PaymentDoc[] = [];
    const inner = createSimulatedDriver({ api: null });
    const spy: TerminalDriver = { ...inner, collect: async (r) => ((seenAtCollect = await all()), inner.collect(r)) };
    const sale = input(SIMULATED_CARDS.approved);
    const result = await takeTerminalPayment({ db, driver: spy, api: null }, sale);
    expect(seenAtCollect.map((d) => [d.id, d.status])).toEqual([[sale.paymentId, 'pending']]);
    expect(result.status).toBe('succeeded');
    const docs = await all();
    expect(docs).toHaveLength(2);
    expect(docs.find((d) => d.id === outcomeId(sale.paymentId, 'succeeded'))).toMatchObject({ attemptOf: sale.paymentId, status: 'succeeded', amount: 1200, tip: 300, cardLast4: '4242', label: SIMULATED_LABEL });
    // The pending document is never edited.
    expect(docs.find((d) => d.id === sale.paymentId)).toMatchObject({ status: 'pending', attemptOf: null });
    expect(await db.sync_outbox.count().exec()).toBe(2);
  });

  it.each([
    [SIMULATED_CARDS.declined, 'failed', 'Your card was declined.'],
    [SIMULATED_CARDS.insufficientFunds, 'failed', 'Your card has insufficient funds.'],
    [SIMULATED_CARDS.timeout, 'canceled', 'The reader timed out waiting for a card.'],
  ])('card %s ends %s with the reason', async (card, status, reason) => {
    const sale = input(card);
    const result = await takeTerminalPayment({ db, driver: createSimulatedDriver({ api: null, timeoutMs: 5 }), api: null }, sale);
    expect(result).toMatchObject({ status, reason });
    expect(settleAttempts(await all())[0]).toMatchObject({ paymentId: sale.paymentId, status });
  });

  it('a server without Stripe (503) or refusing (409) fails the payment with its reason; a 502 leaves it pending', async () => {
    const refusing = (status: number) => ({ createPayment: () => Promise.reject(new SyncHttpError(status, `refused ${status}`)) }) as unknown as TerminalApi;
    const viaServer: TerminalDriver = { ...createSimulatedDriver({ api: null }), usesServer: true };
    expect(await takeTerminalPayment({ db, driver: viaServer, api: refusing(503) }, input(SIMULATED_CARDS.approved))).toMatchObject({ status: 'failed', reason: 'refused 503' });
    expect(await takeTerminalPayment({ db, driver: viaServer, api: refusing(409) }, input(SIMULATED_CARDS.approved))).toMatchObject({ status: 'failed', reason: 'refused 409' });
    const unknown = await takeTerminalPayment({ db, driver: viaServer, api: refusing(502) }, input(SIMULATED_CARDS.approved));
    expect(unknown.status).toBe('pending');
    expect(unknown.reason).toMatch(/checked when the connection is back/);
  });

  it('a reader disconnect leaves it pending; reconciliation after a restart cancels the local simulation', async () => {
    const sale = input(SIMULATED_CARDS.readerDisconnect);
    expect((await takeTerminalPayment({ db, driver: createSimulatedDriver({ api: null }), api: null }, sale)).status).toBe('pending');
    const report = await reconcileTerminalPayments({ db, api: null, deviceId: 'd1' });
    expect(report).toEqual({ settled: [{ paymentId: sale.paymentId, status: 'canceled' }], unresolved: [] });
    expect(await reconcileTerminalPayments({ db, api: null, deviceId: 'd1' })).toEqual({ settled: [], unresolved: [] });
  });
});
