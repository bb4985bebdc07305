import { effectivePayments } from '../../../shared/lifecycle/index';
import type { PaymentDoc } from '../../../shared/schemas/index';
import { paymentAmounts, type SettledTender } from '../../../shared/tenders/index';
import type { Sale, TakenTender } from '../sales/build-sale';

/**
 * The card terminal captures its amount and tip when the card is taken, before the sale is
 * complete; the other tenders' split of the tip is decided when it is. These keep the two in
 * step: the terminal's share of the tip is fixed at the card, and the rest of the tip goes to the
 * other tenders when the sale is written.
 */

/**
 * How a terminal payment of `applied` (of the order total + tip) splits into amount and tip:
 * its share of the tip in proportion to what it pays, never more than the tip not yet taken by
 * earlier terminal payments; the whole of that when it pays the rest of a sale paid only by card.
 */
export function terminalShare(input: {
  total: number;
  tip: number;
  /** Tenders already taken for the sale. */
  taken: readonly SettledTender[];
  /** Tips already fixed by earlier terminal payments of the sale. */
  terminalTips: number;
  applied: number;
}): { amount: number; tip: number } {
  const { total, tip, applied } = input;
  const tipLeft = Math.max(0, tip - input.terminalTips);
  const paid = input.taken.reduce((sum, t) => sum + t.applied, 0);
  const balance = total + tip - paid;
  const onlyCards = input.taken.every((t) => t.tender === 'CARD_TERMINAL');
  let share = total + tip > 0 ? Math.floor((tip * applied) / (total + tip)) : 0;
  if (applied === balance && onlyCards) share = tipLeft;
  share = Math.max(0, Math.min(share, tipLeft, applied));
  return { amount: applied - share, tip: share };
}

/**
 * The sale as the checkout built it, with each terminal tender's payment replaced by what the
 * terminal flow recorded (its captured figures, card and processor reference, under the payment
 * id), and the other tenders splitting what is left of the total and the tip.
 *
 * `shown` has every payment (the receipt); `toRecord` leaves the terminal payments out, since the
 * terminal flow already wrote them (pending, then the outcome).
 */
export function saleWithTerminalPayments(sale: Sale, tenders: readonly TakenTender[], terminalDocs: readonly PaymentDoc[]): { shown: Sale; toRecord: Sale } {
  const settled = new Map(effectivePayments(terminalDocs).map((p) => [p.id, p]));
  const terminalIds = new Set(tenders.filter((t) => t.tender === 'CARD_TERMINAL').map((t) => t.paymentId));
  if (terminalIds.size === 0) return { shown: sale, toRecord: sale };
  const terminal: PaymentDoc[] = [];
  for (const id of terminalIds) {
    const doc = settled.get(id);
    if (!doc || doc.status !== 'succeeded') throw new Error('A card payment of this sale is not confirmed yet: check it before completing the sale.');
    terminal.push(doc);
  }
  const others = sale.payments.filter((p) => !terminalIds.has(p.id));
  const otherTenders = tenders.filter((t) => !terminalIds.has(t.paymentId));
  let amountLeft = sale.order.total - terminal.reduce((sum, p) => sum + p.amount, 0);
  let tipLeft = sale.order.tipTotal - terminal.reduce((sum, p) => sum + p.tip, 0);
  // Rounding can leave a unit on the wrong side; move it, keeping the sum (what the tenders paid).
  if (amountLeft < 0) {
    tipLeft += amountLeft;
    amountLeft = 0;
  }
  if (tipLeft < 0) {
    amountLeft += tipLeft;
    tipLeft = 0;
  }
  const splits = otherTenders.length ? paymentAmounts(amountLeft, tipLeft, otherTenders) : [];
  const resplit = others.map((p, i) => ({ ...p, amount: splits[i]!.amount, tip: splits[i]!.tip }));
  return {
    shown: { ...sale, payments: [...resplit, ...terminal] },
    toRecord: { ...sale, payments: resplit },
  };
}

/** The cart's tender for a succeeded terminal payment (its effective document). */
export function terminalTakenTender(payment: PaymentDoc): TakenTender {
  return {
    tender: 'CARD_TERMINAL',
    applied: payment.amount + payment.tip,
    tendered: null,
    change: null,
    label: null,
    cardBrand: payment.cardBrand ?? null,
    cardLast4: payment.cardLast4 ?? null,
    paymentId: payment.attemptOf ?? payment.id,
  };
}
