import { MoneyError } from './errors';
import { assertMinorUnits, money, type Money } from './money';

/**
 * Split `total` minor units across parts in proportion to integer `weights` so that the parts
 * add up to `total` exactly: every part gets the floor of its exact share, and the units left
 * over go one each to the parts with the largest remainders, the earlier part first on a tie.
 * A negative total is split as its magnitude and negated. Parts of weight 0 get 0.
 */
export function allocateMinor(total: number, weights: readonly number[]): number[] {
  assertMinorUnits(total, 'amount to split');
  let weightSum = 0n;
  const big = weights.map((weight) => {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new MoneyError('BAD_WEIGHTS', `Split weights must be whole numbers of at least 0, got ${String(weight)}.`);
    }
    weightSum += BigInt(weight);
    return BigInt(weight);
  });
  if (weightSum === 0n) {
    if (total === 0) return weights.map(() => 0);
    throw new MoneyError('BAD_WEIGHTS', `Cannot split ${total} across ${weights.length} parts that all weigh 0: give at least one part a weight.`);
  }
  const magnitude = BigInt(Math.abs(total));
  const sign = total < 0 ? -1 : 1;
  const shares: number[] = [];
  const remainders: bigint[] = [];
  let leftover = total * sign;
  for (const weight of big) {
    const exact = magnitude * weight;
    const share = Number(exact / weightSum);
    shares.push(share);
    remainders.push(exact % weightSum);
    leftover -= share;
  }
  if (leftover > 0) {
    const order = shares.map((_, index) => index);
    order.sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
    for (let k = 0; k < leftover; k++) shares[order[k]!]! += 1;
  }
  return sign < 0 ? shares.map((share) => 0 - share) : shares;
}

export function allocate(total: Money, weights: readonly number[]): Money[] {
  return allocateMinor(total.amount, weights).map((amount) => money(amount, total.currency));
}
