import { DateTime } from 'luxon';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRates } from '../../shared/commissions/index';
import { newId } from '../../shared/ids';
import { applyTipChange, staffTipChanges } from '../../shared/adjustments/index';
import type { AdjustmentDoc, SettingsDoc, StaffDoc } from '../../shared/schemas/index';
import { openRegisterDatabase, type RegisterDatabase } from '../../renderer/src/db/database';
import { loadDashboard } from '../../renderer/src/manager/dashboard-data';
import { startSync, type SyncHandle } from '../../renderer/src/sync/replication';
import { ensureDemo } from '../../sync-server/demo/seed-demo';
import { apiClient, signIn } from '../support/backoffice';
import { deviceClient } from '../support/documents';
import { makeRefund, makeSale, type SaleTenderInput } from '../support/sales';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The register's dashboard (shared/reports over documents RxDB pulled) against the back office's
 * revenue API (SQL over its ledger projection) for the same tenant, location, instant and period.
 */
describe('register dashboard = back-office revenue, after sync', () => {
  // A fixed instant both sides use: Wednesday 18 November 2026, 12:00 in New York.
  const NOW = new Date('2026-11-18T17:00:00.000Z');
  let server: TestServer;
  let db: RegisterDatabase;
  let sync: SyncHandle;

  beforeAll(async () => {
    server = await startTestServer('pglite', { app: { now: () => NOW } });
  });
  afterAll(async () => {
    await sync?.stop();
    await db?.close();
    await server?.close();
  });

  it('agrees on today, week, month, forecasts, today vs yesterday, by staff and by tender', async () => {
    const demo = await ensureDemo(server.db.kysely, NOW);
    const seller = await server.pair(demo.pairingCode, 'Front desk');
    const viewer = await server.pair(demo.pairingCode, 'Back room');
    const api = deviceClient(server.url, seller);
    const staff: StaffDoc[] = (await api.pull('staff', null)).body.documents;
    const settings: SettingsDoc = (await api.pull('settings', null)).body.documents[0];
    const rates: StaffRates[] = staff.map((s) => ({ id: s.id, commissionRate: s.commissionRate, tipCommissionRate: s.tipCommissionRate }));
    const [owner, stylist] = [staff.find((s) => s.role === 'owner')!, staff.find((s) => s.role === 'provider')!];
    const cash: SaleTenderInput = { tender: 'CASH', mode: 'OFFLINE' };
    const card: SaleTenderInput = { tender: 'CARD_TERMINAL', mode: 'ONLINE', fee: { fixed: 30, percent: '2.9' } };
    const venmo: SaleTenderInput = { tender: 'VENMO', mode: 'OFFLINE' };

    // Sales from today back to 40 days ago (beyond the forecast's 28 days), at 15:00 local time.
    const at = (daysAgo: number, hour = 15) => DateTime.fromJSDate(NOW, { zone: settings.timeZone }).minus({ days: daysAgo }).set({ hour, minute: 0 }).toUTC().toISO()!;
    const plan: [number, number, number, SaleTenderInput[], string | null][] = [
      // [days ago, service price, tip, tenders, stylist]
      [0, 6500, 1300, [cash], stylist.id],
      [0, 12000, 2400, [card, cash], owner.id],
      [0, 1800, 0, [venmo], null],
      [1, 4000, 800, [card], stylist.id],
      [2, 3500, 0, [cash], owner.id],
      [6, 9900, 500, [card], stylist.id],
      [13, 3000, 600, [cash, venmo], stylist.id],
      [20, 6500, 0, [card], owner.id],
      [27, 4000, 0, [cash], stylist.id],
      [28, 12000, 1000, [card], owner.id],
      [40, 50000, 0, [cash], stylist.id],
    ];
    const sales = plan.map(([daysAgo, price, tip, tenders, staffId], i) =>
      makeSale(seller, {
        createdAt: at(daysAgo), timeZone: settings.timeZone, tip, tenders, taxes: settings.taxes, rates, number: `T-${i + 1}`,
        lines: [{ kind: staffId ? 'service' : 'product', unitPrice: price, staffId }],
      }),
    );
    expect((await api.push('orders', sales.map((s) => s.order))).status).toBe(200);
    expect((await api.push('payments', sales.flatMap((s) => s.payments))).status).toBe(200);
    // Today: yesterday's card sale refunded in full, and part of today's split sale (card + cash).
    // Two days ago: that day's cash sale voided. Each counts on its own business date.
    const adjustments: AdjustmentDoc[] = [
      makeRefund(seller, sales[3]!, { kind: 'full' }, at(0, 16), settings.timeZone),
      makeRefund(seller, sales[1]!, { kind: 'amount', amount: 5000, tip: 1000 }, at(0, 17), settings.timeZone),
      {
        ...makeRefund(seller, sales[4]!, { kind: 'full' }, at(2, 16), settings.timeZone),
        kind: 'void' as const, refund: null, voidedPaymentIds: sales[4]!.payments.map((p) => p.id), reason: 'Rung up by mistake',
      },
    ];
    // Tips raised after the sale: today's stylist sale, and the voided sale before its void (the void takes it back too).
    const raiseTip = (sale: (typeof sales)[number], tip: number, staffId: string, createdAt: string) => {
      const payment = sale.payments[0]!;
      const tipShares = [{ staffId, amount: tip }];
      return {
        ...makeRefund(seller, sale, { kind: 'full' }, createdAt, settings.timeZone),
        kind: 'tip_adjustment' as const, refund: null, reason: 'Tip added on the slip',
        tipAdjustment: {
          paymentId: payment.id, previousTip: payment.tip, tip, tipShares,
          staff: staffTipChanges(sale.order.tipShares, applyTipChange(sale.order.tipShares, { previousTip: payment.tip, tipShares }), rates),
        },
      };
    };
    adjustments.push(raiseTip(sales[0]!, 2000, stylist.id, at(0, 18)), raiseTip(sales[4]!, 500, owner.id, at(2, 15)));
    expect(adjustments[3]!.tipAdjustment!.staff.length).toBeGreaterThan(0);
    const pushed = await api.push('adjustments', adjustments);
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);

    // Another register pulls everything with RxDB's replication and computes its dashboard offline.
    db = await openRegisterDatabase({
      name: `dash${newId().replace(/-/g, '')}`, storage: getRxStorageMemory(), collections: ['orders', 'payments', 'adjustments', 'staff', 'catalog', 'settings'],
    });
    sync = startSync({ db, target: { serverUrl: server.url, token: viewer.token, tenantId: viewer.tenantId }, retryMs: 100, live: false });
    await sync.awaitInSync();
    expect(await db.payments.count().exec()).toBe(sales.flatMap((s) => s.payments).length);
    expect(await db.adjustments.count().exec()).toBe(5);
    const localDate = (daysAgo: number) => DateTime.fromJSDate(NOW, { zone: settings.timeZone }).minus({ days: daysAgo }).toISODate()!;
    const range = { from: localDate(13), to: localDate(0) };
    const dash = await loadDashboard(db, settings, range, NOW);

    const token = await signIn(server, demo.tenantId, 'owner');
    const get = async (path: string) => {
      const r = await apiClient(server.url, token)('GET', path);
      expect(r.status, r.text).toBe(200);
      return r.body;
    };
    const loc = `locationId=${demo.locationId}`;
    const revenue = await get(`/revenue?${loc}`);
    expect(revenue.businessDate).toBe(dash.calendar.today);
    expect({
      today: dash.today, thisWeek: dash.thisWeek, thisMonth: dash.thisMonth, todayForecast: dash.todayForecast,
      thisWeekForecast: dash.thisWeekForecast, thisMonthForecast: dash.thisMonthForecast, averageDay: dash.averageDay,
    }).toEqual({
      today: revenue.today, thisWeek: revenue.thisWeek, thisMonth: revenue.thisMonth, todayForecast: revenue.todayForecast,
      thisWeekForecast: revenue.thisWeekForecast, thisMonthForecast: revenue.thisMonthForecast, averageDay: revenue.averageDay,
    });
    // Not trivially equal: every window has sales, and the 40-day-old sale counts nowhere.
    // $65.00, $120.00 and $18.00 with 8.875% tax: 7077 + 13065 + 1960, less the refunds
    // given today: yesterday's $43.55 in full and $50.00 of today's split sale.
    expect(dash.today).toBe(7077 + 13065 + 1960 - 4355 - 5000);
    expect([dash.todaySummary.refunds, dash.range.total.refunds]).toEqual([9355, 9355 + sales[4]!.order.total]);
    expect(dash.thisWeek).toBeGreaterThan(dash.today);
    expect(dash.thisMonth).toBeGreaterThan(dash.thisWeek);
    expect(dash.thisMonthForecast).toBeGreaterThan(dash.thisMonth);

    const summary = await get(`/revenue/summary?${loc}`);
    for (const [mine, theirs] of [[dash.todaySummary, summary.today], [dash.yesterdaySummary, summary.yesterday]] as const) {
      expect({ businessDate: mine.businessDate, amount: mine.sales, tip: mine.tips, fee: mine.fees, refunds: mine.refunds, net: mine.net, payments: mine.payments }).toEqual(theirs);
    }

    const q = `${loc}&from=${range.from}&to=${range.to}`;
    const byStaff = await get(`/revenue/by-staff?${q}`);
    const mineStaff = Object.entries(dash.range.total.staff).map(([staffId, s]) => ({
      staffId, name: dash.staffNames.get(staffId) ?? null, serviceRevenue: s.service, commission: s.commission, tips: s.tipShare, orders: s.orders,
    }));
    expect(mineStaff.sort((a, b) => a.staffId.localeCompare(b.staffId))).toEqual([...byStaff.staff].sort((a: { staffId: string }, b: { staffId: string }) => a.staffId.localeCompare(b.staffId)));
    expect(mineStaff.length).toBe(2);

    const byTender = await get(`/revenue/by-tender?${q}`);
    const mineTenders = Object.entries(dash.range.total.tenders).map(([tender, t]) => ({
      tender, mode: tender === 'CARD_TERMINAL' ? 'ONLINE' : 'OFFLINE', amount: t.amount - t.refunds, tip: t.tip, fee: t.fee, payments: t.payments,
    }));
    expect(mineTenders.sort((a, b) => a.tender.localeCompare(b.tender))).toEqual(byTender.tenders);
    expect(mineTenders.map((t) => t.tender).sort()).toEqual(['CARD_TERMINAL', 'CASH', 'VENMO']);
  });
});
