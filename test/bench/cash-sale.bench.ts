/**
 * Cash sale, Pay pressed → sale durable in IndexedDB, in Chromium against the served register:
 * 200 sales rung up through the UI (item, Charge, F8 exact cash), each timed by the register's
 * own performance measure from Pay to the moment its order and payment are committed. Beside
 * it, the raw operation in the same page: one IndexedDB transaction writing the same two
 * documents. Reported as medians and their ratio (DESIGN budget: within 2x).
 */
import type { Page } from 'playwright-core';
import type { OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import { launchChromium } from '../support/browser';
import { deviceClient } from '../support/documents';
import { RENDERER_DIR } from '../support/e2e-setup';
import { startTestServer } from '../support/test-server';

const SALES = 200;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

let rung = 0;

/** One sale through the UI; the next starts once this one is filed and sent (sales come seconds apart at a desk). */
async function ringUp(page: Page): Promise<void> {
  rung += 1;
  await page.getByRole('button', { name: /Men's haircut/ }).click();
  await page.getByRole('button', { name: /^Charge / }).click();
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

/** The same order and payment documents, written raw: one transaction, two object stores. */
async function rawWrites(page: Page, docs: { order: unknown; payment: unknown }[], gapMs: number): Promise<number[]> {
  return page.evaluate(async ({ docs, gapMs }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(`raw-bench-${Date.now()}`, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('orders', { keyPath: 'id' });
        request.result.createObjectStore('payments', { keyPath: 'id' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const times: number[] = [];
    for (const { order, payment } of docs) {
      if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
      const id = crypto.randomUUID();
      const start = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['orders', 'payments'], 'readwrite');
        tx.objectStore('orders').put({ ...(order as object), id });
        tx.objectStore('payments').put({ ...(payment as object), id, orderId: id });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      times.push(performance.now() - start);
    }
    db.close();
    return times;
  }, { docs, gapMs });
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
    await page.evaluate(() => performance.clearMeasures('pos:pay-to-durable'));
    for (let i = 0; i < SALES; i++) await ringUp(page);
    const register: number[] = await page.evaluate(() => performance.getEntriesByName('pos:pay-to-durable').map((e) => e.duration));
    if (register.length !== SALES) throw new Error(`expected ${SALES} timed sales, got ${register.length}`);

    // The documents the register wrote, as the server received them, written again raw.
    const pairing = await page.evaluate(() => JSON.parse(localStorage.getItem('pos.pairing')!).state.pairing);
    const api = deviceClient(server.url, pairing);
    let orders: OrderDoc[] = [];
    let payments: PaymentDoc[] = [];
    for (let tries = 0; tries < 120 && payments.length < SALES; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      orders = (await api.pull('orders', null, 1000)).body.documents;
      payments = (await api.pull('payments', null, 1000)).body.documents;
    }
    const byOrder = new Map(payments.map((p) => [p.orderId, p]));
    const docs = orders.filter((o) => byOrder.has(o.id)).slice(-SALES).map((order) => ({ order, payment: byOrder.get(order.id)! }));
    const raw = await rawWrites(page, docs, 0);
    const spaced = await rawWrites(page, docs, 150);
    const r = median(register);
    const w = median(raw);
    console.log(`register: ${SALES} cash sales, Pay → durable in IndexedDB: median ${r.toFixed(2)} ms`);
    console.log(`raw: one IndexedDB transaction writing the same order and payment: median ${w.toFixed(2)} ms`);
    console.log(`ratio: ${(r / w).toFixed(2)}x (budget: within 2x)`);
    console.log(`(raw again with 150 ms between writes, as sales come: median ${median(spaced).toFixed(2)} ms, ratio ${(r / median(spaced)).toFixed(2)}x)`);
  } finally {
    await browser.close();
    await server.close();
  }
}
