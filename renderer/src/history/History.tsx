import { useMemo, useState } from 'react';
import { combineLatest, map, of, switchMap } from 'rxjs';
import { deriveOrderState } from '../../../shared/adjustments/index';
import { ORDER_STATUSES } from '../../../shared/lifecycle/index';
import { PAYMENT_MODES, TENDERS, type AdjustmentDoc, type ClientDoc, type OrderDoc, type PaymentDoc, type SettingsDoc, type StaffDoc } from '../../../shared/schemas/index';
import { formatLocalDateTime } from '../../../shared/time';
import { errorText, parseAmount } from '../adjustments/Dialog';
import { tenderName } from '../adjustments/RefundDialog';
import { useRegister } from '../app/register-context';
import { moneyFormatter } from '../ui/format';
import { useObservable } from '../ui/use-observable';
import { defaultFilters, historyRows, matchesFilters, orderQuery, type HistoryFilters, type HistoryRow } from './filters';
import { OrderDetail, STATUS_NAMES } from './OrderDetail';
import './history.css';
import { clock } from '../clock';

/** Payment history: every sale of a date range with its derived status, searchable and filterable. */
export function History({ settings, staff }: { settings: SettingsDoc; staff: StaffDoc[] }) {
  const { db } = useRegister();
  const fmt = moneyFormatter(settings);
  const [filters, setFilters] = useState<HistoryFilters>(() => defaultFilters(clock.now(), settings.timeZone));
  const [totals, setTotals] = useState({ min: '', max: '' });
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  let query: ReturnType<typeof orderQuery> | null = null;
  let rangeError: string | null = null;
  try {
    query = orderQuery(filters);
  } catch (e) {
    rangeError = errorText(e);
  }
  const rows = useObservable<HistoryRow[]>(
    () =>
      query
        ? db.orders.find(query).$.pipe(
            switchMap((orderDocs) => {
              const orders = orderDocs.map((d) => d.toJSON() as OrderDoc);
              if (orders.length === 0) return of([]);
              const ids = orders.map((o) => o.id);
              return combineLatest([db.payments.find({ selector: { orderId: { $in: ids } } }).$, db.adjustments.find({ selector: { orderId: { $in: ids } } }).$]).pipe(
                map(([payments, adjustments]) =>
                  historyRows(orders, payments.map((p) => p.toJSON() as PaymentDoc), adjustments.map((a) => a.toJSON() as AdjustmentDoc), deriveOrderState),
                ),
              );
            }),
          )
        : of([]),
    [],
    [db, query ? filters.from : null, query ? filters.to : null],
  );
  const clientDocs = useObservable(() => db.clients.find().$, [], [db]);
  const clients = useMemo(() => new Map(clientDocs.map((c) => [c.id, (c.toJSON() as ClientDoc).name])), [clientDocs]);
  const clientName = (id: string) => clients.get(id) ?? null;

  let totalsError: string | null = null;
  let effective = filters;
  try {
    effective = {
      ...filters,
      minTotal: totals.min.trim() ? parseAmount(totals.min, settings.currency, 'Minimum') : null,
      maxTotal: totals.max.trim() ? parseAmount(totals.max, settings.currency, 'Maximum') : null,
    };
  } catch (e) {
    totalsError = errorText(e);
  }
  const shown = rows.filter((row) => matchesFilters(row, effective, clientName));
  const chosen = rows.find((row) => row.order.id === selected) ?? null;
  const inRange = [...new Set(rows.flatMap((r) => (r.order.clientId ? [r.order.clientId] : [])))];
  const set = <K extends keyof HistoryFilters>(key: K, value: HistoryFilters[K]) => setFilters({ ...filters, [key]: value });
  const flagged = rows.filter((r) => r.state.overRefund > 0).length;

  return (
    <main className="history workspace">
      <section className="card history-list" aria-label="Payment history">
        <h2>Payment history</h2>
        <form className="history-filters" onSubmit={(e) => e.preventDefault()} role="search">
          <label>
            Search
            <input
              type="search"
              autoFocus
              value={filters.text}
              onChange={(e) => set('text', e.target.value)}
              placeholder="Sale number, item, client, last 4, reason"
            />
          </label>
          <label>
            From
            <input type="date" value={filters.from} onChange={(e) => set('from', e.target.value)} />
          </label>
          <label>
            To
            <input type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} />
          </label>
          <label>
            Status
            <select value={filters.status} onChange={(e) => set('status', e.target.value as HistoryFilters['status'])}>
              <option value="any">Any</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>{STATUS_NAMES[s]}</option>
              ))}
              <option value="flagged">Over-refunded (review)</option>
            </select>
          </label>
          <label>
            Tender
            <select value={filters.tender} onChange={(e) => set('tender', e.target.value as HistoryFilters['tender'])}>
              <option value="any">Any</option>
              {TENDERS.map((t) => (
                <option key={t} value={t}>{tenderName(t)}</option>
              ))}
            </select>
          </label>
          <label>
            Mode
            <select value={filters.mode} onChange={(e) => set('mode', e.target.value as HistoryFilters['mode'])}>
              <option value="any">Any</option>
              {PAYMENT_MODES.map((m) => (
                <option key={m} value={m}>{m === 'ONLINE' ? 'Online (processed)' : 'Offline (recorded)'}</option>
              ))}
            </select>
          </label>
          <label>
            Staff
            <select value={filters.staffId} onChange={(e) => set('staffId', e.target.value)}>
              <option value="any">Anyone</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>{s.name}</option>
              ))}
            </select>
          </label>
          <label>
            Client
            <select value={filters.clientId} onChange={(e) => set('clientId', e.target.value)}>
              <option value="any">Any</option>
              {inRange.map((id) => (
                <option key={id} value={id}>{clientName(id) ?? 'Unknown client'}</option>
              ))}
            </select>
          </label>
          <label>
            Min total
            <input inputMode="decimal" value={totals.min} onChange={(e) => setTotals({ ...totals, min: e.target.value })} />
          </label>
          <label>
            Max total
            <input inputMode="decimal" value={totals.max} onChange={(e) => setTotals({ ...totals, max: e.target.value })} />
          </label>
        </form>
        {(rangeError ?? totalsError) && <p role="alert" className="error">{rangeError ?? totalsError}</p>}
        {flagged > 0 && (
          <p className="error" role="status">
            {flagged} sale{flagged === 1 ? ' was' : 's were'} refunded beyond what was paid and need{flagged === 1 ? 's' : ''} review.
          </p>
        )}
        {message && (
          <p role="status" className="notice" data-testid="history-message">
            {message}
          </p>
        )}
        {shown.length === 0 ? (
          <p className="muted" data-testid="history-empty">
            {rows.length === 0 ? 'No sales in these dates.' : 'No sale matches these filters.'}
          </p>
        ) : (
          <table className="history-table" data-testid="history-rows">
            <thead>
              <tr><th>Sale</th><th>When</th><th>Items</th><th>Paid with</th><th>Status</th><th className="amount">Total</th></tr>
            </thead>
            <tbody>
              {shown.map(({ order, payments, state }) => (
                <tr key={order.id} className={order.id === selected ? 'selected' : undefined} data-testid="history-row">
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(order.id)} aria-label={`Open sale ${order.number}`}>
                      {order.number}
                    </button>
                  </td>
                  <td className="muted">{formatLocalDateTime(order.createdAt, settings.timeZone, settings.locale)}</td>
                  <td>{order.lines.map((l) => l.name).join(', ')}</td>
                  <td>{[...new Set(payments.filter((p) => p.status === 'succeeded').map((p) => tenderName(p.tender)))].join(' + ')}</td>
                  <td>
                    {STATUS_NAMES[state.status]}
                    {state.overRefund > 0 && <strong className="error"> · over-refunded</strong>}
                  </td>
                  <td className="amount">{fmt(order.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {chosen ? (
        <OrderDetail
          key={chosen.order.id}
          row={chosen}
          settings={settings}
          staff={staff}
          clientName={chosen.order.clientId ? clientName(chosen.order.clientId) : null}
          onMessage={setMessage}
        />
      ) : (
        <section className="card muted">Choose a sale to see its payments, refunds and voids.</section>
      )}
    </main>
  );
}
