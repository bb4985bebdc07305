import { currencyExponent, type CurrencyCode } from './currency';
import { MoneyError } from './errors';
import { money, type Money } from './money';

const API_AMOUNT = /^(\d+)(?:\.(\d+))?(?: ([A-Z]{3}))?$/;

/**
 * Read a partner API amount: "100 RUB", "100.12 RUB", "100" or "100.12". The decimals, when
 * present, are exactly the currency's exponent (two for RUB, none for JPY). A string without
 * a code is in `currency`; a string whose code differs from `currency` is refused.
 */
export function parseApiAmount(text: string, currency?: CurrencyCode): Money {
  const match = API_AMOUNT.exec(text);
  const code = match?.[3] ?? currency;
  if (!match || code === undefined) {
    throw new MoneyError(
      'BAD_AMOUNT_STRING',
      `${JSON.stringify(text)} is not an API amount: write whole units or two decimals and a currency code, such as "100 RUB" or "100.12 RUB".`,
    );
  }
  if (currency !== undefined && code !== currency) {
    throw new MoneyError('CURRENCY_MISMATCH', `${JSON.stringify(text)} is in ${code}, expected ${currency}.`);
  }
  const exponent = currencyExponent(code);
  const fraction = match[2] ?? '';
  if (fraction !== '' && fraction.length !== exponent) {
    throw new MoneyError('BAD_AMOUNT_STRING', `${JSON.stringify(text)} needs ${exponent === 0 ? 'no' : exponent} decimals for ${code}.`);
  }
  return money(Number(match[1] + fraction.padEnd(exponent, '0')), code);
}

/**
 * Print an amount as the partner APIs write it: exact ("100.12 RUB", always the currency's
 * decimals) or `whole` ("100 RUB", refused unless the amount is whole units: round first).
 */
export function printApiAmount(value: Money, options: { whole?: boolean; code?: boolean } = {}): string {
  const exponent = currencyExponent(value.currency);
  if (value.amount < 0) {
    throw new MoneyError('BAD_AMOUNT_STRING', `Partner API amounts are never negative, got ${value.amount} ${value.currency} minor units.`);
  }
  const digits = value.amount.toString().padStart(exponent + 1, '0');
  const units = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  if (options.whole && /[1-9]/.test(fraction)) {
    throw new MoneyError('BAD_AMOUNT_STRING', `${units}.${fraction} ${value.currency} is not a whole amount: round it to whole units before printing it whole.`);
  }
  const number = options.whole || exponent === 0 ? units : `${units}.${fraction}`;
  return options.code === false ? number : `${number} ${value.currency}`;
}
