import {
  allocateMinor, assertMinorUnits, MILLIONTHS, money, MoneyError, mulDivRounded, parsePercent,
  type Money, type RoundingMode,
} from '../money';
import type { PricedOrder } from '../pricing';

/** No tip, a preset percentage of the services, or an amount the client names. */
export type TipChoice =
  | { readonly kind: 'none' }
  | { readonly kind: 'percent'; readonly percent: string }
  | { readonly kind: 'amount'; readonly amount: Money };

export interface TipShare {
  readonly staffId: string;
  readonly amount: number;
}

/** The tip for a choice. Percentages apply to the services only, never to retail or tax added on top. */
export function tipAmount(order: PricedOrder, choice: TipChoice, rounding: RoundingMode = 'half-up'): Money {
  switch (choice.kind) {
    case 'none':
      return money(0, order.currency);
    case 'percent':
      return money(mulDivRounded(order.serviceSubtotal, parsePercent(choice.percent), MILLIONTHS, rounding), order.currency);
    case 'amount':
      if (choice.amount.currency !== order.currency) {
        throw new MoneyError('CURRENCY_MISMATCH', `A tip in ${choice.amount.currency} cannot go on an order in ${order.currency}.`);
      }
      if (assertMinorUnits(choice.amount.amount, 'Tip') < 0) throw new MoneyError('NEGATIVE_AMOUNT', 'A tip cannot be negative.');
      return choice.amount;
  }
}

/** The tip buttons: each preset percentage with the amount it comes to on this order. */
export function tipPresets(order: PricedOrder, presets: readonly string[], rounding: RoundingMode = 'half-up'): { percent: string; amount: Money }[] {
  return presets.map((percent) => ({ percent, amount: tipAmount(order, { kind: 'percent', percent }, rounding) }));
}

/** Each staff member's service value on the order (after discounts), in order of first appearance. */
export function serviceValueByStaff(order: PricedOrder): TipShare[] {
  const values = new Map<string, number>();
  for (const line of order.lines) {
    if (line.kind === 'service' && line.staffId !== null) {
      values.set(line.staffId, (values.get(line.staffId) ?? 0) + line.base - line.discount);
    }
  }
  return [...values].map(([staffId, amount]) => ({ staffId, amount }));
}

function checkTip(order: PricedOrder, tip: Money): number {
  if (tip.currency !== order.currency) throw new MoneyError('CURRENCY_MISMATCH', `A tip in ${tip.currency} cannot go on an order in ${order.currency}.`);
  if (assertMinorUnits(tip.amount, 'Tip') < 0) throw new MoneyError('NEGATIVE_AMOUNT', 'A tip cannot be negative.');
  return tip.amount;
}

/**
 * Share a tip across the staff who performed the order's services, in proportion to each
 * one's service value (equally when every service was free). Shares add up to the tip exactly.
 */
export function splitTipByService(order: PricedOrder, tip: Money): TipShare[] {
  const amount = checkTip(order, tip);
  const staff = serviceValueByStaff(order);
  if (staff.length === 0) {
    throw new MoneyError('BAD_SPLIT', 'No staff member performed a service on this order: split the tip manually.');
  }
  const weights = staff.some((s) => s.amount > 0) ? staff.map((s) => s.amount) : staff.map(() => 1);
  const shares = allocateMinor(amount, weights);
  return staff.map((s, i) => ({ staffId: s.staffId, amount: shares[i]! }));
}

/** Check a split the front desk entered: one share per person, none negative, adding up to the tip. */
export function splitTipManually(order: PricedOrder, tip: Money, shares: readonly TipShare[]): TipShare[] {
  const amount = checkTip(order, tip);
  const seen = new Set<string>();
  let total = 0;
  for (const share of shares) {
    if (seen.has(share.staffId)) throw new MoneyError('BAD_SPLIT', `Staff member ${share.staffId} appears twice in the tip split: give each person one share.`);
    seen.add(share.staffId);
    if (assertMinorUnits(share.amount, 'Tip share') < 0) throw new MoneyError('NEGATIVE_AMOUNT', `The tip share of ${share.staffId} is negative.`);
    total += share.amount;
  }
  if (total !== amount) {
    throw new MoneyError('BAD_SPLIT', `The tip shares add up to ${total} but the tip is ${amount} (minor units): adjust a share by ${amount - total}.`);
  }
  return shares.map((share) => ({ staffId: share.staffId, amount: share.amount }));
}
