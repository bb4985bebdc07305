import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RENDERER_DIR } from '../support/e2e-setup';
import { addHaircutBlowoutAndShampoo, pairRegister, signIn, useRegisterPage } from '../support/register-page';

const SHOTS = 'test-results/layout';

/** Where a locator is against the viewport: fully inside it, or why not. */
async function inView(page: Page, locator: Locator): Promise<string> {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize()!;
  if (!box) return 'not shown';
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
  return inside ? 'in view' : `outside ${width}×${height}: ${JSON.stringify(box)}`;
}

/** Buttons, inputs and selects on screen smaller than a 44 px touch target. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main input, main select, header button')]
      .filter((el) => el.offsetParent !== null && !el.closest('.shortcuts'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ el, box }) => `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? el.textContent?.trim()}" ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
}

describe('the register on a front-desk touchscreen', () => {
  const register = useRegisterPage();

  it.each([
    [1024, 768],
    [1280, 800],
    [1920, 1080],
  ])('at %i×%i sells without scrolling: the cart with Charge, then the tenders with Pay, all in view, every target at least 44 px', async (width, height) => {
    const { page } = register;
    mkdirSync(SHOTS, { recursive: true });
    await page.setViewportSize({ width, height });
    if (!(await page.getByTestId('signed-in').count())) {
      const missing: string[] = [];
      page.on('response', (response) => void (response.status() === 404 && missing.push(response.url())));
      await pairRegister(register);
      await page.reload();
      await signIn(page, 'Jordan Lee', '3333');
      expect(missing).toEqual([]); // no favicon (or anything else) missing on a load
    }
    // From an empty cart (the size before left its sale in payment).
    await page.keyboard.press('Escape');
    if (await page.locator('.lines > li').count()) {
      page.once('dialog', (dialog) => void dialog.accept());
      await page.keyboard.press('F9');
      await expect.poll(() => page.locator('.lines > li').count()).toBe(0);
    }
    await addHaircutBlowoutAndShampoo(page);
    const charge = page.getByRole('button', { name: /^Charge / });
    await page.screenshot({ path: `${SHOTS}/cart-${width}x${height}.png` });
    expect(await inView(page, page.getByRole('form', { name: 'Current sale' }).getByRole('listitem', { name: 'Argan shampoo' }))).toBe('in view');
    expect(await inView(page, page.getByTestId('order-total'))).toBe('in view');
    expect(await inView(page, charge)).toBe('in view');
    expect(await inView(page, page.getByRole('button', { name: /^Women's haircut/ }))).toBe('in view');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await smallTargets(page)).toEqual([]);

    await charge.click();
    await page.getByRole('button', { name: /^20% · / }).click();
    await page.screenshot({ path: `${SHOTS}/pay-${width}x${height}.png` });
    for (const tender of ['Cash', 'Card (machine)', 'Card terminal']) {
      expect(await inView(page, page.getByRole('group', { name: 'Tender' }).getByRole('button', { name: tender, exact: true }))).toBe('in view');
    }
    expect(await inView(page, page.getByTestId('balance-due'))).toBe('in view');
    expect(await inView(page, page.getByRole('button', { name: /^20% · / }))).toBe('in view');
    expect(await inView(page, page.getByLabel('Cash received'))).toBe('in view');
    expect(await inView(page, page.getByRole('button', { name: /^Pay / }))).toBe('in view');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await smallTargets(page)).toEqual([]);

  });

  it('loads the checkout in chunks under 500 kB, the dashboard and its charts only when a manager opens it', () => {
    const assets = join(RENDERER_DIR, 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.filter((name) => statSync(join(assets, name)).size > 500 * 1024)).toEqual([]);
    const charts = scripts.find((name) => name.startsWith('charts-'));
    expect(charts).toBeDefined();
    expect(readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8')).not.toContain(charts);
    // Only the dashboard's chunk imports the charts statically; the register imports the dashboard with import().
    const staticImport = new RegExp(`(from|import)\\s*"\\./${charts!.replace('.', '\\.')}"`);
    expect(scripts.filter((name) => staticImport.test(readFileSync(join(assets, name), 'utf8')))).toEqual([expect.stringMatching(/^Dashboard-/)]);
  });
});
