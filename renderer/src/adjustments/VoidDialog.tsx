import { useState, type FormEvent } from 'react';
import { newId } from '../../../shared/ids';
import { useRegister } from '../app/register-context';
import { useSession } from '../session/session-store';
import { moneyFormatter } from '../ui/format';
import { cardRefunds, refundCards } from './card-refunds';
import { Dialog, errorText, FormFoot, useCardApi, useWriter, type AdjustmentDialogProps } from './Dialog';
import { ManagerPin, selfApprover } from './ManagerPin';
import { recordVoid, voidCashOut } from './record-adjustment';
import { effectiveSale } from './refund-plan';

/** Voids the whole sale (every payment), with a reason and always a manager. */
export function VoidDialog({ sale, settings, staff, onClose }: AdjustmentDialogProps) {
  const { journal } = useRegister();
  const writer = useWriter(settings);
  const cards = useCardApi();
  const user = useSession((s) => s.user);
  const fmt = moneyFormatter(settings);
  const [id] = useState(newId);
  const [reason, setReason] = useState('');
  const [approving, setApproving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (approvedBy: string) => {
    setError(null);
    try {
      // A card taken through Stripe is given back through the server before the void is recorded.
      const taken = effectiveSale(sale).payments.filter((p) => p.status === 'succeeded');
      await refundCards(cards, cardRefunds(id, sale.payments, taken.map((p) => ({ paymentId: p.id, tender: p.tender, amount: p.amount, tip: p.tip }))), navigator.onLine);
      const doc = await recordVoid(writer, { id, order: sale.order, payments: sale.payments, reason, staffId: user?.id ?? null, approvedBy });
      const cash = voidCashOut(doc, sale.payments);
      onClose(`Sale ${sale.order.number} voided${cash ? ` — give back ${fmt(cash)} cash from the drawer` : ''}.`);
    } catch (e) {
      setError(errorText(e));
      setApproving(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError('Give a reason for the void.');
    const self = selfApprover(user);
    if (self) void save(self);
    else setApproving(true);
  };

  return (
    <Dialog label={`Void sale ${sale.order.number}`} onClose={() => onClose()}>
      {approving ? (
        <ManagerPin
          staff={staff}
          journal={journal}
          user={user}
          orderId={sale.order.id}
          action="void"
          why="A manager must approve every void."
          onApproved={(managerId) => void save(managerId)}
          onCancel={() => setApproving(false)}
        />
      ) : (
        <form onSubmit={submit} className="adjust-form">
          <p>Every payment of this sale is reversed. Voids are only possible on the day of the sale, before any refund.</p>
          <label>
            Void reason
            <input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="e.g. rang up the wrong client" />
          </label>
          <FormFoot error={error} label="Void sale" className="danger" onCancel={() => onClose()} />
        </form>
      )}
    </Dialog>
  );
}
