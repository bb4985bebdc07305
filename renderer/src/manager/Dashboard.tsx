import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { merge } from 'rxjs';
import { debounceTime } from 'rxjs/operators';
import { currencyExponent } from '../../../shared/money/index';
import { reportCalendar } from '../../../shared/reports/index';
import type { SettingsDoc, Tender } from '../../../shared/schemas/index';
import { useRegister } from '../app/register-context';
import { moneyFormatter } from '../ui/format';
import { CsvButton, decimal, type CsvRow } from './csv';
import { loadDashboard, type DashboardData, type DateRange } from './dashboard-data';
import { TENDER_NAMES } from '../ui/tender-names';
import { SalesFiguresTable } from './SalesFiguresTable';
import { clock } from '../clock';

type Preset = 'today' | 'week' | 'month' | 'custom';

function presetRange(preset: Preset, timeZone: string, custom: DateRange): DateRange {
  const cal = reportCalendar(clock.now(), timeZone);
  if (preset === 'today') return { from: cal.today, to: cal.today };
  if (preset === 'week') return { from: cal.weekStart, to: cal.today };
  if (preset === 'month') return { from: cal.monthStart, to: cal.today };
  return custom;
}

/** Major units as a chart number: display only, never used for money arithmetic. */
const chartValue = (minor: number, exponent: number) => minor / 10 ** exponent;

export function Dashboard({ settings }: { settings: SettingsDoc }) {
  const { db } = useRegister();
  const format = useMemo(() => moneyFormatter(settings), [settings.currency, settings.locale]);
  const [preset, setPreset] = useState<Preset>('month');
  const today = reportCalendar(clock.now(), settings.timeZone).today;
  const [custom, setCustom] = useState<DateRange>({ from: today, to: today });
  const range = presetRange(preset, settings.timeZone, custom);
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  // Recompute when money documents arrive (a sale here, or replication from other registers).
  useEffect(() => {
    const sub = merge(db.orders.$, db.payments.$, db.adjustments.$).pipe(debounceTime(500)).subscribe(() => setTick((t) => t + 1));
    return () => sub.unsubscribe();
  }, [db]);
  useEffect(() => {
    if (range.from > range.to) return setError('The range starts after it ends.');
    let live = true;
    loadDashboard(db, { timeZone: settings.timeZone, locationId: settings.locationId }, range).then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [db, settings.timeZone, settings.locationId, range.from, range.to, tick]);

  const cur = settings.currency;
  const exponent = currencyExponent(cur);
  const money = (minor: number) => decimal(minor, cur);

  return (
    <div className="dashboard">
      <div className="range-bar no-print" role="group" aria-label="Date range">
        {(['today', 'week', 'month', 'custom'] as const).map((p) => (
          <button key={p} type="button" aria-pressed={preset === p} className={preset === p ? 'primary' : undefined} onClick={() => setPreset(p)}>
            {{ today: 'Today', week: 'This week', month: 'This month', custom: 'Date range' }[p]}
          </button>
        ))}
        {preset === 'custom' && (
          <>
            <label>
              From
              <input type="date" value={custom.from} max={custom.to} onChange={(e) => e.target.value && setCustom({ ...custom, from: e.target.value })} />
            </label>
            <label>
              To
              <input type="date" value={custom.to} min={custom.from} onChange={(e) => e.target.value && setCustom({ ...custom, to: e.target.value })} />
            </label>
          </>
        )}
        <span className="muted">Business days in {settings.timeZone}</span>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {!data ? (
        <p className="muted">Adding up the sales on this register…</p>
      ) : (
        <>
          <section className="kpis" aria-label="Revenue">
            <Kpi id="today" label="Today" value={format(data.today)} note={`Yesterday ${format(data.yesterday)} · ${delta(data.today, data.yesterday)}`} />
            <Kpi id="week" label="This week" value={format(data.thisWeek)} note={`Forecast ${format(data.thisWeekForecast)}`} />
            <Kpi id="month" label="This month" value={format(data.thisMonth)} note={`Forecast ${format(data.thisMonthForecast)}`} />
            <Kpi id="month-forecast" label="Month forecast" value={format(data.thisMonthForecast)} note={`Average day ${format(data.averageDay)} (last 28 days)`} />
          </section>
          <p className="muted">Revenue is what was taken without tips (tax included, as the back office's GET /revenue), less refunds, on each business day; net sales without tax are under Sales figures. Forecast: so far + the average of the last 28 full days × the days left.</p>
          <div className="actions no-print">
            <CsvButton
              fileName={`revenue-${data.calendar.today}.csv`}
              label="Export summary CSV"
              header={['Figure', 'Amount', 'Currency']}
              rows={() => ([
                ['Today', data.today], ['Yesterday', data.yesterday], ['This week', data.thisWeek], ['This month', data.thisMonth],
                ['Today forecast', data.todayForecast], ['This week forecast', data.thisWeekForecast], ['This month forecast', data.thisMonthForecast],
                ['Average day', data.averageDay],
              ] as [string, number][]).map(([k, v]) => [k, money(v), cur])}
            />
          </div>

          <section className="card" aria-label="Selected range">
            <h2>
              {data.range.from === data.range.to ? data.range.from : `${data.range.from} – ${data.range.to}`}:{' '}
              <span data-testid="range-net">{format(data.range.total.net)}</span>
            </h2>
            <p className="muted">
              Sales {format(data.range.total.sales)} · tips {format(data.range.total.tips)} · refunds {format(data.range.total.refunds)} · fees {format(data.range.total.fees)} · {data.range.total.payments} payments
            </p>
            {data.range.total.payments === 0 && data.range.total.refunds === 0 ? (
              <p className="muted">No sales in this range yet.</p>
            ) : (
              <BarChart width={720} height={220} data={data.range.days.map((d) => ({ day: d.businessDate.slice(5), revenue: chartValue(d.net, exponent) }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis />
                <Tooltip />
                <Bar dataKey="revenue" fill="#1f3a5f" isAnimationActive={false} />
              </BarChart>
            )}
            <CsvButton
              fileName={`revenue-by-day-${data.range.from}-${data.range.to}.csv`}
              header={['Business date', 'Sales', 'Tips', 'Refunds', 'Revenue', 'Fees', 'Payments', 'Currency']}
              rows={() => data.range.days.map((d) => [d.businessDate, money(d.sales), money(d.tips), money(d.refunds), money(d.net), money(d.fees), d.payments, cur])}
            />
          </section>

          <SalesFiguresTable figures={data.range.total.figures} format={format} />

          <Table
            label="By staff"
            empty="No services or tips in this range."
            header={['Staff', 'Services', 'Commission', 'Tips', 'Tip share', 'Commission due', 'Orders']}
            rows={Object.entries(data.range.total.staff)
              .sort(([a], [b]) => (data.staffNames.get(a) ?? a).localeCompare(data.staffNames.get(b) ?? b))
              .map(([id, s]) => [data.staffNames.get(id) ?? id, s.service, s.commission, s.tips, s.tipShare, s.commission + s.tipShare, s.orders])}
            moneyColumns={[1, 2, 3, 4, 5]}
            format={format}
            money={money}
            currency={cur}
            fileName={`staff-${data.range.from}-${data.range.to}.csv`}
          />
          <Table
            label="By tender"
            empty="No payments in this range."
            header={['Tender', 'Taken', 'Tips', 'Fees', 'Refunds', 'Net', 'Payments']}
            rows={Object.entries(data.range.total.tenders)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([tender, t]) => [TENDER_NAMES[tender as Tender] ?? tender, t.amount, t.tip, t.fee, t.refunds, t.amount - t.refunds, t.payments])}
            moneyColumns={[1, 2, 3, 4, 5]}
            format={format}
            money={money}
            currency={cur}
            fileName={`tenders-${data.range.from}-${data.range.to}.csv`}
          />
          <Table
            label="By service category"
            empty="No items sold in this range."
            header={['Category', 'Net sales', 'Quantity']}
            rows={Object.entries(data.range.total.categories)
              .sort(([, a], [, b]) => b.net - a.net)
              .map(([category, c]) => [category, c.net, c.quantity])}
            moneyColumns={[1]}
            format={format}
            money={money}
            currency={cur}
            fileName={`categories-${data.range.from}-${data.range.to}.csv`}
          />
        </>
      )}
    </div>
  );
}

function delta(now: number, before: number): string {
  if (before === 0) return now === 0 ? 'no change' : 'up from nothing';
  const tenths = Math.round(((now - before) * 1000) / before);
  return `${tenths >= 0 ? '+' : ''}${(tenths / 10).toFixed(1)}%`;
}

function Kpi({ id, label, value, note }: { id: string; label: string; value: string; note: string }) {
  return (
    <div className="card kpi">
      <span className="muted">{label}</span>
      <strong data-testid={`kpi-${id}`}>{value}</strong>
      <span className="muted">{note}</span>
    </div>
  );
}

function Table({
  label, empty, header, rows, moneyColumns, format, money, currency, fileName,
}: {
  label: string;
  empty: string;
  header: string[];
  rows: (string | number)[][];
  moneyColumns: number[];
  format(minor: number): string;
  money(minor: number): string;
  currency: string;
  fileName: string;
}) {
  const csv = (): CsvRow[] => rows.map((r) => [...r.map((v, i) => (moneyColumns.includes(i) ? money(v as number) : v)), currency]);
  return (
    <section className="card" aria-label={label}>
      <h2>{label}</h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              {header.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r[0])}>
                {r.map((v, i) => (
                  <td key={i} className={i > 0 ? 'amount' : undefined}>
                    {moneyColumns.includes(i) ? format(v as number) : v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CsvButton fileName={fileName} header={[...header, 'Currency']} rows={csv} />
    </section>
  );
}
