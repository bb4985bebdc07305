import { useEffect, useState, type FormEvent } from 'react';
import type { HardwareResult } from '../../../shared/bridge';
import { newId } from '../../../shared/ids';
import { EMAIL_PATTERN, type ClientDoc, type SettingsDoc, type StaffDoc } from '../../../shared/schemas/index';
import { useRegister } from '../app/register-context';
import { printReceipt, saveReceiptPdf } from '../hardware/hardware';
import type { Sale } from '../sales/build-sale';
import { delivery, useReceivedByServer, type Delivery } from '../sync/received';
import { useSyncStatus } from '../sync/sync-store';
import { moneyFormatter } from '../ui/format';
import { Receipt } from './Receipt';
import { clock } from '../clock';

export interface CompletedSale {
  sale: Sale;
  /** The drawer kick after a cash sale, if one was sent. */
  drawer: Promise<HardwareResult> | null;
}

const EMAIL = new RegExp(EMAIL_PATTERN);

/** What is true now of the sale and of an emailed receipt's request, online or not. */
const SALE_DELIVERY: Record<Delivery, string> = {
  received: 'Saved on this register and received by the server.',
  sending: 'Saved on this register; sending it to the server now.',
  offline: 'Saved on this register. It goes to the server when this register is back online.',
};
const EMAIL_DELIVERY: Record<Delivery, string> = {
  received: ': the server has the request and sends it.',
  sending: ': sending the request to the server now.',
  offline: ' once this register is back online.',
};

export function SaleComplete({ completed, settings, staff, onNext }: { completed: CompletedSale; settings: SettingsDoc; staff: StaffDoc[]; onNext: () => void }) {
  const { db, pairing } = useRegister();
  const { sale } = completed;
  const [client, setClient] = useState<ClientDoc | null>(null);
  const [email, setEmail] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [emailed, setEmailed] = useState<{ id: string; to: string } | null>(null);
  const online = useSyncStatus((s) => s.online);
  const saleIs = delivery(useReceivedByServer('orders', sale.order.id), online);
  const emailIs = delivery(useReceivedByServer('notifications', emailed?.id ?? null), online);

  useEffect(() => {
    let live = true;
    void completed.drawer?.then((result) => live && !result.ok && setNotice(result.reason));
    if (sale.order.clientId) {
      void db.clients.findOne(sale.order.clientId).exec().then((doc) => {
        if (!live || !doc) return;
        const found = doc.toJSON() as ClientDoc;
        setClient(found);
        if (found.email) setEmail(found.email);
      });
    }
    return () => {
      live = false;
    };
  }, [completed, db, sale.order.clientId]);

  const hardware = async (run: () => Promise<HardwareResult>) => {
    setError(null);
    const result = await run().catch((e: unknown): HardwareResult => ({ ok: false, reason: e instanceof Error ? e.message : String(e) }));
    if (result.ok) setNotice(result.detail ?? null);
    else setError(result.reason);
  };

  const sendEmail = async (event: FormEvent) => {
    event.preventDefault();
    const to = email.trim().toLowerCase();
    if (!EMAIL.test(to)) return setError('That email address does not look right.');
    try {
      const id = newId();
      await db.notifications.insert({
        id,
        tenantId: pairing.tenantId,
        locationId: pairing.locationId,
        deviceId: pairing.deviceId,
        kind: 'receipt',
        channel: 'email',
        orderId: sale.order.id,
        to,
        createdAt: clock.now().toISOString(),
      });
      setError(null);
      setEmailed({ id, to });
    } catch (e) {
      setError(`The email was not queued: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const cash = sale.payments.filter((p) => p.tender === 'CASH');
  const change = cash.reduce((sum, p) => sum + (p.change ?? 0), 0);
  return (
    <section className="done" aria-live="polite" aria-label="Sale complete">
      <div className="card receipt-actions no-print">
        <h2>Sale {sale.order.number} complete</h2>
        {cash.length > 0 && (
          <p className="grand">
            Change due: <span data-testid="change-due">{moneyFormatter(settings)(change)}</span>
          </p>
        )}
        <p className="muted" data-testid="sale-delivery">
          {SALE_DELIVERY[saleIs]}
        </p>
        <div className="row-buttons">
          <button type="button" onClick={() => void hardware(printReceipt)}>
            Print receipt
          </button>
          <button type="button" onClick={() => void hardware(() => saveReceiptPdf(`receipt-${sale.order.number}`))}>
            Save as PDF
          </button>
        </div>
        <form className="inline" onSubmit={sendEmail}>
          <input type="email" aria-label="Email receipt to" placeholder="client@example.com" value={email} onChange={(e) => setEmail(e.target.value)} />
          <button type="submit">Email receipt</button>
        </form>
        {emailed && (
          <p role="status" data-testid="email-delivery">
            {`The receipt will be emailed to ${emailed.to}${EMAIL_DELIVERY[emailIs]}`}
          </p>
        )}
        {notice && <p role="status">{notice}</p>}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="button" className="primary" onClick={onNext}>
          New sale (F9)
        </button>
      </div>
      <Receipt sale={sale} settings={settings} staff={staff} client={client} />
    </section>
  );
}
