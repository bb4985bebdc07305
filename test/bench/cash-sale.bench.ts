/**
 * Cash sale, Pay pressed → sale durable in IndexedDB, in Chromium (started with the register's
 * Electron switches) against the served register: 200 sales rung up through the UI (item,
 * Charge, F8 exact cash), each timed by the register's own performance measure from Pay to the
 * moment its order and payment are committed. The raw operation is measured in the same page
 * at the same pace: after each sale, one IndexedDB transaction writing a sale's order and
 * payment documents as the server received them. Reported as medians and their ratio (DESIGN budget: within 2x), with the
 * raw transaction in a tight loop for reference (a warm, unpaced floor no register sees).
 */
import type { Page } from 'playwright-core';
import type { OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import { launchChromium } from '../support/browser';
import { deviceClient } from '../support/documents';
import { RENDERER_DIR } from '../support/e2e-setup';
import { startTestServer } from '../support/test-server';
import { median } from './median';

const SALES = 200;

interface SaleDocs {
  order: unknown;
  payment: unknown;
}

let rung = 0;

/** One sale through the UI; the next starts once this one is filed and sent (sales come seconds apart at a desk). */
async function ringUp(page: Page): Promise<void> {
  rung += 1;
  await page.getByRole('button', { name: /Men's haircut/ }).click();
  await page.getByLabel("Staff for Men's haircut").selectOption({ label: 'Sam Chen' }); // a service is charged with its stylist
  await page.getByRole('button', { name: /^Charge / }).click();
  // Pay is pressed on the payment screen once it has settled, as a person would.
  await page.getByRole('form', { name: 'Payment' }).waitFor();
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  await page.keyboard.press('F8');
  await page.getByRole('region', { name: 'Sale complete' }).waitFor();
  await page.keyboard.press('F9');
  await page.getByRole('form', { name: 'Current sale' }).waitFor();
  await page.waitForFunction(
    (count) =>
      document.querySelectorAll('[data-testid="today-sales"] li').length >= count &&
      document.querySelector('[data-testid="sync-waiting"]')?.textContent === 'all sales sent',
    rung,
  );
}

/** A raw IndexedDB database in the register's page, kept open as the register keeps its own: two object stores. */
async function openRawDatabase(page: Page): Promise<void> {
  await page.evaluate(async () => {
    (window as unknown as { rawBench: IDBDatabase }).rawBench = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('raw-bench', 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('orders', { keyPath: 'id' });
        request.result.createObjectStore('payments', { keyPath: 'id' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  });
}

/** The same order and payment documents, written raw: one transaction per sale, each timed. */
async function rawWrites(page: Page, docs: SaleDocs, times: number): Promise<number[]> {
  return page.evaluate(async ({ order, payment, times }) => {
    const db = (window as unknown as { rawBench: IDBDatabase }).rawBench;
    const durations: number[] = [];
    for (let i = 0; i < times; i++) {
      const id = crypto.randomUUID();
      const start = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['orders', 'payments'], 'readwrite');
        tx.objectStore('orders').put({ ...(order as object), id });
        tx.objectStore('payments').put({ ...(payment as object), id, orderId: id });
        tx.commit();
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      durations.push(performance.now() - start);
    }
    return durations;
  }, { ...docs, times });
}

/** The order and payment of the register's latest sale, as the server received them. */
async function latestSale(api: ReturnType<typeof deviceClient>): Promise<SaleDocs> {
  for (let tries = 0; tries < 120; tries++) {
    const orders: OrderDoc[] = (await api.pull('orders', null, 1000)).body.documents;
    const payments: PaymentDoc[] = (await api.pull('payments', null, 1000)).body.documents;
    const order = orders.at(-1);
    const payment = order && payments.find((p) => p.orderId === order.id);
    if (order && payment) return { order, payment };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('The register\'s sale never reached the server.');
}

export default async function bench(): Promise<void> {
  const server = await startTestServer('pglite', { rendererDir: RENDERER_DIR, demo: true });
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Pair register' }).click();
    await page.getByRole('button', { name: /Jordan Lee/ }).click();
    await page.getByLabel('PIN for Jordan Lee').fill('3333');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /Men's haircut/ }).waitFor();
    for (let i = 0; i < 10; i++) await ringUp(page); // warm up
    const pairing = await page.evaluate(() => JSON.parse(localStorage.getItem('pos.pairing')!).state.pairing);
    const docs = await latestSale(deviceClient(server.url, pairing));
    await openRawDatabase(page);
    await page.evaluate(() => performance.clearMeasures('pos:pay-to-durable'));
    const paced: number[] = [];
    for (let i = 0; i < SALES; i++) {
      await ringUp(page);
      paced.push(...(await rawWrites(page, docs, 1)));
    }
    const register: number[] = await page.evaluate(() => performance.getEntriesByName('pos:pay-to-durable').map((e) => e.duration));
    if (register.length !== SALES) throw new Error(`expected ${SALES} timed sales, got ${register.length}`);
    const tight = await rawWrites(page, docs, SALES);
    const r = median(register);
    const w = median(paced);
    console.log(`register: ${SALES} cash sales, Pay → durable in IndexedDB: median ${r.toFixed(2)} ms`);
    console.log(`raw: one IndexedDB transaction writing the same order and payment, after each sale: median ${w.toFixed(2)} ms`);
    console.log(`ratio: ${(r / w).toFixed(2)}x (budget: within 2x)`);
    console.log(`(raw in a tight loop, warm and unpaced: median ${median(tight).toFixed(2)} ms, ratio ${(r / median(tight)).toFixed(2)}x)`);
  } finally {
    await browser.close();
    await server.close();
  }
}
