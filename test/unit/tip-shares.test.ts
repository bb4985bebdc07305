import { describe, expect, it } from 'vitest';
import { applyTipChange, staffTipChanges, tipHoldings } from '../../shared/adjustments/index';

const RATES = [
  { id: 'sam', commissionRate: '40', tipCommissionRate: '100' },
  { id: 'alex', commissionRate: '50', tipCommissionRate: '80' },
];

describe('tip changes after the sale', () => {
  it('takes the previous tip back in proportion to what each holds, then adds the new shares', () => {
    expect(applyTipChange([{ staffId: 'sam', amount: 600 }, { staffId: 'alex', amount: 400 }], { previousTip: 500, tipShares: [{ staffId: 'alex', amount: 900 }] }))
      .toEqual([{ staffId: 'sam', amount: 300 }, { staffId: 'alex', amount: 1100 }]);
  });

  it('applies tip adjustments in the order they were made, whatever order they are listed in', () => {
    const change = (id: string, createdAt: string, previousTip: number, tip: number, staffId: string) =>
      ({ id, createdAt, tipAdjustment: { paymentId: 'p', previousTip, tip, tipShares: [{ staffId, amount: tip }], staff: [] } });
    const later = change('b', '2026-11-21T12:00:00Z', 1000, 300, 'alex');
    const earlier = change('a', '2026-11-21T11:00:00Z', 0, 1000, 'sam');
    expect(tipHoldings([], [later, earlier])).toEqual([{ staffId: 'alex', amount: 300 }]);
  });

  it('says what each staff member gains or loses, before and after their tip commission', () => {
    const before = [{ staffId: 'sam', amount: 600 }, { staffId: 'alex', amount: 400 }];
    const lowered = applyTipChange(before, { previousTip: 1000, tipShares: [{ staffId: 'sam', amount: 150 }, { staffId: 'alex', amount: 101 }] });
    expect(staffTipChanges(before, lowered, RATES)).toEqual([
      { staffId: 'sam', tip: -450, stylistTip: -450 },
      { staffId: 'alex', tip: -299, stylistTip: -239 }, // 80% of 400 = 320, of 101 = 81 (half-up)
    ]);
    // Someone without rates keeps 0% of the tip: the change is recorded, their share is none.
    expect(staffTipChanges([], [{ staffId: 'new', amount: 500 }], RATES)).toEqual([{ staffId: 'new', tip: 500, stylistTip: 0 }]);
    expect(staffTipChanges(before, before, RATES)).toEqual([]);
  });
});
