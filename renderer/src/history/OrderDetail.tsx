import { useState } from 'react';
import type { AdjustmentDoc, SettingsDoc, StaffDoc } from '../../../shared/schemas/index';
import { formatLocalDateTime } from '../../../shared/time';
import { RefundDialog, tenderName } from '../adjustments/RefundDialog';
import { TipDialog } from '../adjustments/TipDialog';
import { VoidDialog } from '../adjustments/VoidDialog';
import { adjustmentRules, canAdjustTip, canVoid, currentPayments } from '../../../shared/adjustments/index';
import { OrderLines } from '../ui/OrderLines';
import { moneyFormatter } from '../ui/format';
import type { HistoryRow } from './filters';
import { clock } from '../clock';

export const STATUS_NAMES: Record<string, string> = {
  open: 'Open', partially_paid: 'Partly paid', paid: 'Paid', partially_refunded: 'Partly refunded', refunded: 'Refunded', voided: 'Voided',
};

function describe(a: AdjustmentDoc, fmt: (n: number) => string): string {
  if (a.refund) {
    const to = a.refund.method === 'store_credit' ? 'as store credit' : a.refund.tenders.filter((t) => t.amount + t.tip > 0).map((t) => `${tenderName(t.tender)} ${fmt(t.amount + t.tip + t.cashRounding)}`).join(', ');
    return `Refund ${fmt(a.refund.total)} (${fmt(a.refund.amount)} + ${fmt(a.refund.tip)} tip) — ${to}${a.refund.restock ? ', restocked' : ''}`;
  }
  if (a.tipAdjustment) return `Tip changed ${fmt(a.tipAdjustment.previousTip)} → ${fmt(a.tipAdjustment.tip)}`;
  return `Void of ${a.voidedPaymentIds.length} payment${a.voidedPaymentIds.length === 1 ? '' : 's'}`;
}

/** One sale with every payment, refund, void and tip change, its derived status, and the actions still open. */
export function OrderDetail({ row, settings, staff, clientName, onMessage }: {
  row: HistoryRow;
  settings: SettingsDoc;
  staff: StaffDoc[];
  clientName: string | null;
  onMessage(message: string): void;
}) {
  const fmt = moneyFormatter(settings);
  const [dialog, setDialog] = useState<'refund' | 'void' | 'tip' | null>(null);
  const { order, payments, adjustments, state } = row;
  const name = (id: string | null) => (id ? (staff.find((s) => s.id === id)?.name ?? 'Unknown staff') : '—');
  const now = clock.now();
  const voidable = canVoid(order, state, now, settings.timeZone);
  const tippable = canAdjustTip(order, state, adjustmentRules(settings), now);
  const refundable = !state.voided && state.paid > state.refunded;
  const sale = { order, payments, adjustments };
  const close = (message?: string) => {
    setDialog(null);
    if (message) onMessage(message);
  };
  const history = [...adjustments].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));

  return (
    <section className="order-detail card" aria-label={`Sale ${order.number}`}>
      <header>
        <h2>
          Sale {order.number} <span className={`status status-${state.status}`} data-testid="order-status">{STATUS_NAMES[state.status]}</span>
        </h2>
        <p className="muted">
          {formatLocalDateTime(order.createdAt, settings.timeZone, settings.locale)} · cashier {name(order.cashierId)}
          {clientName ? ` · ${clientName}` : ''}
        </p>
      </header>
      {state.overRefund > 0 && (
        <p role="alert" className="error over-refund" data-testid="over-refund">
          Refunded {fmt(state.overRefund)} more than was paid: two registers refunded this sale while offline. The refunds stand (the money left); a manager must review it.
        </p>
      )}
      <OrderLines order={order} fmt={fmt} name={name} testId="detail-line" className="detail-lines" />
      <dl className="figures" data-testid="order-totals">
        <dt>Subtotal</dt><dd>{fmt(order.subtotal)}</dd>
        {order.discountTotal > 0 && <><dt>Discounts</dt><dd>−{fmt(order.discountTotal)}</dd></>}
        <dt>Tax{order.taxInclusive ? ' included' : ''}</dt><dd>{fmt(order.taxTotal)}</dd>
        <dt>Total</dt><dd data-testid="detail-total">{fmt(order.total)}</dd>
      </dl>
      <dl className="figures" data-testid="order-figures">
        <dt>Paid</dt><dd data-testid="figure-paid">{fmt(state.paid)}</dd>
        <dt>of which tip</dt><dd data-testid="figure-tip">{fmt(state.tip)}</dd>
        <dt>Refunded</dt><dd data-testid="figure-refunded">{fmt(state.refunded)}</dd>
      </dl>
      <h3>Payments</h3>
      <ul className="doc-list">
        {currentPayments(payments, adjustments).map((p) => (
          <li key={p.id} data-testid="detail-payment">
            {tenderName(p.tender)} {p.cardLast4 ? `•••• ${p.cardLast4}` : ''} {fmt(p.amount)} + {fmt(p.tip)} tip
            <span className="muted"> · {p.status} · {p.mode === 'ONLINE' ? 'online' : 'offline'} · {formatLocalDateTime(p.createdAt, settings.timeZone, settings.locale)}</span>
          </li>
        ))}
      </ul>
      <h3>Refunds, voids and tip changes</h3>
      {history.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="doc-list">
          {history.map((a) => (
            <li key={a.id} data-testid="detail-adjustment">
              {describe(a, fmt)}
              <span className="muted">
                {' '}· {formatLocalDateTime(a.createdAt, settings.timeZone, settings.locale)} · {name(a.staffId)}
                {a.approvedBy ? ` · approved by ${name(a.approvedBy)}` : ''} · “{a.reason}”
              </span>
            </li>
          ))}
        </ul>
      )}
      {state.voided ? (
        <p className="muted" data-testid="voided-note">This sale was voided: nothing is left to refund, void or tip.</p>
      ) : (
        <div className="row-buttons">
          <button type="button" disabled={!refundable} onClick={() => setDialog('refund')} title={refundable ? undefined : 'Nothing left to refund'}>
            Refund…
          </button>
          <button type="button" disabled={!voidable.ok} onClick={() => setDialog('void')} title={voidable.ok ? undefined : voidable.reason}>
            Void…
          </button>
          <button type="button" disabled={!tippable.ok} onClick={() => setDialog('tip')} title={tippable.ok ? undefined : tippable.reason}>
            Adjust tip…
          </button>
        </div>
      )}
      {!voidable.ok && !state.voided && <p className="muted">Void: {voidable.reason}</p>}
      {dialog === 'refund' && <RefundDialog sale={sale} settings={settings} staff={staff} onClose={close} />}
      {dialog === 'void' && <VoidDialog sale={sale} settings={settings} staff={staff} onClose={close} />}
      {dialog === 'tip' && <TipDialog sale={sale} settings={settings} staff={staff} onClose={close} />}
    </section>
  );
}
