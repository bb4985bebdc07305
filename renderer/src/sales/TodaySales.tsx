import { formatMoney, money } from '../../../shared/money/index';
import type { OrderDoc, SettingsDoc } from '../../../shared/schemas/index';
import { businessDate, formatLocalDateTime } from '../../../shared/time';
import { useRegister } from '../app/register-context';
import { useObservable } from '../ui/use-observable';
import { clock } from '../clock';

export function TodaySales({ settings }: { settings: SettingsDoc }) {
  const { db } = useRegister();
  const today = businessDate(clock.now(), settings.timeZone);
  const orders = useObservable(
    () => db.orders.find({ selector: { businessDate: today }, sort: [{ createdAt: 'desc' }] }).$,
    [],
    [db, today],
  );
  const fmt = (amount: number) => formatMoney(money(amount, settings.currency), settings.locale);
  const total = orders.reduce((sum, order) => sum + order.total, 0);

  return (
    <section className="today card" aria-label="Today's sales">
      <h2>
        Today's sales <span className="muted">({orders.length})</span>
      </h2>
      <p className="grand" data-testid="today-total">
        {fmt(total)}
      </p>
      {orders.length === 0 ? (
        <p className="muted">No sales yet today.</p>
      ) : (
        <ol className="sales" data-testid="today-sales">
          {orders.map((doc) => {
            const order = doc.toJSON() as OrderDoc;
            return (
              <li key={order.id}>
                <span className="number">{order.number}</span>
                <span className="muted">{formatLocalDateTime(order.createdAt, settings.timeZone)}</span>
                <span>{order.lines.map((line) => line.name).join(', ')}</span>
                <span className="amount">{fmt(order.total)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
