import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { RegisterAction } from '../../../shared/auth/index';
import { MoneyError } from '../../../shared/money/index';
import type { Discount } from '../../../shared/pricing/index';
import type { SettingsDoc, StaffDoc } from '../../../shared/schemas/index';
import { useRegister } from '../app/register-context';
import { auditDiscount } from '../audit/register-events';
import { linesWithoutStylist, priceCart, type CartLine } from '../sales/build-sale';
import { requestApproval } from '../session/approval';
import { useSession } from '../session/session-store';
import { moneyFormatter } from '../ui/format';
import { describeDiscount, parseDiscount } from '../ui/money-input';
import { useCart } from './cart-store';

/** The permission a discount needs: a percentage, or an amount off what it applies to. */
function discountAction(discount: Discount, of: number): RegisterAction {
  return 'percent' in discount ? { kind: 'discount', percent: discount.percent } : { kind: 'discount_amount', amount: discount.amount, of };
}

function DiscountForm({ settings, of, onApply, onCancel }: { settings: SettingsDoc; of: number; onApply(d: Discount | null): void; onCancel(): void }) {
  const { journal } = useRegister();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const apply = async () => {
    try {
      const discount = parseDiscount(text, settings.currency);
      if (discount && 'amount' in discount && discount.amount > of) throw new MoneyError('BAD_DISCOUNT', 'The discount is more than what it applies to.');
      const approver = discount ? await requestApproval(discountAction(discount, of)) : null;
      if (discount && !approver) return;
      if (discount) void auditDiscount(journal, useSession.getState().user?.id ?? null, discount, of, approver);
      onApply(discount);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  // Not a <form>: it sits inside the cart's form, and a nested form submits (and reloads) the page.
  // Enter applies the discount here and never reaches the cart's Charge.
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void apply();
    } else if (event.key === 'Escape') onCancel();
  };
  return (
    <div className="discount-form">
      <input aria-label="Discount" placeholder="10% or 5.00" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} autoFocus />
      <button type="button" onClick={() => void apply()}>
        Apply
      </button>
      <button type="button" className="link" onClick={onCancel}>
        Cancel
      </button>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}

export function CartPanel({ settings, providers }: { settings: SettingsDoc; providers: StaffDoc[] }) {
  const cart = useCart();
  const fmt = moneyFormatter(settings);
  const [discounting, setDiscounting] = useState<string | null>(null);
  let priced = null;
  let priceError: string | null = null;
  try {
    priced = cart.lines.length ? priceCart(cart.lines, settings, cart.orderDiscount) : null;
  } catch (e) {
    priceError = e instanceof Error ? e.message : String(e);
  }
  const shown = priceError;
  const unassigned = linesWithoutStylist(cart.lines);
  const base = (line: CartLine) => line.unitPrice * line.quantity;

  const charge = (event: FormEvent) => {
    event.preventDefault();
    if (priced && !unassigned.length) cart.setStage('pay');
  };
  // Enter charges also from a stylist's select, where a browser submits nothing.
  const enterOnSelect = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && event.target instanceof HTMLSelectElement) charge(event);
  };

  return (
    <form className="cart card" aria-label="Current sale" onSubmit={charge} onKeyDown={enterOnSelect}>
      <h2>Current sale</h2>
      {cart.lines.length === 0 ? (
        <p className="muted">Pick a service or product, search (/), or scan a barcode to start a sale.</p>
      ) : (
        <ul className="lines">
          {cart.lines.map((line) => {
            const p = priced?.lines.find((l) => l.id === line.id);
            return (
              <li key={line.id} aria-label={line.name}>
                <div className="line-main">
                  <span className="line-name">{line.name}</span>
                  <span className="amount">{fmt(base(line))}</span>
                  <button type="button" className="link" aria-label={`Remove ${line.name}`} onClick={() => cart.removeLine(line.id)}>
                    ✕
                  </button>
                </div>
                <div className="line-tools">
                  <span className="qty">
                    <button type="button" aria-label={`Fewer ${line.name}`} onClick={() => cart.setQuantity(line.id, line.quantity - 1)} disabled={line.quantity <= 1}>
                      −
                    </button>
                    <span aria-label="Quantity">{line.quantity}</span>
                    <button type="button" aria-label={`More ${line.name}`} onClick={() => cart.setQuantity(line.id, line.quantity + 1)}>
                      +
                    </button>
                  </span>
                  {line.kind !== 'product' && (
                    <select
                      aria-label={`Staff for ${line.name}`}
                      aria-invalid={unassigned.includes(line)}
                      value={line.house ? 'house' : (line.staffId ?? '')}
                      onChange={(e) => cart.setLineStaff(line.id, e.target.value || null)}
                    >
                      <option value="">Choose stylist…</option>
                      {providers.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                      <option value="house">House (no stylist)</option>
                    </select>
                  )}
                  <button type="button" className="link" onClick={() => setDiscounting(line.id)}>
                    {line.discount ? describeDiscount(line.discount, fmt) : 'Discount'}
                  </button>
                  {p && p.discount > 0 && <span className="muted">−{fmt(p.discount)}</span>}
                </div>
                {discounting === line.id && (
                  <DiscountForm
                    settings={settings}
                    of={base(line)}
                    onApply={(d) => (cart.setLineDiscount(line.id, d), setDiscounting(null))}
                    onCancel={() => setDiscounting(null)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {cart.lines.length > 0 && (
        <p>
          <button type="button" className="link" onClick={() => setDiscounting('order')}>
            {cart.orderDiscount ? `Order: ${describeDiscount(cart.orderDiscount, fmt)}` : 'Order discount'}
          </button>
        </p>
      )}
      {discounting === 'order' && priced && (
        <DiscountForm
          settings={settings}
          of={priceCart(cart.lines, settings, null).lines.reduce((sum, l) => sum + l.base - l.discount, 0)}
          onApply={(d) => (cart.setOrderDiscount(d), setDiscounting(null))}
          onCancel={() => setDiscounting(null)}
        />
      )}
      {priced && (
        <dl className="totals">
          <dt>Subtotal</dt>
          <dd>{fmt(priced.subtotal)}</dd>
          {priced.discount > 0 && (
            <div className="row">
              <dt>Discounts</dt>
              <dd data-testid="cart-discount">−{fmt(priced.discount)}</dd>
            </div>
          )}
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
      {shown && (
        <p role="alert" className="error">
          {shown}
        </p>
      )}
      {unassigned.length > 0 && (
        <p className="error" data-testid="stylist-needed">
          {`Choose who did ${unassigned.map((l) => l.name).join(', ')} (a stylist, or House) before Charge.`}
        </p>
      )}
      <button type="submit" className="primary pay" disabled={!priced || unassigned.length > 0}>
        {priced ? `Charge ${fmt(priced.total)}` : 'Charge'}
      </button>
    </form>
  );
}
