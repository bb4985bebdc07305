import { describe, expect, it } from 'vitest';
import { buildDashboard, dashboardSpan, forecast, mergeDays, reportCalendar, summarizeDays, type SummaryInput } from '../../shared/reports/index';
import { order, payment, refund, SCOPE } from './reports-fixtures';

const rates = new Map([
  ['stylist', { id: 'stylist', commissionRate: '45', tipCommissionRate: '100' }],
  ['owner', { id: 'owner', commissionRate: '60', tipCommissionRate: '50' }],
]);
const categories: Record<string, string> = { cut: 'Hair', nails: 'Nails', shampoo: 'Retail' };
const input = (docs: Partial<SummaryInput>): SummaryInput => ({
  orders: [], payments: [], adjustments: [], rates, locationId: SCOPE.locationId,
  categoryOf: (itemId) => (itemId && categories[itemId]) || 'Other', ...docs,
});

describe('report calendar (the location\'s time zone)', () => {
  it('puts an instant on the local business date, weeks from Monday', () => {
    // 03:30 UTC on Monday 2026-11-02 is still Sunday evening in New York.
    const cal = reportCalendar(new Date('2026-11-02T03:30:00Z'), 'America/New_York');
    expect([cal.today, cal.yesterday, cal.weekStart, cal.weekEnd, cal.monthStart, cal.monthEnd, cal.historyStart]).toEqual([
      '2026-11-01', '2026-10-31', '2026-10-26', '2026-11-01', '2026-11-01', '2026-11-30', '2026-10-04',
    ]);
    // 1 November 2026 is the DST change in New York: a 25-hour day.
    expect(cal.msToday).toBe(25 * 3600_000);
    expect(cal.daysLeftInWeek).toBe(0);
    expect(cal.daysLeftInMonth).toBe(29);
    expect(reportCalendar(new Date('2026-11-02T03:30:00Z'), 'Asia/Tokyo').today).toBe('2026-11-02');
  });

  it('forecasts with one half-up rounding: so far + 28-day average × days left', () => {
    // Half a day left of a 24 h day, 10 whole days after: 10.5 × 28000 / 28 = 10500.
    expect(forecast(1234, 28000, 12 * 3600_000, 24 * 3600_000, 10)).toBe(1234 + 10500);
    // 1/3 day left: 100 × (1/3) / 28 = 1.19 -> 1.
    expect(forecast(0, 100, 8 * 3600_000, 24 * 3600_000, 0)).toBe(1);
    expect(forecast(500, -300, 1, 2, 3)).toBe(500);
  });
});

describe('per-day summaries', () => {
  it('sums payments, tips, fees, refunds and voids by tender, staff and category, each on its own date, as the server\'s ledger does', () => {
    const cash = payment('2026-11-20', 'CASH', 10000, 1500);
    const card = payment('2026-11-20', 'CARD_EXTERNAL', 5000, 0, { fee: 150 });
    const failed = payment('2026-11-20', 'CARD_TERMINAL', 9999, 0, { status: 'failed' });
    const voidedPayment = payment('2026-11-19', 'CASH', 777, 23);
    const other = payment('2026-11-20', 'CASH', 4242, 0, { locationId: 'elsewhere' });
    const o = order('2026-11-20', [
      { itemId: 'cut', net: 6000, staffId: 'stylist' },
      { itemId: 'nails', net: 3000, staffId: 'owner' },
      { kind: 'product', itemId: 'shampoo', net: 1800, quantity: 2 },
    ], [{ staffId: 'stylist', amount: 1000 }, { staffId: 'owner', amount: 500 }]);
    const voidedOrder = order('2026-11-19', [{ itemId: 'cut', net: 700, staffId: 'stylist' }]);
    const r = refund('2026-11-21', [{ paymentId: cash.id, tender: 'CASH', amount: 2500, tip: 300 }], {
      orderId: o.id,
      refund: {
        ...refund('2026-11-21', [{ paymentId: cash.id, tender: 'CASH', amount: 2500, tip: 300 }]).refund!,
        staff: [{ staffId: 'stylist', amount: 2000, tip: 300, salonAmount: 1100, stylistAmount: 900, salonTipAmount: 0, stylistTipAmount: 300 }],
      },
    });
    const v = refund('2026-11-20', [], { kind: 'void', refund: null, orderId: voidedOrder.id, voidedPaymentIds: [voidedPayment.id] });
    const tipChange = refund('2026-11-21', [], {
      kind: 'tip_adjustment', refund: null, tipAdjustment: { paymentId: card.id, previousTip: 0, tip: 400, tipShares: [], staff: [] },
    });
    // The void's sale (19 Nov) is not among the documents passed: it is looked up by id.
    const days = summarizeDays(input({
      orders: [o], payments: [cash, card, failed, other], adjustments: [r, v, tipChange],
      paymentById: (id) => (id === voidedPayment.id ? voidedPayment : undefined),
      orderById: (id) => (id === voidedOrder.id ? voidedOrder : undefined),
    }));
    const d20 = days.get('2026-11-20')!;
    // Sales 15000; the void takes back 777 (+23 tip) on its own date.
    expect([d20.sales, d20.tips, d20.fees, d20.refunds, d20.net, d20.payments, d20.orders]).toEqual([15000, 1500 - 23, 150, 777, 15000 - 777, 2, 1]);
    expect(d20.tenders).toEqual({
      CASH: { amount: 10000, tip: 1500 - 23, fee: 0, refunds: 777, payments: 1 },
      CARD_EXTERNAL: { amount: 5000, tip: 0, fee: 150, refunds: 0, payments: 1 },
    });
    // 45% of 6000 = 2700 and all of the 1000 tip; 60% of 3000 = 1800 and half of the 500 tip; the void takes back 45% of 700.
    expect(d20.staff).toEqual({
      stylist: { service: 6000 - 700, commission: 2700 - 315, tips: 1000, tipShare: 1000, orders: 2, orderIds: [voidedOrder.id, o.id] },
      owner: { service: 3000, commission: 1800, tips: 500, tipShare: 250, orders: 1, orderIds: [o.id] },
    });
    // The void takes the 19th's 700 haircut back out of Hair on its own date.
    expect(d20.categories).toEqual({ Hair: { net: 6000 - 700, quantity: 1 - 1 }, Nails: { net: 3000, quantity: 1 }, Retail: { net: 1800, quantity: 2 } });
    const d21 = days.get('2026-11-21')!;
    expect([d21.sales, d21.refunds, d21.refundedTips, d21.tips, d21.net, d21.tenders.CASH!.refunds, d21.tenders.CARD_EXTERNAL!.tip]).toEqual([0, 2500, 300, -300 + 400, -2500, 2500, 400]);
    expect(d21.staff.stylist).toEqual({ service: -2000, commission: -900, tips: -300, tipShare: -300, orders: 1, orderIds: [o.id] });
    // Over both days the stylist's order counts once (the server counts distinct orders).
    expect(mergeDays('both', [d20, d21]).staff.stylist).toMatchObject({ service: 3300, commission: 1485, orders: 2 });
  });

  it('a staff member without rates earns 0% (as the server does)', () => {
    const o = order('2026-11-20', [{ net: 4000, staffId: 'stranger' }]);
    const days = summarizeDays(input({ orders: [o] }));
    expect(days.get('2026-11-20')!.staff.stranger).toEqual({ service: 4000, commission: 0, tips: 0, tipShare: 0, orders: 1, orderIds: [o.id] });
  });
});

describe('dashboard', () => {
  it('windows, forecasts and the range from per-day summaries', () => {
    const now = new Date('2026-11-18T17:00:00Z'); // Wednesday 12:00 in New York, 12 h left of 24
    const payments = [
      payment('2026-11-18', 'CASH', 10000), // today
      payment('2026-11-17', 'CARD_EXTERNAL', 20000), // yesterday (this week, this month, history)
      payment('2026-11-16', 'CASH', 5000), // Monday
      payment('2026-11-02', 'CASH', 30000), // this month, history
      payment('2026-10-25', 'CASH', 40000), // history only
      payment('2026-10-20', 'CASH', 99999), // 29 days back: outside everything
    ];
    const adjustments = [refund('2026-11-18', [{ paymentId: 'x', tender: 'CASH', amount: 1000 }])];
    const days = summarizeDays(input({ payments, adjustments }));
    const d = buildDashboard(days, now, 'America/New_York', { from: '2026-11-16', to: '2026-11-18' });
    expect([d.today, d.yesterday, d.thisWeek, d.thisMonth]).toEqual([9000, 20000, 34000, 64000]);
    // history = 20000 + 5000 + 30000 + 40000 = 95000 over 28 days.
    expect(d.averageDay).toBe(3393); // 95000 / 28 = 3392.86
    expect(d.todayForecast).toBe(9000 + 1696); // 0.5 × 95000 / 28 = 1696.4
    expect(d.thisWeekForecast).toBe(34000 + 15268); // Thu..Sun + half of today: 4.5 × 95000 / 28 = 15267.9
    expect(d.thisMonthForecast).toBe(64000 + 42411); // 12.5 days = 42410.7
    expect(d.range.days.map((x) => x.net)).toEqual([5000, 20000, 9000]);
    expect([d.range.total.sales, d.range.total.refunds, d.range.total.net]).toEqual([35000, 1000, 34000]);
    expect(dashboardSpan(d.calendar, { from: '2026-11-16', to: '2026-11-18' })).toEqual({ from: '2026-10-21', to: '2026-11-18' });
    expect(dashboardSpan(d.calendar, { from: '2025-01-01', to: '2025-01-31' })).toEqual({ from: '2025-01-01', to: '2026-11-18' });
  });
});
