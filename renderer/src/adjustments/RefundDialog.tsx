import { useMemo, useState, type FormEvent } from 'react';
import { newId } from '../../../shared/ids';
import { money, printApiAmount } from '../../../shared/money/index';
import type { Refund, RefundRequest } from '../../../shared/refunds/index';
import type { RefundRecord } from '../../../shared/schemas/index';
import { useRegister } from '../app/register-context';
import { useSession } from '../session/session-store';
import { moneyFormatter } from '../ui/format';
import { cardRefunds, refundCards } from './card-refunds';
import { Dialog, errorText, FormFoot, parseAmount, useCardApi, useWriter, type AdjustmentDialogProps } from './Dialog';
import { ManagerPin, selfApprover } from './ManagerPin';
import { cashPaidOut, recordRefund } from './record-adjustment';
import { planStoredRefund, stillRefundable } from './refund-plan';
import { adjustmentRules, refundApprovalReasons } from '../../../shared/adjustments/index';
import { clock } from '../clock';
import { useSyncStatus } from '../sync/sync-store';

type Kind = RefundRequest['kind'];

const TENDER_NOTES: Partial<Record<string, string>> = {
  CASH: 'pay out from the drawer',
  CARD_EXTERNAL: 'refund it on the card machine',
  CARD_TERMINAL: 'refunded to the card through the server',
  STORE_CREDIT: 'back to store credit',
  GIFT_CARD: 'back to the gift card',
};

export function tenderName(tender: string): string {
  return tender === 'CARD_EXTERNAL' ? 'Card (machine)' : tender === 'CARD_TERMINAL' ? 'Card (terminal)' : tender.charAt(0) + tender.slice(1).toLowerCase().replace('_', ' ');
}

export function RefundDialog({ sale, settings, staff, onClose }: AdjustmentDialogProps) {
  const { journal } = useRegister();
  const writer = useWriter(settings);
  const cards = useCardApi();
  const user = useSession((s) => s.user);
  const fmt = moneyFormatter(settings);
  const { order } = sale;
  const left = useMemo(() => stillRefundable(sale, staff), [sale, staff]);
  const [id] = useState(newId);
  const [kind, setKind] = useState<Kind>('items');
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [amountText, setAmountText] = useState('');
  const [tipText, setTipText] = useState('');
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState<RefundRecord['method']>('original');
  const [restock, setRestock] = useState(true);
  /** The person's split, per payment (null: the default, one tender). */
  const [split, setSplit] = useState<Record<string, string> | null>(null);
  const online = useSyncStatus((s) => s.online);
  const [approving, setApproving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  let plan: Refund | null = null;
  let planError: string | null = null;
  try {
    const tip = parseAmount(tipText, order.currency, 'Tip to refund');
    const routing = {
      terminalReachable: online,
      tenders: split ? Object.entries(split).map(([paymentId, text]) => ({ paymentId, total: parseAmount(text, order.currency, 'Each tender') })) : undefined,
    };
    const request: RefundRequest =
      kind === 'full'
        ? { kind, ...routing }
        : kind === 'amount'
          ? { kind, amount: parseAmount(amountText, order.currency, 'Amount'), tip, ...routing }
          : { kind, tip, items: Object.entries(quantities).filter(([, q]) => Number(q) > 0).map(([lineId, q]) => ({ lineId, quantity: Number(q) })), ...routing };
    plan = planStoredRefund(sale, staff, request, fmt);
    if (plan.total === 0) {
      plan = null;
      planError = kind === 'items' ? 'Choose the items to refund, or a tip.' : 'Enter an amount or a tip to refund.';
    }
  } catch (e) {
    planError = errorText(e);
  }
  const approval = plan ? refundApprovalReasons(plan, order, adjustmentRules(settings), clock.now(), settings.timeZone, fmt) : [];
  const hasProducts = order.lines.some((l) => l.kind === 'product');

  const save = async (approvedBy: string | null) => {
    if (!plan) return;
    setBusy(true);
    setError(null);
    try {
      await refundCards(cards, cardRefunds(id, sale.payments, plan.tenders, method), navigator.onLine);
      const doc = await recordRefund(writer, { id, order, refund: plan, method, restock: hasProducts && restock, reason, staffId: user?.id ?? null, approvedBy });
      const cash = cashPaidOut(doc);
      onClose(`Refunded ${fmt(plan.total)} on sale ${order.number}${cash ? ` — pay out ${fmt(cash)} cash from the drawer` : ''}.`);
    } catch (e) {
      setError(errorText(e));
      setApproving(false);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!plan || busy) return;
    if (!reason.trim()) return setError('Give a reason for the refund.');
    const self = selfApprover(user);
    if (approval.length && !self) return setApproving(true);
    void save(approval.length ? self : null);
  };

  if (approving && plan) {
    return (
      <Dialog label={`Refund sale ${order.number}`} onClose={() => setApproving(false)}>
        <ManagerPin
          staff={staff}
          journal={journal}
          user={user}
          orderId={order.id}
          action="refund"
          why={`A manager must approve this refund of ${fmt(plan.total)}: ${approval.join('; ')}.`}
          onApproved={(managerId) => void save(managerId)}
          onCancel={() => setApproving(false)}
        />
      </Dialog>
    );
  }

  return (
    <Dialog label={`Refund sale ${order.number}`} onClose={() => onClose()}>
      <form onSubmit={submit} className="adjust-form">
        <p className="muted">
          Still refundable: {fmt(left.amount)} and {fmt(left.tip)} tip.
        </p>
        <fieldset className="chips" role="radiogroup" aria-label="Refund kind">
          {(['items', 'amount', 'full'] as const).map((k) => (
            <label key={k} className={kind === k ? 'chip selected' : 'chip'}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {k === 'items' ? 'Items' : k === 'amount' ? 'Amount' : 'Everything'}
            </label>
          ))}
        </fieldset>
        {kind === 'items' && (
          <table className="refund-lines">
            <tbody>
              {order.lines.map((line) => {
                const rest = left.lines.find((l) => l.lineId === line.id);
                const max = Math.max(0, rest?.quantity ?? 0);
                const first = line.id === left.lines.find((l) => l.quantity > 0)?.lineId;
                return (
                  <tr key={line.id}>
                    <td>{line.name}</td>
                    <td className="muted">{max} of {line.quantity} left</td>
                    <td>
                      <input
                        type="number"
                        min={0}
                        max={max}
                        step={1}
                        inputMode="numeric"
                        disabled={max === 0}
                        autoFocus={first}
                        aria-label={`Quantity of ${line.name} to refund`}
                        value={quantities[line.id] ?? ''}
                        onChange={(e) => setQuantities({ ...quantities, [line.id]: e.target.value.replace(/\D/g, '') })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {kind === 'amount' && (
          <label>
            Amount to refund (without tip)
            <input inputMode="decimal" autoFocus value={amountText} onChange={(e) => setAmountText(e.target.value)} placeholder={fmt(left.amount)} />
          </label>
        )}
        {kind !== 'full' && (
          <label>
            Tip to refund
            <input inputMode="decimal" value={tipText} onChange={(e) => setTipText(e.target.value)} placeholder={fmt(0)} disabled={left.tip <= 0} />
          </label>
        )}
        <label>
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="e.g. client not satisfied" />
        </label>
        <fieldset className="chips" role="radiogroup" aria-label="Refund to">
          <label className={method === 'original' ? 'chip selected' : 'chip'}>
            <input type="radio" name="method" checked={method === 'original'} onChange={() => setMethod('original')} />
            Original payment
          </label>
          <label className={method === 'store_credit' ? 'chip selected' : 'chip'}>
            <input type="radio" name="method" checked={method === 'store_credit'} onChange={() => setMethod('store_credit')} />
            Store credit
          </label>
        </fieldset>
        {hasProducts && (
          <label className="inline">
            <input type="checkbox" checked={restock} onChange={(e) => setRestock(e.target.checked)} /> Put returned products back in stock
          </label>
        )}
        {split && (
          <fieldset className="refund-split" aria-label="Refund to each tender">
            {sale.payments.filter((p) => p.id in split).map((p) => (
              <label key={p.id}>
                {tenderName(p.tender)} {p.cardLast4 ? `•••• ${p.cardLast4}` : ''}
                <input inputMode="decimal" aria-label={`Refund to ${tenderName(p.tender)}`} value={split[p.id]} onChange={(e) => setSplit({ ...split, [p.id]: e.target.value })} />
              </label>
            ))}
            <button type="button" className="link" onClick={() => setSplit(null)}>Back to one tender</button>
          </fieldset>
        )}
        {plan ? (
          <div className="refund-plan" data-testid="refund-plan">
            <p>
              <strong>Refund {fmt(plan.total)}</strong> <span className="muted">({fmt(plan.amount)} + {fmt(plan.tip)} tip)</span>
            </p>
            <TenderSplit plan={plan} fmt={fmt} storeCredit={method === 'store_credit'} onChoose={() => setSplit(splitTexts(plan!))} />
            {approval.length > 0 && <p className="notice">Needs a manager: {approval.join('; ')}.</p>}
          </div>
        ) : (
          <p className="muted" role="status">{planError}</p>
        )}
        <FormFoot error={error} label={plan ? `Refund ${fmt(plan.total)}` : 'Refund'} disabled={!plan || busy} onCancel={() => onClose()} />
      </form>
    </Dialog>
  );
}

/** The refund's tenders as the money core split them, with what to do for each, and a way to choose the split. */
function TenderSplit({ plan, fmt, storeCredit, onChoose }: { plan: Refund; fmt: (minor: number) => string; storeCredit: boolean; onChoose: () => void }) {
  return (
    <>
      <ul>
        {plan.tenders.filter((t) => t.amount + t.tip > 0).map((t) => (
          <li key={t.paymentId} data-testid="refund-tender">
            {tenderName(t.tender)}: {fmt(t.amount + t.tip + t.cashRounding)}
            <span className="muted"> — {storeCredit ? 'as store credit' : (TENDER_NOTES[t.tender] ?? 'record it')}</span>
          </li>
        ))}
      </ul>
      {!storeCredit && plan.tenders.length > 1 && (
        <button type="button" className="link" onClick={onChoose}>Choose the tenders…</button>
      )}
    </>
  );
}

/** The plan's tenders as editable figures (amount + tip of each payment). */
function splitTexts(plan: Refund): Record<string, string> {
  return Object.fromEntries(plan.tenders.map((t) => [t.paymentId, printApiAmount(money(t.amount + t.tip, plan.currency), { code: false })]));
}
