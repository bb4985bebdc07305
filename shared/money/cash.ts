import { cashStep } from './currency';
import { money, type Money } from './money';
import { divideRounded, toSafeInteger, type RoundingMode } from './rounding';

/** The amount a cash drawer can actually pay or take: `value` rounded to the currency's cash step. */
export function roundCash(value: Money, mode: RoundingMode = 'half-up'): Money {
  const step = BigInt(cashStep(value.currency));
  return money(toSafeInteger(divideRounded(BigInt(value.amount), step, mode) * step), value.currency);
}
