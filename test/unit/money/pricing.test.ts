import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyError } from '../../../shared/money';
import { priceOrder, type PriceOrderInput } from '../../../shared/pricing';
import { orderInput, RUNS } from './arbitraries';

const NYC = [
  { id: 'nyc', name: 'NYC sales tax', rate: '8.875' },
];

describe('order pricing, worked examples', () => {
  it('USD, tax-exclusive, order discount shared by largest remainder, gift card untaxed', () => {
    const order = priceOrder({
      currency: 'USD', taxInclusive: false, taxes: NYC, orderDiscount: { percent: '10' },
      lines: [
        { id: 'cut', kind: 'service', quantity: 1, unitPrice: 5000, staffId: 'ana' },
        { id: 'shampoo', kind: 'product', quantity: 2, unitPrice: 1299 },
        { id: 'card', kind: 'gift_card', quantity: 1, unitPrice: 2500 },
      ],
    });
    // 10 % of 100.98 is 10.098 -> 10.10, shared 5000:2598:2500 as 500, 259.85 -> 260, 250.
    expect(order.lines.map((l) => [l.base, l.discount, l.net, l.tax, l.total])).toEqual([
      [5000, 500, 4500, 399, 4899], // 8.875 % of 45.00 = 3.99375
      [2598, 260, 2338, 207, 2545], // 8.875 % of 23.38 = 2.074975
      [2500, 250, 2250, 0, 2250],
    ]);
    expect(order).toMatchObject({ subtotal: 10_098, discount: 1010, tax: 606, total: 9694, serviceSubtotal: 4500 });
    expect(order.taxes).toEqual([{ taxId: 'nyc', name: 'NYC sales tax', rate: '8.875', amount: 606 }]);
  });

  it('EUR, tax-inclusive with two tax lines: the tax inside the price is shared by rate', () => {
    const order = priceOrder({
      currency: 'EUR', taxInclusive: true,
      taxes: [{ id: 'vat', name: 'VAT', rate: '20' }, { id: 'local', name: 'Local', rate: '5' }],
      lines: [
        { id: 'a', kind: 'service', quantity: 1, unitPrice: 1250 },
        { id: 'b', kind: 'product', quantity: 3, unitPrice: 333 },
      ],
    });
    // 12.50 holds 25/125 = 2.50 of tax; 9.99 holds 1.998 -> 2.00, shared 4:1.
    expect(order.lines.map((l) => [l.net, l.tax, l.taxes.map((t) => t.amount), l.total])).toEqual([
      [1000, 250, [200, 50], 1250],
      [799, 200, [160, 40], 999],
    ]);
    expect(order).toMatchObject({ subtotal: 2249, discount: 0, tax: 450, total: 2249 });
  });

  it('JPY (no decimals), percentage line discount and 10 % consumption tax', () => {
    const order = priceOrder({
      currency: 'JPY', taxInclusive: false, taxes: [{ id: 'ct', name: 'Consumption tax', rate: '10' }],
      lines: [{ id: 'a', kind: 'service', quantity: 1, unitPrice: 4980, discount: { percent: '15' } }],
    });
    // 15 % of ¥4980 = ¥747; 10 % of ¥4233 = ¥423.3.
    expect(order).toMatchObject({ subtotal: 4980, discount: 747, tax: 423, total: 4656 });
  });

  it('BHD (3 decimals), fixed line discount, 10 % VAT', () => {
    const order = priceOrder({
      currency: 'BHD', taxInclusive: false, taxes: [{ id: 'vat', name: 'VAT', rate: '10' }],
      lines: [{ id: 'a', kind: 'product', quantity: 2, unitPrice: 1255, discount: { amount: 10 } }],
    });
    expect(order).toMatchObject({ subtotal: 2510, discount: 10, tax: 250, total: 2750 });
  });

  it('half-even rounding when asked', () => {
    const input: PriceOrderInput = {
      currency: 'USD', taxInclusive: false, taxes: [{ id: 't', name: 'T', rate: '5' }],
      lines: [{ id: 'a', kind: 'product', quantity: 1, unitPrice: 50 }], // 5 % of 0.50 = 0.025
    };
    expect(priceOrder(input).tax).toBe(3);
    expect(priceOrder({ ...input, rounding: 'half-even' }).tax).toBe(2);
  });
});

describe('order pricing, bad input', () => {
  const base: PriceOrderInput = { currency: 'USD', taxInclusive: false, taxes: NYC, lines: [{ id: 'a', kind: 'product', quantity: 1, unitPrice: 100 }] };
  const line = base.lines[0]!;
  it.each([
    ['a negative quantity', { ...base, lines: [{ ...line, quantity: -1 }] }, 'BAD_QUANTITY'],
    ['a fractional quantity', { ...base, lines: [{ ...line, quantity: 1.5 }] }, 'BAD_QUANTITY'],
    ['a float price', { ...base, lines: [{ ...line, unitPrice: 9.99 }] }, 'NOT_AN_INTEGER'],
    ['a NaN price', { ...base, lines: [{ ...line, unitPrice: Number.NaN }] }, 'NOT_AN_INTEGER'],
    ['a negative price', { ...base, lines: [{ ...line, unitPrice: -100 }] }, 'NEGATIVE_AMOUNT'],
    ['an unknown currency', { ...base, currency: 'ABC' }, 'UNKNOWN_CURRENCY'],
    ['a discount over 100 %', { ...base, orderDiscount: { percent: '120' } }, 'BAD_PERCENTAGE'],
    ['a fixed discount above the line', { ...base, lines: [{ ...line, discount: { amount: 101 } }] }, 'BAD_DISCOUNT'],
    ['an order discount above the order', { ...base, orderDiscount: { amount: 101 } }, 'BAD_DISCOUNT'],
    ['a tax the location does not have', { ...base, lines: [{ ...line, taxIds: ['vat'] }] }, 'UNKNOWN_REFERENCE'],
    ['a tax rate as a bad string', { ...base, taxes: [{ id: 'nyc', name: 'x', rate: '8,875' }] }, 'BAD_PERCENTAGE'],
    ['an amount too large to be exact', { ...base, lines: [{ ...line, quantity: 100_000, unitPrice: Number.MAX_SAFE_INTEGER }] }, 'UNSAFE_INTEGER'],
  ] as const)('refuses %s with a typed error', (_what, input, code) => {
    expect(() => priceOrder(input as PriceOrderInput)).toThrow(expect.objectContaining({ code }));
    expect(() => priceOrder(input as PriceOrderInput)).toThrow(MoneyError);
  });
});

describe('order pricing, properties', () => {
  it('totals are the sums of the lines and every line balances', () => {
    fc.assert(
      fc.property(orderInput, (input) => {
        const order = priceOrder(input);
        const total = (pick: (l: (typeof order.lines)[number]) => number) => order.lines.reduce((s, l) => s + pick(l), 0);
        assert.equal(order.subtotal, total((l) => l.base));
        assert.equal(order.discount, total((l) => l.discount));
        assert.equal(order.tax, total((l) => l.tax));
        assert.equal(order.total, total((l) => l.total));
        assert.equal(order.taxes.reduce((s, t) => s + t.amount, 0), order.tax);
        for (const l of order.lines) {
          assert.equal(l.base, l.quantity * l.unitPrice);
          assert.equal(l.taxes.reduce((s, t) => s + t.amount, 0), l.tax);
          assert.equal(l.net + l.tax, l.total);
          assert.equal(l.base - l.discount, input.taxInclusive ? l.total : l.net);
          for (const value of [l.base, l.discount, l.net, l.tax, l.total, ...l.taxes.map((t) => t.amount)]) {
            assert.ok(Number.isSafeInteger(value) && value >= 0, `bad amount ${value}`);
          }
        }
        assert.equal(order.total, input.taxInclusive ? order.subtotal - order.discount : order.subtotal - order.discount + order.tax);
      }),
      RUNS,
    );
  });
});
