import { describe, expect, it } from 'vitest';
import { cashDenominations, countTotal, currencyExponent, hasDenominations, MoneyError } from '../../shared/money/index';

describe('cash denominations', () => {
  it('lists each built-in currency largest first, with distinct positive values', () => {
    for (const code of ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'MXN', 'SEK', 'NZD', 'KWD']) {
      const list = cashDenominations(code);
      expect(hasDenominations(code)).toBe(true);
      expect(list.length).toBeGreaterThan(5);
      const values = list.map((d) => d.value);
      expect([...values].sort((a, b) => b - a)).toEqual(values);
      expect(new Set(values).size).toBe(values.length);
      expect(values.every((v) => Number.isSafeInteger(v) && v > 0)).toBe(true);
      currencyExponent(code);
    }
  });

  it('knows the everyday notes and coins in minor units', () => {
    expect(cashDenominations('USD').map((d) => d.value)).toEqual([10000, 5000, 2000, 1000, 500, 100, 25, 10, 5, 1]);
    expect(cashDenominations('JPY').map((d) => d.value)).toEqual([10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1]);
    expect(cashDenominations('EUR')[0]).toEqual({ value: 20000, kind: 'note', label: '€200' });
    expect(cashDenominations('GBP').at(-1)).toEqual({ value: 1, kind: 'coin', label: '1p' });
    // Currencies that round cash have no coin below the cash step.
    expect(Math.min(...cashDenominations('CHF').map((d) => d.value))).toBe(5);
    expect(Math.min(...cashDenominations('SEK').map((d) => d.value))).toBe(100);
  });

  it('gives a known currency without a sheet an empty list and refuses an unknown code', () => {
    expect(cashDenominations('THB')).toEqual([]);
    expect(() => cashDenominations('XYZ')).toThrow(MoneyError);
  });

  it('totals a count sheet exactly, loose amount included', () => {
    expect(countTotal('USD', [{ value: 2000, quantity: 3 }, { value: 25, quantity: 7 }, { value: 1, quantity: 4 }])).toBe(6179);
    expect(countTotal('USD', [{ value: 100, quantity: 0 }], 250)).toBe(250);
    expect(countTotal('JPY', [{ value: 10000, quantity: 2 }, { value: 500, quantity: 3 }])).toBe(21500);
  });

  it('refuses values that are not the currency\'s, fractional or negative counts, and overflow', () => {
    expect(() => countTotal('USD', [{ value: 50, quantity: 1 }])).toThrow(/not a USD note or coin/);
    expect(() => countTotal('USD', [{ value: 100, quantity: 1.5 }])).toThrow(MoneyError);
    expect(() => countTotal('USD', [{ value: 100, quantity: -1 }])).toThrow(MoneyError);
    expect(() => countTotal('USD', [], -1)).toThrow(MoneyError);
    expect(() => countTotal('USD', [{ value: 10000, quantity: Number.MAX_SAFE_INTEGER }])).toThrow(/too large/);
  });
});
