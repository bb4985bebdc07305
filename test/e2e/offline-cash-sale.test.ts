import { describe, expect, it } from 'vitest';
import { COLLECTIONS, type CollectionName, type OrderDoc, type PaymentDoc } from '../../shared/schemas/index';
import { deviceClient } from '../support/documents';
import { addToSale, pairRegister, signIn, useRegisterPage } from '../support/register-page';

describe('register in the browser', () => {
  const register = useRegisterPage();

  /** Rings up one item and pays cash: the amount typed, or exact cash with F8. Pay is double-clicked. */
  async function sell(item: string, cash: string | null) {
    const { page } = register;
    await addToSale(page, item);
    await page.getByRole('button', { name: /^Charge / }).click();
    if (cash !== null) {
      await page.getByLabel('Cash received').fill(cash);
      await page.getByRole('button', { name: /^Pay / }).dblclick();
    } else {
      await page.keyboard.press('F8');
    }
    await page.getByRole('region', { name: 'Sale complete' }).waitFor();
    const change = await page.getByTestId('change-due').textContent();
    await page.keyboard.press('F9');
    await page.getByRole('form', { name: 'Current sale' }).waitFor();
    return change;
  }

  it('pairs, takes two cash sales offline, keeps them across an offline reload, and syncs them when back online', async () => {
    const { page, context, server } = register;
    const pairing = await pairRegister(register);
    const api = deviceClient(server.url, pairing);
    await signIn(page, 'Jordan Lee', '3333');
    await page.getByRole('button', { name: /Women's haircut/ }).waitFor();
    // The server's own figure: every document it holds that registers push (sales, payments, audit events, …).
    const pushed = (Object.keys(COLLECTIONS) as CollectionName[]).filter((name) => COLLECTIONS[name].push);
    const serverHolds = async () => (await Promise.all(pushed.map(async (name) => (await api.pull(name, null, 1000)).body.documents.length))).reduce((a, b) => a + b, 0);
    const waitingText = () => page.getByTestId('sync-waiting').textContent();
    await expect.poll(waitingText, { timeout: 15_000 }).toBe('all sales sent');
    const heldBefore = await serverHolds();
    /** The indicator's count once it holds still for half a second (the register has finished writing). */
    const settledWaiting = async () => {
      let waiting = -1;
      await expect
        .poll(async () => waiting === (waiting = Number((await waitingText())?.match(/^(\d+) waiting to send$/)?.[1])), { interval: 500, timeout: 10_000 })
        .toBe(true);
      return waiting;
    };

    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();
    // $65.00 + 8.875% tax = $70.77; $40.00 + 8.875% = $43.55
    expect(await sell("Women's haircut", '100')).toBe('$29.23');
    expect(await sell("Men's haircut", null)).toBe('$0.00');
    // Two orders and two payments wait, beside the register's audit events (sales, drawer kicks).
    const beforeReload = await settledWaiting();
    expect(beforeReload).toBeGreaterThan(4);

    await page.reload();
    await signIn(page, 'Jordan Lee', '3333');
    await page.getByTestId('today-sales').waitFor();
    expect(await page.getByTestId('today-sales').locator('li').count()).toBe(2);
    // Net sales are without tax ($65.00 + $40.00); the total collected has it.
    expect(await page.getByTestId('today-total').textContent()).toBe('$105.00');
    expect(await page.getByTestId('today-figures').textContent()).toContain('collected $114.32');
    // The reload adds only what it wrote itself (the sign-in), never the sales again.
    const waiting = await settledWaiting();
    expect(waiting - beforeReload).toBe(1);
    // Both sales were filed as they were made: the restart has none to name.
    expect(await page.getByText('before the register restarted').count()).toBe(0);

    // Online, it counts down to exactly what the server did not have: all of it arrives, and 0 within seconds.
    await context.setOffline(false);
    await expect.poll(async () => [(await serverHolds()) - heldBefore, await waitingText()], { timeout: 10_000, interval: 250 }).toEqual([waiting, 'all sales sent']);
    await expect
      .poll(async () => (await api.pull('orders', null)).body.documents.length, { timeout: 15_000, interval: 250 })
      .toBe(2);
    const orders: OrderDoc[] = (await api.pull('orders', null)).body.documents;
    const payments: PaymentDoc[] = (await api.pull('payments', null)).body.documents;
    expect(orders.map((o) => o.total).sort()).toEqual([4355, 7077]);
    // The register's clock is pinned with the server's: both sales are on TEST_NOW's business day in New York.
    expect(orders.map((o) => o.businessDate)).toEqual(['2026-11-21', '2026-11-21']);
    expect(payments.map((p) => [p.tender, p.amount, p.tendered, p.change]).sort()).toEqual([
      ['CASH', 4355, 4355, 0],
      ['CASH', 7077, 10000, 2923],
    ]);
    expect(new Set(payments.map((p) => p.orderId))).toEqual(new Set(orders.map((o) => o.id)));

    // A restart online: nothing is named as filed at restart, nothing is counted again.
    await page.reload();
    await signIn(page, 'Jordan Lee', '3333');
    await page.getByTestId('today-sales').waitFor();
    await expect.poll(waitingText, { timeout: 10_000 }).toBe('all sales sent');
    expect(await page.getByText('before the register restarted').count()).toBe(0);
    expect(await serverHolds()).toBeGreaterThanOrEqual(heldBefore + waiting);
  });
});
