import { assertMinorUnits, MILLIONTHS, money, MoneyError, mulDivRounded, parsePercent, type Money, type RoundingMode } from '../money';

/** A card processor's or platform's charge: a fixed amount in minor units plus a percentage (seed 003's fee fields). */
export interface ProcessingFeeRule {
  readonly fixed: number;
  readonly percent: string;
}

/** The fee charged on a payment of `amount`; nothing is charged on nothing. */
export function processingFee(amount: Money, rule: ProcessingFeeRule, rounding: RoundingMode = 'half-up'): Money {
  if (assertMinorUnits(rule.fixed, 'Fixed fee') < 0) throw new MoneyError('NEGATIVE_AMOUNT', 'A fixed fee cannot be negative.');
  if (amount.amount === 0) return money(0, amount.currency);
  return money(rule.fixed + mulDivRounded(amount.amount, parsePercent(rule.percent), MILLIONTHS, rounding), amount.currency);
}
