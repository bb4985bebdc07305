import { useMemo, useRef, useState, type FormEvent } from 'react';
import { formatMoney, money, MoneyError, parseMajorUnits } from '../../../shared/money/index';
import type { CatalogItemDoc, SettingsDoc } from '../../../shared/schemas/index';
import { useRegister } from '../app/register-context';
import { buildCashSale, priceCart, type Sale } from '../sales/build-sale';
import { takeOrderNumber } from '../sales/order-number';
import { recordSale } from '../sales/record-sale';
import { useObservable } from '../ui/use-observable';
import { useCart } from './cart-store';
import { SaleComplete } from './SaleComplete';

export function Checkout({ settings }: { settings: SettingsDoc }) {
  const { db, pairing } = useRegister();
  const catalog = useObservable(() => db.catalog.find({ selector: { active: true } }).$, [], [db]);
  const { lines, ids, add, remove, reset } = useCart();
  const [tendered, setTendered] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [completed, setCompleted] = useState<Sale | null>(null);
  const paying = useRef(false);
  const fmt = (amount: number) => formatMoney(money(amount, settings.currency), settings.locale);

  const byCategory = useMemo(() => {
    const groups = new Map<string, CatalogItemDoc[]>();
    for (const doc of catalog) {
      const item = doc.toJSON() as CatalogItemDoc;
      groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [catalog]);

  const priced = lines.length ? priceCart(lines, settings) : null;

  async function pay(event: FormEvent) {
    event.preventDefault();
    if (paying.current || !priced) return;
    paying.current = true;
    setError(null);
    try {
      const cash = tendered.trim() ? parseMajorUnits(tendered, settings.currency).amount : priced.total;
      const sale = buildCashSale({
        ...ids,
        number: takeOrderNumber(pairing.deviceId),
        lines,
        settings,
        register: { tenantId: pairing.tenantId, locationId: pairing.locationId, deviceId: pairing.deviceId },
        cashierId: null,
        tendered: cash,
        now: new Date(),
      });
      await recordSale(db, sale);
      setCompleted(sale);
      setTendered('');
      reset();
    } catch (e) {
      setError(e instanceof MoneyError ? e.message : `The sale was not saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      paying.current = false;
    }
  }

  if (completed) return <SaleComplete sale={completed} settings={settings} onNext={() => setCompleted(null)} />;

  return (
    <div className="checkout">
      <section className="catalog" aria-label="Catalog">
        {byCategory.length === 0 && <p className="muted">The catalog has not arrived yet. Connect this register to the server once to download it.</p>}
        {byCategory.map(([category, items]) => (
          <div key={category}>
            <h2>{category}</h2>
            <div className="items">
              {items.map((item) => (
                <button key={item.id} type="button" className="item" onClick={() => add(item)}>
                  <span>{item.name}</span>
                  <span className="price">{fmt(item.price)}</span>
                </button>
              ))}
            </div>
          </div>
        ))}
      </section>

      <form className="cart card" aria-label="Current sale" onSubmit={pay}>
        <h2>Current sale</h2>
        {lines.length === 0 ? (
          <p className="muted">Pick a service or product to start a sale.</p>
        ) : (
          <ul className="lines">
            {lines.map((line) => (
              <li key={line.id}>
                <span>
                  {line.quantity > 1 && `${line.quantity} × `}
                  {line.name}
                </span>
                <span>{fmt(line.unitPrice * line.quantity)}</span>
                <button type="button" className="link" aria-label={`Remove ${line.name}`} onClick={() => remove(line.id)}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
        {priced && (
          <dl className="totals">
            <dt>Subtotal</dt>
            <dd>{fmt(priced.subtotal)}</dd>
            {priced.taxes.map((tax) => (
              <div key={tax.taxId} className="row">
                <dt>
                  {tax.name} ({tax.rate}%)
                </dt>
                <dd>{fmt(tax.amount)}</dd>
              </div>
            ))}
            <dt className="grand">Total</dt>
            <dd className="grand" data-testid="order-total">
              {fmt(priced.total)}
            </dd>
          </dl>
        )}
        <label>
          Cash received
          <input
            value={tendered}
            onChange={(e) => setTendered(e.target.value)}
            inputMode="decimal"
            placeholder={priced ? `exact: ${fmt(priced.total)}` : ''}
            disabled={!priced}
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary pay" disabled={!priced}>
          Pay cash
        </button>
      </form>
    </div>
  );
}
