import { MoneyError } from './errors';
import { money, type Money } from './money';
import { mulDivRounded, type RoundingMode } from './rounding';

/** Millionths of the whole in one percent-with-4-decimals step: "3.3355" is 33 355 millionths. */
export const MILLIONTHS = 1_000_000;

const PERCENT = /^(\d{1,3})(?:\.(\d{1,4}))?$/;

/**
 * Read a decimal percentage string ("20", "20.00", "3.3355", "8.875") into millionths of the
 * whole, exactly. At most 4 decimals, between 0 and `max` percent.
 */
export function parsePercent(text: string, max = 100): number {
  const match = typeof text === 'string' ? PERCENT.exec(text) : null;
  const millionths = match ? Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0')) : NaN;
  if (!(millionths <= max * 10_000)) {
    throw new MoneyError(
      'BAD_PERCENTAGE',
      `Percentage ${JSON.stringify(text)} is not valid: write it as a decimal string from 0 to ${max} with at most 4 decimals, such as "8.875".`,
    );
  }
  return millionths;
}

/** `percent` % of `value`, rounded once to the minor unit. */
export function percentOf(value: Money, percent: string, mode: RoundingMode = 'half-up'): Money {
  return money(mulDivRounded(value.amount, parsePercent(percent), MILLIONTHS, mode), value.currency);
}
