import { formatMoney, money } from '../../../shared/money/index';
import type { SettingsDoc } from '../../../shared/schemas/index';
import type { Sale } from '../sales/build-sale';

export function SaleComplete({ sale, settings, onNext }: { sale: Sale; settings: SettingsDoc; onNext: () => void }) {
  const fmt = (amount: number) => formatMoney(money(amount, settings.currency), settings.locale);
  const cash = sale.payments[0]!;
  return (
    <section className="card done" aria-live="polite" aria-label="Sale complete">
      <h2>Sale {sale.order.number} complete</h2>
      <dl className="totals">
        <dt>Total</dt>
        <dd>{fmt(sale.order.total)}</dd>
        <dt>Cash received</dt>
        <dd>{fmt(cash.tendered ?? cash.amount)}</dd>
        <dt className="grand">Change due</dt>
        <dd className="grand" data-testid="change-due">
          {fmt(cash.change ?? 0)}
        </dd>
      </dl>
      <p className="muted">Saved on this register. It is sent to the server when it is online.</p>
      <button type="button" className="primary" autoFocus onClick={onNext}>
        New sale
      </button>
    </section>
  );
}
