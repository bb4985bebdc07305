import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyError } from '../../shared/money/index';
import { applyTender, balanceDue, cashDue, paymentAmounts, quickCashAmounts } from '../../shared/tenders/index';

describe('tenders', () => {
  it('gives change on cash only, and takes cash rounded to the coin where the currency needs it', () => {
    expect(applyTender(4848, 'USD', { tender: 'CASH', amount: 5000 })).toMatchObject({ applied: 4848, tendered: 5000, change: 152 });
    // CHF: the drawer takes 48.50 for 48.48 (5-rappen step), the ledger keeps 48.48.
    expect(cashDue(4848, 'CHF')).toBe(4850);
    expect(applyTender(4848, 'CHF', { tender: 'CASH', amount: 5000 })).toMatchObject({ applied: 4848, tendered: 5000, change: 150 });
    expect(applyTender(4848, 'CHF', { tender: 'CASH', amount: 4850 })).toMatchObject({ applied: 4848, change: 0 });
    // Partial cash pays what was handed over.
    expect(applyTender(4848, 'USD', { tender: 'CASH', amount: 2000 })).toMatchObject({ applied: 2000, tendered: 2000, change: 0 });
    expect(() => applyTender(4848, 'USD', { tender: 'CARD_EXTERNAL', amount: 5000 })).toThrow(/Only cash gives change/);
    expect(() => applyTender(4848, 'USD', { tender: 'ZELLE', amount: 0 })).toThrow(MoneyError);
    expect(() => applyTender(0, 'USD', { tender: 'CASH', amount: 100 })).toThrow(/Nothing is left/);
  });

  it('keeps the card details and labels it is given, and checks them', () => {
    expect(applyTender(10000, 'USD', { tender: 'CARD_EXTERNAL', amount: 10000, cardBrand: ' Visa ', cardLast4: '4242' })).toEqual({
      tender: 'CARD_EXTERNAL', applied: 10000, tendered: null, change: null, label: null, cardBrand: 'Visa', cardLast4: '4242',
    });
    expect(() => applyTender(100, 'USD', { tender: 'CARD_EXTERNAL', amount: 100, cardLast4: '42' })).toThrow(/four digits/);
    expect(() => applyTender(100, 'USD', { tender: 'OTHER', amount: 100 })).toThrow(/Name the tender/);
    expect(applyTender(100, 'USD', { tender: 'OTHER', amount: 100, label: 'voucher' }).label).toBe('voucher');
  });

  it('shares the tip across the tenders so amounts add up to the total and tips to the tip', () => {
    const card = applyTender(14848, 'USD', { tender: 'CARD_EXTERNAL', amount: 10000 });
    const cash = applyTender(balanceDue(12848, 2000, [card]), 'USD', { tender: 'CASH', amount: 5000 });
    expect(balanceDue(12848, 2000, [card, cash])).toBe(0);
    // 2000 × 10000/14848 = 1346.98 → 1347; 2000 × 4848/14848 = 653.02 → 653
    expect(paymentAmounts(12848, 2000, [card, cash])).toEqual([{ amount: 8653, tip: 1347 }, { amount: 4195, tip: 653 }]);
    expect(() => paymentAmounts(12848, 2000, [card])).toThrow(/4848 \(minor units\) is still due/);
    expect(() => paymentAmounts(12848, 2000, [])).toThrow(/at least one tender/);
  });

  it('any split of any balance: amounts sum to the total, tips to the tip, none negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 2_000_000 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 }), (total, tip, weights) => {
        let balance = total + tip;
        const tenders = [];
        for (const [i, weight] of weights.entries()) {
          if (balance === 0) break;
          const last = i === weights.length - 1;
          const amount = last ? balance : Math.max(1, Math.min(balance, weight * 100));
          const t = applyTender(balance, 'USD', { tender: i % 2 ? 'CASH' : 'ZELLE', amount });
          tenders.push(t);
          balance -= t.applied;
        }
        if (balance !== 0) return;
        const splits = paymentAmounts(total, tip, tenders);
        expect(splits.reduce((s, p) => s + p.amount, 0)).toBe(total);
        expect(splits.reduce((s, p) => s + p.tip, 0)).toBe(tip);
        expect(splits.every((p) => p.amount >= 0 && p.tip >= 0)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('offers exact cash and the next round bills', () => {
    expect(quickCashAmounts(4848, 'USD')).toEqual([4848, 4900, 5000, 6000]);
    expect(quickCashAmounts(7077, 'USD')).toEqual([7077, 7100, 7500, 8000]);
    expect(quickCashAmounts(2000, 'USD')).toEqual([2000, 5000, 10000, 20000]);
    expect(quickCashAmounts(4848, 'CHF')[0]).toBe(4850);
    expect(quickCashAmounts(6050, 'JPY')).toEqual([6050, 6100, 6500, 7000]);
  });
});
