import { MoneyError } from '../money';
import type { Tender } from '../schemas/payments';

/** What one payment of the sale still holds to refund: amount (without tip) and tip. */
export interface TenderRoom {
  readonly paymentId: string;
  readonly tender: Tender;
  readonly amount: number;
  readonly tip: number;
}

/** The person's choice: how much of the refund (amount + tip) goes back to one payment. */
export interface TenderChoice {
  readonly paymentId: string;
  readonly total: number;
}

export interface TenderPart {
  readonly paymentId: string;
  readonly amount: number;
  readonly tip: number;
}

const CARDS: readonly Tender[] = ['CARD_EXTERNAL', 'CARD_TERMINAL'];

/**
 * The order the default refund fills the payments in: a card that can be refunded now first
 * (the card machine always, the terminal only when the server can be reached), then cash, then
 * the other tenders, and a card that cannot be refunded now last. Payment order breaks ties.
 */
function rank(tender: Tender, terminalReachable: boolean): number {
  if (tender === 'CARD_TERMINAL') return terminalReachable ? 0 : 3;
  if (CARDS.includes(tender)) return 0;
  return tender === 'CASH' ? 1 : 2;
}

function fill(total: number, rooms: readonly number[]): number[] {
  let rest = total;
  return rooms.map((room) => {
    const part = Math.min(room, rest);
    rest -= part;
    return part;
  });
}

/**
 * The default split of a refund over the sale's payments: all of it to one tender (card first
 * when the card can be refunded, else cash), spilling to the next only what the first no longer
 * holds. The amount and the tip fill separately, so whatever fits the sale fits the split.
 */
export function defaultTenderSplit(rooms: readonly TenderRoom[], amount: number, tip: number, terminalReachable = true): TenderPart[] {
  const order = rooms.map((room, i) => ({ room, i })).sort((a, b) => rank(a.room.tender, terminalReachable) - rank(b.room.tender, terminalReachable) || a.i - b.i);
  const amounts = fill(amount, order.map(({ room }) => room.amount));
  const tips = fill(tip, order.map(({ room }) => room.tip));
  if (amounts.reduce((s, v) => s + v, 0) !== amount || tips.reduce((s, v) => s + v, 0) !== tip) {
    throw new MoneyError('OVER_REFUND', 'The payments of this sale do not hold this much to refund.');
  }
  const parts: TenderPart[] = rooms.map((room) => ({ paymentId: room.paymentId, amount: 0, tip: 0 }));
  order.forEach(({ i }, k) => (parts[i] = { paymentId: rooms[i]!.paymentId, amount: amounts[k]!, tip: tips[k]! }));
  return parts;
}

/**
 * A split the person chose, checked and cut into amount and tip per payment: every figure a
 * whole number of minor units, none above what its payment still holds, and together exactly
 * the refund. Each payment takes as little tip as it can, then the rest of the tip in payment order.
 */
export function chosenTenderSplit(rooms: readonly TenderRoom[], amount: number, tip: number, chosen: readonly TenderChoice[], fmt: (minor: number) => string = String): TenderPart[] {
  const totals = rooms.map(() => 0);
  for (const choice of chosen) {
    const i = rooms.findIndex((room) => room.paymentId === choice.paymentId);
    if (i < 0) throw new MoneyError('UNKNOWN_REFERENCE', `Payment ${choice.paymentId} is not on this sale.`);
    if (!Number.isSafeInteger(choice.total) || choice.total < 0) throw new MoneyError('NEGATIVE_AMOUNT', 'Each tender gives back a whole amount of at least 0.');
    totals[i]! += choice.total;
  }
  totals.forEach((total, i) => {
    const room = rooms[i]!;
    if (total > room.amount + room.tip) throw new MoneyError('OVER_REFUND', `${fmt(total)} is more than the ${fmt(room.amount + room.tip)} this payment still holds.`);
  });
  const given = totals.reduce((s, v) => s + v, 0);
  if (given !== amount + tip) throw new MoneyError('BAD_SPLIT', `The tenders give back ${fmt(given)} but the refund is ${fmt(amount + tip)}: make them add up.`);
  const least = totals.map((total, i) => Math.max(0, total - rooms[i]!.amount));
  const most = totals.map((total, i) => Math.min(total, rooms[i]!.tip));
  const spare = tip - least.reduce((s, v) => s + v, 0);
  if (spare < 0) throw new MoneyError('BAD_SPLIT', 'These amounts give back more tip than the refund holds: move some to a payment that holds the amount.');
  const extra = fill(spare, most.map((m, i) => m - least[i]!));
  if (extra.reduce((s, v) => s + v, 0) !== spare) throw new MoneyError('BAD_SPLIT', 'These amounts cannot carry the tip: move some to the payment that was tipped.');
  return rooms.map((room, i) => ({ paymentId: room.paymentId, amount: totals[i]! - least[i]! - extra[i]!, tip: least[i]! + extra[i]! }));
}
