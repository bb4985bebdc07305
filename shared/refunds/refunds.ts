import type { CommissionSplit, StaffEarnings } from '../commissions';
import {
  allocateMinor, assertMinorUnits, divideRounded, money, MoneyError, roundCash, toSafeInteger,
  type CurrencyCode, type RoundingMode,
} from '../money';
import type { PricedLine, TaxAmount } from '../pricing';
import type { Tender } from '../schemas/payments';
import { chosenTenderSplit, defaultTenderSplit, type TenderChoice } from './tender-split';

/** One succeeded payment of the sale: `amount` excludes the tip; `fee` is what processing it cost. */
export interface SaleTender {
  readonly paymentId: string;
  readonly tender: Tender;
  readonly amount: number;
  readonly tip: number;
  readonly fee: number;
}

/** Everything a refund is measured against, as the sale was recorded. */
export interface RefundableSale {
  readonly currency: CurrencyCode;
  readonly lines: readonly PricedLine[];
  readonly tenders: readonly SaleTender[];
  readonly earnings: readonly StaffEarnings[];
}

/**
 * Where the money goes back: `tenders` is the person's split (amount + tip per payment, adding
 * up to the refund); without it the default sends it to one tender (`defaultTenderSplit`).
 * `terminalReachable: false` (offline) puts the card terminal last in the default.
 */
export interface RefundRouting {
  readonly tenders?: readonly TenderChoice[];
  readonly terminalReachable?: boolean;
}

export type RefundRequest = RefundRouting & (
  | { readonly kind: 'full' }
  | { readonly kind: 'amount'; readonly amount: number; readonly tip: number }
  | { readonly kind: 'items'; readonly items: readonly { readonly lineId: string; readonly quantity: number }[]; readonly tip?: number }
);

export interface RefundLine {
  readonly lineId: string;
  readonly quantity: number;
  readonly net: number;
  readonly discount: number;
  readonly tax: number;
  readonly taxes: readonly TaxAmount[];
  readonly total: number;
}

export interface RefundTender {
  readonly paymentId: string;
  readonly tender: Tender;
  readonly amount: number;
  readonly tip: number;
  /** The part of the payment's processing fee this refund gives back. */
  readonly fee: number;
  /** Added to amount + tip when the drawer pays it out in cash (currencies with a cash step). */
  readonly cashRounding: number;
}

export interface RefundStaff extends CommissionSplit {
  readonly staffId: string;
  readonly amount: number;
  readonly tip: number;
}

/** A refund's figures in minor units: amount (without tip) + tip = total, split by line, tax, tender and staff. */
export interface Refund {
  readonly currency: CurrencyCode;
  readonly amount: number;
  readonly tip: number;
  readonly total: number;
  readonly lines: readonly RefundLine[];
  readonly taxes: readonly TaxAmount[];
  readonly tenders: readonly RefundTender[];
  readonly staff: readonly RefundStaff[];
}

interface Remaining {
  readonly lines: Map<string, { quantity: number; net: number; discount: number; taxes: number[]; total: number }>;
  readonly tenders: Map<string, { amount: number; tip: number; refunded: number }>;
  readonly staff: Map<string, { amount: number; tip: number; split: number[] }>;
}

const SPLIT_FIELDS = ['salonAmount', 'stylistAmount', 'salonTipAmount', 'stylistTipAmount'] as const;

function remainingAfter(sale: RefundableSale, previous: readonly Refund[]): Remaining {
  const lines = new Map(sale.lines.map((line) => [line.id, {
    quantity: line.quantity, net: line.net, discount: line.discount, taxes: line.taxes.map((tax) => tax.amount), total: line.total,
  }]));
  const tenders = new Map(sale.tenders.map((tender) => [tender.paymentId, { amount: tender.amount, tip: tender.tip, refunded: 0 }]));
  const staff = new Map(sale.earnings.map((e) => [e.staffId, { amount: e.serviceAmount, tip: e.tipAmount, split: SPLIT_FIELDS.map((f) => e[f]) }]));
  for (const refund of previous) {
    if (refund.currency !== sale.currency) throw new MoneyError('CURRENCY_MISMATCH', `A refund in ${refund.currency} does not belong to a sale in ${sale.currency}.`);
    for (const line of refund.lines) {
      const left = lines.get(line.lineId);
      if (!left) throw new MoneyError('UNKNOWN_REFERENCE', `An earlier refund names line ${line.lineId}, which is not on this sale.`);
      left.quantity -= line.quantity;
      left.net -= line.net;
      left.discount -= line.discount;
      line.taxes.forEach((tax, t) => (left.taxes[t]! -= tax.amount));
      left.total -= line.total;
    }
    for (const tender of refund.tenders) {
      const left = tenders.get(tender.paymentId);
      if (!left) throw new MoneyError('UNKNOWN_REFERENCE', `An earlier refund names payment ${tender.paymentId}, which is not on this sale.`);
      left.amount -= tender.amount;
      left.tip -= tender.tip;
      left.refunded += tender.amount + tender.tip;
    }
    for (const s of refund.staff) {
      const left = staff.get(s.staffId);
      if (!left) throw new MoneyError('UNKNOWN_REFERENCE', `An earlier refund names staff member ${s.staffId}, who earned nothing on this sale.`);
      left.amount -= s.amount;
      left.tip -= s.tip;
      SPLIT_FIELDS.forEach((f, i) => (left.split[i]! -= s[f]));
    }
  }
  return { lines, tenders, staff };
}

function sumOf(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export interface Refundable {
  readonly amount: number;
  readonly tip: number;
  readonly lines: { lineId: string; quantity: number; total: number }[];
}

function refundableFrom(left: Remaining): Refundable {
  const linesLeft = sumOf([...left.lines.values()].map((line) => line.total));
  return {
    amount: Math.min(linesLeft, sumOf([...left.tenders.values()].map((tender) => tender.amount))),
    tip: sumOf([...left.tenders.values()].map((tender) => tender.tip)),
    lines: [...left.lines].map(([lineId, line]) => ({ lineId, quantity: line.quantity, total: line.total })),
  };
}

/** What can still be refunded: the amount (without tip, at most what was paid), the tip, and each line's quantity and total. */
export function refundable(sale: RefundableSale, previous: readonly Refund[]): Refundable {
  return refundableFrom(remainingAfter(sale, previous));
}

function checkSale(sale: RefundableSale): void {
  const tips = sumOf(sale.tenders.map((tender) => tender.tip));
  const staffTips = sumOf(sale.earnings.map((e) => e.tipAmount));
  if (tips !== staffTips) {
    throw new MoneyError('BAD_SPLIT', `The payments carry a tip of ${tips} but the staff earned ${staffTips} in tips: record the sale's tip split.`);
  }
  for (const e of sale.earnings) {
    const services = sumOf(sale.lines.filter((line) => line.kind === 'service' && line.staffId === e.staffId).map((line) => line.net));
    if (services !== e.serviceAmount) {
      throw new MoneyError('BAD_SPLIT', `Staff member ${e.staffId} earned on ${e.serviceAmount} but performed services worth ${services}: recompute the earnings.`);
    }
  }
}

function nonNegativeInteger(value: number, what: string): number {
  if (assertMinorUnits(value, what) < 0) throw new MoneyError('NEGATIVE_AMOUNT', `${what} cannot be negative.`);
  return value;
}

/** The part of `value` that belongs to the first `units` of `quantity`, rounded. */
function shareOfUnits(value: number, units: number, quantity: number, rounding: RoundingMode): number {
  return toSafeInteger(divideRounded(BigInt(value) * BigInt(units), BigInt(quantity), rounding));
}

function refundItems(sale: RefundableSale, left: Remaining, items: readonly { lineId: string; quantity: number }[], rounding: RoundingMode): RefundLine[] {
  const asked = new Map<string, number>();
  for (const item of items) {
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1) {
      throw new MoneyError('BAD_QUANTITY', `Line ${item.lineId}: refund a whole number of at least 1 item, got ${String(item.quantity)}.`);
    }
    asked.set(item.lineId, (asked.get(item.lineId) ?? 0) + item.quantity);
  }
  return [...asked].map(([lineId, quantity]) => {
    const line = sale.lines.find((l) => l.id === lineId);
    const rest = left.lines.get(lineId);
    if (!line || !rest) throw new MoneyError('UNKNOWN_REFERENCE', `Line ${lineId} is not on this sale.`);
    if (quantity > rest.quantity) {
      throw new MoneyError('OVER_REFUND', `Line ${lineId}: ${quantity} to refund but only ${rest.quantity} of ${line.quantity} are left to refund.`);
    }
    // Each figure is cut per unit the same way every time, so the units refunded so far always
    // carry the same share of it whatever the order of refunds, and the last unit takes the rest.
    const done = line.quantity - rest.quantity;
    const part = (value: number, remaining: number) =>
      Math.min(remaining, shareOfUnits(value, done + quantity, line.quantity, rounding) - shareOfUnits(value, done, line.quantity, rounding));
    const net = part(line.net, rest.net);
    const taxes = line.taxes.map((tax, t) => ({ taxId: tax.taxId, amount: part(tax.amount, rest.taxes[t]!) }));
    const tax = sumOf(taxes.map((t) => t.amount));
    return { lineId, quantity, net, discount: part(line.discount, rest.discount), tax, taxes, total: net + tax };
  });
}

function refundAmount(sale: RefundableSale, left: Remaining, amount: number): RefundLine[] {
  const lines = sale.lines.filter((line) => left.lines.get(line.id)!.total > 0);
  const shares = allocateMinor(amount, lines.map((line) => left.lines.get(line.id)!.total));
  return lines.flatMap((line, i) => {
    if (shares[i] === 0) return [];
    const rest = left.lines.get(line.id)!;
    const [net, ...taxAmounts] = allocateMinor(shares[i]!, [rest.net, ...rest.taxes]) as [number, ...number[]];
    const taxes = line.taxes.map((tax, t) => ({ taxId: tax.taxId, amount: taxAmounts[t]! }));
    return [{ lineId: line.id, quantity: 0, net, discount: 0, tax: shares[i]! - net, taxes, total: shares[i]! }];
  });
}

/**
 * Work out a refund against a sale and the refunds already made on it. The rules (docs/money.md):
 * - `full` gives back everything still refundable; `amount` takes an amount and a tip; `items`
 *   takes lines and quantities and recomputes each item's net, discount and taxes.
 * - An amount is spread over the lines, and within a line over net and taxes, in proportion to
 *   what each still holds; a tip over the staff in proportion to their tips still held.
 * - Across the tenders of a split-tender sale, the money goes back to one tender by default
 *   (a card that can be refunded now, else cash; `defaultTenderSplit`), or as the person chose
 *   (`chosenTenderSplit`); either way the tenders add up to the refund exactly.
 * - Each staff member's part is shared between salon and stylist as what remains of the sale's split.
 * - A payment's fee comes back in proportion to how much of the payment has been refunded in all.
 * Nothing ever exceeds what remains, so refunding everything returns exactly what was paid.
 */
export function planRefund(
  sale: RefundableSale, previous: readonly Refund[], request: RefundRequest, rounding: RoundingMode = 'half-up', fmt: (minor: number) => string = String,
): Refund {
  checkSale(sale);
  const left = remainingAfter(sale, previous);
  const can = refundableFrom(left);
  let lines: RefundLine[];
  let tip: number;
  if (request.kind === 'full') {
    const everyItem = can.lines.filter((line) => line.quantity > 0).map(({ lineId, quantity }) => ({ lineId, quantity }));
    if (can.amount + can.tip === 0 && everyItem.length === 0) throw new MoneyError('OVER_REFUND', 'This sale has nothing left to refund.');
    const everyItemCovered = can.amount === sumOf(can.lines.map((line) => line.total));
    lines = everyItemCovered ? refundItems(sale, left, everyItem, rounding) : refundAmount(sale, left, can.amount);
    tip = can.tip;
  } else if (request.kind === 'amount') {
    if (nonNegativeInteger(request.amount, 'Refund amount') > can.amount) {
      throw new MoneyError('OVER_REFUND', `Refund of ${request.amount} is more than the ${can.amount} still refundable (minor units, without tip).`);
    }
    lines = refundAmount(sale, left, request.amount);
    tip = nonNegativeInteger(request.tip, 'Tip refund');
  } else {
    lines = refundItems(sale, left, request.items, rounding);
    tip = nonNegativeInteger(request.tip ?? 0, 'Tip refund');
  }
  const amount = sumOf(lines.map((line) => line.total));
  if (amount > can.amount) {
    throw new MoneyError('OVER_REFUND', `These items come to ${amount} but only ${can.amount} is still refundable (minor units, without tip).`);
  }
  if (tip > can.tip) throw new MoneyError('OVER_REFUND', `Tip refund of ${tip} is more than the ${can.tip} tip still refundable.`);

  const taxTotals = new Map<string, number>();
  for (const line of lines) for (const tax of line.taxes) taxTotals.set(tax.taxId, (taxTotals.get(tax.taxId) ?? 0) + tax.amount);

  const rooms = sale.tenders.map((paid) => ({ ...left.tenders.get(paid.paymentId)!, paymentId: paid.paymentId, tender: paid.tender }));
  const parts = request.tenders
    ? chosenTenderSplit(rooms, amount, tip, request.tenders, fmt)
    : defaultTenderSplit(rooms, amount, tip, request.terminalReachable ?? true);
  const tenders = sale.tenders.map((paid, i): RefundTender => {
    const rest = left.tenders.get(paid.paymentId)!;
    const part = parts[i]!;
    const given = part.amount + part.tip;
    const paidTotal = paid.amount + paid.tip;
    const feeBy = (refunded: number) => (paidTotal === 0 ? 0 : shareOfUnits(paid.fee, refunded, paidTotal, rounding));
    const cashRounding = paid.tender === 'CASH' ? roundCash(money(given, sale.currency), rounding).amount - given : 0;
    return {
      paymentId: paid.paymentId, tender: paid.tender, amount: part.amount, tip: part.tip,
      fee: feeBy(rest.refunded + given) - feeBy(rest.refunded), cashRounding,
    };
  });

  const staffIds = [...left.staff.keys()];
  const staffTips = allocateMinor(tip, staffIds.map((id) => left.staff.get(id)!.tip));
  const staff = staffIds.map((staffId, i): RefundStaff => {
    const rest = left.staff.get(staffId)!;
    const service = sumOf(lines.filter((line) => {
      const sold = sale.lines.find((l) => l.id === line.lineId)!;
      return sold.kind === 'service' && sold.staffId === staffId;
    }).map((line) => line.net));
    const [salonAmount, stylistAmount] = allocateMinor(service, rest.split.slice(0, 2)) as [number, number];
    const [salonTipAmount, stylistTipAmount] = allocateMinor(staffTips[i]!, rest.split.slice(2)) as [number, number];
    return { staffId, amount: service, tip: staffTips[i]!, salonAmount, stylistAmount, salonTipAmount, stylistTipAmount };
  });

  return {
    currency: sale.currency, amount, tip, total: amount + tip, lines,
    taxes: [...taxTotals].map(([taxId, value]) => ({ taxId, amount: value })),
    tenders, staff,
  };
}
