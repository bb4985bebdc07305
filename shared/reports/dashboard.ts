import { mulDivRounded } from '../money/index';
import { addDays, datesBetween, forecast, FORECAST_DAYS, reportCalendar, type ReportCalendar } from './calendar';
import { emptyDay, mergeDays, type DaySummary } from './daily';

export interface Dashboard {
  calendar: ReportCalendar;
  /** Revenue (net of refunds, without tips), as the back office's GET /revenue answers it. */
  today: number;
  yesterday: number;
  thisWeek: number;
  thisMonth: number;
  todayForecast: number;
  thisWeekForecast: number;
  thisMonthForecast: number;
  averageDay: number;
  todaySummary: DaySummary;
  yesterdaySummary: DaySummary;
  /** The chosen date range: its total, and one summary per day for the chart. */
  range: { from: string; to: string; total: DaySummary; days: DaySummary[] };
}

/**
 * The business dates the dashboard needs for a range: this month, the forecast's 28 days,
 * yesterday, and the range itself. Callers query exactly these (documents are indexed by
 * business date), which keeps the dashboard's cost flat in the length of the history.
 */
export function dashboardSpan(cal: ReportCalendar, range: { from: string; to: string }): { from: string; to: string } {
  const from = [cal.monthStart, cal.historyStart, cal.yesterday, cal.weekStart, range.from].sort()[0]!;
  const to = [cal.today, range.to].sort()[1]!;
  return { from, to };
}

/** The dashboard's figures from per-day summaries (missing days count as empty). */
export function buildDashboard(days: ReadonlyMap<string, DaySummary>, now: Date, timeZone: string, range: { from: string; to: string }): Dashboard {
  const cal = reportCalendar(now, timeZone);
  const get = (date: string) => days.get(date) ?? emptyDay(date);
  const sum = (from: string, to: string) => (from > to ? 0 : datesBetween(from, to).reduce((total, d) => total + get(d).net, 0));
  const today = get(cal.today).net;
  const thisWeek = sum(cal.weekStart, cal.today);
  const thisMonth = sum(cal.monthStart, cal.today);
  const history = sum(cal.historyStart, addDays(cal.today, -1));
  const rangeDays = range.from > range.to ? [] : datesBetween(range.from, range.to).map(get);
  return {
    calendar: cal,
    today,
    yesterday: get(cal.yesterday).net,
    thisWeek,
    thisMonth,
    todayForecast: forecast(today, history, cal.msLeftToday, cal.msToday, 0),
    thisWeekForecast: forecast(thisWeek, history, cal.msLeftToday, cal.msToday, cal.daysLeftInWeek),
    thisMonthForecast: forecast(thisMonth, history, cal.msLeftToday, cal.msToday, cal.daysLeftInMonth),
    averageDay: mulDivRounded(Math.max(0, history), 1, FORECAST_DAYS, 'half-up'),
    todaySummary: get(cal.today),
    yesterdaySummary: get(cal.yesterday),
    range: { from: range.from, to: range.to, total: mergeDays(`${range.from}..${range.to}`, rangeDays), days: rangeDays },
  };
}
