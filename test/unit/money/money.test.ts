import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add, allocate, allocateMinor, cashStep, compare, divideRounded, formatMoney, money, MoneyError, parseApiAmount,
  parseMajorUnits, parsePercent, percentOf, printApiAmount, roundCash, subtract, sum,
} from '../../../shared/money';

const RUNS = { numRuns: 10_000 };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MoneyError);
    return (error as MoneyError).code;
  }
  return undefined;
}

describe('percentages', () => {
  it.each([
    ['20', 200_000], ['20.00', 200_000], ['3.3355', 33_355], ['8.875', 88_750], ['0', 0], ['100', 1_000_000],
  ])('reads %s exactly as %d millionths', (text, millionths) => {
    expect(parsePercent(text)).toBe(millionths);
  });

  it.each(['100.0001', '-1', '1.23456', '1e2', '', ' 5', 'NaN'])('refuses %j', (text) => {
    expect(codeOf(() => parsePercent(text))).toBe('BAD_PERCENTAGE');
  });

  it('refuses a float where a decimal string belongs', () => {
    expect(codeOf(() => parsePercent(20 as unknown as string))).toBe('BAD_PERCENTAGE');
  });

  it.each([
    [10_000, '3.3355', 'half-up', 334], // 333.55
    [1_000, '8.875', 'half-up', 89], // 88.75
    [250, '1', 'half-up', 3], // 2.5
    [250, '1', 'half-even', 2],
    [350, '1', 'half-even', 4],
    [-250, '1', 'half-up', -3],
    [-250, '1', 'half-even', -2],
  ] as const)('%d × %s percent rounded %s is %d', (amount, percent, mode, expected) => {
    expect(percentOf(money(amount, 'USD'), percent, mode).amount).toBe(expected);
  });

  it('is exact where a float product is not', () => {
    // 1_000_000_000_000_005 × 0.5 % is 5_000_000_000_000.025: floats lose the last digits.
    expect(percentOf(money(1_000_000_000_000_005, 'USD'), '0.5').amount).toBe(5_000_000_000_000);
  });

  it('rounds halves as the mode says and everything else to the nearer unit', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (n, d) => {
        for (const mode of ['half-up', 'half-even'] as const) {
          const q = divideRounded(n, d, mode);
          const error = q * d - n; // how far the rounded result lies from the exact one, times d
          assert.ok(2n * (error < 0n ? -error : error) <= d);
          if (2n * (error < 0n ? -error : error) === d) {
            if (mode === 'half-up') assert.equal(q < 0n ? -q : q, (n < 0n ? -n : n) / d + 1n);
            else assert.equal(q % 2n, 0n);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('money arithmetic', () => {
  it('adds, subtracts, compares and sums in one currency', () => {
    expect(add(money(150, 'USD'), money(275, 'USD'))).toEqual(money(425, 'USD'));
    expect(subtract(money(150, 'USD'), money(275, 'USD'))).toEqual(money(-125, 'USD'));
    expect(compare(money(1, 'JPY'), money(2, 'JPY'))).toBe(-1);
    expect(sum([money(1, 'KWD'), money(2, 'KWD')], 'KWD')).toEqual(money(3, 'KWD'));
  });

  it.each([
    ['mixing currencies', () => add(money(1, 'USD'), money(1, 'EUR')), 'CURRENCY_MISMATCH'],
    ['an unknown currency', () => money(1, 'XYZ'), 'UNKNOWN_CURRENCY'],
    ['a float amount', () => money(1.5, 'USD'), 'NOT_AN_INTEGER'],
    ['NaN', () => money(Number.NaN, 'USD'), 'NOT_AN_INTEGER'],
    ['an unsafe sum', () => add(money(Number.MAX_SAFE_INTEGER, 'USD'), money(1, 'USD')), 'UNSAFE_INTEGER'],
  ])('refuses %s', (_what, fn, code) => {
    expect(codeOf(fn)).toBe(code);
  });

  it('formats with the currency exponent, never through a float', () => {
    expect(formatMoney(money(1250, 'USD'))).toBe('$12.50');
    expect(formatMoney(money(1200, 'JPY'))).toBe('¥1,200');
    expect(formatMoney(money(1250, 'KWD'))).toBe('KWD\u00a01.250');
    expect(formatMoney(money(-5, 'USD'))).toBe('-$0.05');
    expect(formatMoney(money(9_007_199_254_740_991, 'USD'))).toBe('$90,071,992,547,409.91');
  });

  it('parses typed amounts to minor units', () => {
    expect(parseMajorUnits('12.5', 'USD')).toEqual(money(1250, 'USD'));
    expect(parseMajorUnits('1.234', 'KWD')).toEqual(money(1234, 'KWD'));
    expect(codeOf(() => parseMajorUnits('12.5', 'JPY'))).toBe('BAD_AMOUNT_STRING');
  });
});

describe('partner API amounts', () => {
  it.each([
    ['100 RUB', undefined, money(10_000, 'RUB')],
    ['100.12 RUB', undefined, money(10_012, 'RUB')],
    ['100.12', 'RUB', money(10_012, 'RUB')],
    ['100', 'JPY', money(100, 'JPY')],
    ['1.250 KWD', undefined, money(1250, 'KWD')],
  ] as const)('reads %j', (text, currency, expected) => {
    expect(parseApiAmount(text, currency)).toEqual(expected);
  });

  it.each([
    ['100.1 RUB', 'BAD_AMOUNT_STRING'], ['100.123 RUB', 'BAD_AMOUNT_STRING'], ['100', 'BAD_AMOUNT_STRING'],
    ['-1 RUB', 'BAD_AMOUNT_STRING'], ['1.00 JPY', 'BAD_AMOUNT_STRING'], ['1 XYZ', 'UNKNOWN_CURRENCY'], ['100 rub', 'BAD_AMOUNT_STRING'],
  ])('refuses %j', (text, code) => {
    expect(codeOf(() => parseApiAmount(text))).toBe(code);
  });

  it('refuses a code other than the expected currency', () => {
    expect(codeOf(() => parseApiAmount('100 USD', 'RUB'))).toBe('CURRENCY_MISMATCH');
  });

  it('prints exact and whole forms', () => {
    expect(printApiAmount(money(10_012, 'RUB'))).toBe('100.12 RUB');
    expect(printApiAmount(money(10_000, 'RUB'), { whole: true })).toBe('100 RUB');
    expect(printApiAmount(money(5, 'RUB'), { code: false })).toBe('0.05');
    expect(printApiAmount(money(100, 'JPY'))).toBe('100 JPY');
    expect(codeOf(() => printApiAmount(money(10_012, 'RUB'), { whole: true }))).toBe('BAD_AMOUNT_STRING');
  });

  it('reads back what it prints', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.constantFrom('RUB', 'JPY', 'KWD'), (amount, currency) => {
        assert.deepEqual(parseApiAmount(printApiAmount(money(amount, currency))), money(amount, currency));
      }),
      RUNS,
    );
  });
});

describe('allocation', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [5, [1, 0, 1], [3, 0, 2]],
    [7, [3, 3, 1], [3, 3, 1]],
    [1, [1, 2], [0, 1]],
    [0, [0, 0], [0, 0]],
  ])('splits %d by %j as %j', (total, weights, expected) => {
    expect(allocateMinor(total, weights)).toEqual(expected);
  });

  it('refuses weights it cannot use', () => {
    expect(codeOf(() => allocateMinor(1, [0, 0]))).toBe('BAD_WEIGHTS');
    expect(codeOf(() => allocateMinor(1, [-1, 2]))).toBe('BAD_WEIGHTS');
    expect(codeOf(() => allocateMinor(1, [0.5]))).toBe('BAD_WEIGHTS');
    expect(codeOf(() => allocateMinor(1, []))).toBe('BAD_WEIGHTS');
  });

  it('keeps the currency', () => {
    expect(allocate(money(10, 'JPY'), [1, 1, 1])).toEqual([money(4, 'JPY'), money(3, 'JPY'), money(3, 'JPY')]);
  });

  it('adds up exactly, stays within one unit of the exact share, and gives nothing to weight 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.array(fc.maxSafeNat(), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocateMinor(total, weights);
          assert.equal(parts.reduce((a, b) => a + b, 0), total);
          const weightSum = weights.reduce((a, w) => a + BigInt(w), 0n);
          parts.forEach((part, i) => {
            assert.ok(Number.isSafeInteger(part));
            const distance = BigInt(part) * weightSum - BigInt(total) * BigInt(weights[i]!);
            assert.ok((distance < 0n ? -distance : distance) < weightSum);
            if (weights[i] === 0) assert.equal(part, 0);
          });
        },
      ),
      RUNS,
    );
  });
});

describe('cash rounding', () => {
  it.each([
    ['CHF', 1002, 1000], ['CHF', 1003, 1005], ['CHF', 1025, 1025], ['SEK', 1050, 1100], ['USD', 1003, 1003], ['JPY', 7, 7],
  ] as const)('%s %d pays out as %d', (currency, amount, expected) => {
    expect(roundCash(money(amount, currency)).amount).toBe(expected);
  });

  it('knows the cash step of the currencies that have one', () => {
    expect(cashStep('CHF')).toBe(5);
    expect(cashStep('EUR')).toBe(1);
  });
});
