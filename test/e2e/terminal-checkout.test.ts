import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectivePayments, orderStatus } from '../../shared/lifecycle/index';
import type { OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import type { Pairing } from '../../renderer/src/pairing/pairing-store';
import { SIMULATED_CARDS } from '../../renderer/src/terminal/simulated-driver';
import { OFFLINE_REASON } from '../../renderer/src/terminal/tender-state';
import { launchChromium } from '../support/browser';
import { deviceClient } from '../support/documents';
import { RENDERER_DIR } from '../support/e2e-setup';
import { startFakeStripe, type FakeStripe } from '../support/fake-stripe';
import { addToSale, pairRegister, pinBrowserClock, signIn, useRegisterPage, type RegisterPage } from '../support/register-page';
import { WEBHOOK_SECRET } from '../support/stripe-server';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The CARD_TERMINAL tender through the checkout, in Chromium: the demo business uses the
 * simulated reader, and the sync server has a Stripe test key pointed at the fake Stripe, so
 * the simulated reader goes through Stripe's server-driven Terminal API and the fake sees (and
 * counts) every PaymentIntent confirmation and capture.
 */
describe('card terminal tender in the browser (simulated reader, fake Stripe)', () => {
  let fake: FakeStripe;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pairing: Pairing | undefined;

  beforeAll(async () => {
    fake = await startFakeStripe();
    server = await startTestServer('pglite', {
      rendererDir: RENDERER_DIR,
      demo: true,
      stripe: { secretKey: 'sk_test_fake', webhookSecret: WEBHOOK_SECRET, apiBase: fake.url, timeoutMs: 5000, maxNetworkRetries: 2 },
    });
    browser = await launchChromium();
    context = await browser.newContext();
    await pinBrowserClock(context, server);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  const tenderButton = (name: string) => page.getByRole('group', { name: 'Tender' }).getByRole('button', { name, exact: true });

  /** A new sale of one Blowout (no tip), on the payment screen; resolves with its total as shown. */
  async function ringUpBlowout(): Promise<string> {
    if (!pairing) {
      // Pairing polls with expect, which lives in tests: the first test pairs the register.
      pairing = await pairRegister({ page, server } as RegisterPage);
      await signIn(page, 'Jordan Lee', '3333');
      await page.getByTestId('signed-in').waitFor();
    }
    const next = page.getByRole('button', { name: /^New sale/ });
    if (await next.count()) await next.click();
    await addToSale(page, 'Blowout');
    await page.getByRole('button', { name: /^Charge / }).click();
    return (await page.getByTestId('pay-total').textContent())!;
  }

  async function payOnTerminal(card: string): Promise<void> {
    await tenderButton('Card terminal').click();
    await page.getByLabel('Test card').selectOption(card);
    await page.getByRole('button', { name: /^Pay .* · Card terminal$/ }).click();
  }


  const intentsFor = (orderId: string) => [...fake.paymentIntents.values()].filter((pi) => pi.metadata.orderId === orderId);
  const chargesFor = (orderId: string) => fake.capturedCharges().filter((c) => fake.paymentIntents.get(c.payment_intent)!.metadata.orderId === orderId);
  /** A sale whose card the reader authorized at Stripe before dropping: the register shows it unconfirmed. */
  async function readerDropsAfterApproval() {
    await ringUpBlowout();
    await payOnTerminal(SIMULATED_CARDS.readerDisconnect);
    await page.getByRole('button', { name: 'Check payment' }).waitFor({ timeout: 30_000 });
    const [intent] = [...fake.paymentIntents.values()].filter((pi) => pi.status === 'requires_capture');
    return { intent: intent!, orderId: intent!.metadata.orderId as string };
  }

  /** Requests to the fake that took effect (replays of an Idempotency-Key excluded). */
  const effective = (method: string, path: RegExp) => fake.sent(method, path).filter((r) => r.status === 200 && !r.replayed);
  const capturesOf = (pi: string) => effective('POST', new RegExp(`^/v1/payment_intents/${pi}/capture$`));
  const confirmsOf = (pi: string) => effective('POST', /^\/v1\/terminal\/readers\/[^/]+\/process_payment_intent$/).filter((r) => r.params.payment_intent === pi);

  /** The newest order on the server, once it and its payments have synced (numbers are per register, in order). */
  async function syncedSale(count: number): Promise<{ order: OrderDoc; payments: PaymentDoc[] }> {
    const api = deviceClient(server.url, pairing!);
    let orders: OrderDoc[] = [];
    await expect.poll(async () => (orders = (await api.pull('orders', null)).body.documents as OrderDoc[]).length, { timeout: 20_000 }).toBe(count);
    const order = orders.sort((a, b) => a.number.localeCompare(b.number)).at(-1)!;
    let payments: PaymentDoc[] = [];
    await expect
      .poll(async () => {
        payments = ((await api.pull('payments', null)).body.documents as PaymentDoc[]).filter((p) => p.orderId === order.id);
        return orderStatus({ total: order.total + order.tipTotal, voided: false, payments: effectivePayments(payments), refunds: [] });
      }, { timeout: 20_000 })
      .toBe('paid');
    return { order, payments };
  }

  it('approve: the card is charged once and the sale completes', async () => {
    const total = await ringUpBlowout();
    await payOnTerminal(SIMULATED_CARDS.approved);
    await page.getByRole('region', { name: 'Sale complete' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('receipt').getByTestId('receipt-tender').allTextContents()).toEqual([expect.stringContaining('Card terminal')]);

    const { order, payments } = await syncedSale(1);
    // One payment: the pending document and its succeeded outcome; the outcome carries the intent.
    expect(payments.map((p) => [p.tender, p.mode, p.status]).sort()).toEqual([
      ['CARD_TERMINAL', 'ONLINE', 'pending'],
      ['CARD_TERMINAL', 'ONLINE', 'succeeded'],
    ]);
    const [paid] = effectivePayments(payments);
    expect(paid!.amount + paid!.tip).toBe(order.total + order.tipTotal);
    expect(total).toContain((order.total / 100).toFixed(2));
    const intents = intentsFor(order.id);
    expect(intents).toHaveLength(1);
    expect(paid!.processorRef).toBe(intents[0]!.id);
    expect(chargesFor(order.id).map((c) => c.amount_captured)).toEqual([order.total + order.tipTotal]);
    expect(confirmsOf(intents[0]!.id)).toHaveLength(1);
    expect(capturesOf(intents[0]!.id)).toHaveLength(1);
  });

  it('decline, then the rest in cash: the order is paid and the card is never charged', async () => {
    await ringUpBlowout();
    await payOnTerminal(SIMULATED_CARDS.declined);
    await expect.poll(() => page.getByTestId('terminal-problem').textContent(), { timeout: 30_000 }).toContain('Your card was declined.');
    // Cash is offered (and chosen) at once; nothing was taken, so the whole balance is due.
    expect(await tenderButton('Cash').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('balance-due').textContent()).toBe(await page.getByTestId('pay-total').textContent());
    await page.getByRole('group', { name: 'Quick cash' }).getByRole('button', { name: /^Exact / }).click();
    await page.getByRole('region', { name: 'Sale complete' }).waitFor();

    const { order, payments } = await syncedSale(2);
    const settled = effectivePayments(payments).map((p) => [p.tender, p.status, p.amount + p.tip]);
    expect(settled.sort()).toEqual([
      ['CARD_TERMINAL', 'failed', order.total],
      ['CASH', 'succeeded', order.total],
    ].sort());
    const intents = intentsFor(order.id);
    expect(intents.map((pi) => pi.status)).toEqual(['canceled']);
    expect(chargesFor(order.id)).toHaveLength(0);
    expect(capturesOf(intents[0]!.id)).toHaveLength(0);
  });

  it('reader disconnect mid-payment, restart, reconcile: exactly one charge', async () => {
    await ringUpBlowout();
    await payOnTerminal(SIMULATED_CARDS.readerDisconnect);
    await expect.poll(() => page.getByTestId('terminal-problem').textContent(), { timeout: 30_000 }).toContain('The reader disconnected during the payment.');
    await page.getByRole('button', { name: 'Check payment' }).waitFor();
    // Authorized at Stripe, not captured: no money yet, and no second card is taken for the sale.
    const [intent] = [...fake.paymentIntents.values()].filter((pi) => !['succeeded', 'canceled'].includes(pi.status as string));
    expect(intent!.status).toBe('requires_capture');
    const orderId = intent!.metadata.orderId as string;
    expect(chargesFor(orderId)).toHaveLength(0);
    expect(await page.getByRole('button', { name: /^Pay .* · Card terminal$/ }).isDisabled()).toBe(true);

    // Restart the register with the sale on screen: reconciliation captures the approved card once.
    await page.reload();
    await signIn(page, 'Jordan Lee', '3333');
    await page.getByRole('region', { name: 'Sale complete' }).waitFor({ timeout: 30_000 });
    const { order, payments } = await syncedSale(3);
    expect(order.id).toBe(orderId);
    expect(effectivePayments(payments).map((p) => [p.tender, p.status, p.amount + p.tip])).toEqual([['CARD_TERMINAL', 'succeeded', order.total]]);
    expect(intentsFor(orderId)).toHaveLength(1);
    expect(confirmsOf(intent!.id as string)).toHaveLength(1);
    expect(capturesOf(intent!.id as string)).toHaveLength(1);
    expect(chargesFor(orderId).map((c) => c.amount_captured)).toEqual([order.total]);

    // Another restart changes nothing at Stripe.
    const requests = fake.requests.length;
    await page.reload();
    await signIn(page, 'Jordan Lee', '3333');
    await page.getByTestId('signed-in').waitFor();
    expect(fake.requests.slice(requests).filter((r) => r.method === 'POST')).toEqual([]);
    expect(chargesFor(orderId)).toHaveLength(1);
  });

  it('reader disconnect, then "Check payment": the approved card is captured once and the sale completes', async () => {
    const { intent, orderId } = await readerDropsAfterApproval();
    await page.getByRole('button', { name: 'Check payment' }).click();
    await page.getByRole('region', { name: 'Sale complete' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('receipt').getByTestId('receipt-tender').allTextContents()).toEqual([expect.stringContaining('Card terminal')]);
    expect(capturesOf(intent.id as string)).toHaveLength(1);
    expect(chargesFor(orderId)).toHaveLength(1);
  });

  it('abandoned sale: clearing it with the card authorized but unconfirmed releases the authorization, nothing is charged', async () => {
    const { intent, orderId } = await readerDropsAfterApproval();
    // F9 clears a sale no tender has paid (after a confirm): the sale is abandoned.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.keyboard.press('F9');
    await expect.poll(() => intent.status, { timeout: 15_000 }).toBe('canceled');
    expect(chargesFor(orderId)).toHaveLength(0);
    expect(capturesOf(intent.id as string)).toHaveLength(0);
    expect(effective('POST', new RegExp(`^/v1/payment_intents/${intent.id as string}/cancel$`))).toHaveLength(1);
    // The register recorded it as canceled, and the next sale's card tender is free.
    await addToSale(page, 'Blowout');
    await page.getByRole('button', { name: /^Charge / }).click();
    expect(await tenderButton('Card terminal').isDisabled()).toBe(false);
    // Leave a clear register for the next test.
    await page.getByRole('button', { name: /^Back to the sale/ }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.keyboard.press('F9');
    await expect.poll(() => page.locator('.lines > li').count()).toBe(0);
  });

  it('offline: the terminal tender is disabled with its one-line reason, cash and the card machine stay', async () => {
    await context.setOffline(true);
    try {
      await page.getByText('Offline', { exact: true }).waitFor();
      await ringUpBlowout();
      expect(await tenderButton('Card terminal').isDisabled()).toBe(true);
      expect(await page.getByTestId('terminal-reason').textContent()).toBe(OFFLINE_REASON);
      expect(await tenderButton('Cash').isDisabled()).toBe(false);
      expect(await tenderButton('Card (machine)').isDisabled()).toBe(false);
    } finally {
      await context.setOffline(false);
    }
  });
});

describe('card terminal tender in the demo without a Stripe key (local simulated reader)', () => {
  const register = useRegisterPage();

  it('follows the connection as a real reader does: offline at once disabled with its reason written on screen; online it takes a simulated card, recorded as the simulated reader; nothing reaches Stripe', async () => {
    const { page, context, server } = register;
    const pairing = await pairRegister(register);
    await signIn(page, 'Jordan Lee', '3333');
    await addToSale(page, 'Blowout');
    await page.getByRole('button', { name: /^Charge / }).click();
    const tender = page.getByRole('group', { name: 'Tender' }).getByRole('button', { name: 'Card terminal', exact: true });
    await expect.poll(() => tender.isDisabled()).toBe(false);
    expect(await page.getByTestId('terminal-reason').count()).toBe(0);
    await tender.click();
    await page.getByLabel('Test card').waitFor();

    // Offline: the moment the register says so, the tender is off, its reason on screen, and the sale goes on in cash.
    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();
    expect(await tender.isDisabled()).toBe(true);
    expect(await page.getByTestId('terminal-reason').textContent()).toBe(OFFLINE_REASON);
    expect(await page.getByTestId('terminal-reason').isVisible()).toBe(true);
    expect(await tender.getAttribute('title')).toBeNull();
    expect(await page.getByRole('button', { name: /^Pay / }).textContent()).toMatch(/ · Cash$/);

    await context.setOffline(false);
    await page.getByText('Online', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await tender.isDisabled()).toBe(false);
    expect(await page.getByTestId('terminal-reason').count()).toBe(0);
    await tender.click();
    await page.getByLabel('Test card').selectOption(SIMULATED_CARDS.approved);
    await page.getByRole('button', { name: /^Pay .* · Card terminal$/ }).click();
    await page.getByRole('region', { name: 'Sale complete' }).waitFor({ timeout: 30_000 });

    const api = deviceClient(server.url, pairing);
    let payments: PaymentDoc[] = [];
    await expect.poll(async () => (payments = (await api.pull('payments', null)).body.documents as PaymentDoc[]).length, { timeout: 20_000 }).toBe(2);
    expect(payments.map((p) => [p.tender, p.status, p.label, p.processorRef ?? null]).sort()).toEqual([
      ['CARD_TERMINAL', 'pending', 'Simulated reader', null],
      ['CARD_TERMINAL', 'succeeded', 'Simulated reader', null],
    ]);
  });
});
