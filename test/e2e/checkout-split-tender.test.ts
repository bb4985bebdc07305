import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, money } from '../../shared/money/index';
import { priceOrder } from '../../shared/pricing/index';
import type { ClientDoc, NotificationDoc, OrderDoc, PaymentDoc, StaffDoc } from '../../shared/schemas/index';
import { splitTipByService, tipAmount } from '../../shared/tips/index';
import { createMailer } from '../../sync-server/notifications/mailer';
import { deviceClient } from '../support/documents';
import { pdfText } from '../support/pdf-text';
import { SmtpSink } from '../support/smtp-sink';
import { addHaircutBlowoutAndShampoo, pairRegister, signIn as signInAs, useRegisterPage } from '../support/register-page';

const usd = (minor: number) => formatMoney(money(minor, 'USD'), 'en-US');

describe('front-desk checkout in the browser, offline', () => {
  const sink = new SmtpSink();
  beforeAll(() => sink.start());
  afterAll(() => sink.stop());
  const register = useRegisterPage(() => ({
    mailer: createMailer({ smtpUrl: sink.url, from: 'Demo Salon <receipts@demo.test>' }),
    jobs: { start: true, pollingIntervalSeconds: 0.5 },
  }));
  const signIn = (name: string, pin: string) => signInAs(register.page, name, pin);

  it('locks behind a PIN, keeps a half-built cart across a reload, takes a split-tender sale with a tipped split once, and syncs exactly it', async () => {
    const { page, context, server } = register;
    const pairing = await pairRegister(register);
    await page.getByRole('button', { name: /Jordan Lee/ }).waitFor();
    const api = deviceClient(server.url, pairing);
    const staff: StaffDoc[] = (await api.pull('staff', null)).body.documents;
    const idOf = (name: string) => staff.find((s) => s.name === name)!.id;

    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();

    // The PIN lock: a wrong PIN is refused and nothing behind the lock is shown.
    await signIn('Jordan Lee', '9999');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That PIN is not right');
    expect(await page.getByRole('region', { name: 'Catalog' }).count()).toBe(0);
    await page.getByLabel('PIN for Jordan Lee').fill('3333');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain('Jordan Lee');

    // A half-built cart: two services for two stylists and a product from the barcode scanner.
    await addHaircutBlowoutAndShampoo(page);
    // Quick-add a client offline and attach them.
    await page.getByLabel('Find client').fill('Dana');
    await page.getByRole('button', { name: '+ Add new client' }).click();
    await page.getByLabel('Name').fill('Dana Whitfield');
    await page.getByLabel('Phone').fill('555 123 4567');
    await page.getByRole('button', { name: 'Save client' }).click();
    await page.getByText('Dana Whitfield').waitFor();

    await page.reload();
    await page.getByRole('region', { name: 'Sign in' }).waitFor();
    await signIn('Jordan Lee', '3333');
    await page.getByRole('listitem', { name: 'Argan shampoo' }).waitFor();
    expect(await page.locator('.lines > li').count()).toBe(3);
    expect(await page.getByLabel("Staff for Women's haircut").inputValue()).toBe(idOf('Sam Chen'));
    expect(await page.getByLabel('Staff for Blowout').inputValue()).toBe(idOf('Alex Rivera'));
    await page.getByText('Dana Whitfield').waitFor();

    // What the money core says this sale comes to.
    const priced = priceOrder({
      currency: 'USD',
      taxInclusive: false,
      taxes: [{ id: 'tax', name: 'Sales tax', rate: '8.875' }],
      lines: [
        { id: 'a', kind: 'service', quantity: 1, unitPrice: 6500, staffId: idOf('Sam Chen') },
        { id: 'b', kind: 'service', quantity: 1, unitPrice: 3500, staffId: idOf('Alex Rivera') },
        { id: 'c', kind: 'product', quantity: 1, unitPrice: 1800 },
      ],
    });
    const tip = tipAmount(priced, { kind: 'percent', percent: '20' });
    const shares = splitTipByService(priced, tip);
    expect([priced.total, priced.tax, tip.amount, shares.map((s) => s.amount)]).toEqual([12848, 1048, 2000, [1300, 700]]);

    await page.getByRole('button', { name: `Charge ${usd(priced.total)}` }).click();
    await page.getByRole('button', { name: /^20% · / }).click();
    expect(await page.getByTestId('pay-tip').textContent()).toBe(usd(2000));
    expect(await page.getByTestId('tip-share').allTextContents()).toEqual([usd(1300), usd(700)]);
    expect(await page.getByTestId('balance-due').textContent()).toBe(usd(14848));

    // Split tender: $100 on the card machine, the rest in cash.
    await page.getByRole('button', { name: 'Card (machine)' }).click();
    await page.getByLabel('Card (machine) amount').fill('100');
    await page.getByLabel('Card brand').fill('Visa');
    await page.getByLabel('Last four digits').fill('4242');
    await page.getByRole('button', { name: /^Pay / }).click();
    await expect.poll(() => page.getByTestId('balance-due').textContent()).toBe(usd(4848));
    await page.getByRole('group', { name: 'Tender' }).getByRole('button', { name: 'Cash' }).click();
    await page.getByLabel('Cash received').fill('50');
    // Pressing Enter twice (and the Pay button's double click on the way) makes one sale.
    await page.getByLabel('Cash received').press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Sale complete' }).waitFor();
    await page.keyboard.press('Enter');

    const receipt = page.getByTestId('receipt');
    expect(await page.getByTestId('change-due').textContent()).toBe(usd(152));
    expect(await receipt.getByTestId('receipt-subtotal').textContent()).toBe(usd(priced.subtotal));
    expect(await receipt.getByTestId('receipt-tax').textContent()).toBe(usd(priced.tax));
    expect(await receipt.getByTestId('receipt-total').textContent()).toBe(usd(priced.total));
    expect(await receipt.getByTestId('receipt-tip').textContent()).toBe(usd(tip.amount));
    expect(await receipt.getByTestId('receipt-tip-share').allTextContents()).toEqual(shares.map((s) => usd(s.amount)));
    expect(await receipt.getByTestId('receipt-paid').textContent()).toBe(usd(priced.total + tip.amount));
    expect(await receipt.getByTestId('receipt-change').textContent()).toBe(usd(152));
    expect(await receipt.getByTestId('receipt-tender').allTextContents()).toEqual([
      `Card (machine) Visa ····4242${usd(10000)}`,
      `Cash · received ${usd(5000)}${usd(4848)}`,
    ]);
    // What the register's receipt shows, which the emailed PDF must show too.
    const ids = ['receipt-date', 'receipt-subtotal', 'receipt-tax', 'receipt-total', 'receipt-tip', 'receipt-paid', 'receipt-change'];
    const shown = [...(await Promise.all(ids.map((id) => receipt.getByTestId(id).textContent()))), ...(await receipt.getByTestId('receipt-tip-share').allTextContents())] as string[];
    const number = await receipt.getByTestId('receipt-number').textContent();
    expect(number).toMatch(/^[0-9A-F]{4}-0001$/);
    expect(await receipt.textContent()).toContain('Demo Salon');
    expect(await receipt.textContent()).toContain('Client: Dana Whitfield');
    await page.getByLabel('Email receipt to').fill('dana@example.com');
    await page.getByRole('button', { name: 'Email receipt' }).click();
    await page.getByText('The receipt will be emailed to dana@example.com').waitFor();
    expect(await page.getByTestId('today-sales').locator('li').count()).toBe(1);

    // Lock: the sale screen is gone until a PIN is entered.
    await page.getByRole('button', { name: 'Lock register' }).click();
    await page.getByRole('region', { name: 'Sign in' }).waitFor();
    expect(await page.getByTestId('receipt').count()).toBe(0);

    await context.setOffline(false);
    await expect
      .poll(async () => (await api.pull('payments', null)).body.documents.length, { timeout: 15_000, interval: 250 })
      .toBe(2);
    await expect.poll(() => page.getByTestId('sync-waiting').textContent(), { timeout: 15_000 }).toBe('all sales sent');
    const orders: OrderDoc[] = (await api.pull('orders', null)).body.documents;
    const payments: PaymentDoc[] = (await api.pull('payments', null)).body.documents;
    const clients: ClientDoc[] = (await api.pull('clients', null)).body.documents;
    const notifications: NotificationDoc[] = (await api.pull('notifications', null)).body.documents;
    expect(orders).toHaveLength(1);
    const [order] = orders;
    expect(order).toMatchObject({ number, subtotal: 11800, taxTotal: 1048, total: 12848, tipTotal: 2000, cashierId: idOf('Jordan Lee') });
    expect(order!.tipShares).toEqual([{ staffId: idOf('Sam Chen'), amount: 1300 }, { staffId: idOf('Alex Rivera'), amount: 700 }]);
    expect(order!.clientId).toBe(clients.find((c) => c.name === 'Dana Whitfield')!.id);
    expect(payments.map((p) => [p.tender, p.amount, p.tip, p.tendered, p.change, p.cardBrand, p.cardLast4]).sort()).toEqual([
      ['CARD_EXTERNAL', 8653, 1347, null, null, 'Visa', '4242'],
      ['CASH', 4195, 653, 5000, 152, null, null],
    ]);
    expect(payments.every((p) => p.orderId === order!.id)).toBe(true);
    expect(notifications.map((n) => [n.kind, n.orderId, n.to])).toEqual([['receipt', order!.id, 'dana@example.com']]);

    // The receipt email reaches the mail server once the register is online, with the receipt's figures in its PDF.
    const [mail] = await sink.waitFor(1);
    expect([mail!.subject, mail!.messageId]).toEqual([`Your receipt from Demo Salon (order ${number})`, `<${notifications[0]!.id}@demo.test>`]);
    const pdf = await pdfText(mail!.attachments[0]!.content);
    for (const figure of shown) expect(pdf).toContain(figure);
  });
});
