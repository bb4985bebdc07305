import { describe, expect, it } from 'vitest';
import { formatMoney, money } from '../../shared/money/index';
import type { OrderDoc } from '../../shared/schemas/index';
import { deviceClient } from '../support/documents';
import { addToSale, pairRegister, signIn, useRegisterPage } from '../support/register-page';

const usd = (minor: number) => formatMoney(money(minor, 'USD'), 'en-US');

/** The front desk's small promises at checkout, one register signed in as Jordan Lee (front desk). */
describe('checkout at the front desk, in the browser', () => {
  const register = useRegisterPage();
  let api: ReturnType<typeof deviceClient>;

  it('charges a service only once its stylist, or House on purpose, is chosen', async () => {
    const { page, server } = register;
    api = deviceClient(server.url, await pairRegister(register));
    await signIn(page, 'Jordan Lee', '3333');
    await page.getByRole('button', { name: /^Blowout/ }).click();
    const charge = page.getByRole('button', { name: /^Charge / });
    expect(await charge.isDisabled()).toBe(true);
    expect(await page.getByTestId('stylist-needed').textContent()).toBe('Choose who did Blowout (a stylist, or House) before Charge.');
    // Enter does not charge either.
    await page.getByLabel('Staff for Blowout').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('form', { name: 'Payment' }).count()).toBe(0);

    await page.getByLabel('Staff for Blowout').selectOption({ label: 'House (no stylist)' });
    expect(await page.getByTestId('stylist-needed').count()).toBe(0);
    await charge.click();
    await page.keyboard.press('F8');
    await page.getByRole('region', { name: 'Sale complete' }).waitFor();
    await expect.poll(async () => (await api.pull('orders', null)).body.documents.length, { timeout: 15_000, interval: 250 }).toBe(1);
    const [order] = (await api.pull('orders', null)).body.documents as OrderDoc[];
    expect(order!.lines.map((l) => [l.name, l.staffId, l.total])).toEqual([['Blowout', null, order!.total]]);
    expect(usd(order!.total)).toBe('$38.11');
    await page.keyboard.press('F9');
    await addToSale(page, 'Blowout');
    expect(await charge.isDisabled()).toBe(false);
  });
});
