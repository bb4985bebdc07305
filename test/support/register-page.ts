import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Pairing } from '../../renderer/src/pairing/pairing-store';
import { launchChromium } from './browser';
import { RENDERER_DIR } from './e2e-setup';
import type { AppOptions } from '../../sync-server/app';
import { startTestServer, type TestServer } from './test-server';

export interface RegisterPage {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/**
 * For an e2e suite: the sync server with the demo salon serving the built register, and one
 * Chromium page. The returned object is filled in beforeAll; `app` adds server options (read
 * when the server starts, after the suite's earlier beforeAll hooks).
 */
export function useRegisterPage(app: () => Partial<AppOptions> = () => ({})): RegisterPage {
  const it = {} as RegisterPage;
  beforeAll(async () => {
    it.server = await startTestServer('pglite', { rendererDir: RENDERER_DIR, demo: true, app: app() });
    it.browser = await launchChromium();
    it.context = await it.browser.newContext();
    await pinBrowserClock(it.context, it.server);
    it.page = await it.context.newPage();
  });
  afterAll(async () => {
    await it.browser?.close();
    await it.server?.close();
  });
  return it;
}

/**
 * The register's clock (renderer/src/clock.ts) set to the server's pinned one: both start on
 * TEST_NOW's day, whatever the machine's date, and run on from there.
 */
export async function pinBrowserClock(context: BrowserContext, server: TestServer): Promise<void> {
  await context.clock.setSystemTime(server.now());
}

/** Pairs the page's register with the demo salon and waits until the app shell works offline. */
export async function pairRegister({ page, server }: RegisterPage): Promise<Pairing> {
  await page.goto(`${server.url}/`);
  const code = page.getByLabel('Pairing code');
  await expect.poll(() => code.inputValue()).toMatch(/^\d{4}-\d{4}$/);
  await page.getByRole('button', { name: 'Pair register' }).click();
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  return page.evaluate(() => JSON.parse(localStorage.getItem('pos.pairing')!).state.pairing as Pairing);
}

/** Signs in on the lock screen: the person's tile, then their PIN and Enter. */
export async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.getByLabel(`PIN for ${name}`).fill(pin);
  await page.keyboard.press('Enter');
}

/** A manager's Unpair: the register's refusal, read from the screen. */
export async function unpairRefused(page: Page): Promise<string | null> {
  await page.getByRole('button', { name: 'Unpair', exact: true }).click();
  const refused = page.getByTestId('unpair-refused');
  await refused.waitFor();
  return refused.textContent();
}

/** A manager's Unpair, confirmed, back to the pairing screen. */
export async function unpair(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Unpair', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, unpair this register' }).click();
  await page.getByRole('heading', { name: 'Pair this register' }).waitFor();
}

/**
 * The demo's split-tender cart: a women's haircut by Sam Chen, a blowout by Alex Rivera, and an
 * Argan shampoo scanned with the barcode reader (typed anywhere on the screen, then Enter).
 */
export async function addHaircutBlowoutAndShampoo(page: Page): Promise<void> {
  await addToSale(page, "Women's haircut", 'Sam Chen');
  await addToSale(page, 'Blowout', 'Alex Rivera');
  await scanBarcode(page, '0850001234567');
  await page.getByRole('listitem', { name: 'Argan shampoo' }).waitFor();
}

/**
 * A keyboard-wedge scanner's burst: the code's keys and Enter, microseconds apart, outside any
 * field. Sent from inside the page, so a busy machine cannot stretch the gaps past what the
 * register takes for a person typing.
 */
export async function scanBarcode(page: Page, code: string): Promise<void> {
  await page.evaluate((keys) => {
    for (const key of keys) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }, [...code, 'Enter']);
}

/**
 * Gives a discount ("10%" or "5.00") on one line, or on the whole order when `line` is null, with
 * Apply (or Enter), and approves it with a manager's PIN when `managerPin` is given (the demo's
 * only manager is then chosen).
 */
export async function giveDiscount(page: Page, line: string | null, text: string, { managerPin, enter = false }: { managerPin?: string; enter?: boolean } = {}): Promise<void> {
  const scope = line === null ? page.getByRole('form', { name: 'Current sale' }) : page.getByRole('listitem', { name: line });
  await scope.getByRole('button', { name: line === null ? /^Order discount$|^Order: / : /^Discount$|% off$| off$/ }).click();
  await page.getByLabel('Discount').fill(text);
  if (enter) await page.getByLabel('Discount').press('Enter');
  else await page.getByRole('button', { name: 'Apply' }).click();
  if (managerPin !== undefined) {
    const dialog = page.getByRole('dialog', { name: 'Manager approval' });
    await dialog.waitFor();
    await dialog.getByLabel(/^PIN for /).fill(managerPin);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
  }
  await page.getByLabel('Discount').waitFor({ state: 'detached' });
}

/**
 * Adds a catalog item to the sale by its tile; a service is given its stylist (by default Sam
 * Chen; "House (no stylist)" on purpose), since a service is never charged without one.
 */
export async function addToSale(page: Page, item: string, stylist = 'Sam Chen'): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${item}`) }).click();
  await page.getByRole('listitem', { name: item }).last().waitFor();
  const staff = page.getByLabel(`Staff for ${item}`);
  if (await staff.count()) await staff.last().selectOption({ label: stylist });
}

/** Voids the sale open in History with a reason and the demo manager's PIN, and waits for "Voided". */
export async function voidOpenSale(page: Page, number: string, reason: string, managerPin = '111111'): Promise<void> {
  await page.getByRole('button', { name: 'Void…' }).click();
  const dialog = page.getByRole('dialog', { name: `Void sale ${number}` });
  await dialog.getByLabel('Void reason').fill(reason);
  await dialog.getByRole('button', { name: 'Void sale' }).click();
  await dialog.getByLabel('PIN for Alex Rivera').fill(managerPin);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Voided');
}
