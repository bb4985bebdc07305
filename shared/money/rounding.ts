import { MoneyError } from './errors';

/**
 * How a result between two minor units is settled. `half-up` rounds a half away from zero
 * (1.5 -> 2, -1.5 -> -2), the commercial rule and the default; `half-even` rounds a half to
 * the even neighbour (1.5 -> 2, 2.5 -> 2), the banker's rule some tax authorities ask for.
 * Anything that is not a half goes to the nearer unit in both.
 */
export type RoundingMode = 'half-up' | 'half-even';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** numerator / denominator as an integer, rounded once; the denominator must be positive. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && (mode === 'half-up' || quotient % 2n === 1n))) {
    quotient += 1n;
  }
  return negative ? -quotient : quotient;
}

export function toSafeInteger(value: bigint, what = 'amount'): number {
  if (value > MAX || value < -MAX) {
    throw new MoneyError('UNSAFE_INTEGER', `${what} ${value} is too large to be held exactly.`);
  }
  return Number(value);
}

/** amount × multiplier / divisor in minor units, exact until the one rounding at the end. */
export function mulDivRounded(amount: number, multiplier: number, divisor: number, mode: RoundingMode): number {
  return toSafeInteger(divideRounded(BigInt(amount) * BigInt(multiplier), BigInt(divisor), mode));
}
