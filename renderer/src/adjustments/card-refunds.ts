import { v5 as uuidv5 } from 'uuid';
import { paymentIdOf } from '../../../shared/lifecycle/index';
import type { PaymentDoc, RefundRecord } from '../../../shared/schemas/index';
import type { TerminalApi } from '../terminal/api';

/** Namespace of the ids that make each card refund idempotent at Stripe (UUIDv5 of `<adjustment>:<payment>`). */
const CARD_REFUND_NAMESPACE = '9a7c1f4e-2b6d-4e0a-8f3c-5d1e7b2a9c64';

/** The refund id sent to the server for one card payment of one adjustment: the same on every retry. */
export function cardRefundId(adjustmentId: string, paymentId: string): string {
  return uuidv5(`${adjustmentId}:${paymentId}`, CARD_REFUND_NAMESPACE);
}

export interface CardRefund {
  /** The terminal payment's id on the server (the pending document's id). */
  paymentId: string;
  refundId: string;
  /** Amount + tip, minor units. */
  amount: number;
}

/**
 * The Stripe card refunds an adjustment needs before it can be recorded: each card-terminal
 * tender's amount + tip, against the payment the server knows (outcome documents point at it).
 * Store credit and every other tender need none.
 */
export function cardRefunds(
  adjustmentId: string,
  payments: readonly PaymentDoc[],
  tenders: readonly Pick<RefundRecord['tenders'][number], 'paymentId' | 'tender' | 'amount' | 'tip'>[],
  method: RefundRecord['method'] = 'original',
): CardRefund[] {
  if (method !== 'original') return [];
  return tenders
    .filter((t) => t.tender === 'CARD_TERMINAL' && t.amount + t.tip > 0)
    .map((t) => {
      const doc = payments.find((p) => p.id === t.paymentId);
      const paymentId = doc ? paymentIdOf(doc) : t.paymentId;
      return { paymentId, refundId: cardRefundId(adjustmentId, paymentId), amount: t.amount + t.tip };
    });
}

/**
 * Gives the card money back through the sync server (which holds the Stripe key) before the
 * refund or void is recorded: the money must really have left. Repeating it with the same
 * adjustment id refunds nothing twice.
 */
export async function refundCards(api: Pick<TerminalApi, 'refund'>, refunds: readonly CardRefund[], online: boolean): Promise<void> {
  if (refunds.length === 0) return;
  if (!online) throw new Error('Card payments are refunded through the server, and the register is offline: connect, or give store credit.');
  for (const refund of refunds) {
    try {
      await api.refund(refund.paymentId, { refundId: refund.refundId, amount: refund.amount });
    } catch (e) {
      throw new Error(`The card refund could not be made, so nothing was recorded: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
}
