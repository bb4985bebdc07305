import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderEarnings, splitCommission } from '../../../shared/commissions';
import { calculatePrice, processingFee } from '../../../shared/fees';
import { money, parseApiAmount, printApiAmount } from '../../../shared/money';
import { priceOrder } from '../../../shared/pricing';
import { splitTipByService, splitTipManually, tipAmount, tipPresets } from '../../../shared/tips';
import { orderInput, RUNS } from './arbitraries';

const order = priceOrder({
  currency: 'USD', taxInclusive: false, taxes: [{ id: 'nyc', name: 'NYC', rate: '8.875' }],
  lines: [
    { id: 'cut', kind: 'service', quantity: 1, unitPrice: 5000, staffId: 'ana' },
    { id: 'color', kind: 'service', quantity: 1, unitPrice: 3000, staffId: 'ben' },
    { id: 'wax', kind: 'product', quantity: 1, unitPrice: 2000, staffId: 'ana' },
  ],
});

describe('tips', () => {
  it('presets apply to the services only, never to retail or tax', () => {
    expect(order.serviceSubtotal).toBe(8000);
    expect(tipPresets(order, ['15', '18', '20', '25']).map((p) => p.amount.amount)).toEqual([1200, 1440, 1600, 2000]);
  });

  it('takes a custom amount or none', () => {
    expect(tipAmount(order, { kind: 'amount', amount: money(777, 'USD') })).toEqual(money(777, 'USD'));
    expect(tipAmount(order, { kind: 'none' })).toEqual(money(0, 'USD'));
    expect(() => tipAmount(order, { kind: 'amount', amount: money(777, 'EUR') })).toThrow(expect.objectContaining({ code: 'CURRENCY_MISMATCH' }));
    expect(() => tipAmount(order, { kind: 'amount', amount: { amount: 1.5, currency: 'USD' } })).toThrow(expect.objectContaining({ code: 'NOT_AN_INTEGER' }));
    expect(() => tipAmount(order, { kind: 'percent', percent: '101' })).toThrow(expect.objectContaining({ code: 'BAD_PERCENTAGE' }));
  });

  it('splits by service value, the leftover unit to the largest remainder', () => {
    // 10.01 split 5000:3000 is 6.25625 and 3.75375.
    expect(splitTipByService(order, money(1001, 'USD'))).toEqual([{ staffId: 'ana', amount: 626 }, { staffId: 'ben', amount: 375 }]);
  });

  it('checks a manual split', () => {
    const tip = money(1000, 'USD');
    expect(splitTipManually(order, tip, [{ staffId: 'ana', amount: 400 }, { staffId: 'cleo', amount: 600 }])).toHaveLength(2);
    expect(() => splitTipManually(order, tip, [{ staffId: 'ana', amount: 400 }])).toThrow(expect.objectContaining({ code: 'BAD_SPLIT' }));
    expect(() => splitTipManually(order, tip, [{ staffId: 'ana', amount: 500 }, { staffId: 'ana', amount: 500 }])).toThrow(expect.objectContaining({ code: 'BAD_SPLIT' }));
  });

  it('refuses to split a tip when nobody performed a service', () => {
    const retail = priceOrder({ currency: 'USD', taxInclusive: false, taxes: [], lines: [{ id: 'a', kind: 'product', quantity: 1, unitPrice: 100 }] });
    expect(() => splitTipByService(retail, money(100, 'USD'))).toThrow(expect.objectContaining({ code: 'BAD_SPLIT' }));
  });

  it('tip splits add up to the tip, and a preset tip ignores everything but services', () => {
    fc.assert(
      fc.property(orderInput, fc.constantFrom('15', '18', '20', '25'), (input, preset) => {
        const priced = priceOrder(input);
        const tip = tipAmount(priced, { kind: 'percent', percent: preset });
        // An order discount is shared with every line, so retail only leaves the tip alone without one.
        const noOrderDiscount = { ...input, orderDiscount: undefined };
        const withRetail = priceOrder({ ...noOrderDiscount, lines: [...input.lines, { id: 'extra', kind: 'product', quantity: 3, unitPrice: 999 }] });
        assert.deepEqual(tipAmount(withRetail, { kind: 'percent', percent: preset }), tipAmount(priceOrder(noOrderDiscount), { kind: 'percent', percent: preset }));
        if (!priced.lines.some((l) => l.kind === 'service' && l.staffId !== null)) return;
        const shares = splitTipByService(priced, tip);
        assert.equal(shares.reduce((s, x) => s + x.amount, 0), tip.amount);
        assert.ok(shares.every((x) => Number.isSafeInteger(x.amount) && x.amount >= 0));
      }),
      RUNS,
    );
  });
});

describe('commissions', () => {
  it('splits service and tip between salon and stylist (seed 003 fields)', () => {
    expect(splitCommission(4999, 1001, { id: 'ana', commissionRate: '40', tipCommissionRate: '100' })).toEqual({
      salonAmount: 2999, stylistAmount: 2000, salonTipAmount: 0, stylistTipAmount: 1001,
    });
  });

  it('earnings per staff come from their service lines net of tax and their tip share', () => {
    const tips = splitTipByService(order, money(1600, 'USD'));
    const earnings = orderEarnings(order, tips, [
      { id: 'ana', commissionRate: '45.5', tipCommissionRate: '90' },
      { id: 'ben', commissionRate: '50', tipCommissionRate: '100' },
    ]);
    expect(earnings).toEqual([
      { staffId: 'ana', serviceAmount: 5000, tipAmount: 1000, salonAmount: 2725, stylistAmount: 2275, salonTipAmount: 100, stylistTipAmount: 900 },
      { staffId: 'ben', serviceAmount: 3000, tipAmount: 600, salonAmount: 1500, stylistAmount: 1500, salonTipAmount: 0, stylistTipAmount: 600 },
    ]);
    expect(() => orderEarnings(order, tips, [])).toThrow(expect.objectContaining({ code: 'UNKNOWN_REFERENCE' }));
  });
});

describe('fees', () => {
  it('processing fee is fixed plus percentage, nothing on nothing', () => {
    expect(processingFee(money(10_000, 'USD'), { fixed: 30, percent: '2.9' })).toEqual(money(320, 'USD'));
    expect(processingFee(money(0, 'USD'), { fixed: 30, percent: '2.9' })).toEqual(money(0, 'USD'));
    expect(processingFee(money(1234, 'JPY'), { fixed: 0, percent: '3.6' })).toEqual(money(44, 'JPY'));
  });

  it('prices services with platform fee and VAT as the payout service does (seed 002)', () => {
    const due = (text: string) => parseApiAmount(text).amount;
    const price = calculatePrice('RUB', [
      { sessionId: 's1', name: 'Classic yoga session', coachDueAmount: due('100 RUB') },
      { sessionId: 's2', name: 'Ten sessions', coachDueAmount: due('2500 RUB') },
    ], '3.3355', '20.00');
    const [yoga, ten] = price.servicesPrices;
    // 3.3355 % of 100 = 3.3355 -> 3 RUB; VAT inside the fee = 3 × 20/120 = 0.50.
    expect(yoga).toMatchObject({ platformFeeAmount: 300, totalAmount: 10_300, vatAmount: 50, platformIncomeAmount: 250 });
    // 3.3355 % of 2500 = 83.3875 -> 83 RUB; 83 × 20/120 = 13.8333.
    expect(ten).toMatchObject({ platformFeeAmount: 8300, totalAmount: 258_300, vatAmount: 1383, platformIncomeAmount: 6917 });
    const exact = (field: number) => printApiAmount(money(field, 'RUB'));
    expect([price.coachDueAmount, price.platformFeeAmount, price.totalAmount, price.vatAmount, price.platformIncomeAmount].map(exact))
      .toEqual(['2600.00 RUB', '86.00 RUB', '2686.00 RUB', '14.33 RUB', '71.67 RUB']);
    expect(printApiAmount(money(yoga!.platformFeeAmount, 'RUB'), { whole: true })).toBe('3 RUB');
  });

  it('refuses a due amount that is not whole units', () => {
    expect(() => calculatePrice('RUB', [{ sessionId: 's', name: 'x', coachDueAmount: 10_012 }], '3.3355', '20')).toThrow(
      expect.objectContaining({ code: 'BAD_AMOUNT_STRING' }),
    );
  });
});
