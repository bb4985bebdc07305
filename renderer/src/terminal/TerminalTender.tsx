import { useEffect, useRef, useState } from 'react';
import { newId } from '../../../shared/ids';
import { effectivePayments } from '../../../shared/lifecycle/index';
import type { PaymentDoc } from '../../../shared/schemas/index';
import { businessDate } from '../../../shared/time';
import { useRegister } from '../app/register-context';
import { useSyncStatus } from '../sync/sync-store';
import { reconcileTerminalPayment } from './reconcile';
import type { ResolvedTerminal } from './register-terminal';
import { SIMULATED_CARDS } from './simulated-driver';
import { OFFLINE_REASON, terminalTenderState, type TerminalTenderState } from './tender-state';
import { TerminalBusyError, takeTerminalPayment, type TerminalPaymentResult, type TerminalPhase } from './terminal-payment';
import { clock } from '../clock';

export const PHASE_TEXT: Record<TerminalPhase, string> = {
  recording: 'Saving the payment…',
  creating_intent: 'Preparing the card payment…',
  connecting_reader: 'Connecting the reader…',
  waiting_for_card: 'Tap, insert or swipe the card on the reader.',
  capturing: 'Approved: confirming the charge…',
  recording_outcome: 'Saving the result…',
};

const TEST_CARD_LABELS: Record<string, string> = {
  [SIMULATED_CARDS.approved]: 'Approved (4242…4242)',
  [SIMULATED_CARDS.declined]: 'Declined (4000…0002)',
  [SIMULATED_CARDS.insufficientFunds]: 'Insufficient funds (4000…9995)',
  [SIMULATED_CARDS.timeout]: 'Reader timeout (4000…0119)',
  [SIMULATED_CARDS.readerDisconnect]: 'Reader disconnects (4000…0259)',
};

export interface TerminalTender {
  state: TerminalTenderState;
  /** The simulated reader is in use (demo, tests): a test card can be chosen. */
  simulated: boolean;
  testCard: string;
  setTestCard(card: string): void;
  phase: TerminalPhase | null;
  /** The last attempt's result when it was not a success (its reason for the cashier). */
  problem: TerminalPaymentResult | null;
  /** This order's terminal payments, one per payment with its effective status. */
  payments: PaymentDoc[];
  /** A terminal payment of this order still unconfirmed: no other card until it is checked. */
  unsettled: PaymentDoc | null;
  /** Take `amount + tip` on the reader; resolves with the result (never throws for the reader's answer). */
  take(input: { amount: number; tip: number; currency: string; timeZone: string; cashierId: string | null }): Promise<TerminalPaymentResult>;
  cancel(): void;
  /** Settle the unconfirmed payment with the server (captured if the card was approved). */
  check(): Promise<TerminalPaymentResult | null>;
}

/**
 * The CARD_TERMINAL tender of the sale on screen (order `orderId`); `saleOnScreen` answers
 * which order the register shows now (read when this unmounts).
 */
export function useTerminalTender(orderId: string, saleOnScreen: () => string): TerminalTender {
  const { db, pairing, terminal } = useRegister();
  const online = useSyncStatus((s) => s.online);
  const [resolved, setResolved] = useState<ResolvedTerminal | null>(null);
  const [resolveError, setResolveError] = useState<string | null>(null);
  const [docs, setDocs] = useState<PaymentDoc[]>([]);
  const [phase, setPhase] = useState<TerminalPhase | null>(null);
  const [problem, setProblem] = useState<TerminalPaymentResult | null>(null);
  const [testCard, setTestCard] = useState<string>(SIMULATED_CARDS.approved);
  const attempt = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    terminal.resolve().then(
      (r) => live && (setResolved(r), setResolveError(null)),
      (e: unknown) => live && setResolveError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [terminal, online]);

  useEffect(() => {
    setProblem(null);
    attempt.current = null;
    const sub = db.payments.find({ selector: { orderId, tender: 'CARD_TERMINAL' } }).$.subscribe((found) => setDocs(found.map((d) => d.toMutableJSON() as PaymentDoc)));
    return () => sub.unsubscribe();
  }, [db, orderId]);

  const payments = effectivePayments(docs);
  const unsettled = payments.find((p) => p.status === 'pending' || p.status === 'authorized') ?? null;

  // The sale left the screen (cleared, or another sale started) with a card payment unconfirmed:
  // it was abandoned, so release it now, never capture it. Locking the register keeps the sale.
  const leftBehind = useRef<PaymentDoc | null>(null);
  useEffect(() => {
    leftBehind.current = unsettled && unsettled.orderId === orderId ? unsettled : null;
  });
  useEffect(
    () => () => {
      const left = leftBehind.current;
      if (left && saleOnScreen() !== orderId) void reconcileTerminalPayment(terminal.reconcileDeps, left.id, 'cancel').catch(() => undefined);
    },
    [orderId, terminal, saleOnScreen],
  );

  let state: TerminalTenderState;
  if (resolved) {
    state = terminalTenderState({ online, usesServer: resolved.driver.usesServer, server: resolved.server, driver: resolved.availability });
  } else if (!online) {
    state = { enabled: false, reason: OFFLINE_REASON, alternatives: ['CASH', 'CARD_EXTERNAL'] };
  } else {
    state = { enabled: false, reason: resolveError ? `Card terminal unavailable: ${resolveError}` : 'Checking the card terminal…', alternatives: ['CASH', 'CARD_EXTERNAL'] };
  }

  async function take(input: { amount: number; tip: number; currency: string; timeZone: string; cashierId: string | null }): Promise<TerminalPaymentResult> {
    if (!resolved || !state.enabled) throw new Error(state.reason ?? 'The card terminal is not ready.');
    // Fixed when the tender starts: pressing Pay again is the same payment.
    attempt.current ??= newId();
    setProblem(null);
    try {
      const now = clock.now();
      const result = await takeTerminalPayment(
        { db, driver: resolved.driver, api: resolved.driver.usesServer ? terminal.api : null, onPhase: setPhase },
        {
          paymentId: attempt.current,
          orderId,
          tenantId: pairing.tenantId,
          locationId: pairing.locationId,
          deviceId: pairing.deviceId,
          cashierId: input.cashierId,
          currency: input.currency,
          amount: input.amount,
          tip: input.tip,
          businessDate: businessDate(now, input.timeZone),
          testCardNumber: resolved.simulated ? testCard : undefined,
        },
      );
      if (result.status !== 'pending' && result.status !== 'authorized') attempt.current = null;
      if (result.status !== 'succeeded') setProblem(result);
      return result;
    } catch (error) {
      if (error instanceof TerminalBusyError) attempt.current = null;
      throw error;
    } finally {
      setPhase(null);
      setTestCard(SIMULATED_CARDS.approved); // a declined test card is one attempt, never the next one's
    }
  }

  async function check(): Promise<TerminalPaymentResult | null> {
    if (!unsettled) return null;
    const result = await reconcileTerminalPayment(terminal.reconcileDeps, unsettled.id, 'capture');
    if (result.status !== 'pending' && result.status !== 'authorized') attempt.current = null;
    setProblem(result.status === 'succeeded' ? null : result);
    return result;
  }

  return {
    state,
    simulated: resolved?.simulated ?? false,
    testCard,
    setTestCard,
    phase,
    problem,
    payments,
    unsettled,
    take,
    cancel: () => void resolved?.driver.cancel(),
    check,
  };
}

/** What the cashier sees of the terminal tender: the reader's phase, the test card (simulated reader), why it failed. */
export function TerminalStatus({ terminal, choosing, busy, onCheck }: { terminal: TerminalTender; choosing: boolean; busy: boolean; onCheck(): void }) {
  const { phase, problem, unsettled } = terminal;
  return (
    <div className="terminal" aria-label="Card terminal" role="group">
      {terminal.simulated && choosing && !phase && !unsettled && (
        <label className="inline muted">
          Test card
          <select aria-label="Test card" value={terminal.testCard} onChange={(e) => terminal.setTestCard(e.target.value)}>
            {Object.values(SIMULATED_CARDS).map((card) => (
              <option key={card} value={card}>
                {TEST_CARD_LABELS[card] ?? card}
              </option>
            ))}
          </select>
        </label>
      )}
      {phase && (
        <p role="status" data-testid="terminal-phase">
          {PHASE_TEXT[phase]}{' '}
          {phase === 'waiting_for_card' && (
            <button type="button" onClick={terminal.cancel}>
              Cancel
            </button>
          )}
        </p>
      )}
      {!phase && problem && (
        <p className="error" data-testid="terminal-problem">
          {problem.status === 'pending' ? 'Card payment unconfirmed: ' : 'Card not charged: '}
          {problem.reason}
          {problem.status !== 'pending' && ' Take cash or use the external card machine.'}
        </p>
      )}
      {!phase && unsettled && (
        <p>
          {!problem && <span className="muted">A card payment of this sale is unconfirmed. </span>}
          <button type="button" disabled={busy} onClick={onCheck}>
            Check payment
          </button>
        </p>
      )}
    </div>
  );
}
