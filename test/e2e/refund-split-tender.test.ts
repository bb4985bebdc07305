import { describe, expect, it } from 'vitest';
import { deriveOrderState, refundableSale, refundRecord } from '../../shared/adjustments/index';
import { verifyChain } from '../../shared/audit/index';
import { orderEarnings } from '../../shared/commissions/index';
import { formatMoney, money } from '../../shared/money/index';
import { planRefund } from '../../shared/refunds/index';
import type { AdjustmentDoc, AuditEventDoc, OrderDoc, PaymentDoc, StaffDoc } from '../../shared/schemas/index';
import { pricedOrder } from '../../renderer/src/adjustments/refund-plan';
import type { Pairing } from '../../renderer/src/pairing/pairing-store';
import { deviceClient } from '../support/documents';
import { addHaircutBlowoutAndShampoo, addToSale, pairRegister, signIn, useRegisterPage, voidOpenSale } from '../support/register-page';

const usd = (minor: number) => formatMoney(money(minor, 'USD'), 'en-US');

describe('refunds on the register, offline', () => {
  const register = useRegisterPage();

  it('refunds part of a split-tender sale by item with a manager PIN, and the server holds exactly the register’s figures', async () => {
    const { page, context, server } = register;
    const pairing = await pairRegister(register);
    await page.getByRole('button', { name: /Jordan Lee/ }).waitFor();
    const api = deviceClient(server.url, pairing);
    const staff: StaffDoc[] = (await api.pull('staff', null)).body.documents;
    const idOf = (name: string) => staff.find((s) => s.name === name)!.id;

    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();
    await signIn(page, 'Jordan Lee', '3333'); // front desk: refunds above $50.00 need a manager
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain('Jordan Lee');

    // The sale, with the checkout UI: haircut (Sam), blowout (Alex), shampoo; 20% tip; $100 card machine + cash.
    await addHaircutBlowoutAndShampoo(page);
    await page.getByRole('button', { name: `Charge ${usd(12848)}` }).click();
    await page.getByRole('button', { name: /^20% · / }).click();
    await page.getByRole('button', { name: 'Card (machine)' }).click();
    await page.getByLabel('Card (machine) amount').fill('100');
    await page.getByLabel('Card brand').fill('Visa');
    await page.getByLabel('Last four digits').fill('4242');
    await page.getByRole('button', { name: /^Pay / }).click();
    await expect.poll(() => page.getByTestId('balance-due').textContent()).toBe(usd(4848));
    await page.getByRole('group', { name: 'Tender' }).getByRole('button', { name: 'Cash' }).click();
    await page.getByLabel('Cash received').fill('50');
    await page.getByLabel('Cash received').press('Enter');
    await page.getByRole('region', { name: 'Sale complete' }).waitFor();
    const number = (await page.getByTestId('receipt').getByTestId('receipt-number').textContent())!;

    // History → the sale → refund one blowout and the shampoo, plus $5.00 of the tip.
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: `Open sale ${number}` }).click();
    expect(await page.getByTestId('order-status').textContent()).toBe('Paid');
    expect(await page.getByTestId('figure-paid').textContent()).toBe(usd(14848));
    await page.getByRole('button', { name: 'Refund…' }).click();
    const dialog = page.getByRole('dialog', { name: `Refund sale ${number}` });
    await dialog.getByLabel('Quantity of Blowout to refund').fill('1');
    await dialog.getByLabel('Quantity of Argan shampoo to refund').fill('1');
    await dialog.getByLabel('Tip to refund').fill('5.00');
    await dialog.getByLabel('Reason').fill('Blowout redone elsewhere, shampoo returned');
    // Blowout 35.00 + 3.11 tax, shampoo 18.00 + 1.60 tax = 57.71; + 5.00 tip = 62.71 → above 50.00.
    await expect.poll(() => dialog.getByTestId('refund-plan').textContent()).toContain(`Refund ${usd(6271)}`);
    // By default it all goes back to one tender: the card, which the card machine can refund.
    expect(await dialog.getByTestId('refund-tender').allTextContents()).toEqual([`Card (machine): ${usd(6271)} — refund it on the card machine`]);
    expect(await dialog.textContent()).toContain('Needs a manager: refunds above $50.00 need a manager');
    // The client wants part of it in cash: the person chooses the split, and it must add up.
    await dialog.getByRole('button', { name: 'Choose the tenders…' }).click();
    expect(await dialog.getByLabel('Refund to Card (machine)').inputValue()).toBe('62.71');
    expect(await dialog.getByLabel('Refund to Cash').inputValue()).toBe('0.00');
    await dialog.getByLabel('Refund to Card (machine)').fill('40.00');
    await dialog.getByLabel('Refund to Cash').fill('20.00');
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe(`The tenders give back ${usd(6000)} but the refund is ${usd(6271)}: make them add up.`);
    expect(await dialog.getByRole('button', { name: 'Refund', exact: true }).isDisabled()).toBe(true);
    await dialog.getByLabel('Refund to Cash').fill('22.71');
    await expect.poll(() => dialog.getByTestId('refund-tender').allTextContents()).toEqual([
      `Card (machine): ${usd(4000)} — refund it on the card machine`,
      `Cash: ${usd(2271)} — pay out from the drawer`,
    ]);
    await dialog.getByRole('button', { name: `Refund ${usd(6271)}` }).click();
    await dialog.getByLabel('PIN for Alex Rivera').fill('111111');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('history-message').textContent()).toBe(
      `Refunded ${usd(6271)} on sale ${number} — pay out ${usd(2271)} cash from the drawer.`,
    );
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Partly refunded');
    const registerFigures = {
      paid: await page.getByTestId('figure-paid').textContent(),
      tip: await page.getByTestId('figure-tip').textContent(),
      refunded: await page.getByTestId('figure-refunded').textContent(),
    };
    expect(registerFigures).toEqual({ paid: usd(14848), tip: usd(2000), refunded: usd(6271) });

    // Back online: the sale, its payments, the refund and the audit chain reach the server.
    await context.setOffline(false);
    await expect.poll(async () => (await api.pull('adjustments', null)).body.documents.length, { timeout: 20_000, interval: 250 }).toBe(1);
    await expect.poll(() => page.getByTestId('sync-waiting').textContent(), { timeout: 20_000 }).toBe('all sales sent');
    const [order] = (await api.pull('orders', null)).body.documents as OrderDoc[];
    const payments: PaymentDoc[] = (await api.pull('payments', null)).body.documents;
    const adjustments: AdjustmentDoc[] = (await api.pull('adjustments', null)).body.documents;
    const events: AuditEventDoc[] = (await api.pull('audit_events', null)).body.documents;
    const [refund] = adjustments;

    // The money core's plan for this request, from the server's documents, to the minor unit.
    const blowout = order!.lines.find((l) => l.name === 'Blowout')!;
    const shampoo = order!.lines.find((l) => l.name === 'Argan shampoo')!;
    const earnings = orderEarnings(pricedOrder(order!), order!.tipShares, staff);
    const paymentOf = (tender: string) => payments.find((p) => p.tender === tender)!.id;
    const items = { kind: 'items', items: [{ lineId: blowout.id, quantity: 1 }, { lineId: shampoo.id, quantity: 1 }], tip: 500 } as const;
    const sold = refundableSale(order!, payments, earnings);
    expect(planRefund(sold, [], items).tenders.map((t) => [t.tender, t.amount, t.tip])).toEqual([['CARD_EXTERNAL', 5771, 500], ['CASH', 0, 0]]);
    const plan = planRefund(sold, [], { ...items, tenders: [{ paymentId: paymentOf('CARD_EXTERNAL'), total: 4000 }, { paymentId: paymentOf('CASH'), total: 2271 }] });
    expect([plan.amount, plan.tip, plan.total]).toEqual([5771, 500, 6271]);
    // The tip sits on the card, which was tipped; each tender gives back the figure chosen.
    expect(plan.tenders.map((t) => [t.tender, t.amount, t.tip, t.cashRounding])).toEqual([['CARD_EXTERNAL', 3500, 500, 0], ['CASH', 2271, 0, 0]]);
    expect(refund).toMatchObject({
      kind: 'refund', orderId: order!.id, staffId: idOf('Jordan Lee'), approvedBy: idOf('Alex Rivera'),
      reason: 'Blowout redone elsewhere, shampoo returned', deviceId: pairing.deviceId,
    });
    expect(refund!.refund).toEqual(refundRecord(plan, 'original', true));

    // The server's derived state equals what the register showed.
    const state = deriveOrderState(order!, payments, adjustments);
    expect(state).toEqual({ status: 'partially_refunded', paid: 14848, tip: 2000, refunded: 6271, overRefund: 0, voided: false });
    expect({ paid: usd(state.paid), tip: usd(state.tip), refunded: usd(state.refunded) }).toEqual(registerFigures);

    // The register's audit chain: unbroken, with the sign-in, the sale, the PIN override and the refund.
    const mine = events.filter((e) => e.deviceId === pairing.deviceId);
    expect(verifyChain(mine)).toMatchObject({ ok: true });
    const kinds = [...mine].sort((a, b) => a.seq - b.seq).map((e) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(['sign_in', 'sale']);
    expect(kinds).toContain('pin_override');
    expect(kinds.indexOf('pin_override')).toBeLessThan(kinds.indexOf('refund'));
    const refundEvent = mine.find((e) => e.kind === 'refund')!;
    expect(refundEvent).toMatchObject({ subjectId: refund!.id, staffId: idOf('Jordan Lee'), details: { total: 6271, cash: 2271, approvedBy: idOf('Alex Rivera') } });
  });

  it('adds a tip to a card sale after the service, then voids the sale with a manager PIN; the server derives the same', async () => {
    const { page, server } = register;
    const pairing = await page.evaluate(() => JSON.parse(localStorage.getItem('pos.pairing')!).state.pairing as Pairing);
    const api = deviceClient(server.url, pairing);
    const staff: StaffDoc[] = (await api.pull('staff', null)).body.documents;
    const idOf = (name: string) => staff.find((s) => s.name === name)!.id;

    // Online now: a men's haircut (Sam), no tip, on the card machine.
    await page.getByRole('button', { name: 'Back to sale' }).click();
    await addToSale(page, "Men's haircut", 'Sam Chen');
    await page.getByRole('button', { name: `Charge ${usd(4355)}` }).click();
    await page.getByRole('button', { name: 'No tip' }).click();
    await page.getByRole('button', { name: 'Card (machine)' }).click();
    await page.getByLabel('Card (machine) amount').fill('43.55');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('region', { name: 'Sale complete' }).waitFor();
    const number = (await page.getByTestId('receipt').getByTestId('receipt-number').textContent())!;

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: `Open sale ${number}` }).click();
    await page.getByRole('button', { name: 'Adjust tip…' }).click();
    const tipDialog = page.getByRole('dialog', { name: `Adjust tip on sale ${number}` });
    await tipDialog.getByLabel('New tip on this payment').fill('8.00');
    await tipDialog.getByLabel('New tip on this payment').press('Enter');
    await expect.poll(() => page.getByTestId('history-message').textContent()).toBe(`Tip on sale ${number} is now ${usd(800)} (was ${usd(0)}).`);
    await expect.poll(() => page.getByTestId('figure-paid').textContent()).toBe(usd(4355 + 800));
    expect(await page.getByTestId('figure-tip').textContent()).toBe(usd(800));
    // One way of showing a sale: the line at its price without tax, as on the receipt; the payment with its new tip.
    expect(await page.getByTestId('detail-line').allInnerTexts()).toEqual([`Men's haircut\nwith Sam Chen\n\t${usd(4000)}`]);
    expect(await page.getByTestId('detail-total').textContent()).toBe(usd(4355));
    expect(await page.getByTestId('detail-payment').textContent()).toContain(`${usd(4355)} + ${usd(800)} tip`);

    await voidOpenSale(page, number, 'Charged the wrong client');
    expect(await page.getByTestId('figure-paid').textContent()).toBe(usd(0));
    // A voided sale offers no refund, void or tip change, and its payment reads as voided.
    for (const action of ['Refund…', 'Void…', 'Adjust tip…']) expect(await page.getByRole('button', { name: action }).count()).toBe(0);
    expect(await page.getByTestId('voided-note').textContent()).toContain('This sale was voided');
    expect(await page.getByTestId('detail-payment').textContent()).toContain('· voided ·');

    await expect
      .poll(async () => (await api.pull('adjustments', null)).body.documents.length, { timeout: 20_000, interval: 250 })
      .toBe(3);
    const order = ((await api.pull('orders', null)).body.documents as OrderDoc[]).find((o) => o.number === number)!;
    const payments = ((await api.pull('payments', null)).body.documents as PaymentDoc[]).filter((p) => p.orderId === order.id);
    const adjustments = ((await api.pull('adjustments', null)).body.documents as AdjustmentDoc[]).filter((a) => a.orderId === order.id);
    expect(adjustments.map((a) => a.kind).sort()).toEqual(['tip_adjustment', 'void']);
    const tip = adjustments.find((a) => a.kind === 'tip_adjustment')!;
    expect(tip.tipAdjustment).toEqual({
      paymentId: payments[0]!.id, previousTip: 0, tip: 800, tipShares: [{ staffId: idOf('Sam Chen'), amount: 800 }],
      staff: [{ staffId: idOf('Sam Chen'), tip: 800, stylistTip: 800 }], // the demo's Sam keeps all of their tips
    });
    const voided = adjustments.find((a) => a.kind === 'void')!;
    expect(voided).toMatchObject({ voidedPaymentIds: [payments[0]!.id], approvedBy: idOf('Alex Rivera'), staffId: idOf('Jordan Lee'), reason: 'Charged the wrong client' });
    expect(deriveOrderState(order, payments, adjustments)).toEqual({ status: 'voided', paid: 0, tip: 0, refunded: 0, overRefund: 0, voided: true });
    await expect
      .poll(async () => ((await api.pull('audit_events', null)).body.documents as AuditEventDoc[]).filter((e) => e.subjectId === voided.id).map((e) => e.kind))
      .toEqual(['void']);
  });
});
