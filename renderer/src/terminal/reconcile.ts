import { settleAttempts } from '../../../shared/lifecycle/index';
import type { PaymentDoc } from '../../../shared/schemas/index';
import type { RegisterDatabase } from '../db/database';
import { SyncHttpError } from '../sync/http';
import type { TerminalApi } from './api';
import { inProgress, paymentDocuments, recordOutcome, SIMULATED_LABEL, type OutcomeFacts, type TerminalPaymentResult } from './terminal-payment';
import { clock } from '../clock';

/**
 * Settling terminal payments whose outcome this register never wrote (it crashed, the reader or
 * the network dropped): on start and on every reconnect, each of this register's pending
 * CARD_TERMINAL payments is looked up on the sync server by its payment id (the server keeps
 * its own record of every PaymentIntent it created, so Stripe's search is never needed) and
 * the outcome is written. Nothing here creates a PaymentIntent: a payment id the server does
 * not know was never sent to a reader, and is canceled.
 *
 * An intent that is authorized but not captured belongs to a sale that was interrupted. By
 * default it is canceled (the authorization is released; nothing was charged) and the cashier
 * takes the card again; `decide` may say 'capture' instead, e.g. for the sale still on screen.
 */
export type AuthorizedDecision = 'capture' | 'cancel';

export interface ReconcileDeps {
  db: Pick<RegisterDatabase, 'payments'>;
  api: TerminalApi | null;
  /** This register: only its own payments are reconciled (pulls bring every register's). */
  deviceId: string;
  decide?: (pending: PaymentDoc) => AuthorizedDecision | Promise<AuthorizedDecision>;
  now?: () => Date;
}

export interface ReconcileReport {
  /** Payment ids and what they settled as. */
  settled: { paymentId: string; status: string }[];
  /** Payment ids still pending: the server could not be asked (offline, no Stripe key, ...). */
  unresolved: string[];
}

function pendingResult(pending: PaymentDoc, reason: string): TerminalPaymentResult {
  return { paymentId: pending.id, status: 'pending', reason, document: pending };
}

/** Settle one terminal payment with the server. `decision` overrides `decide` for an authorized intent. */
export async function reconcileTerminalPayment(deps: ReconcileDeps, paymentId: string, decision?: AuthorizedDecision): Promise<TerminalPaymentResult> {
  const { db, api } = deps;
  const now = deps.now ?? clock.now;
  const docs = await paymentDocuments(db, paymentId);
  const pending = docs.find((d) => d.id === paymentId && !d.attemptOf);
  const [settled] = settleAttempts(docs);
  if (!pending || !settled) throw new Error(`No payment ${paymentId} on this register.`);
  if (settled.status !== 'pending' && settled.status !== 'authorized') {
    return { paymentId, status: settled.status, reason: settled.current.failureReason ?? null, document: settled.current };
  }
  if (inProgress.has(paymentId)) return pendingResult(pending, 'The card payment is in progress.');
  const record = async (facts: OutcomeFacts): Promise<TerminalPaymentResult> => {
    const doc = await recordOutcome(db, pending, facts, now());
    return { paymentId, status: doc.status, reason: doc.failureReason ?? null, document: doc };
  };
  if (pending.label === SIMULATED_LABEL) {
    return record({ status: 'canceled', failureReason: 'The register stopped before the simulated reader answered; nothing was charged.' });
  }
  if (!api) return pendingResult(pending, 'The sync server is needed to check this card payment.');

  let view;
  try {
    view = await api.getPayment(paymentId);
  } catch (error) {
    if (error instanceof SyncHttpError && error.status === 404) {
      return record({ status: 'canceled', failureReason: 'The payment never reached the card reader; nothing was charged.' });
    }
    return pendingResult(pending, `Could not check the card payment: ${(error as Error).message}`);
  }
  const ref = view.paymentIntentId;
  try {
    switch (view.status) {
      case 'succeeded':
        return record({ status: 'succeeded', amount: view.amount, tip: view.tip, fee: view.fee, cardBrand: view.cardBrand, cardLast4: view.cardLast4, processorRef: ref });
      case 'failed':
        if (view.stripeStatus !== 'canceled') await api.cancel(paymentId);
        return record({ status: 'failed', processorRef: ref, failureReason: view.failureReason ?? 'The card was declined.' });
      case 'canceled':
      case 'voided':
        return record({ status: 'canceled', processorRef: ref, failureReason: view.failureReason ?? 'The card payment was canceled.' });
      case 'authorized': {
        const choice = decision ?? (await deps.decide?.(pending)) ?? 'cancel';
        if (choice === 'capture') {
          const captured = await api.capture(paymentId, { amount: pending.amount, tip: pending.tip });
          return record({ status: 'succeeded', amount: captured.amount, tip: captured.tip, fee: captured.fee, cardBrand: captured.cardBrand, cardLast4: captured.cardLast4, processorRef: ref });
        }
        await api.cancel(paymentId);
        return record({ status: 'canceled', processorRef: ref, failureReason: 'The sale was interrupted: the card authorization was released, nothing was charged.' });
      }
      case 'pending':
        await api.cancel(paymentId);
        return record({ status: 'canceled', processorRef: ref, failureReason: 'No card was taken for this payment; it was canceled.' });
    }
  } catch (error) {
    return pendingResult(pending, `Could not settle the card payment: ${(error as Error).message}`);
  }
}

/** Every unsettled terminal payment of this register, settled with the server where it can be. */
export async function reconcileTerminalPayments(deps: ReconcileDeps): Promise<ReconcileReport> {
  const docs = (await deps.db.payments.find({ selector: { tender: 'CARD_TERMINAL', deviceId: deps.deviceId } }).exec()).map((d) => d.toMutableJSON() as PaymentDoc);
  const report: ReconcileReport = { settled: [], unresolved: [] };
  for (const payment of settleAttempts(docs)) {
    if (payment.status !== 'pending' && payment.status !== 'authorized') continue;
    if (inProgress.has(payment.paymentId)) continue;
    if (!payment.documents.some((d) => d.id === payment.paymentId)) continue;
    const result = await reconcileTerminalPayment(deps, payment.paymentId);
    if (result.status === 'pending' || result.status === 'authorized') report.unresolved.push(payment.paymentId);
    else report.settled.push({ paymentId: payment.paymentId, status: result.status });
  }
  return report;
}

export interface TerminalReconciler {
  /** Reconcile now (also what start and each `online` event do); one run at a time. */
  run(): Promise<ReconcileReport>;
  stop(): void;
}

/** Reconcile on start and whenever the register comes back online. */
export function startTerminalReconciler(
  deps: ReconcileDeps,
  events: Pick<Window, 'addEventListener' | 'removeEventListener'> | null = typeof window === 'undefined' ? null : window,
): TerminalReconciler {
  let running: Promise<ReconcileReport> | null = null;
  const run = () => {
    running ??= reconcileTerminalPayments(deps).finally(() => {
      running = null;
    });
    return running;
  };
  // Pending payments stay pending until a run succeeds; say why one did not (offline is the usual reason).
  const runInBackground = () => void run().catch((error: unknown) => console.warn('Terminal payments could not be reconciled yet; retrying when online:', error));
  events?.addEventListener('online', runInBackground);
  runInBackground();
  return {
    run,
    stop: () => events?.removeEventListener('online', runInBackground),
  };
}
