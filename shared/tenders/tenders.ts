import {
  allocateMinor, assertMinorUnits, cashStep, currencyExponent, money, MoneyError, roundCash, type CurrencyCode,
} from '../money';
import type { Tender } from '../schemas/payments';

/**
 * Taking payment for a sale, one tender after another (split tender). The balance is the
 * order total plus the tip; each tender pays part of it. Only cash gives change, and only cash
 * is rounded to the currency's cash step (roundCash): the ledger keeps the exact amount and the
 * drawer takes the rounded one, so for cash `tendered - change` may differ from what it paid
 * by less than one cash step.
 */
export interface TenderInput {
  readonly tender: Tender;
  /** Cash: what the client handed over. Any other tender: what it pays. Minor units. */
  readonly amount: number;
  readonly label?: string | null;
  readonly cardBrand?: string | null;
  readonly cardLast4?: string | null;
}

export interface SettledTender {
  readonly tender: Tender;
  /** What this tender pays of the balance (order total + tip). */
  readonly applied: number;
  readonly tendered: number | null;
  readonly change: number | null;
  readonly label: string | null;
  readonly cardBrand: string | null;
  readonly cardLast4: string | null;
}

/** What the cash drawer must take to settle `balance`: the balance rounded to the cash step. */
export function cashDue(balance: number, currency: CurrencyCode): number {
  return roundCash(money(balance, currency)).amount;
}

/** Apply one tender to the balance still due. */
export function applyTender(balance: number, currency: CurrencyCode, input: TenderInput): SettledTender {
  assertMinorUnits(balance, 'Balance');
  assertMinorUnits(input.amount, 'Tender amount');
  if (balance <= 0) throw new MoneyError('BAD_AMOUNT_STRING', 'Nothing is left to pay.');
  if (input.amount <= 0) throw new MoneyError('NEGATIVE_AMOUNT', 'Enter an amount greater than zero.');
  const details = { label: input.label?.trim() || null, cardBrand: input.cardBrand?.trim() || null, cardLast4: input.cardLast4?.trim() || null };
  if (input.cardLast4 && !/^\d{4}$/.test(input.cardLast4.trim())) {
    throw new MoneyError('BAD_AMOUNT_STRING', 'The last four digits of the card are four digits.');
  }
  if (input.tender === 'OTHER' && !details.label) throw new MoneyError('BAD_AMOUNT_STRING', 'Name the tender (e.g. "voucher").');
  if (input.tender === 'CASH') {
    const due = cashDue(balance, currency);
    if (input.amount >= due) {
      return { tender: 'CASH', applied: balance, tendered: input.amount, change: input.amount - due, ...details };
    }
    return { tender: 'CASH', applied: input.amount, tendered: input.amount, change: 0, ...details };
  }
  if (input.amount > balance) {
    throw new MoneyError('BAD_AMOUNT_STRING', 'Only cash gives change: this tender cannot pay more than the balance.');
  }
  return { tender: input.tender, applied: input.amount, tendered: null, change: null, ...details };
}

/** What is left to pay of `total + tip` after the tenders taken so far. */
export function balanceDue(total: number, tip: number, tenders: readonly SettledTender[]): number {
  let paid = 0;
  for (const t of tenders) paid += t.applied;
  return assertMinorUnits(total + tip - paid, 'Balance');
}

/**
 * Each tender's payment document figures: `amount` (towards the order) and `tip`, the tip
 * shared across the tenders in proportion to what each paid, so amounts add up to the order
 * total and tips to the tip, exactly.
 */
export function paymentAmounts(total: number, tip: number, tenders: readonly SettledTender[]): { amount: number; tip: number }[] {
  if (tenders.length === 0) throw new MoneyError('BAD_SPLIT', 'Take at least one tender.');
  const due = balanceDue(total, tip, tenders);
  if (due !== 0) {
    throw new MoneyError('BAD_SPLIT', due > 0 ? `${due} (minor units) is still due.` : `The tenders pay ${-due} (minor units) more than is due.`);
  }
  const tips = allocateMinor(tip, tenders.map((t) => t.applied));
  return tenders.map((t, i) => ({ amount: t.applied - tips[i]!, tip: tips[i]! }));
}

/**
 * Quick cash buttons for an amount due: the exact (cash-rounded) amount, then the next round
 * bills above it, at most `count` in all.
 */
export function quickCashAmounts(due: number, currency: CurrencyCode, count = 4): number[] {
  const exact = cashDue(due, currency);
  const unit = 10 ** currencyExponent(currency) * (currencyExponent(currency) === 0 && cashStep(currency) === 1 ? 100 : 1);
  const amounts = [exact];
  for (const bill of [1, 5, 10, 20, 50, 100, 200, 500, 1000]) {
    const step = bill * unit;
    const up = exact % step === 0 ? exact : exact + step - (exact % step);
    if (up > amounts[amounts.length - 1]! && amounts.length < count) amounts.push(up);
  }
  return amounts;
}
