import { DateTime } from 'luxon';
import { mulDivRounded } from '../money/index';

/**
 * Days of history the forecasts average over (the 4 full weeks before today). The same method
 * and constant as the back office's revenue API (sync-server/backoffice/revenue.ts), so a
 * register and the server forecast the same figure from the same documents.
 */
export const FORECAST_DAYS = 28;

export interface ReportCalendar {
  today: string;
  yesterday: string;
  /** Monday of this week (ISO weeks), and its Sunday. */
  weekStart: string;
  weekEnd: string;
  monthStart: string;
  monthEnd: string;
  /** The first of the FORECAST_DAYS full days before today. */
  historyStart: string;
  /** Milliseconds left in today, and today's length (23 or 25 hours on a DST change). */
  msLeftToday: number;
  msToday: number;
  daysLeftInWeek: number;
  daysLeftInMonth: number;
}

/** The location's calendar around `now`: business dates in its time zone (DESIGN rule 8). */
export function reportCalendar(now: Date, timeZone: string): ReportCalendar {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new Error(`The location's time zone "${timeZone}" is not a known IANA zone.`);
  const dayStart = local.startOf('day');
  const nextDay = dayStart.plus({ days: 1 });
  const iso = (d: DateTime) => d.toISODate()!;
  return {
    today: iso(local),
    yesterday: iso(dayStart.minus({ days: 1 })),
    weekStart: iso(local.startOf('week')),
    weekEnd: iso(local.endOf('week')),
    monthStart: iso(local.startOf('month')),
    monthEnd: iso(local.endOf('month')),
    historyStart: iso(dayStart.minus({ days: FORECAST_DAYS })),
    msLeftToday: nextDay.toMillis() - local.toMillis(),
    msToday: nextDay.toMillis() - dayStart.toMillis(),
    daysLeftInWeek: Math.round(local.endOf('week').startOf('day').diff(dayStart, 'days').days),
    daysLeftInMonth: Math.round(local.endOf('month').startOf('day').diff(dayStart, 'days').days),
  };
}

/**
 * Forecast = revenue so far + the average day of the last 28 full days × the days still to
 * come in the period (the rest of today as a fraction of its length, plus the whole days after
 * it). One rounding, half-up, in minor units. `history` is the revenue of those 28 days.
 */
export function forecast(soFar: number, history: number, msLeftToday: number, msToday: number, wholeDaysLeft: number): number {
  const left = BigInt(msLeftToday) + BigInt(wholeDaysLeft) * BigInt(msToday);
  const expected = mulDivRounded(Math.max(0, history), Number(left), FORECAST_DAYS * msToday, 'half-up');
  return soFar + expected;
}

/** Every business date from `from` to `to`, both included ("YYYY-MM-DD"). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let day = DateTime.fromISO(from, { zone: 'UTC' });
  const end = DateTime.fromISO(to, { zone: 'UTC' });
  if (!day.isValid || !end.isValid) throw new Error(`Not a date range: ${from} .. ${to}.`);
  for (let i = 0; day <= end && i < 3700; i++, day = day.plus({ days: 1 })) out.push(day.toISODate()!);
  return out;
}

/** `date` moved by `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}
