import { currencyExponent, type CurrencyCode } from './currency';
import { MoneyError } from './errors';

/** An amount in the currency's minor unit (cents for USD, yen for JPY, fils for KWD). */
export interface Money {
  readonly amount: number;
  readonly currency: CurrencyCode;
}

export function assertMinorUnits(value: number, what = 'amount'): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new MoneyError('NOT_AN_INTEGER', `${what} must be a whole number of minor units, got ${String(value)}.`);
  }
  if (!Number.isSafeInteger(value)) {
    throw new MoneyError('UNSAFE_INTEGER', `${what} ${value} is too large to be exact.`);
  }
  return value;
}

export function money(amount: number, currency: CurrencyCode): Money {
  currencyExponent(currency);
  return { amount: assertMinorUnits(amount), currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError('CURRENCY_MISMATCH', `Cannot combine ${a.currency} with ${b.currency}.`);
  }
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.amount === b.amount ? 0 : a.amount < b.amount ? -1 : 1;
}

export function sum(items: readonly Money[], currency: CurrencyCode): Money {
  return items.reduce((total, item) => add(total, item), money(0, currency));
}

// Building an Intl formatter costs far more than using one: screens format hundreds of amounts.
const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, currency: CurrencyCode, exponent: number): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = NUMBER_FORMATS.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    NUMBER_FORMATS.set(key, formatter);
  }
  return formatter;
}

/** Display with the locale's conventions, e.g. "$12.50", "¥1,200", "KWD 1.250". */
export function formatMoney(value: Money, locale = 'en-US'): string {
  const exponent = currencyExponent(value.currency);
  const negative = value.amount < 0;
  const digits = Math.abs(value.amount).toString().padStart(exponent + 1, '0');
  const major = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  // Intl formats the decimal string exactly: no float ever holds the amount.
  return numberFormat(locale, value.currency, exponent).format((negative ? `-${major}` : major) as unknown as number);
}

/** Parse what a person typed ("12", "12.5", "12.50") into minor units of the currency. */
export function parseMajorUnits(input: string, currency: CurrencyCode): Money {
  const exponent = currencyExponent(currency);
  const match = /^\s*(-)?(\d+)(?:[.,](\d*))?\s*$/.exec(input);
  if (!match || (match[3] !== undefined && match[3].length > exponent)) {
    throw new MoneyError(
      'BAD_AMOUNT_STRING',
      `"${input}" is not an amount in ${currency}${exponent ? ` (at most ${exponent} decimals)` : ' (whole units only)'}.`,
    );
  }
  const fraction = (match[3] ?? '').padEnd(exponent, '0');
  const minor = Number(`${match[2]}${fraction}`);
  return money(match[1] ? -minor : minor, currency);
}
