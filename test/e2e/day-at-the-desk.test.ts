import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatMoney, money } from '../../shared/money/index';
import { catalogCategory, countsFrom, shiftFigures, shiftsOf, summarizeDays } from '../../shared/reports/index';
import type { AdjustmentDoc, CatalogItemDoc, DrawerDoc, OrderDoc, PaymentDoc, SettingsDoc, StaffDoc } from '../../shared/schemas/index';
import { apiClient, signIn as signInBackOffice } from '../support/backoffice';
import { deviceClient } from '../support/documents';
import { addToSale, giveDiscount, pairRegister, scanBarcode, signIn, useRegisterPage, voidOpenSale } from '../support/register-page';

const usd = (minor: number) => formatMoney(money(minor, 'USD'), 'en-US');
const SHOTS = 'test-results/desk';

/** Charges the cart: a tip preset (none asked for products alone), then cash (exact with F8, or an amount) or the card machine for an amount. */
async function charge(page: Page, tip: string | null, pay: 'exact' | { card: string }): Promise<string> {
  await page.getByRole('button', { name: /^Charge / }).click();
  if (tip) await page.getByRole('button', { name: tip === 'No tip' ? 'No tip' : new RegExp(`^${tip} · `) }).click();
  if (pay === 'exact') await page.keyboard.press('F8');
  else {
    await page.getByRole('button', { name: 'Card (machine)' }).click();
    await page.getByLabel('Card (machine) amount').fill(pay.card);
    await page.getByRole('button', { name: /^Pay / }).click();
  }
  return receiptNumber(page);
}

async function receiptNumber(page: Page): Promise<string> {
  await page.getByRole('region', { name: 'Sale complete' }).waitFor();
  return (await page.getByTestId('receipt').getByTestId('receipt-number').textContent())!;
}

async function newSale(page: Page): Promise<void> {
  await page.keyboard.press('F9');
  await page.getByRole('form', { name: 'Current sale' }).waitFor();
}

async function openSale(page: Page, number: string): Promise<void> {
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('button', { name: `Open sale ${number}` }).click();
  await page.getByRole('region', { name: `Sale ${number}` }).waitFor();
}

const zLine = (page: Page, key: string) => page.getByTestId(`report-${key}`).locator('td').nth(1).textContent();

describe('a day at the front desk, at 1024×768', () => {
  const register = useRegisterPage();

  it("sells, refunds, voids, changes a tip and closes the drawer: receipt, dashboard, Z report and the server's API agree to the cent", async () => {
    const { page, context, server } = register;
    await page.setViewportSize({ width: 1024, height: 768 });
    const pairing = await pairRegister(register);
    await signIn(page, 'Jordan Lee', '3333');
    await page.getByRole('button', { name: /Women's haircut/ }).waitFor();

    // Morning: the drawer opens with a $150.00 float.
    await page.getByRole('button', { name: 'Drawer', exact: true }).click();
    await page.getByLabel('Opening float').fill('150');
    await page.getByRole('button', { name: 'Open shift' }).click();
    await expect.poll(() => page.getByTestId('shift-float').textContent()).toBe(usd(15000));
    await page.keyboard.press('Escape');

    // Maria: a women's haircut with Sam (10% off) and a blowout with Alex, a 20% tip, $50.00 on the card machine and the rest cash.
    await addToSale(page, "Women's haircut", 'Sam Chen');
    await addToSale(page, 'Blowout', 'Alex Rivera');
    await giveDiscount(page, "Women's haircut", '10%');
    await page.getByLabel('Find client').fill('Maria');
    await page.getByRole('list', { name: 'Matching clients' }).getByRole('button', { name: /Maria Gomez/ }).click();
    await page.getByRole('button', { name: /^Charge / }).click();
    await page.getByRole('button', { name: /^20% · / }).click();
    await page.getByRole('button', { name: 'Card (machine)' }).click();
    await page.getByLabel('Card (machine) amount').fill('50');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByTestId('balance-due').waitFor();
    await page.getByRole('group', { name: 'Tender' }).getByRole('button', { name: 'Cash' }).click();
    await page.keyboard.press('F8');
    const maria = await receiptNumber(page);
    const mariaReceipt = { total: await page.getByTestId('receipt-total').textContent(), tip: await page.getByTestId('receipt-tip').textContent(), paid: await page.getByTestId('receipt-paid').textContent() };
    await page.screenshot({ path: `${SHOTS}/receipt-1024x768.png` });
    await newSale(page);

    // The network drops: a men's haircut with Sam on the card machine, no tip, taken offline.
    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();
    await addToSale(page, "Men's haircut", 'Sam Chen');
    const offline = await charge(page, 'No tip', { card: '43.55' });
    await newSale(page);
    await context.setOffline(false);

    // A shampoo in cash (refunded later) and a blowout in cash (voided later).
    await scanBarcode(page, '0850001234567');
    await page.getByRole('listitem', { name: 'Argan shampoo' }).waitFor();
    const shampoo = await charge(page, null, 'exact');
    await newSale(page);
    await addToSale(page, 'Blowout', 'Alex Rivera');
    const blowout = await charge(page, 'No tip', 'exact');
    await newSale(page);

    // The shampoo comes back: refunded to the cash it was paid with, no manager needed.
    await openSale(page, shampoo);
    await page.getByRole('button', { name: 'Refund…' }).click();
    const refund = page.getByRole('dialog', { name: `Refund sale ${shampoo}` });
    await refund.getByLabel('Quantity of Argan shampoo to refund').fill('1');
    await refund.getByLabel('Reason').fill('Wrong shampoo');
    await expect.poll(() => refund.getByTestId('refund-tender').allTextContents()).toEqual([`Cash: ${usd(1960)} — pay out from the drawer`]);
    await page.screenshot({ path: `${SHOTS}/refund-1024x768.png` });
    await refund.getByRole('button', { name: `Refund ${usd(1960)}` }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Refunded');

    // The blowout was rung up by mistake: voided with Alex's PIN.
    await page.getByRole('button', { name: `Open sale ${blowout}` }).click();
    await voidOpenSale(page, blowout, 'Rung up twice');

    // The men's haircut client adds an $8.00 tip on the slip.
    await page.getByRole('button', { name: `Open sale ${offline}` }).click();
    await page.getByRole('button', { name: 'Adjust tip…' }).click();
    const tip = page.getByRole('dialog', { name: `Adjust tip on sale ${offline}` });
    await tip.getByLabel('New tip on this payment').fill('8.00');
    await tip.getByLabel('New tip on this payment').press('Enter');
    await expect.poll(() => page.getByTestId('detail-payment').textContent()).toContain(`+ ${usd(800)} tip`);
    await page.screenshot({ path: `${SHOTS}/history-1024x768.png` });
    await page.getByRole('button', { name: 'Back to sale' }).click();

    // Evening: the drawer is counted ($100 notes and the rest as other cash) into the Z report.
    await page.getByRole('button', { name: 'Drawer', exact: true }).click();
    await page.getByRole('button', { name: 'Close shift' }).click();
    await page.getByLabel('Count of $100', { exact: true }).fill('1');
    const expectedText = (await page.getByTestId('close-expected').textContent())!;
    const expectedCash = Math.round(Number(expectedText.replace(/[$,]/g, '')) * 100);
    await page.getByLabel('Other cash (amount)').fill(((expectedCash - 10000) / 100).toFixed(2));
    await expect.poll(() => page.getByTestId('close-difference').textContent()).toBe(usd(0));
    await page.getByRole('button', { name: 'Close shift', exact: true }).last().click();
    const z = page.getByRole('region', { name: 'Z report #1' });
    await z.waitFor();
    await page.screenshot({ path: `${SHOTS}/z-report-1024x768.png` });
    const zFigures = Object.fromEntries(await Promise.all(['expected', 'cash-sales', 'cash-refunds', 'sales', 'tips', 'refunds', 'net'].map(async (k) => [k, await zLine(page, k)])));
    expect(await z.getByTestId('report-closed-by').innerText()).toBe('Closed by\tJordan Lee');
    await page.keyboard.press('Escape');

    // The owner's dashboard.
    await page.getByRole('button', { name: 'Switch user' }).click();
    await signIn(page, 'Alex Rivera', '111111');
    await page.getByRole('button', { name: 'Manager', exact: true }).click();
    await page.getByTestId('sales-collected').waitFor();
    const dashboard = Object.fromEntries(await Promise.all(['grossSales', 'discounts', 'refunds', 'netSales', 'tax', 'tips', 'collected'].map(async (k) => [k, await page.getByTestId(`sales-${k}`).textContent()])));
    await page.screenshot({ path: `${SHOTS}/dashboard-1024x768.png`, fullPage: true });

    // Everything reaches the server: the figures from its documents, by the shared functions.
    const device = deviceClient(server.url, pairing);
    const pull = async <T,>(collection: string) => (await device.pull(collection, null)).body.documents as T[];
    await expect.poll(async () => (await pull<AdjustmentDoc>('adjustments')).length, { timeout: 20_000, interval: 250 }).toBe(3);
    await expect.poll(async () => (await pull<DrawerDoc>('drawer')).length, { timeout: 20_000, interval: 250 }).toBe(2);
    const [orders, payments, adjustments, drawer, catalog, staff, [settings]] = [
      await pull<OrderDoc>('orders'), await pull<PaymentDoc>('payments'), await pull<AdjustmentDoc>('adjustments'), await pull<DrawerDoc>('drawer'),
      await pull<CatalogItemDoc>('catalog'), await pull<StaffDoc>('staff'), await pull<SettingsDoc>('settings'),
    ];
    expect(orders).toHaveLength(4);
    const today = orders[0]!.businessDate;
    const day = summarizeDays({
      orders, payments, adjustments, locationId: pairing.locationId,
      rates: new Map(staff.map((s) => [s.id, { id: s.id, commissionRate: s.commissionRate, tipCommissionRate: s.tipCommissionRate }])),
      categoryOf: catalogCategory(new Map(catalog.map((c) => [c.id, c.category]))),
    }).get(today)!;
    const f = day.figures;
    // The day as it happened: the voided blowout counts nowhere, the shampoo is refunded, the tip change counted.
    expect(f.grossSales - f.discounts - f.refunds).toBe(f.netSales);
    expect(f.netSales).toBe(6500 - 650 + 3500 + 4000);
    expect(f.refunds).toBe(1800);

    // The dashboard shows exactly these figures.
    expect(dashboard).toEqual({
      grossSales: usd(f.grossSales), discounts: `−${usd(f.discounts)}`, refunds: `−${usd(f.refunds)}`, netSales: usd(f.netSales), tax: usd(f.tax), tips: usd(f.tips), collected: usd(f.collected),
    });
    // So does the back office's API.
    const owner = apiClient(server.url, await signInBackOffice(server, pairing.tenantId, 'owner'));
    const report = (await owner('GET', `/reports/sales?locationId=${pairing.locationId}&from=${today}&to=${today}`)).body;
    expect(report).toMatchObject(f);
    // The server's payments list: the voided blowout reads voided, the men's haircut carries its new tip.
    const listed = (await owner('GET', `/payments?locationId=${pairing.locationId}&limit=100`)).body.data as { orderNumber: string; status: string; tip: number }[];
    expect(listed.find((p) => p.orderNumber === blowout)!.status).toBe('voided');
    expect(listed.find((p) => p.orderNumber === offline)!.tip).toBe(800);

    // The receipt equals Maria's order as the server holds it.
    const mariaOrder = orders.find((o) => o.number === maria)!;
    const mariaPaid = payments.filter((p) => p.orderId === mariaOrder.id).reduce((s, p) => s + p.amount + p.tip, 0);
    expect(mariaReceipt).toEqual({ total: usd(mariaOrder.total), tip: usd(mariaOrder.tipTotal), paid: usd(mariaPaid) });
    expect(mariaOrder.clientId).not.toBeNull();

    // The Z report equals the shared drawer figures over the server's documents, and the stored Z.
    const shifts = shiftsOf(drawer, pairing.deviceId);
    const shift = shifts[0]!;
    const close = shift.close!;
    const figures = shiftFigures(shift, payments, adjustments, close.createdAt, countsFrom(shifts, shift));
    expect(close.figures).toEqual(figures);
    expect(zFigures).toEqual({
      expected: usd(figures.expected), 'cash-sales': usd(figures.cashSales), 'cash-refunds': usd(-figures.cashRefunds),
      sales: usd(figures.sales), tips: usd(figures.tips), refunds: usd(-figures.refunds), net: usd(figures.net),
    });
    expect([close.amount, close.difference, settings!.currency]).toEqual([expectedCash, 0, 'USD']);

    // The same day's history at 1280×800, for the eye (test-results/desk).
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.keyboard.press('Escape');
    await openSale(page, maria);
    expect(await page.getByTestId('detail-line').count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/history-1280x800.png` });
  });
});
