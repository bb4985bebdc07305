import { MoneyError } from './errors';

/**
 * ISO 4217 minor-unit exponents. Amounts are stored in the minor unit, so the exponent is
 * how many decimal places a displayed amount has (JPY 0, USD 2, KWD 3).
 */
const EXPONENTS: Readonly<Record<string, number>> = {
  AED: 2, AUD: 2, BHD: 3, BRL: 2, CAD: 2, CHF: 2, CLP: 0, CNY: 2, CZK: 2, DKK: 2, EUR: 2,
  GBP: 2, HKD: 2, HUF: 2, IDR: 2, ILS: 2, INR: 2, ISK: 0, JOD: 3, JPY: 0, KRW: 0, KWD: 3,
  MXN: 2, MYR: 2, NOK: 2, NZD: 2, OMR: 3, PHP: 2, PLN: 2, QAR: 2, RON: 2, RUB: 2, SAR: 2,
  SEK: 2, SGD: 2, THB: 2, TND: 3, TRY: 2, TWD: 2, UAH: 2, USD: 2, VND: 0, ZAR: 2,
};

export type CurrencyCode = string;

export function isKnownCurrency(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(EXPONENTS, code);
}

export function currencyExponent(code: CurrencyCode): number {
  const exponent = EXPONENTS[code];
  if (exponent === undefined) {
    throw new MoneyError('UNKNOWN_CURRENCY', `Unknown currency "${code}": use an ISO 4217 code such as USD, EUR or JPY.`);
  }
  return exponent;
}

/**
 * Where a currency's smallest coin is larger than its minor unit, cash totals are rounded to
 * that step (Swiss 5 rappen, Canadian and Australian 5 cents, Swedish and Norwegian whole
 * kronor...). Card and other tenders are never rounded.
 */
const CASH_STEPS: Readonly<Record<string, number>> = {
  AUD: 5, CAD: 5, CHF: 5, CZK: 100, DKK: 50, HUF: 500, NOK: 100, NZD: 10, SEK: 100,
};

/** The smallest cash amount in minor units: 1 unless the currency rounds cash. */
export function cashStep(code: CurrencyCode): number {
  currencyExponent(code);
  return CASH_STEPS[code] ?? 1;
}
