import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRates } from '../../shared/commissions/index';
import { newId } from '../../shared/ids';
import { outcomeId } from '../../shared/lifecycle/index';
import { catalogCategory, summarizeDays } from '../../shared/reports/index';
import type { AdjustmentDoc, CatalogItemDoc, OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import { applyTipChange, staffTipChanges } from '../../shared/adjustments/index';
import type { PairResponseBody } from '../../shared/protocol';
import { apiClient, signIn } from '../support/backoffice';
import { deviceClient } from '../support/documents';
import { makeRefund, makeSale, type Sale, type SaleLine, type SaleTenderInput } from '../support/sales';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

// Auckland is UTC+13 in November: a sale at 00:10 local on the 21st is on the 20th in UTC.
const TIME_ZONE = 'Pacific/Auckland';
const NOW = new Date('2026-11-21T10:30:00Z'); // Saturday 21 November, 23:30 local
const TODAY = '2026-11-21';
const YESTERDAY = '2026-11-20';
const WEEK_START = '2026-11-16';
const MONTH_START = '2026-11-01';
const HISTORY_START = '2026-10-24';
const DAY_MS = 86_400_000;
const LEFT_TODAY_MS = 30 * 60_000;
const TAXES = [{ id: '0190a000-0000-7000-8000-0000000000aa', name: 'GST', rate: '15' }];
const CARD_FEE = { fixed: 30, percent: '2.9' };

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** round-half-up(a × b / c) in integers, as the documented forecast method says. */
const mulDiv = (a: number, b: number, c: number) => Number((2n * BigInt(a) * BigInt(b) + BigInt(c)) / (2n * BigInt(c)));

describe.each(databaseKinds())('back-office figures equal the money core on %s', (kind) => {
  let server: TestServer;
  let device: PairResponseBody;
  let api: ReturnType<typeof apiClient>;
  let clock = NOW;
  let locationId: string;
  let otherLocationId: string;
  let staffA: StaffRates;
  let staffB: StaffRates;
  const sales: (Sale & { label: string })[] = [];

  const payments = () => sales.flatMap((s) => s.payments);
  const paymentsOn = (test: (day: string) => boolean) => payments().filter((p) => test(p.businessDate));
  const amountOn = (test: (day: string) => boolean) => sum(paymentsOn(test).map((p) => p.amount));

  beforeAll(async () => {
    server = await startTestServer(kind, { app: { now: () => clock, clearingDelayHours: 48 } });
    const tenant = await server.newTenant('Money salon');
    locationId = tenant.locationId;
    device = await server.pair(tenant.pairingCode);
    api = apiClient(server.url, await signIn(server, tenant.tenantId, 'owner'));
    expect((await api('PATCH', `/locations/${locationId}`, { timeZone: TIME_ZONE, taxes: TAXES, tipPresets: ['15', '20'] })).status).toBe(200);
    otherLocationId = (await api('POST', '/locations', { name: 'Uptown', timeZone: 'America/New_York', currency: 'USD' })).body.id;
    const staff = async (name: string, commissionRate: string, tipCommissionRate: string) => {
      const r = await api('POST', '/staff', { name, role: 'provider', locationIds: [locationId], commissionRate, tipCommissionRate });
      expect(r.status).toBe(201);
      return { id: r.body.id as string, commissionRate, tipCommissionRate };
    };
    staffA = await staff('Ana', '45', '100');
    staffB = await staff('Ben', '60.5', '90');

    const cash: SaleTenderInput = { tender: 'CASH', mode: 'OFFLINE' };
    const card: SaleTenderInput = { tender: 'CARD_TERMINAL', mode: 'ONLINE', fee: CARD_FEE };
    const external: SaleTenderInput = { tender: 'CARD_EXTERNAL', mode: 'OFFLINE' };
    const hair: SaleLine = { kind: 'service', unitPrice: 6500, staffId: staffA.id };
    const color: SaleLine = { kind: 'service', unitPrice: 12_345, staffId: staffB.id };
    const shampoo: SaleLine = { kind: 'product', unitPrice: 1899, quantity: 2 };
    const plan: [string, string, SaleLine[], number, SaleTenderInput[]][] = [
      ['S1', '2026-11-20T10:50:00Z', [hair], 1000, [cash]], // 23:50 on the 20th: yesterday
      ['S2', '2026-11-20T11:10:00Z', [hair, color, shampoo], 3333, [cash, card]], // 00:10 on the 21st: today, though the 20th in UTC
      ['S3', '2026-11-21T09:00:00Z', [color], 0, [external]], // 22:00 today
      ['S4', '2026-11-16T00:00:00Z', [hair, shampoo], 777, [card]], // Monday: this week
      ['S5', '2026-11-15T10:59:00Z', [color, hair], 1500, [card]], // Sunday 23:59: last week, this month
      ['S6', '2026-11-01T00:00:00Z', [shampoo], 0, [cash]], // the 1st: this month
      ['S7', '2026-10-31T10:30:00Z', [hair], 500, [cash, card]], // 23:30 on 31 October: last month, in the 28-day history
      ['S8', '2026-10-20T01:00:00Z', [color], 2000, [cash]], // before the history
    ];
    for (const [label, createdAt, lines, tip, tenders] of plan) {
      const sale = makeSale(device, { createdAt, timeZone: TIME_ZONE, lines, tip, tenders, taxes: TAXES, rates: [staffA, staffB], number: label });
      sales.push({ ...sale, label });
    }
    const client = deviceClient(server.url, device);
    // Payments before their orders for half of the sales: the projection joins them either way.
    expect((await client.push('payments', sales.slice(0, 4).flatMap((s) => s.payments))).status).toBe(200);
    expect((await client.push('orders', sales.map((s) => s.order))).status).toBe(200);
    expect((await client.push('payments', sales.slice(4).flatMap((s) => s.payments))).status).toBe(200);
  });
  afterAll(() => server.close());

  it('puts sales on business days of the location time zone, across midnight', () => {
    const day = (label: string) => sales.find((s) => s.label === label)!.order.businessDate;
    expect([day('S1'), day('S2'), day('S3')]).toEqual([YESTERDAY, TODAY, TODAY]);
    expect(sales.find((s) => s.label === 'S2')!.order.createdAt.slice(0, 10)).toBe(YESTERDAY);
  });

  it('answers revenue today, this week and this month, and forecasts by the documented method', async () => {
    const r = await api('GET', `/revenue?locationId=${locationId}`);
    expect(r.status).toBe(200);
    const today = amountOn((d) => d === TODAY);
    const week = amountOn((d) => d >= WEEK_START && d <= TODAY);
    const month = amountOn((d) => d >= MONTH_START && d <= TODAY);
    const history = amountOn((d) => d >= HISTORY_START && d < TODAY);
    expect(today).toBeGreaterThan(0);
    expect(week).toBeGreaterThan(today);
    expect(month).toBeGreaterThan(week);
    expect(r.body).toMatchObject({
      businessDate: TODAY, currency: 'USD', timeZone: TIME_ZONE, today, thisWeek: week, thisMonth: month,
      todayForecast: today + mulDiv(history, LEFT_TODAY_MS, 28 * DAY_MS),
      thisWeekForecast: week + mulDiv(history, LEFT_TODAY_MS + 1 * DAY_MS, 28 * DAY_MS),
      thisMonthForecast: month + mulDiv(history, LEFT_TODAY_MS + 9 * DAY_MS, 28 * DAY_MS),
    });
  });

  it('compares today with yesterday', async () => {
    const r = await api('GET', `/revenue/summary?locationId=${locationId}`);
    expect(r.status).toBe(200);
    for (const [key, day] of [['today', TODAY], ['yesterday', YESTERDAY]] as const) {
      const list = paymentsOn((d) => d === day);
      expect(r.body[key]).toEqual({
        businessDate: day, amount: sum(list.map((p) => p.amount)), tip: sum(list.map((p) => p.tip)), fee: sum(list.map((p) => p.fee)),
        refunds: 0, net: sum(list.map((p) => p.amount)), payments: list.length,
      });
    }
  });

  it('answers all-time revenue for several locations at once', async () => {
    const r = await api('GET', `/revenue/all-time?locationId=${locationId}&locationId=${otherLocationId}`);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([
      { locationId, currency: 'USD', revenue: sum(payments().map((p) => p.amount)), tips: sum(payments().map((p) => p.tip)), fees: sum(payments().map((p) => p.fee)) },
      { locationId: otherLocationId, currency: 'USD', revenue: 0, tips: 0, fees: 0 },
    ]);
  });

  it("splits revenue by staff with the money core's commissions, and by tender", async () => {
    const november = sales.filter((s) => s.order.businessDate >= MONTH_START && s.order.businessDate <= '2026-11-30');
    const byStaff = await api('GET', `/revenue/by-staff?locationId=${locationId}&from=2026-11-01&to=2026-11-30`);
    expect(byStaff.status).toBe(200);
    const expected = [staffA, staffB].map((s) => {
      const mine = november.flatMap((sale) => sale.earnings.filter((e) => e.staffId === s.id));
      return { staffId: s.id, serviceRevenue: sum(mine.map((e) => e.serviceAmount)), commission: sum(mine.map((e) => e.stylistAmount)), tips: sum(mine.map((e) => e.stylistTipAmount)), orders: mine.length };
    });
    expect(byStaff.body.staff.map(({ name: _name, ...rest }: { name: string }) => rest)).toEqual(expect.arrayContaining(expected));
    expect(byStaff.body.staff).toHaveLength(2);

    const byTender = await api('GET', `/revenue/by-tender?locationId=${locationId}&from=2026-11-01&to=2026-11-30`);
    const novemberPayments = november.flatMap((s) => s.payments);
    for (const row of byTender.body.tenders) {
      const list = novemberPayments.filter((p) => p.tender === row.tender && p.mode === row.mode);
      expect(row).toEqual({ tender: row.tender, mode: row.mode, amount: sum(list.map((p) => p.amount)), tip: sum(list.map((p) => p.tip)), fee: sum(list.map((p) => p.fee)), payments: list.length });
    }
    expect(sum(byTender.body.tenders.map((t: { payments: number }) => t.payments))).toBe(novemberPayments.length);
  });

  it('answers balances: current net of fees, tips apart, card money cleared only after the delay', async () => {
    const all = payments();
    const current = sum(all.map((p) => p.amount - p.fee));
    const offline = sum(all.filter((p) => p.mode === 'OFFLINE').map((p) => p.amount - p.fee));
    // An API key does not expire with the clock moved on (a user's 15-minute token would).
    const key = (await api('POST', '/api-keys', { name: 'clearing check' })).body.key;
    const system = apiClient(server.url, key);
    // The server received everything at NOW, on its own clock.
    const pending = await api('GET', `/balances?locationId=${locationId}`);
    expect(pending.body).toMatchObject({
      currentBalance: current, currentClearedBalance: offline, pendingBalance: current - offline,
      currentTipBalance: sum(all.map((p) => p.tip)), clearingDelayHours: 48,
    });
    expect(offline).toBeLessThan(current);
    expect(pending.body.recentTransactions).toHaveLength(10);
    try {
      clock = new Date(NOW.getTime() + 47 * 3600_000);
      expect((await system('GET', `/balances?locationId=${locationId}`)).body).toMatchObject({ currentClearedBalance: offline, pendingBalance: current - offline });
      clock = new Date(NOW.getTime() + 49 * 3600_000);
      expect((await api('GET', '/auth/me')).status).toBe(401);
      const cleared = await system('GET', `/balances?locationId=${locationId}`);
      expect(cleared.body).toMatchObject({ currentBalance: current, currentClearedBalance: current, pendingBalance: 0 });
    } finally {
      clock = NOW;
    }
  });

  it("answers each staff member's balance: the commission and tip share the money core gives them", async () => {
    for (const s of [staffA, staffB]) {
      const mine = sales.flatMap((sale) => sale.earnings.filter((e) => e.staffId === s.id));
      const r = await api('GET', `/balances?staffId=${s.id}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ staffId: s.id, currentBalance: sum(mine.map((e) => e.stylistAmount)), currentTipBalance: sum(mine.map((e) => e.stylistTipAmount)) });
      const txs = await api('GET', `/balances/transactions?staffId=${s.id}&type=CREDIT&limit=100`);
      expect(txs.body.total).toBe(mine.length);
      expect(sum(txs.body.data.map((t: { amount: number }) => t.amount))).toBe(r.body.currentBalance);
    }
    const refunds = await api('GET', `/balances/transactions?locationId=${locationId}&type=REFUND`);
    expect(refunds.body).toMatchObject({ total: 0, data: [] });
  });

  it("breaks one payment down into salon and staff shares that add up to it", async () => {
    const sale = sales.find((s) => s.label === 'S2')!;
    const card = sale.payments.find((p) => p.tender === 'CARD_TERMINAL')!;
    const r = await api('GET', `/payments/${card.id}`);
    expect(r.status).toBe(200);
    const b = r.body.breakdown;
    expect(b).toMatchObject({ amount: card.amount, tip: card.tip, fee: card.fee, total: card.amount + card.tip, net: card.amount + card.tip - card.fee, refundAmount: 0 });
    expect(b.salonAmount + b.stylistAmount).toBe(card.amount);
    expect(b.salonTipAmount + b.stylistTipAmount).toBe(card.tip);
    expect(sum(r.body.staff.map((s: { tipAmount: number }) => s.tipAmount))).toBe(card.tip);
    expect(r.body.staff.map((s: { name: string }) => s.name).sort()).toEqual(['Ana', 'Ben']);
    expect(r.body.card).toEqual({ brand: 'visa', last4: '4242' });
    expect(r.body.orderNumber).toBe('S2');
    // Paid in two halves: the two payments' staff shares add up to the order's earnings.
    const other = await api('GET', `/payments/${sale.payments.find((p) => p.tender === 'CASH')!.id}`);
    for (const e of sale.earnings) {
      const shares = [r.body, other.body].map((p) => p.staff.find((s: { staffId: string }) => s.staffId === e.staffId));
      expect(shares[0].tipAmount + shares[1].tipAmount).toBe(e.tipAmount);
      expect(Math.abs(shares[0].serviceAmount + shares[1].serviceAmount - e.serviceAmount)).toBeLessThanOrEqual(1);
    }
  });

  it("filters payments as seed 003 does", async () => {
    const count = async (query: string) => (await api('GET', `/payments?${query}`)).body.total;
    expect(await count(`locationId=${locationId}`)).toBe(payments().length);
    expect(await count('tender=CARD_TERMINAL')).toBe(payments().filter((p) => p.tender === 'CARD_TERMINAL').length);
    expect(await count('tender=CARD_TERMINAL&tender=CARD_EXTERNAL')).toBe(payments().filter((p) => p.tender.startsWith('CARD')).length);
    expect(await count('mode=OFFLINE')).toBe(payments().filter((p) => p.mode === 'OFFLINE').length);
    expect(await count('status=failed')).toBe(0);
    expect(await count(`from=${WEEK_START}&to=${TODAY}`)).toBe(paymentsOn((d) => d >= WEEK_START && d <= TODAY).length);
    expect(await count('minTotal=5000&maxTotal=20000')).toBe(payments().filter((p) => p.amount + p.tip >= 5000 && p.amount + p.tip <= 20000).length);
    const withB = sales.filter((s) => s.earnings.some((e) => e.staffId === staffB.id)).flatMap((s) => s.payments);
    expect(await count(`staffId=${staffB.id}`)).toBe(withB.length);
    expect(await count('search=S7')).toBe(2);
    expect(await count('search=4242')).toBe(payments().filter((p) => p.cardLast4 === '4242').length);
    const s2 = sales.find((s) => s.label === 'S2')!;
    expect(await count(`orderId=${s2.order.id}`)).toBe(2);
    const paged = await api('GET', '/payments?limit=3&page=1');
    expect(paged.body).toMatchObject({ count: 3, page: 1, limit: 3, total: payments().length });
  });

  it('exports the payment history as CSV with exact decimal amounts', async () => {
    const r = await api('GET', `/payments/export.csv?locationId=${locationId}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = r.text.trim().split('\n');
    const columns = header!.split(',');
    expect(rows).toHaveLength(payments().length);
    const amountAt = columns.indexOf('amount');
    const cents = rows.map((row) => {
      const [units, fraction] = row.split(',')[amountAt]!.split('.');
      expect(fraction).toHaveLength(2);
      return Number(units) * 100 + Number(fraction);
    });
    expect(sum(cents)).toBe(sum(payments().map((p) => p.amount)));
  });

  it("nets a refund out of revenue, balances and the payment's breakdown, split as planRefund split it", async () => {
    const before = (await api('GET', `/revenue?locationId=${locationId}`)).body;
    const sale = sales.find((s) => s.label === 'S2')!;
    const adjustment = makeRefund(device, sale, { kind: 'amount', amount: 2001, tip: 301 }, '2026-11-21T08:00:00Z', TIME_ZONE);
    const refund = adjustment.refund!;
    expect((await deviceClient(server.url, device).push('adjustments', [adjustment])).status).toBe(200);

    const after = (await api('GET', `/revenue?locationId=${locationId}`)).body;
    expect(after.today).toBe(before.today - 2001);
    const summary = (await api('GET', `/revenue/summary?locationId=${locationId}`)).body.today;
    expect(summary).toMatchObject({ refunds: 2001, net: summary.amount - 2001 });
    for (const s of [staffA, staffB]) {
      const earned = sales.flatMap((x) => x.earnings.filter((e) => e.staffId === s.id));
      const back = refund.staff.filter((x) => x.staffId === s.id);
      const balance = (await api('GET', `/balances?staffId=${s.id}`)).body;
      expect(balance.currentBalance).toBe(sum(earned.map((e) => e.stylistAmount)) - sum(back.map((x) => x.stylistAmount)));
      expect(balance.currentTipBalance).toBe(sum(earned.map((e) => e.stylistTipAmount)) - sum(back.map((x) => x.stylistTipAmount)));
    }
    for (const tender of refund.tenders) {
      const detail = (await api('GET', `/payments/${tender.paymentId}`)).body;
      expect(detail.breakdown).toMatchObject({ refundAmount: tender.amount, refundTipAmount: tender.tip, refundFee: tender.fee });
      expect(detail.breakdown.refundAmountSalon + detail.breakdown.refundAmountStylist).toBe(tender.amount);
      expect(detail.refunds).toEqual([expect.objectContaining({ id: adjustment.id, amount: tender.amount, tip: tender.tip, reason: 'Client unhappy' })]);
    }
    const listed = await api('GET', `/refunds?locationId=${locationId}`);
    expect(listed.body.total).toBe(refund.tenders.length);
    expect(sum(listed.body.data.map((r: { amount: number }) => r.amount))).toBe(2001);
    const rows = await api('GET', `/balances/transactions?locationId=${locationId}&type=REFUND`);
    expect(sum(rows.body.data.map((r: { amount: number }) => r.amount))).toBe(-2001);
  });

  it('counts a card-terminal payment once: its pending document and outcome are one payment, whichever arrives first', async () => {
    const before = (await api('GET', `/revenue?locationId=${locationId}`)).body.today;
    const sale = makeSale(device, {
      createdAt: '2026-11-21T09:30:00Z', timeZone: TIME_ZONE, lines: [{ kind: 'service', unitPrice: 5000, staffId: staffA.id }], tip: 500,
      tenders: [{ tender: 'CARD_TERMINAL', mode: 'ONLINE', fee: CARD_FEE }], taxes: TAXES, rates: [staffA, staffB], number: 'T1',
    });
    const pending = { ...sale.payments[0]!, status: 'pending' as const };
    const outcome = { ...sale.payments[0]!, id: outcomeId(pending.id, 'succeeded'), attemptOf: pending.id, status: 'succeeded' as const };
    const client = deviceClient(server.url, device);
    expect((await client.push('orders', [sale.order])).status).toBe(200);
    expect((await client.push('payments', [outcome])).status).toBe(200);
    expect((await client.push('payments', [pending])).status).toBe(200);
    const listed = await api('GET', `/payments?orderId=${sale.order.id}`);
    expect(listed.body.data).toEqual([expect.objectContaining({ id: pending.id, status: 'succeeded', amount: pending.amount, fee: pending.fee })]);
    expect((await api('GET', `/revenue?locationId=${locationId}`)).body.today).toBe(before + pending.amount);
  });

  // A register pushes each collection on its own, so a void can reach the server before the sale it voids.
  it.each([
    ['the sale first', ['orders', 'pending', 'outcome', 'void']],
    ['the void first', ['void', 'outcome', 'pending', 'orders']],
  ] as const)("takes back a voided card-terminal payment whole, with the fee only its outcome carries, %s", async (label, arrival) => {
    const staffBefore = (await api('GET', `/balances?staffId=${staffA.id}`)).body;
    const before = (await api('GET', `/balances?locationId=${locationId}`)).body;
    const revenueBefore = (await api('GET', `/revenue?locationId=${locationId}`)).body.today;
    const sale = makeSale(device, {
      createdAt: '2026-11-21T09:40:00Z', timeZone: TIME_ZONE, lines: [{ kind: 'service', unitPrice: 4000, staffId: staffA.id }], tip: 400,
      tenders: [{ tender: 'CARD_TERMINAL', mode: 'ONLINE', fee: CARD_FEE }], taxes: TAXES, rates: [staffA, staffB], number: `V-${label}`,
    });
    const captured = sale.payments[0]!;
    expect(captured.fee).toBeGreaterThan(0);
    const pending = { ...captured, status: 'pending' as const, fee: 0 };
    const outcome = { ...captured, id: outcomeId(pending.id, 'succeeded'), attemptOf: pending.id, status: 'succeeded' as const };
    const voided: AdjustmentDoc = {
      id: newId(), tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId, orderId: sale.order.id, kind: 'void',
      currency: 'USD', staffId: null, approvedBy: null, reason: 'Rung up twice', refund: null, voidedPaymentIds: [pending.id], tipAdjustment: null,
      createdAt: '2026-11-21T09:45:00Z', businessDate: TODAY,
    };
    const client = deviceClient(server.url, device);
    const push = { orders: () => client.push('orders', [sale.order]), pending: () => client.push('payments', [pending]), outcome: () => client.push('payments', [outcome]), void: () => client.push('adjustments', [voided]) };
    for (const next of arrival) expect((await push[next]()).status).toBe(200);

    // The payment shows as the void leaves it, as the register shows it.
    expect((await api('GET', `/payments/${pending.id}`)).body).toMatchObject({ status: 'voided', fee: captured.fee });
    expect((await api('GET', `/payments?orderId=${sale.order.id}`)).body.data.map((p: { status: string }) => p.status)).toEqual(['voided']);
    // The location was credited amount - fee and the staff member their commission; the void takes back exactly that.
    const after = (await api('GET', `/balances?locationId=${locationId}`)).body;
    expect([after.currentBalance, after.currentTipBalance]).toEqual([before.currentBalance, before.currentTipBalance]);
    const staffAfter = (await api('GET', `/balances?staffId=${staffA.id}`)).body;
    expect([staffAfter.currentBalance, staffAfter.currentTipBalance]).toEqual([staffBefore.currentBalance, staffBefore.currentTipBalance]);
    expect((await api('GET', `/revenue?locationId=${locationId}`)).body.today).toBe(revenueBefore);
  });

  it('drops a card-terminal payment from the figures when the processor voids it after capture', async () => {
    const before = (await api('GET', `/balances?locationId=${locationId}`)).body.currentBalance;
    const revenueBefore = (await api('GET', `/revenue?locationId=${locationId}`)).body.today;
    const sale = makeSale(device, {
      createdAt: '2026-11-21T09:50:00Z', timeZone: TIME_ZONE, lines: [{ kind: 'product', unitPrice: 2500 }], tip: 0,
      tenders: [{ tender: 'CARD_TERMINAL', mode: 'ONLINE', fee: CARD_FEE }], taxes: TAXES, rates: [staffA, staffB], number: 'PV1',
    });
    const pending = { ...sale.payments[0]!, status: 'pending' as const, fee: 0 };
    const captured = { ...sale.payments[0]!, id: outcomeId(pending.id, 'succeeded'), attemptOf: pending.id, status: 'succeeded' as const };
    const client = deviceClient(server.url, device);
    expect((await client.push('orders', [sale.order])).status).toBe(200);
    expect((await client.push('payments', [pending, captured])).status).toBe(200);
    expect((await api('GET', `/revenue?locationId=${locationId}`)).body.today).toBe(revenueBefore + captured.amount);
    const reversed = { ...captured, id: outcomeId(pending.id, 'voided'), status: 'voided' as const };
    expect((await client.push('payments', [reversed])).status).toBe(200);
    expect((await api('GET', `/payments/${pending.id}`)).body.status).toBe('voided');
    expect((await api('GET', `/revenue?locationId=${locationId}`)).body.today).toBe(revenueBefore);
    expect((await api('GET', `/balances?locationId=${locationId}`)).body.currentBalance).toBe(before);
  });

  it("adds a raised tip to the tips, the location's and the staff's tip balances, not to the payments counted", async () => {
    const sale = sales.find((s) => s.label === 'S3')!;
    const payment = sale.payments[0]!;
    const ask = async () => ({
      summary: (await api('GET', `/revenue/summary?locationId=${locationId}`)).body.today,
      tender: (await api('GET', `/revenue/by-tender?locationId=${locationId}&from=${TODAY}&to=${TODAY}`)).body.tenders.find((t: { tender: string }) => t.tender === payment.tender),
      balance: (await api('GET', `/balances?locationId=${locationId}`)).body,
    });
    const before = await ask();
    const raised: AdjustmentDoc = {
      id: newId(), tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId, orderId: sale.order.id, kind: 'tip_adjustment',
      currency: 'USD', staffId: null, approvedBy: null, reason: 'Tip added on the slip', refund: null, voidedPaymentIds: [],
      tipAdjustment: {
        paymentId: payment.id, previousTip: 0, tip: 250, tipShares: [{ staffId: staffB.id, amount: 250 }],
        staff: staffTipChanges([], applyTipChange([], { previousTip: 0, tipShares: [{ staffId: staffB.id, amount: 250 }] }), [staffA, staffB]),
      },
      createdAt: '2026-11-21T09:30:00Z', businessDate: TODAY,
    };
    expect(payment.tip).toBe(0);
    expect(raised.tipAdjustment!.staff).toEqual([{ staffId: staffB.id, tip: 250, stylistTip: 225 }]); // Ben keeps 90% of tips
    const benBefore = (await api('GET', `/balances?staffId=${staffB.id}`)).body.currentTipBalance;
    expect((await deviceClient(server.url, device).push('adjustments', [raised])).status).toBe(200);
    const after = await ask();
    expect([after.summary.payments, after.summary.amount, after.summary.tip]).toEqual([before.summary.payments, before.summary.amount, before.summary.tip + 250]);
    expect([after.tender.payments, after.tender.amount, after.tender.tip]).toEqual([before.tender.payments, before.tender.amount, before.tender.tip + 250]);
    expect(after.balance.currentTipBalance).toBe(before.balance.currentTipBalance + 250);
    expect((await api('GET', `/balances?staffId=${staffB.id}`)).body.currentTipBalance).toBe(benBefore + 225);
    // The payments list shows the new tip, as the register's sale detail does.
    const [listed] = (await api('GET', `/payments?orderId=${sale.order.id}`)).body.data;
    expect([listed.status, listed.tip, listed.total]).toEqual(['succeeded', 250, payment.amount + 250]);
    expect((await api('GET', `/payments/${payment.id}`)).body).toMatchObject({ tip: 250, total: payment.amount + 250 });
  });

  it("reports gross sales, discounts, refunds, net sales, tax, tips and total collected as the register's shared function sums the same documents", async () => {
    const client = deviceClient(server.url, device);
    const pulled = async <T,>(collection: string) => (await client.pull(collection, null)).body.documents as T[];
    const [orders, paid, adjustments, catalog] = [await pulled<OrderDoc>('orders'), await pulled<PaymentDoc>('payments'), await pulled<AdjustmentDoc>('adjustments'), await pulled<CatalogItemDoc>('catalog')];
    expect(adjustments.some((a) => a.kind === 'void') && adjustments.some((a) => a.kind === 'refund') && adjustments.some((a) => a.kind === 'tip_adjustment')).toBe(true);
    const day = summarizeDays({
      orders, payments: paid, adjustments, locationId, rates: new Map([staffA, staffB].map((r) => [r.id, r])),
      categoryOf: catalogCategory(new Map(catalog.map((c) => [c.id, c.category]))),
    }).get(TODAY)!;
    const report = (await api('GET', `/reports/sales?locationId=${locationId}&from=${TODAY}&to=${TODAY}`)).body;
    expect(report).toMatchObject({ ...day.figures, currency: 'USD', from: TODAY, to: TODAY });
    expect([report.grossSales > 0, report.refunds > 0, report.tips > 0]).toEqual([true, true, true]);
    expect(report.grossSales - report.discounts - report.refunds).toBe(report.netSales);
    expect(report.netSales + report.tax + report.tips).toBe(report.collected);
    expect(report.categories).toEqual(Object.entries(day.categories).sort(([a], [b]) => a.localeCompare(b)).map(([category, c]) => ({ category, ...c })));
    expect((await api('GET', `/reports/sales?locationId=${locationId}&from=${TODAY}&to=${YESTERDAY}`)).status).toBe(400);
  });
});
