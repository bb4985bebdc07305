import { describe, expect, it } from 'vitest';
import type { OrderDoc, PaymentDoc } from '../../shared/schemas/index';
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
    await signIn(page, 'Jordan Lee', '3333');
    await page.getByRole('button', { name: /Women's haircut/ }).waitFor();

    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();
    // $65.00 + 8.875% tax = $70.77; $40.00 + 8.875% = $43.55
    expect(await sell("Women's haircut", '100')).toBe('$29.23');
    expect(await sell("Men's haircut", null)).toBe('$0.00');
    // Two orders and two payments wait, beside the register's audit events (sign-in, drawer kicks).
    await expect.poll(async () => Number((await page.getByTestId('sync-waiting').textContent())?.match(/^(\d+) waiting to send$/)?.[1])).toBeGreaterThanOrEqual(4);

    await page.reload();
    await signIn(page, 'Jordan Lee', '3333');
    await page.getByTestId('today-sales').waitFor();
    expect(await page.getByTestId('today-sales').locator('li').count()).toBe(2);
    expect(await page.getByTestId('today-total').textContent()).toBe('$114.32');

    await context.setOffline(false);
    const api = deviceClient(server.url, pairing);
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
    await expect.poll(() => page.getByTestId('sync-waiting').textContent(), { timeout: 15_000 }).toBe('all sales sent');
  });
});
