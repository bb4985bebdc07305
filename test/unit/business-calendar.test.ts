import { describe, expect, it } from 'vitest';
import { addDays, datesBetween, reportCalendar } from '../../shared/reports/index';
import { businessDate } from '../../shared/time';
import { buildCashSale } from '../../renderer/src/sales/build-sale';
import { REGISTER, settings } from '../support/demo-settings';

// Business days are the location's (DESIGN rule 8): the edges where UTC's date is another one.
const NY = 'America/New_York';
const LA = 'America/Los_Angeles';
const H = 3600_000;
const days = (instant: string, zone = NY) => {
  const c = reportCalendar(new Date(instant), zone);
  return { today: c.today, yesterday: c.yesterday, week: [c.weekStart, c.weekEnd], month: [c.monthStart, c.monthEnd], history: c.historyStart, left: [c.msLeftToday, c.daysLeftInWeek, c.daysLeftInMonth], msToday: c.msToday };
};

describe('business dates at the edges of days, months, years, DST changes and leap days', () => {
  it('keeps a sale at 23:59 local on its local day, and the next minute on the next', () => {
    const sale = (now: string) =>
      buildCashSale({
        orderId: '0190a000-0000-7000-8000-0000000000o1', paymentId: '0190a000-0000-7000-8000-0000000000p1', number: 'C3A1-0001',
        lines: [{ id: 'l1', itemId: 'i1', kind: 'service', name: 'Haircut', unitPrice: 6500, quantity: 1, staffId: null }],
        settings: settings({ timeZone: NY }), register: REGISTER, cashierId: null, tendered: 10000, now: new Date(now),
      });
    const late = sale('2026-11-22T04:59:00.000Z'); // 23:59 EST on Saturday the 21st
    expect([late.order.createdAt, late.order.businessDate, late.payments[0]!.businessDate]).toEqual(['2026-11-22T04:59:00.000Z', '2026-11-21', '2026-11-21']);
    expect(sale('2026-11-22T05:00:00.000Z').order.businessDate).toBe('2026-11-22');
  });

  it('ends the year at local midnight: 23:59 on 31 December is in the old year, its month and week', () => {
    const instant = '2028-01-01T04:59:00.000Z'; // 23:59 EST, Friday 31 December 2027
    expect(businessDate(instant, NY)).toBe('2027-12-31');
    expect(days(instant)).toEqual({
      today: '2027-12-31', yesterday: '2027-12-30', week: ['2027-12-27', '2028-01-02'], month: ['2027-12-01', '2027-12-31'],
      history: '2027-12-03', left: [60_000, 2, 0], msToday: 24 * H,
    });
    expect(businessDate('2028-01-01T05:00:00.000Z', NY)).toBe('2028-01-01');
  });

  it('counts a leap day: 23:30 on 29 February 2028 in Los Angeles is March 1st in UTC, and the last day of February', () => {
    const instant = '2028-03-01T07:30:00.000Z'; // 23:30 PST, Tuesday 29 February
    expect(businessDate(instant, LA)).toBe('2028-02-29');
    expect(days(instant, LA)).toEqual({
      today: '2028-02-29', yesterday: '2028-02-28', week: ['2028-02-28', '2028-03-05'], month: ['2028-02-01', '2028-02-29'],
      history: '2028-02-01', left: [30 * 60_000, 5, 0], msToday: 24 * H,
    });
    expect([addDays('2028-02-28', 1), addDays('2028-02-29', 1), addDays('2028-02-29', 365), addDays('2028-03-01', -1)]).toEqual(['2028-02-29', '2028-03-01', '2029-02-28', '2028-02-29']);
    expect(datesBetween('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(datesBetween('2027-02-27', '2027-03-01')).toEqual(['2027-02-27', '2027-02-28', '2027-03-01']);
  });

  it('has a 23-hour day when New York springs forward, and keeps the night before on its own day', () => {
    expect(businessDate('2027-03-14T04:59:00.000Z', NY)).toBe('2027-03-13'); // 23:59 EST
    expect(businessDate('2027-03-14T06:59:00.000Z', NY)).toBe('2027-03-14'); // 01:59 EST, the hour after is skipped
    expect(businessDate('2027-03-15T03:59:00.000Z', NY)).toBe('2027-03-14'); // 23:59 EDT
    expect(days('2027-03-14T12:00:00.000Z')).toMatchObject({ today: '2027-03-14', msToday: 23 * H, left: [16 * H, 0, 17] });
  });

  it('has a 25-hour day when New York falls back: both 01:30s are on the same day', () => {
    expect([businessDate('2027-11-07T05:30:00.000Z', NY), businessDate('2027-11-07T06:30:00.000Z', NY)]).toEqual(['2027-11-07', '2027-11-07']);
    expect(businessDate('2027-11-08T04:59:00.000Z', NY)).toBe('2027-11-07'); // 23:59 EST
    expect(days('2027-11-07T12:00:00.000Z')).toMatchObject({ today: '2027-11-07', msToday: 25 * H, left: [17 * H, 0, 23] });
  });
});
