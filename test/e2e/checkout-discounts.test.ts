import { describe, expect, it } from 'vitest';
import { formatMoney, money } from '../../shared/money/index';
import { priceOrder, type Discount, type PriceLineInput } from '../../shared/pricing/index';
import type { OrderDoc, SettingsDoc, StaffDoc } from '../../shared/schemas/index';
import { deviceClient } from '../support/documents';
import { addToSale, giveDiscount, pairRegister, signIn, useRegisterPage } from '../support/register-page';

const usd = (minor: number) => formatMoney(money(minor, 'USD'), 'en-US');
/** The register writes a discount with a true minus sign (U+2212), never a hyphen. */
const off = (minor: number) => `\u2212${usd(minor)}`;

describe('discounts at checkout, in the browser', () => {
  const register = useRegisterPage();

  it('applies line and order discounts, percentage and amount, within the front desk limit and above it with a manager PIN, without leaving the page; the receipt equals the money core', async () => {
    const { page, server } = register;
    const pairing = await pairRegister(register);
    const api = deviceClient(server.url, pairing);
    const [settings] = (await api.pull('settings', null)).body.documents as SettingsDoc[];
    const staff: StaffDoc[] = (await api.pull('staff', null)).body.documents;
    const idOf = (name: string) => staff.find((s) => s.name === name)!.id;
    await signIn(page, 'Jordan Lee', '3333');
    await page.getByRole('button', { name: /Women's haircut/ }).waitFor();
    const url = page.url();

    /** What the money core makes of the sale: the demo's prices, the location's tax. */
    const expected = (lines: PriceLineInput[], orderDiscount?: Discount) =>
      priceOrder({ currency: 'USD', taxInclusive: settings!.taxInclusive, taxes: settings!.taxes, lines, orderDiscount });

    /** Charges the cart in exact cash and checks the receipt against `priced`; back to a new sale. */
    async function chargeAndCheck(priced: ReturnType<typeof expected>) {
      expect(await page.getByTestId('cart-discount').textContent()).toBe(off(priced.discount));
      expect(await page.getByTestId('order-total').textContent()).toBe(usd(priced.total));
      await page.getByRole('button', { name: `Charge ${usd(priced.total)}` }).click();
      await page.keyboard.press('F8');
      const receipt = page.getByTestId('receipt');
      await receipt.waitFor();
      expect(await receipt.getByTestId('receipt-subtotal').textContent()).toBe(usd(priced.subtotal));
      expect(await receipt.getByTestId('receipt-discount').textContent()).toBe(off(priced.discount));
      expect(await receipt.getByTestId('receipt-tax').allTextContents()).toEqual(priced.taxes.map((t) => usd(t.amount)));
      expect(await receipt.getByTestId('receipt-total').textContent()).toBe(usd(priced.total));
      expect(await receipt.getByTestId('receipt-paid').textContent()).toBe(usd(priced.total));
      const lineTexts = await receipt.getByTestId('receipt-line').allTextContents();
      priced.lines.forEach((line, i) => expect(lineTexts[i]).toContain(`discount ${off(line.discount)}`));
      const number = await receipt.getByTestId('receipt-number').textContent();
      await page.keyboard.press('F9');
      await page.getByRole('form', { name: 'Current sale' }).waitFor();
      return number;
    }

    // Within the front desk's 10%: 10% off the haircut (Apply), then $5.00 off the order (6.5%, Enter), no PIN.
    await addToSale(page, "Women's haircut", 'Sam Chen');
    await addToSale(page, 'Argan shampoo');
    await giveDiscount(page, "Women's haircut", '10%');
    await page.getByRole('button', { name: '10% off' }).waitFor();
    await giveDiscount(page, null, '5.00', { enter: true });
    expect(page.url()).toBe(url);
    expect(await page.getByTestId('signed-in').textContent()).toContain('Jordan Lee');
    const first = expected(
      [
        { id: 'a', kind: 'service', quantity: 1, unitPrice: 6500, staffId: idOf('Sam Chen'), discount: { percent: '10' } },
        { id: 'b', kind: 'product', quantity: 1, unitPrice: 1800 },
      ],
      { amount: 500 },
    );
    expect(first.discount).toBe(1150);
    const firstNumber = await chargeAndCheck(first);

    // Above it: a 15% order discount asks for a manager; cancelled, nothing is applied.
    await addToSale(page, "Women's haircut", 'Sam Chen');
    await addToSale(page, 'Blowout', 'Alex Rivera');
    await page.getByRole('button', { name: 'Order discount' }).click();
    await page.getByLabel('Discount').fill('15%');
    await page.getByRole('button', { name: 'Apply' }).click();
    const dialog = page.getByRole('dialog', { name: 'Manager approval' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('cart-discount').count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // $20.00 off the haircut (31%) and 15% off the order, each with the owner's PIN.
    await giveDiscount(page, "Women's haircut", '20.00', { managerPin: '111111' });
    await giveDiscount(page, null, '15%', { managerPin: '111111', enter: true });
    await page.getByRole('button', { name: 'Order: 15% off' }).waitFor();
    expect(page.url()).toBe(url);
    const second = expected(
      [
        { id: 'a', kind: 'service', quantity: 1, unitPrice: 6500, staffId: idOf('Sam Chen'), discount: { amount: 2000 } },
        { id: 'b', kind: 'service', quantity: 1, unitPrice: 3500, staffId: idOf('Alex Rivera') },
      ],
      { percent: '15' },
    );
    const secondNumber = await chargeAndCheck(second);

    // The server holds both sales with the same figures.
    await expect.poll(async () => (await api.pull('orders', null)).body.documents.length, { timeout: 15_000, interval: 250 }).toBe(2);
    const orders: OrderDoc[] = (await api.pull('orders', null)).body.documents;
    const figures = (o: { subtotal: number; discount: number; tax: number; total: number }) => [o.subtotal, o.discount, o.tax, o.total];
    expect(orders.map((o) => [o.number, ...figures({ subtotal: o.subtotal, discount: o.discountTotal, tax: o.taxTotal, total: o.total })]).sort()).toEqual(
      [
        [firstNumber, ...figures(first)],
        [secondNumber, ...figures(second)],
      ].sort(),
    );
  });
});
