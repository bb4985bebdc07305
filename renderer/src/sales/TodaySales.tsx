import { useMemo } from 'react';
import { formatMoney, money } from '../../../shared/money/index';
import { summarizeDays, emptyDay } from '../../../shared/reports/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc, SettingsDoc } from '../../../shared/schemas/index';
import { businessDate, formatLocalDateTime } from '../../../shared/time';
import { useRegister } from '../app/register-context';
import { useObservable } from '../ui/use-observable';
import { clock } from '../clock';

/**
 * Today's sales on this register: net sales (no tax, no tips, less refunds, voided sales left
 * out) and total collected, summed by the shared report function the dashboard and the back
 * office use; each sale listed with its total, a voided one marked.
 */
export function TodaySales({ settings }: { settings: SettingsDoc }) {
  const { db } = useRegister();
  const today = businessDate(clock.now(), settings.timeZone);
  const byDate = { selector: { businessDate: today } };
  const orderDocs = useObservable(() => db.orders.find({ ...byDate, sort: [{ createdAt: 'desc' }] }).$, [], [db, today]);
  const paymentDocs = useObservable(() => db.payments.find(byDate).$, [], [db, today]);
  const adjustmentDocs = useObservable(() => db.adjustments.find(byDate).$, [], [db, today]);
  const orders = orderDocs.map((d) => d.toJSON() as OrderDoc);
  const adjustments = adjustmentDocs.map((d) => d.toJSON() as AdjustmentDoc);
  const figures = useMemo(() => {
    const days = summarizeDays({
      orders, payments: paymentDocs.map((d) => d.toJSON() as PaymentDoc), adjustments,
      rates: new Map(), locationId: settings.locationId, categoryOf: () => '',
    });
    return (days.get(today) ?? emptyDay(today)).figures;
    // The documents' arrays change identity on every emission, which is when to sum again.
  }, [orderDocs, paymentDocs, adjustmentDocs, settings.locationId, today]);
  const voided = new Set(adjustments.filter((a) => a.kind === 'void').map((a) => a.orderId));
  const fmt = (amount: number) => formatMoney(money(amount, settings.currency), settings.locale);

  return (
    <section className="today card" aria-label="Today's sales">
      <h2>
        Today's sales <span className="muted">({orders.length - orders.filter((o) => voided.has(o.id)).length})</span>
      </h2>
      <p className="grand" data-testid="today-total">
        {fmt(figures.netSales)}
      </p>
      <p className="muted" data-testid="today-figures">
        Net sales without tax or tips{figures.refunds ? `, after ${fmt(figures.refunds)} refunded` : ''} · collected {fmt(figures.collected)}
      </p>
      {orders.length === 0 ? (
        <p className="muted">No sales yet today.</p>
      ) : (
        <ol className="sales" data-testid="today-sales">
          {orders.map((order) => (
            <li key={order.id} className={voided.has(order.id) ? 'voided' : undefined}>
              <span className="number">{order.number}</span>
              <span className="muted">{formatLocalDateTime(order.createdAt, settings.timeZone)}</span>
              <span>{order.lines.map((line) => line.name).join(', ')}</span>
              <span className="amount">{voided.has(order.id) ? <>Voided <s>{fmt(order.total)}</s></> : fmt(order.total)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
