import type { ClientDoc, SettingsDoc, StaffDoc } from '../../../shared/schemas/index';
import { paidTotals } from '../../../shared/receipts/index';
import { formatLocalDateTime } from '../../../shared/time';
import type { Sale } from '../sales/build-sale';
import { moneyFormatter } from '../ui/format';
import { cardBrandName, TENDER_NAMES } from '../ui/tender-names';
import { OrderLines } from '../ui/OrderLines';

/** The receipt as shown, printed and saved: every figure straight from the stored documents. */
export function Receipt({ sale, settings, staff, client }: { sale: Sale; settings: SettingsDoc; staff: StaffDoc[]; client: ClientDoc | null }) {
  const { order, payments } = sale;
  const fmt = moneyFormatter(settings);
  const name = (id: string | null) => (id ? (staff.find((s) => s.id === id)?.name ?? '') : '');
  const { paid, change } = paidTotals(payments);
  return (
    <article className="receipt card" aria-label="Receipt" data-testid="receipt">
      <header>
        <strong>{settings.businessName}</strong>
        <div>{settings.locationName}</div>
        <div className="muted">{settings.address}</div>
      </header>
      <p>
        Order <strong data-testid="receipt-number">{order.number}</strong>
        <br />
        <span data-testid="receipt-date">{formatLocalDateTime(order.createdAt, settings.timeZone, settings.locale)}</span>
        {order.cashierId && <><br />Served by {name(order.cashierId)}</>}
        {client && <><br />Client: {client.name}</>}
      </p>
      <OrderLines order={order} fmt={fmt} name={name} testId="receipt-line" />
      <dl className="totals">
        <dt>Subtotal</dt>
        <dd data-testid="receipt-subtotal">{fmt(order.subtotal)}</dd>
        {order.discountTotal > 0 && (
          <div className="row">
            <dt>Discounts</dt>
            <dd data-testid="receipt-discount">−{fmt(order.discountTotal)}</dd>
          </div>
        )}
        {order.taxes.map((tax) => (
          <div className="row" key={tax.taxId}>
            <dt>
              {tax.name} ({tax.rate}%){order.taxInclusive ? ' included' : ''}
            </dt>
            <dd data-testid="receipt-tax">{fmt(tax.amount)}</dd>
          </div>
        ))}
        <dt>Total</dt>
        <dd data-testid="receipt-total">{fmt(order.total)}</dd>
        {order.tipTotal > 0 && (
          <div className="row">
            <dt>Tip</dt>
            <dd data-testid="receipt-tip">{fmt(order.tipTotal)}</dd>
          </div>
        )}
        {order.tipShares.map((share) => (
          <div className="row muted" key={share.staffId}>
            <dt>· {name(share.staffId)}</dt>
            <dd data-testid="receipt-tip-share">{fmt(share.amount)}</dd>
          </div>
        ))}
        <dt className="grand">Paid</dt>
        <dd className="grand" data-testid="receipt-paid">
          {fmt(paid)}
        </dd>
        {payments.map((p) => (
          <div className="row" key={p.id} data-testid="receipt-tender">
            <dt>
              {TENDER_NAMES[p.tender]}
              {p.cardBrand ? ` ${cardBrandName(p.cardBrand)}` : ''}
              {p.cardLast4 ? ` ····${p.cardLast4}` : ''}
              {p.label ? ` (${p.label})` : ''}
              {p.tender === 'CASH' && p.tendered !== null ? ` · received ${fmt(p.tendered)}` : ''}
            </dt>
            <dd>{fmt(p.amount + p.tip)}</dd>
          </div>
        ))}
        {change > 0 && (
          <div className="row">
            <dt>Change</dt>
            <dd data-testid="receipt-change">{fmt(change)}</dd>
          </div>
        )}
      </dl>
      {settings.receiptFooter && <p className="footer">{settings.receiptFooter}</p>}
    </article>
  );
}
