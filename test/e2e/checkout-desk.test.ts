import { describe, expect, it } from 'vitest';
import { formatMoney, money, printApiAmount } from '../../shared/money/index';
import { priceOrder } from '../../shared/pricing/index';
import type { OrderDoc, SettingsDoc, StaffDoc } from '../../shared/schemas/index';
import { SIMULATED_CARDS } from '../../renderer/src/terminal/simulated-driver';
import { splitTipByService, tipAmount } from '../../shared/tips/index';
import { deviceClient } from '../support/documents';
import { addToSale, pairRegister, signIn, useRegisterPage } from '../support/register-page';

const usd = (minor: number) => formatMoney(money(minor, 'USD'), 'en-US');
/** An amount as typed at the register: "13.00". */
const typed = (minor: number) => printApiAmount(money(minor, 'USD'), { code: false });

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
    page.once('dialog', (dialog) => void dialog.accept());
    await page.keyboard.press('F9');
    await expect.poll(() => page.locator('.lines > li').count()).toBe(0);
  });

  it('the Pay button says what it records, and the hand tip split starts from the split and says what is wrong', async () => {
    const { page } = register;
    const [settings] = (await api.pull('settings', null)).body.documents as SettingsDoc[];
    const staff: StaffDoc[] = (await api.pull('staff', null)).body.documents;
    const idOf = (name: string) => staff.find((s) => s.name === name)!.id;
    const priced = priceOrder({
      currency: 'USD',
      taxInclusive: settings!.taxInclusive,
      taxes: settings!.taxes,
      lines: [
        { id: 'a', kind: 'service', quantity: 1, unitPrice: 6500, staffId: idOf('Sam Chen') },
        { id: 'b', kind: 'service', quantity: 1, unitPrice: 3500, staffId: idOf('Alex Rivera') },
      ],
    });
    const tip = tipAmount(priced, { kind: 'percent', percent: '20' });
    const shares = splitTipByService(priced, tip);
    await page.keyboard.press('F9');
    await addToSale(page, "Women's haircut", 'Sam Chen');
    await addToSale(page, 'Blowout', 'Alex Rivera');
    await page.getByRole('button', { name: `Charge ${usd(priced.total)}` }).click();
    await page.getByRole('button', { name: /^20% · / }).click();

    await page.getByRole('button', { name: 'Adjust split' }).click();
    expect(await page.getByLabel('Tip share for Sam Chen').inputValue()).toBe(typed(shares[0]!.amount));
    expect(await page.getByLabel('Tip share for Alex Rivera').inputValue()).toBe(typed(shares[1]!.amount));
    await page.getByLabel('Tip share for Sam Chen').fill('10');
    await page.getByLabel('Tip share for Alex Rivera').fill('5');
    await page.getByRole('button', { name: 'Use this split' }).click();
    expect(await page.getByTestId('split-error').textContent()).toBe(`The split adds up to ${usd(1500)}: it must add up to the tip, ${usd(tip.amount)}.`);
    await page.getByLabel('Tip share for Alex Rivera').fill(typed(tip.amount - 1000));
    await page.getByRole('button', { name: 'Use this split' }).click();
    expect(await page.getByTestId('tip-share').allTextContents()).toEqual([usd(1000), usd(tip.amount - 1000)]);

    const due = priced.total + tip.amount;
    const pay = page.getByRole('button', { name: /^Pay / });
    expect(await pay.textContent()).toBe(`Pay ${usd(due)} · Cash`);
    await page.getByLabel('Cash received').fill('50');
    expect(await pay.textContent()).toBe(`Pay ${usd(5000)} · Cash · ${usd(due - 5000)} left`);
    await pay.click();
    await expect.poll(() => page.getByTestId('balance-due').textContent()).toBe(usd(due - 5000));
    await page.getByRole('group', { name: 'Tender' }).getByRole('button', { name: 'Cash' }).click();
    await page.getByLabel('Cash received').fill('100');
    expect(await pay.textContent()).toBe(`Pay ${usd(due - 5000)} · Cash · change ${usd(10000 - (due - 5000))}`);
    await pay.click();
    await page.getByRole('region', { name: 'Sale complete' }).waitFor();
    expect(await page.getByTestId('receipt-tip-share').allTextContents()).toEqual([usd(1000), usd(tip.amount - 1000)]);
  });

  it('the simulated reader goes back to an approving card after a decline, and the receipt writes the brand as people do', async () => {
    const { page } = register;
    await page.keyboard.press('F9');
    await addToSale(page, 'Blowout');
    await page.getByRole('button', { name: /^Charge / }).click();
    const terminal = page.getByRole('group', { name: 'Tender' }).getByRole('button', { name: 'Card terminal', exact: true });
    await terminal.click();
    await page.getByLabel('Test card').selectOption(SIMULATED_CARDS.declined);
    await page.getByRole('button', { name: /^Pay .* · Card terminal$/ }).click();
    await page.getByTestId('terminal-problem').waitFor();
    await terminal.click();
    expect(await page.getByLabel('Test card').inputValue()).toBe(SIMULATED_CARDS.approved);
    await page.getByRole('button', { name: /^Pay .* · Card terminal$/ }).click();
    await page.getByRole('region', { name: 'Sale complete' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('receipt-tender').allTextContents()).toEqual([expect.stringMatching(/^Card terminal Visa ····4242 \(Simulated reader\)\$/)]);
  });

  it('the sale complete screen says where the sale and an emailed receipt are now, online and offline', async () => {
    const { page, context } = register;
    const saleIs = () => page.getByTestId('sale-delivery').textContent();
    const emailIs = () => page.getByTestId('email-delivery').textContent();
    const sellAndEmail = async (to: string) => {
      await page.keyboard.press('F9');
      await addToSale(page, 'Blowout');
      await page.getByRole('button', { name: /^Charge / }).click();
      await page.keyboard.press('F8');
      await page.getByRole('region', { name: 'Sale complete' }).waitFor();
      await page.getByLabel('Email receipt to').fill(to);
      await page.getByRole('button', { name: 'Email receipt' }).click();
    };
    await sellAndEmail('online@example.com');
    await expect.poll(saleIs, { timeout: 10_000 }).toBe('Saved on this register and received by the server.');
    await expect.poll(emailIs, { timeout: 10_000 }).toBe('The receipt will be emailed to online@example.com: the server has the request and sends it.');

    await context.setOffline(true);
    try {
      await page.getByText('Offline', { exact: true }).waitFor();
      await sellAndEmail('offline@example.com');
      expect(await saleIs()).toBe('Saved on this register. It goes to the server when this register is back online.');
      expect(await emailIs()).toBe('The receipt will be emailed to offline@example.com once this register is back online.');
    } finally {
      await context.setOffline(false);
    }
    await expect.poll(saleIs, { timeout: 15_000 }).toBe('Saved on this register and received by the server.');
    await expect.poll(emailIs, { timeout: 15_000 }).toBe('The receipt will be emailed to offline@example.com: the server has the request and sends it.');
  });

  it('search with several matches marks one, the arrows move the mark and Enter adds it; Enter on a stylist just chosen charges', async () => {
    const { page } = register;
    await page.keyboard.press('F9');
    await page.getByRole('form', { name: 'Current sale' }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('blow');
    expect(await page.getByTestId('search-hint').textContent()).toBe('2 matches: ↑ ↓ to choose, Enter adds Blowout.');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('search-hint').textContent()).toBe('2 matches: ↑ ↓ to choose, Enter adds Monthly blowout club.');
    await page.keyboard.press('ArrowDown'); // stays on the last
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    expect(await page.locator('.lines > li').allInnerTexts()).toEqual([expect.stringContaining('Blowout')]);
    expect(await page.getByLabel('Search catalog').inputValue()).toBe('');
    expect(await page.getByTestId('search-hint').count()).toBe(0);

    const staff = page.getByLabel('Staff for Blowout');
    await staff.selectOption({ label: 'Sam Chen' });
    await staff.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('form', { name: 'Payment' }).waitFor();
  });
});
