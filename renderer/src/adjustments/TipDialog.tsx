import { useState, type FormEvent } from 'react';
import { newId } from '../../../shared/ids';
import { useSession } from '../session/session-store';
import { moneyFormatter } from '../ui/format';
import { Dialog, errorText, FormFoot, parseAmount, useWriter, type AdjustmentDialogProps } from './Dialog';
import { recordTipAdjustment } from './record-adjustment';
import { effectiveSale, tipChange } from './refund-plan';
import { tenderName } from './RefundDialog';

/** Adds or changes the tip on one payment after the sale, shared among the service staff by value. */
export function TipDialog({ sale, settings, staff, onClose }: AdjustmentDialogProps) {
  const writer = useWriter(settings);
  const user = useSession((s) => s.user);
  const fmt = moneyFormatter(settings);
  const payments = effectiveSale(sale).payments.filter((p) => p.status === 'succeeded');
  const [id] = useState(newId);
  const [paymentId, setPaymentId] = useState(payments.find((p) => p.tender !== 'CASH')?.id ?? payments[0]?.id ?? '');
  const [tipText, setTipText] = useState('');
  const [reason, setReason] = useState('Tip added after the service');
  const [error, setError] = useState<string | null>(null);
  const payment = payments.find((p) => p.id === paymentId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!payment) return;
    setError(null);
    try {
      const tip = parseAmount(tipText, sale.order.currency, 'Tip');
      await recordTipAdjustment(writer, {
        id, order: sale.order, paymentId, previousTip: payment.tip, tip, ...tipChange(sale, payment.tip, tip, staff),
        reason, staffId: user?.id ?? null, approvedBy: null,
      });
      onClose(`Tip on sale ${sale.order.number} is now ${fmt(tip)} (was ${fmt(payment.tip)}).`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Dialog label={`Adjust tip on sale ${sale.order.number}`} onClose={() => onClose()}>
      <form onSubmit={(e) => void submit(e)} className="adjust-form">
        <label>
          Payment
          <select value={paymentId} onChange={(e) => setPaymentId(e.target.value)}>
            {payments.map((p) => (
              <option key={p.id} value={p.id}>
                {tenderName(p.tender)} {p.cardLast4 ? `•••• ${p.cardLast4} ` : ''}— {fmt(p.amount)}, tip {fmt(p.tip)}
              </option>
            ))}
          </select>
        </label>
        <label>
          New tip on this payment
          <input autoFocus inputMode="decimal" value={tipText} onChange={(e) => setTipText(e.target.value)} placeholder={payment ? fmt(payment.tip) : ''} />
        </label>
        <label>
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </label>
        <FormFoot error={error} label="Save tip" disabled={!payment} onCancel={() => onClose()} />
      </form>
    </Dialog>
  );
}
