import { useEffect, useRef, useState, type FormEvent } from 'react';
import { newId } from '../../../shared/ids';
import { parseMajorUnits, printApiAmount } from '../../../shared/money/index';
import type { PaymentDoc, SettingsDoc, StaffDoc, Tender } from '../../../shared/schemas/index';
import { applyTender, balanceDue, cashDue, quickCashAmounts } from '../../../shared/tenders/index';
import { splitTipManually, tipPresets, type TipShare } from '../../../shared/tips/index';
import { money } from '../../../shared/money/index';
import { useRegister } from '../app/register-context';
import { openCashDrawer } from '../hardware/hardware';
import { priceCart, tipFor, tipSharesFor, type TakenTender } from '../sales/build-sale';
import { takeOrderNumber } from '../sales/order-number';
import { useSession } from '../session/session-store';
import { saleWithTerminalPayments, terminalShare, terminalTakenTender } from '../terminal/sale-split';
import { TerminalStatus, useTerminalTender } from '../terminal/TerminalTender';
import { moneyFormatter } from '../ui/format';
import { TENDER_NAMES } from '../ui/tender-names';
import { cartJournal } from './cart-persistence';
import { cartOf, useCart } from './cart-store';
import { payLabel, payPreview, tenderInput } from './pay-label';
import { saleFromCart } from './complete-sale';
import type { CompletedSale } from './SaleComplete';
import { clock } from '../clock';

/** Offered here; gift cards and store credit wait for their balances. The card terminal has its own button (terminal/). */
const OFFERED: Tender[] = ['CASH', 'CARD_EXTERNAL', 'ZELLE', 'VENMO', 'CHECK', 'OTHER'];

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const currentOrderId = () => useCart.getState().orderId;

export function PaymentPanel({ settings, staff, onCompleted }: { settings: SettingsDoc; staff: StaffDoc[]; onCompleted(done: CompletedSale): void }) {
  const { db, pairing } = useRegister();
  const user = useSession((s) => s.user)!;
  const cart = useCart();
  const fmt = moneyFormatter(settings);
  const currency = settings.currency;
  const [tender, setTender] = useState<Tender | null>('CASH');
  const [amount, setAmount] = useState('');
  const [cardBrand, setCardBrand] = useState('');
  const [cardLast4, setCardLast4] = useState('');
  const [label, setLabel] = useState('');
  const [customTip, setCustomTip] = useState('');
  const [splitDraft, setSplitDraft] = useState<Record<string, string> | null>(null);
  const [splitError, setSplitError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const paying = useRef(false);
  const amountRef = useRef<HTMLInputElement>(null);
  const name = (id: string) => staff.find((s) => s.id === id)?.name ?? 'Unknown';

  const priced = priceCart(cart.lines, settings, cart.orderDiscount);
  const tip = tipFor(priced, cart.tip);
  let shares: TipShare[] = [];
  let shareError: string | null = null;
  try {
    shares = tipSharesFor(priced, tip, cart.tipShares);
  } catch (e) {
    shareError = message(e);
  }
  const balance = balanceDue(priced.total, tip, cart.tenders);
  const terminal = useTerminalTender(cart.orderId, currentOrderId);
  // An unconfirmed card payment holds the sale as a tender would.
  const started = cart.tenders.length > 0 || terminal.unsettled !== null;
  const tipping = priced.serviceSubtotal > 0;

  /** The card terminal takes `applied` of the balance; null when it did not (the reason is shown by TerminalStatus). */
  async function takeOnTerminal(applied: number): Promise<TakenTender | null> {
    if (applied <= 0 || applied > balance) throw new Error('The card terminal cannot pay more than the balance.');
    const taken = useCart.getState().tenders;
    const terminalTips = terminal.payments.filter((p) => p.status === 'succeeded' && taken.some((t) => t.paymentId === p.id)).reduce((sum, p) => sum + p.tip, 0);
    const share = terminalShare({ total: priced.total, tip, taken, terminalTips, applied });
    const result = await terminal.take({ ...share, currency, timeZone: settings.timeZone, cashierId: user.id });
    if (result.status !== 'succeeded') {
      if (result.status !== 'pending') setTender('CASH'); // nothing was charged: cash or the card machine
      return null;
    }
    return { ...terminalTakenTender(result.document), paymentId: result.paymentId };
  }

  async function pay(kind: Tender | null, entered: number | null, arrived?: TakenTender) {
    if (paying.current || !kind || balance <= 0) return;
    paying.current = true;
    performance.mark('pos:pay');
    // A cash or recorded tender is done in one write: re-rendering the panel first would only
    // delay it (the ref above already refuses a second Pay). The card terminal shows its progress.
    if (kind === 'CARD_TERMINAL') setBusy(true);
    if (error) setError(null);
    try {
      if (shareError) throw new Error(shareError);
      const settled =
        arrived ??
        (kind === 'CARD_TERMINAL'
          ? await takeOnTerminal(entered ?? balance)
          : applyTender(balance, currency, tenderInput(kind, balance, currency, { amount: entered, label, cardBrand, cardLast4 })));
      if (!settled) return;
      const fixedId = 'paymentId' in settled ? settled.paymentId : null;
      const tenders = [...useCart.getState().tenders.filter((t) => t.paymentId !== fixedId), { paymentId: newId(), ...settled }];
      // Only what was typed is cleared: a render now would run while the sale is being written.
      if (amount) setAmount('');
      if (cardBrand) setCardBrand('');
      if (cardLast4) setCardLast4('');
      if (label) setLabel('');
      if (balanceDue(priced.total, tip, tenders) > 0) {
        useCart.setState({ tenders });
        setTender(null); // the rest is paid how the client says, never by a second Enter
        return;
      }
      const number = useCart.getState().number ?? takeOrderNumber(pairing.deviceId);
      const register = { tenantId: pairing.tenantId, locationId: pairing.locationId, deviceId: pairing.deviceId };
      // Built before anything is stored: a sale that cannot be built leaves the cart as it was.
      const cart = { ...cartOf(useCart.getState()), tenders, number };
      const built = saleFromCart(cart, { settings, register, cashierId: user.id, number, now: clock.now() });
      // Card terminal payments are already written (pending, then their outcome): the sale keeps their captured figures.
      const terminalDocs = tenders.some((t) => t.tender === 'CARD_TERMINAL')
        ? (await db.payments.find({ selector: { orderId: built.order.id, tender: 'CARD_TERMINAL' } }).exec()).map((d) => d.toMutableJSON() as PaymentDoc)
        : [];
      const { shown: sale, toRecord } = saleWithTerminalPayments(built, tenders, terminalDocs);
      // One write makes the sale durable; it is then copied into orders and payments.
      const journal = cartJournal();
      await journal.commitSale(toRecord);
      // Pay → durable, read by `npm run bench` (test/bench/cash-sale.bench.ts).
      performance.measure('pos:pay-to-durable', 'pos:pay');
      useCart.getState().reset();
      void journal.settle().catch((e: unknown) => console.error('The sale is saved but not yet filed in orders and payments:', e));
      const cash = sale.payments.some((p) => p.tender === 'CASH');
      onCompleted({ sale, drawer: cash ? openCashDrawer() : null });
    } catch (e) {
      setError(message(e));
    } finally {
      paying.current = false;
      setBusy(false);
    }
  }

  // The card terminal follows the connection: chosen and then unusable (offline), the sale goes on in cash.
  useEffect(() => {
    if (tender === 'CARD_TERMINAL' && !terminal.state.enabled && !busy && !terminal.unsettled) setTender('CASH');
  }, [tender, terminal.state.enabled, busy, terminal.unsettled]);

  // A terminal payment of this sale confirmed elsewhere (reconciled after a restart, or by "Check payment") joins the tenders.
  useEffect(() => {
    if (paying.current) return;
    const arrived = terminal.payments.find((p) => p.status === 'succeeded' && !cart.tenders.some((t) => t.paymentId === p.id));
    if (arrived) void pay('CARD_TERMINAL', null, terminalTakenTender(arrived));
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let entered: number | null = null;
    try {
      if (amount.trim()) entered = parseMajorUnits(amount, currency).amount;
    } catch (e) {
      return setError(message(e));
    }
    void pay(tender, entered);
  };

  // F8: exact cash. Esc: back to the cart while nothing is paid.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F8') {
        event.preventDefault();
        void pay('CASH', null);
      } else if (event.key === 'Escape' && !started) {
        useCart.getState().setStage('cart');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const applyCustomTip = () => {
    try {
      cart.setTip({ kind: 'amount', amount: parseMajorUnits(customTip || '0', currency).amount });
      setError(null);
    } catch (e) {
      setError(message(e));
    }
  };
  const applySplit = () => {
    if (!splitDraft) return;
    try {
      const manual = Object.entries(splitDraft).map(([staffId, text]) => ({ staffId, amount: parseMajorUnits(text || '0', currency).amount }));
      const entered = manual.reduce((sum, share) => sum + share.amount, 0);
      if (entered !== tip) return setSplitError(`The split adds up to ${fmt(entered)}: it must add up to the tip, ${fmt(tip)}.`);
      splitTipManually(priced, money(tip, currency), manual);
      cart.setTipShares(manual);
      setSplitDraft(null);
      setSplitError(null);
    } catch (e) {
      setSplitError(message(e));
    }
  };
  /** The hand split starts from the split as it stands. */
  const editSplit = () =>
    setSplitDraft(Object.fromEntries(serviceStaff.map((id) => [id, printApiAmount(money(shares.find((s) => s.staffId === id)?.amount ?? 0, currency), { code: false })])));
  const serviceStaff = [...new Set(priced.lines.filter((l) => l.kind === 'service' && l.staffId).map((l) => l.staffId!))];

  return (
    <form className="cart card payment" aria-label="Payment" onSubmit={submit}>
      <h2>Payment</h2>
      {/* Two columns on a wide panel: what is due and the tip; then how it is paid, with Pay. */}
      <div className="pay-due">
        <dl className="totals">
          <dt>Total</dt>
          <dd data-testid="pay-total">{fmt(priced.total)}</dd>
          {tip > 0 && (
            <div className="row">
              <dt>Tip</dt>
              <dd data-testid="pay-tip">{fmt(tip)}</dd>
            </div>
          )}
          {cart.tenders.map((t) => (
            <div className="row" key={t.paymentId}>
              <dt>
                {TENDER_NAMES[t.tender]}
                {t.cardLast4 ? ` ····${t.cardLast4}` : ''}
                {t.label ? ` (${t.label})` : ''}{' '}
                {t.tender !== 'CARD_TERMINAL' && (
                  <button type="button" className="link" aria-label={`Undo ${TENDER_NAMES[t.tender]} ${fmt(t.applied)}`} onClick={() => cart.removeTender(t.paymentId)}>
                    undo
                  </button>
                )}
              </dt>
              <dd>−{fmt(t.applied)}</dd>
            </div>
          ))}
          <dt className="grand">Balance due</dt>
          <dd className="grand" data-testid="balance-due">
            {fmt(balance)}
          </dd>
        </dl>

        {tipping && (
          <fieldset className="tips" disabled={started}>
            <legend>Tip (on services: {fmt(priced.serviceSubtotal)})</legend>
            <div className="chips">
              <button type="button" aria-pressed={cart.tip.kind === 'none'} onClick={() => cart.setTip({ kind: 'none' })}>
                No tip
              </button>
              {tipPresets(priced, settings.tipPresets).map((preset) => (
                <button
                  key={preset.percent}
                  type="button"
                  aria-pressed={cart.tip.kind === 'percent' && cart.tip.percent === preset.percent}
                  onClick={() => cart.setTip({ kind: 'percent', percent: preset.percent })}
                >
                  {preset.percent}% · {fmt(preset.amount.amount)}
                </button>
              ))}
            </div>
            <div className="inline">
              <input aria-label="Custom tip" inputMode="decimal" placeholder="Custom tip" value={customTip} onChange={(e) => setCustomTip(e.target.value)} />
              <button type="button" onClick={applyCustomTip}>
                Set tip
              </button>
            </div>
            {tip > 0 && shares.length > 0 && !splitDraft && (
              <ul className="tip-shares" aria-label="Tip split">
                {shares.map((s) => (
                  <li key={s.staffId}>
                    <span>{name(s.staffId)}</span>
                    <span data-testid="tip-share">{fmt(s.amount)}</span>
                  </li>
                ))}
                <li>
                  <button type="button" className="link" onClick={editSplit}>
                    Adjust split
                  </button>
                </li>
              </ul>
            )}
            {splitDraft && (
              <div className="tip-shares">
                {Object.keys(splitDraft).map((id) => (
                  <label key={id} className="inline">
                    {name(id)}
                    <input aria-label={`Tip share for ${name(id)}`} inputMode="decimal" value={splitDraft[id]} onChange={(e) => setSplitDraft({ ...splitDraft, [id]: e.target.value })} />
                  </label>
                ))}
                <button type="button" onClick={applySplit}>
                  Use this split
                </button>
                <button type="button" className="link" onClick={() => (setSplitDraft(null), setSplitError(null))}>
                  Cancel
                </button>
                {splitError && (
                  <p role="alert" className="error" data-testid="split-error">
                    {splitError}
                  </p>
                )}
              </div>
            )}
            {shareError && tip > 0 && <p className="error">{shareError}</p>}
          </fieldset>
        )}
      </div>
      <div className="pay-take">
        <div className="chips tenders" role="group" aria-label="Tender">
          {OFFERED.map((t) => (
            <button key={t} type="button" aria-pressed={tender === t} onClick={() => (setTender(t), amountRef.current?.focus())}>
              {TENDER_NAMES[t]}
            </button>
          ))}
          <button
            type="button"
            disabled={!terminal.state.enabled}
            aria-pressed={tender === 'CARD_TERMINAL'}
            aria-describedby={terminal.state.reason ? 'terminal-reason' : undefined}
            onClick={() => (setTender('CARD_TERMINAL'), amountRef.current?.focus())}
          >
            {TENDER_NAMES.CARD_TERMINAL}
          </button>
        </div>
        {terminal.state.reason && (
          <p className="warning" id="terminal-reason" data-testid="terminal-reason">
            {terminal.state.reason}
          </p>
        )}
        {(tender === 'CARD_TERMINAL' || terminal.phase || terminal.problem || terminal.unsettled) && (
          <TerminalStatus terminal={terminal} choosing={tender === 'CARD_TERMINAL'} busy={busy} onCheck={() => void terminal.check().catch((e: unknown) => setError(message(e)))} />
        )}
        {tender === null && <p className="muted">Choose how the rest is paid.</p>}
        {tender && (
          <>
            <label>
              {tender === 'CASH' ? 'Cash received' : `${TENDER_NAMES[tender]} amount`}
              <input
                ref={amountRef}
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                inputMode="decimal"
                autoFocus
                placeholder={tender === 'CASH' ? `exact: ${fmt(cashDue(balance, currency))}` : fmt(balance)}
              />
            </label>
            {tender === 'CASH' && (
              <div className="chips" role="group" aria-label="Quick cash">
                {quickCashAmounts(balance, currency).map((a, i) => (
                  <button key={a} type="button" disabled={busy} onClick={() => void pay('CASH', a)}>
                    {i === 0 ? `Exact ${fmt(a)}` : fmt(a)}
                  </button>
                ))}
              </div>
            )}
            {tender === 'CARD_EXTERNAL' && (
              <div className="inline">
                <input aria-label="Card brand" placeholder="Brand (optional)" value={cardBrand} onChange={(e) => setCardBrand(e.target.value)} maxLength={20} />
                <input aria-label="Last four digits" placeholder="Last 4 (optional)" value={cardLast4} onChange={(e) => setCardLast4(e.target.value.replace(/\D/g, '').slice(0, 4))} inputMode="numeric" />
              </div>
            )}
            {tender === 'OTHER' && (
              <label>
                What is it?
                <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={60} placeholder="e.g. voucher" />
              </label>
            )}
          </>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary pay" disabled={busy || !tender || (tender === 'CARD_TERMINAL' && (!terminal.state.enabled || terminal.unsettled !== null))}>
          {payLabel(tender, balance, tender && payPreview(tender, balance, currency, amount, { label, cardBrand, cardLast4 }), fmt)}
        </button>
        {!started && (
          <button type="button" onClick={() => cart.setStage('cart')}>
            Back to the sale (Esc)
          </button>
        )}
      </div>
    </form>
  );
}
