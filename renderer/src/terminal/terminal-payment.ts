import { effectivePayments, outcomeId, settleAttempts } from '../../../shared/lifecycle/index';
import type { PaymentDoc, PaymentStatus } from '../../../shared/schemas/index';
import type { RegisterDatabase } from '../db/database';
import { SyncHttpError } from '../sync/http';
import type { TerminalApi } from './api';
import { TerminalError, type CollectOutcome, type TerminalDriver } from './driver';
import { clock } from '../clock';

/**
 * Taking one card payment on the terminal, safe against every dropped connection:
 *
 * 1. the payment is written locally as `pending` (tender CARD_TERMINAL, mode ONLINE) before
 *    anything else; it replicates like any payment;
 * 2. the server creates the PaymentIntent with the payment id as Idempotency-Key (so asking
 *    again, after any failure, returns the same intent, never a second one);
 * 3. the reader collects and authorizes the card; the server captures the final amount;
 * 4. the outcome is written as a new payment document (`attemptOf` = the pending id, id from
 *    `outcomeId`): payments are append-only, nothing is edited.
 *
 * When the answer is unknown (reader dropped, timeout, server unreachable) the payment stays
 * pending and reconcile.ts settles it with the server. The checkout must not take another card
 * for the sale meanwhile: `takeTerminalPayment` refuses while the order has an unsettled one.
 */

export const SIMULATED_LABEL = 'Simulated reader';

export type TerminalPhase = 'recording' | 'creating_intent' | 'connecting_reader' | 'waiting_for_card' | 'capturing' | 'recording_outcome';

export interface TerminalFlowDeps {
  db: Pick<RegisterDatabase, 'payments'>;
  driver: TerminalDriver;
  /** The sync server; null when the driver decides locally (simulated demo without a key). */
  api: TerminalApi | null;
  /** Called as the flow moves on, for the checkout to show ("Tap, insert or swipe the card", ...). */
  onPhase?: (phase: TerminalPhase) => void;
  now?: () => Date;
}

export interface TerminalSaleInput {
  /** Fixed when the tender is started, so pressing Pay twice is the same payment. */
  paymentId: string;
  orderId: string;
  tenantId: string;
  locationId: string;
  deviceId: string;
  cashierId: string | null;
  currency: string;
  /** Minor units, excluding the tip. */
  amount: number;
  tip: number;
  businessDate: string;
  /** Simulated driver: the test card "tapped". */
  testCardNumber?: string;
}

export interface TerminalPaymentResult {
  paymentId: string;
  /** succeeded: money taken. failed / canceled: nothing taken, offer another tender. pending: unknown yet. */
  status: PaymentStatus;
  /** For the cashier, when not succeeded. */
  reason: string | null;
  /** The document that records the result (the outcome, or the pending payment). */
  document: PaymentDoc;
}

/** Payments this JS realm is working on right now: reconciliation leaves them alone. */
export const inProgress = new Set<string>();

export async function paymentDocuments(db: Pick<RegisterDatabase, 'payments'>, paymentId: string): Promise<PaymentDoc[]> {
  const docs = await db.payments.find({ selector: { $or: [{ id: paymentId }, { attemptOf: paymentId }] } }).exec();
  return docs.map((d) => d.toMutableJSON() as PaymentDoc);
}

/** Insert a document that may already be there (a retry): the stored one wins. */
async function insertOnce(db: Pick<RegisterDatabase, 'payments'>, doc: PaymentDoc): Promise<PaymentDoc> {
  const result = await db.payments.bulkInsert([doc]);
  const error = result.error[0];
  if (!error) return doc;
  if (error.status === 409 && error.documentInDb) return error.documentInDb as unknown as PaymentDoc;
  throw new Error(`The card payment could not be saved: ${'validationErrors' in error ? JSON.stringify(error.validationErrors) : `status ${error.status}`}`);
}

export interface OutcomeFacts {
  status: Exclude<PaymentStatus, 'pending'>;
  amount?: number;
  tip?: number;
  /** What the processor charged (Stripe's fee), minor units. */
  fee?: number;
  cardBrand?: string | null;
  cardLast4?: string | null;
  processorRef?: string | null;
  failureReason?: string | null;
}

/** Write the outcome of a pending terminal payment as its own (append-only) document. */
export async function recordOutcome(db: Pick<RegisterDatabase, 'payments'>, pending: PaymentDoc, facts: OutcomeFacts, now: Date): Promise<PaymentDoc> {
  return insertOnce(db, {
    ...pending,
    id: outcomeId(pending.id, facts.status),
    status: facts.status,
    amount: facts.amount ?? pending.amount,
    tip: facts.tip ?? pending.tip,
    fee: facts.fee ?? 0,
    cardBrand: facts.cardBrand ?? null,
    cardLast4: facts.cardLast4 ?? null,
    createdAt: now.toISOString(),
    attemptOf: pending.id,
    processorRef: facts.processorRef ?? null,
    failureReason: facts.failureReason ?? null,
  });
}

function result(paymentId: string, document: PaymentDoc, status: PaymentStatus, reason: string | null): TerminalPaymentResult {
  return { paymentId, status, reason, document };
}

/** The settled state of a payment from its documents, when it is already final. */
async function settledResult(db: Pick<RegisterDatabase, 'payments'>, paymentId: string): Promise<TerminalPaymentResult | null> {
  const [settled] = settleAttempts(await paymentDocuments(db, paymentId));
  if (!settled || settled.status === 'pending' || settled.status === 'authorized') return null;
  return result(paymentId, settled.current, settled.status, settled.current.failureReason ?? null);
}

/** Terminal payments of an order that are not settled yet (pending or authorized). */
export async function unsettledTerminalPayments(db: Pick<RegisterDatabase, 'payments'>, orderId: string): Promise<PaymentDoc[]> {
  const docs = (await db.payments.find({ selector: { orderId } }).exec()).map((d) => d.toMutableJSON() as PaymentDoc);
  const terminal = docs.filter((d) => d.tender === 'CARD_TERMINAL');
  return effectivePayments(terminal).filter((p) => p.status === 'pending' || p.status === 'authorized');
}

export class TerminalBusyError extends Error {
  constructor(readonly pendingPaymentId: string) {
    super('A card payment for this sale is still unconfirmed: check it (or cancel it) before taking another card.');
  }
}

/**
 * Take a card payment on the terminal. Resolves with the result whatever happened at the
 * reader; rejects only when the local database cannot write (nothing was asked of the reader
 * then) or with TerminalBusyError.
 */
export async function takeTerminalPayment(deps: TerminalFlowDeps, input: TerminalSaleInput): Promise<TerminalPaymentResult> {
  const { db, driver, api } = deps;
  const now = deps.now ?? clock.now;
  const already = await settledResult(db, input.paymentId);
  if (already) return already;
  const other = (await unsettledTerminalPayments(db, input.orderId)).find((p) => p.id !== input.paymentId);
  if (other) throw new TerminalBusyError(other.id);
  if (inProgress.has(input.paymentId)) throw new TerminalBusyError(input.paymentId);
  inProgress.add(input.paymentId);
  try {
    deps.onPhase?.('recording');
    const pending = await insertOnce(db, {
      id: input.paymentId,
      tenantId: input.tenantId,
      locationId: input.locationId,
      deviceId: input.deviceId,
      orderId: input.orderId,
      tender: 'CARD_TERMINAL',
      mode: 'ONLINE',
      status: 'pending',
      currency: input.currency,
      amount: input.amount,
      tip: input.tip,
      fee: 0,
      tendered: null,
      change: null,
      label: driver.usesServer ? null : SIMULATED_LABEL,
      cardBrand: null,
      cardLast4: null,
      cashierId: input.cashierId,
      createdAt: now().toISOString(),
      businessDate: input.businessDate,
      attemptOf: null,
      processorRef: null,
      failureReason: null,
    });
    const record = async (facts: OutcomeFacts) => {
      deps.onPhase?.('recording_outcome');
      const doc = await recordOutcome(db, pending, facts, now());
      return result(pending.id, doc, doc.status, doc.failureReason ?? null);
    };
    const unknown = (reason: string) => result(pending.id, pending, 'pending', reason);

    let intent = null;
    if (driver.usesServer) {
      if (!api) throw new Error('This terminal driver needs the sync server.');
      deps.onPhase?.('creating_intent');
      try {
        intent = await api.createPayment({ paymentId: pending.id, orderId: pending.orderId, amount: pending.amount, tip: pending.tip, currency: pending.currency });
      } catch (error) {
        // Refused (4xx) or no Stripe on the server (503): no intent exists, nothing can be charged.
        if (error instanceof SyncHttpError && ((error.status < 500 && error.status !== 408) || error.status === 503)) {
          return record({ status: 'failed', failureReason: typeof error.detail === 'string' ? error.detail : 'The server refused the card payment.' });
        }
        return unknown(`The card payment could not be started (${(error as Error).message}); it will be checked when the connection is back.`);
      }
    }

    let outcome: CollectOutcome;
    try {
      deps.onPhase?.('connecting_reader');
      await driver.connect();
      deps.onPhase?.('waiting_for_card');
      outcome = await driver.collect({ paymentId: pending.id, intent, amount: pending.amount, tip: pending.tip, currency: pending.currency, testCardNumber: input.testCardNumber });
    } catch (error) {
      const message = error instanceof TerminalError ? error.message : `The reader failed: ${(error as Error).message}`;
      if (error instanceof TerminalError && (error.code === 'no_reader' || error.code === 'sdk_unavailable') && intent) {
        // The reader was never asked: nothing can have been charged. Cancel the intent.
        await api?.cancel(pending.id).catch(() => undefined);
        return record({ status: 'canceled', processorRef: intent.paymentIntentId, failureReason: message });
      }
      if (!driver.usesServer && error instanceof TerminalError && error.code !== 'reader_disconnected') {
        return record({ status: 'canceled', failureReason: message });
      }
      return unknown(`${message} The payment will be checked before anything else is charged.`);
    }

    if (outcome.kind !== 'authorized') {
      const status = outcome.kind === 'declined' ? 'failed' : 'canceled';
      if (api && intent) await api.cancel(pending.id).catch(() => undefined);
      return record({ status, processorRef: intent?.paymentIntentId ?? null, failureReason: outcome.reason });
    }
    if (!api || !intent) {
      return record({ status: 'succeeded', cardBrand: outcome.cardBrand, cardLast4: outcome.cardLast4 });
    }
    deps.onPhase?.('capturing');
    try {
      const captured = await api.capture(pending.id, { amount: pending.amount, tip: pending.tip });
      return record({
        status: 'succeeded',
        amount: captured.amount,
        tip: captured.tip,
        fee: captured.fee,
        cardBrand: captured.cardBrand ?? outcome.cardBrand,
        cardLast4: captured.cardLast4 ?? outcome.cardLast4,
        processorRef: captured.paymentIntentId,
      });
    } catch (error) {
      return unknown(`The card was approved but the capture did not confirm (${(error as Error).message}); it will be checked before anything else is charged.`);
    }
  } finally {
    inProgress.delete(input.paymentId);
  }
}
