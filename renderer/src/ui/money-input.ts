import { parseMajorUnits } from '../../../shared/money/index';
import type { Discount } from '../../../shared/pricing/index';

/** "10%" is a percentage off; "5" or "5.50" an amount off in the currency. Empty: no discount. */
export function parseDiscount(text: string, currency: string): Discount | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const percent = /^(\d{1,3}(?:\.\d{1,4})?)\s*%$/.exec(trimmed);
  if (percent) return { percent: percent[1]! };
  return { amount: parseMajorUnits(trimmed, currency).amount };
}

export function describeDiscount(discount: Discount, format: (minor: number) => string): string {
  return 'percent' in discount ? `${discount.percent}% off` : `${format(discount.amount)} off`;
}
