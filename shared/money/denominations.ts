import { currencyExponent, type CurrencyCode } from './currency';
import { MoneyError } from './errors';

/** One kind of note or coin in a cash drawer: its face value in minor units. */
export interface Denomination {
  /** Face value in the currency's minor unit (a US quarter is 25, a 10 000 yen note 10000). */
  value: number;
  kind: 'note' | 'coin';
  /** How it reads on the count sheet: "$20", "25¢", "¥10,000". */
  label: string;
}

const n = (value: number, label: string): Denomination => ({ value, kind: 'note', label });
const c = (value: number, label: string): Denomination => ({ value, kind: 'coin', label });

/**
 * Notes and coins in everyday circulation, largest first. Rare ones (the US $2 note and $1
 * coin, the 500 euro note) are left out: a count sheet lists what a drawer actually holds, and
 * `Other` on the sheet takes anything else as an amount.
 */
const DENOMINATIONS: Readonly<Record<string, readonly Denomination[]>> = {
  USD: [n(10000, '$100'), n(5000, '$50'), n(2000, '$20'), n(1000, '$10'), n(500, '$5'), n(100, '$1'), c(25, '25¢'), c(10, '10¢'), c(5, '5¢'), c(1, '1¢')],
  CAD: [n(10000, '$100'), n(5000, '$50'), n(2000, '$20'), n(1000, '$10'), n(500, '$5'), c(200, '$2'), c(100, '$1'), c(25, '25¢'), c(10, '10¢'), c(5, '5¢')],
  AUD: [n(10000, '$100'), n(5000, '$50'), n(2000, '$20'), n(1000, '$10'), n(500, '$5'), c(200, '$2'), c(100, '$1'), c(50, '50¢'), c(20, '20¢'), c(10, '10¢'), c(5, '5¢')],
  EUR: [n(20000, '€200'), n(10000, '€100'), n(5000, '€50'), n(2000, '€20'), n(1000, '€10'), n(500, '€5'), c(200, '€2'), c(100, '€1'), c(50, '50c'), c(20, '20c'), c(10, '10c'), c(5, '5c'), c(2, '2c'), c(1, '1c')],
  GBP: [n(5000, '£50'), n(2000, '£20'), n(1000, '£10'), n(500, '£5'), c(200, '£2'), c(100, '£1'), c(50, '50p'), c(20, '20p'), c(10, '10p'), c(5, '5p'), c(2, '2p'), c(1, '1p')],
  CHF: [n(100000, '1000 Fr.'), n(20000, '200 Fr.'), n(10000, '100 Fr.'), n(5000, '50 Fr.'), n(2000, '20 Fr.'), n(1000, '10 Fr.'), c(500, '5 Fr.'), c(200, '2 Fr.'), c(100, '1 Fr.'), c(50, '50 Rp.'), c(20, '20 Rp.'), c(10, '10 Rp.'), c(5, '5 Rp.')],
  JPY: [n(10000, '¥10,000'), n(5000, '¥5,000'), n(2000, '¥2,000'), n(1000, '¥1,000'), c(500, '¥500'), c(100, '¥100'), c(50, '¥50'), c(10, '¥10'), c(5, '¥5'), c(1, '¥1')],
  MXN: [n(100000, '$1,000'), n(50000, '$500'), n(20000, '$200'), n(10000, '$100'), n(5000, '$50'), n(2000, '$20'), c(1000, '$10'), c(500, '$5'), c(200, '$2'), c(100, '$1'), c(50, '50¢')],
  SEK: [n(100000, '1000 kr'), n(50000, '500 kr'), n(20000, '200 kr'), n(10000, '100 kr'), n(5000, '50 kr'), n(2000, '20 kr'), c(1000, '10 kr'), c(500, '5 kr'), c(200, '2 kr'), c(100, '1 kr')],
  NZD: [n(10000, '$100'), n(5000, '$50'), n(2000, '$20'), n(1000, '$10'), n(500, '$5'), c(200, '$2'), c(100, '$1'), c(50, '50c'), c(20, '20c'), c(10, '10c')],
  KWD: [n(20000, '20 KD'), n(10000, '10 KD'), n(5000, '5 KD'), n(1000, '1 KD'), n(500, '½ KD'), n(250, '¼ KD'), c(100, '100 fils'), c(50, '50 fils'), c(20, '20 fils'), c(10, '10 fils'), c(5, '5 fils')],
};

/** Currencies with a built-in count sheet. */
export function hasDenominations(code: CurrencyCode): boolean {
  return Object.prototype.hasOwnProperty.call(DENOMINATIONS, code);
}

/**
 * The notes and coins of `code`, largest first. A known currency without a built-in list gets
 * an empty list: the drawer is then counted as one total.
 */
export function cashDenominations(code: CurrencyCode): readonly Denomination[] {
  currencyExponent(code);
  return DENOMINATIONS[code] ?? [];
}

/** A count sheet line: how many of a denomination (by face value) are in the drawer. */
export interface DenominationCount {
  value: number;
  quantity: number;
}

/**
 * The total of a count sheet in minor units: Σ value × quantity, plus `other` (loose amounts
 * counted as a sum). Every value must be one of the currency's denominations, quantities whole
 * numbers ≥ 0, and the total a safe integer.
 */
export function countTotal(code: CurrencyCode, counts: readonly DenominationCount[], other = 0): number {
  const known = new Set(cashDenominations(code).map((d) => d.value));
  if (!Number.isSafeInteger(other) || other < 0) throw new MoneyError('NOT_AN_INTEGER', `The loose amount ${other} must be a whole number of minor units, 0 or more.`);
  let total = BigInt(other);
  for (const { value, quantity } of counts) {
    if (!known.has(value)) throw new MoneyError('UNKNOWN_REFERENCE', `${value} is not a ${code} note or coin.`);
    if (!Number.isSafeInteger(quantity) || quantity < 0) throw new MoneyError('BAD_QUANTITY', `The count of ${value} must be a whole number, 0 or more.`);
    total += BigInt(value) * BigInt(quantity);
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyError('UNSAFE_INTEGER', 'The counted total is too large.');
  return Number(total);
}
