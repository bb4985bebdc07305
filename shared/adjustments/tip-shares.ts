import { orderEarnings, type StaffRates } from '../commissions/index';
import { allocateMinor } from '../money/index';
import type { PricedOrder } from '../pricing/index';
import type { AdjustmentDoc, StaffTipChange, TipAdjustmentRecord, TipShare } from '../schemas/index';
import { chronological } from './order-state';

type TipChange = Pick<TipAdjustmentRecord, 'previousTip' | 'tipShares'>;

/**
 * Who holds the tips after one tip change: the payment's previous tip is taken back from the
 * staff in proportion to what they hold, then the new tip's shares are added.
 */
export function applyTipChange(holdings: readonly TipShare[], change: TipChange): TipShare[] {
  const shares = new Map(holdings.map((s) => [s.staffId, s.amount]));
  const holders = [...shares].filter(([, amount]) => amount > 0);
  const held = holders.reduce((sum, [, amount]) => sum + amount, 0);
  const back = allocateMinor(Math.min(change.previousTip, held), holders.map(([, amount]) => amount));
  holders.forEach(([staffId, amount], i) => shares.set(staffId, amount - back[i]!));
  for (const share of change.tipShares) shares.set(share.staffId, (shares.get(share.staffId) ?? 0) + share.amount);
  return [...shares].filter(([, amount]) => amount > 0).map(([staffId, amount]) => ({ staffId, amount }));
}

/** Who holds an order's tips after its tip adjustments, applied in the order they were made. */
export function tipHoldings(orderTipShares: readonly TipShare[], adjustments: readonly Pick<AdjustmentDoc, 'id' | 'createdAt' | 'tipAdjustment'>[]): TipShare[] {
  return [...adjustments]
    .sort(chronological)
    .reduce<TipShare[]>((held, a) => (a.tipAdjustment ? applyTipChange(held, a.tipAdjustment) : held), orderTipShares.map((s) => ({ ...s })));
}

/**
 * What a tip change moves for each staff member, by the money core's commissions: the change in
 * their tip share and in their part of it after the tip commission. Someone without rates keeps
 * 0% (as everywhere else).
 */
export function staffTipChanges(before: readonly TipShare[], after: readonly TipShare[], rates: readonly StaffRates[]): StaffTipChange[] {
  const tipsOnly = { lines: [] } as unknown as PricedOrder;
  const known = new Map(rates.map((r) => [r.id, r]));
  const earnings = (shares: readonly TipShare[]) =>
    new Map(orderEarnings(tipsOnly, shares, shares.map((s) => known.get(s.staffId) ?? { id: s.staffId, commissionRate: '0', tipCommissionRate: '0' })).map((e) => [e.staffId, e]));
  const was = earnings(before);
  const now = earnings(after);
  return [...new Set([...was.keys(), ...now.keys()])]
    .map((staffId) => ({
      staffId,
      tip: (now.get(staffId)?.tipAmount ?? 0) - (was.get(staffId)?.tipAmount ?? 0),
      stylistTip: (now.get(staffId)?.stylistTipAmount ?? 0) - (was.get(staffId)?.stylistTipAmount ?? 0),
    }))
    .filter((c) => c.tip !== 0 || c.stylistTip !== 0);
}

/** What an order's tip changes added, by payment and by staff member: a void takes it back with the sale. */
export function tipChangeTotals(changes: readonly TipAdjustmentRecord[]): { byPayment: Map<string, number>; byStaff: Map<string, Omit<StaffTipChange, 'staffId'>> } {
  const byPayment = new Map<string, number>();
  const byStaff = new Map<string, Omit<StaffTipChange, 'staffId'>>();
  for (const change of changes) {
    byPayment.set(change.paymentId, (byPayment.get(change.paymentId) ?? 0) + change.tip - change.previousTip);
    for (const s of change.staff) {
      const total = byStaff.get(s.staffId) ?? { tip: 0, stylistTip: 0 };
      byStaff.set(s.staffId, { tip: total.tip + s.tip, stylistTip: total.stylistTip + s.stylistTip });
    }
  }
  return { byPayment, byStaff };
}
