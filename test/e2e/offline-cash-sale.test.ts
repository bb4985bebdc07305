import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import { launchChromium } from '../support/browser';
import { deviceClient } from '../support/documents';
import { RENDERER_DIR } from '../support/e2e-setup';
import { startTestServer, type TestServer } from '../support/test-server';

describe('register in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer('pglite', { rendererDir: RENDERER_DIR, demo: true });
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function sell(item: string, cash: string | null) {
    await page.getByRole('button', { name: new RegExp(item) }).click();
    if (cash !== null) await page.getByLabel('Cash received').fill(cash);
    await page.getByRole('button', { name: 'Pay cash' }).click();
    await page.getByRole('region', { name: 'Sale complete' }).waitFor();
    const change = await page.getByTestId('change-due').textContent();
    await page.getByRole('button', { name: 'New sale' }).click();
    return change;
  }

  it('pairs, takes two cash sales offline, keeps them across an offline reload, and syncs them when back online', async () => {
    await page.goto(`${server.url}/`);
    const code = page.getByLabel('Pairing code');
    await expect.poll(() => code.inputValue()).toMatch(/^\d{4}-\d{4}$/);
    await page.getByRole('button', { name: 'Pair register' }).click();
    await page.getByRole('button', { name: /Women's haircut/ }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });

    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();
    // $65.00 + 8.875% tax = $70.77; $40.00 + 8.875% = $43.55
    expect(await sell("Women's haircut", '100')).toBe('$29.23');
    expect(await sell("Men's haircut", null)).toBe('$0.00');
    await expect.poll(() => page.getByTestId('sync-waiting').textContent()).toBe('4 waiting to send');

    await page.reload();
    await page.getByTestId('today-sales').waitFor();
    expect(await page.getByTestId('today-sales').locator('li').count()).toBe(2);
    expect(await page.getByTestId('today-total').textContent()).toBe('$114.32');

    await context.setOffline(false);
    const pairing = await page.evaluate(() => JSON.parse(localStorage.getItem('pos.pairing')!).state.pairing);
    const api = deviceClient(server.url, pairing);
    await expect
      .poll(async () => (await api.pull('orders', null)).body.documents.length, { timeout: 15_000, interval: 250 })
      .toBe(2);
    const orders: OrderDoc[] = (await api.pull('orders', null)).body.documents;
    const payments: PaymentDoc[] = (await api.pull('payments', null)).body.documents;
    expect(orders.map((o) => o.total).sort()).toEqual([4355, 7077]);
    expect(payments.map((p) => [p.tender, p.amount, p.tendered, p.change]).sort()).toEqual([
      ['CASH', 4355, 4355, 0],
      ['CASH', 7077, 10000, 2923],
    ]);
    expect(new Set(payments.map((p) => p.orderId))).toEqual(new Set(orders.map((o) => o.id)));
    await expect.poll(() => page.getByTestId('sync-waiting').textContent(), { timeout: 15_000 }).toBe('all sales sent');
  });
});
