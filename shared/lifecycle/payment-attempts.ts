import { v5 as uuidv5 } from 'uuid';
import type { PaymentStatus } from '../schemas/payments';

/**
 * Card-terminal payments under append-only money history. A terminal payment is first written
 * `pending` (before the reader is asked); what happened is written later as *outcome* documents
 * in the same `payments` collection, each pointing at the pending one with `attemptOf`. Nothing
 * is ever edited. The payment's effective status and figures are derived here.
 *
 * An outcome's id is derived from the pending payment's id and its status (`outcomeId`), so a
 * retried or concurrent write of the same outcome is the same document (a no-op), and there is
 * never more than one `succeeded` document for one payment.
 */

/** The fields of a payment document this module reads. */
export interface PaymentFacts {
  readonly id: string;
  readonly status: PaymentStatus;
  readonly attemptOf?: string | null;
}

/** Namespace for outcome ids (UUIDv5 of `<payment id>:<status>`). */
const OUTCOME_NAMESPACE = '5b0e8a52-3f0c-4a51-9d5e-7c1a0f3b9e21';

export function outcomeId(paymentId: string, status: PaymentStatus): string {
  return uuidv5(`${paymentId}:${status}`, OUTCOME_NAMESPACE);
}

/**
 * How far along the state machine a status is (shared/lifecycle PAYMENT_TRANSITIONS). Of two
 * final outcomes, `succeeded` wins: money the processor says it took is the fact to show.
 */
const RANK: Readonly<Record<PaymentStatus, number>> = {
  pending: 0,
  authorized: 1,
  failed: 2,
  canceled: 3,
  succeeded: 4,
  voided: 5,
};

export interface SettledPayment<T extends PaymentFacts> {
  /** The payment's id: the pending document's id (or, for a plain payment, its own id). */
  readonly paymentId: string;
  /** The effective status: the furthest status among the payment's documents. */
  readonly status: PaymentStatus;
  /** The document that decided the status: its figures (amount, tip, fee, card) are the payment's. */
  readonly current: T;
  /** Every document of this payment, the root first when present. */
  readonly documents: readonly T[];
}

/** The root payment id a document belongs to. */
export function paymentIdOf(doc: PaymentFacts): string {
  return doc.attemptOf ?? doc.id;
}

/**
 * Group payment documents into payments and derive each one's status. Plain payments (cash and
 * the like, no `attemptOf` and no outcomes) come out as they are. An outcome whose pending
 * document has not arrived yet (replication order) still counts, under its `attemptOf` id.
 * Use this before `orderStatus`: pass `settled.map(s => ({...s.current, status: s.status}))`.
 */
export function settleAttempts<T extends PaymentFacts>(docs: readonly T[]): SettledPayment<T>[] {
  const groups = new Map<string, T[]>();
  for (const doc of docs) {
    const key = paymentIdOf(doc);
    const group = groups.get(key);
    if (group) group.push(doc);
    else groups.set(key, [doc]);
  }
  const settled: SettledPayment<T>[] = [];
  for (const [paymentId, group] of groups) {
    group.sort((a, b) => Number(Boolean(a.attemptOf)) - Number(Boolean(b.attemptOf)) || RANK[a.status] - RANK[b.status]);
    let current = group[0] as T;
    for (const doc of group) if (RANK[doc.status] > RANK[current.status]) current = doc;
    // A voided outcome keeps the figures of what was taken; the status says it was reversed.
    settled.push({ paymentId, status: current.status, current, documents: group });
  }
  return settled;
}

/** The effective status of one payment from its documents (`pending` when it has none). */
export function settledStatus(docs: readonly PaymentFacts[]): PaymentStatus {
  return settleAttempts(docs)[0]?.status ?? 'pending';
}

/**
 * One document per payment, as order-status code wants them: the deciding document's figures
 * under the payment's own id (the pending document's id, which refunds and adjustments name),
 * with the effective status. Plain payments pass through unchanged.
 */
export function effectivePayments<T extends PaymentFacts>(docs: readonly T[]): T[] {
  return settleAttempts(docs).map((s) => (s.current.id === s.paymentId && s.current.status === s.status ? s.current : { ...s.current, id: s.paymentId, status: s.status }));
}
