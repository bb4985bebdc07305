import { describe, expect, it } from 'vitest';
import { adjustmentApprovalReasons, adjustmentRules, canAdjustTip, canVoid, daysBetween, DEFAULT_RULES, refundApprovalReasons } from '../../shared/adjustments/index';
import { settings } from '../support/demo-settings';

const NY = 'America/New_York';
const rules = { refundApprovalAbove: 5000, refundApprovalAfterDays: 30, tipAdjustmentWindowHours: 48 };
// 2026-11-21 23:30 in New York is already 2026-11-22 in UTC: business days are local.
const lateEvening = new Date('2026-11-22T04:30:00Z');

describe('refund approval', () => {
  it('needs a manager only above the amount (tip included): 50.00 is fine, 50.01 is not', () => {
    expect(refundApprovalReasons({ total: 5000 }, { businessDate: '2026-11-21' }, rules, lateEvening, NY)).toEqual([]);
    expect(refundApprovalReasons({ total: 5001 }, { businessDate: '2026-11-21' }, rules, lateEvening, NY, (n) => `$${n / 100}`)).toEqual(['refunds above $50 need a manager']);
  });

  it('needs a manager once the sale is more than the configured number of local business days old', () => {
    // 2026-10-22 → 2026-11-21 (New York) is 30 days: allowed; one day earlier is 31.
    expect(refundApprovalReasons({ total: 100 }, { businessDate: '2026-10-22' }, rules, lateEvening, NY)).toEqual([]);
    expect(refundApprovalReasons({ total: 100 }, { businessDate: '2026-10-21' }, rules, lateEvening, NY)).toEqual(['the sale is 31 days old (over 30)']);
    // In UTC it would already be the 22nd and 31 days: the location's day counts.
    expect(refundApprovalReasons({ total: 100 }, { businessDate: '2026-10-22' }, rules, lateEvening, 'UTC')).toHaveLength(1);
    expect(refundApprovalReasons({ total: 9999 }, { businessDate: '2026-01-01' }, rules, lateEvening, NY)).toHaveLength(2);
  });

  it('reads the location settings, with defaults for locations saved before these settings existed', () => {
    expect(adjustmentRules(settings())).toEqual(DEFAULT_RULES);
    expect(adjustmentRules(settings({ refundApprovalAbove: 0, refundApprovalAfterDays: 7, tipAdjustmentWindowHours: 2 }))).toEqual({
      refundApprovalAbove: 0, refundApprovalAfterDays: 7, tipAdjustmentWindowHours: 2,
    });
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2); // across the DST change
  });
});

describe('voids', () => {
  const paid = { voided: false, refunded: 0, paid: 14848 };
  it('are allowed on the local business day of the sale only', () => {
    expect(canVoid({ businessDate: '2026-11-21' }, paid, lateEvening, NY)).toEqual({ ok: true });
    const nextDay = canVoid({ businessDate: '2026-11-21' }, paid, new Date('2026-11-22T05:00:00Z'), NY);
    expect(nextDay).toEqual({ ok: false, reason: expect.stringMatching(/only possible on the day of the sale \(2026-11-21\)/) as string });
  });
  it('are refused after a refund, a void, or with nothing paid', () => {
    expect(canVoid({ businessDate: '2026-11-21' }, { ...paid, refunded: 1 }, lateEvening, NY)).toMatchObject({ ok: false, reason: expect.stringMatching(/refunds/) as string });
    expect(canVoid({ businessDate: '2026-11-21' }, { ...paid, voided: true }, lateEvening, NY)).toMatchObject({ ok: false, reason: expect.stringMatching(/already voided/) as string });
    expect(canVoid({ businessDate: '2026-11-21' }, { ...paid, paid: 0 }, lateEvening, NY)).toMatchObject({ ok: false });
  });
});

describe('tip adjustments', () => {
  const sale = { createdAt: '2026-11-20T15:00:00.000Z' };
  const state = { voided: false, refunded: 0 };
  it('are allowed up to the window after the sale, to the millisecond', () => {
    expect(canAdjustTip(sale, state, rules, new Date('2026-11-22T15:00:00.000Z'))).toEqual({ ok: true });
    expect(canAdjustTip(sale, state, rules, new Date('2026-11-22T15:00:00.001Z'))).toMatchObject({ ok: false, reason: expect.stringMatching(/48 hours/) as string });
  });
  it('are refused on a voided or refunded sale', () => {
    expect(canAdjustTip(sale, { ...state, voided: true }, rules, new Date(sale.createdAt))).toMatchObject({ ok: false });
    expect(canAdjustTip(sale, { ...state, refunded: 500 }, rules, new Date(sale.createdAt))).toMatchObject({ ok: false });
  });
});

describe('approvals the server requires of a pushed adjustment', () => {
  const sale = { businessDate: '2026-11-21', createdAt: '2026-11-21T15:00:00.000Z' };
  const at = (iso: string) => new Date(iso);

  it('names the refund rules, any void, and a tip changed after the window; nothing else', () => {
    expect(adjustmentApprovalReasons({ kind: 'refund', refund: { total: 5001 } }, sale, rules, at('2026-11-21T16:00:00Z'), NY)).toEqual(['refunds above 5000 need a manager']);
    expect(adjustmentApprovalReasons({ kind: 'refund', refund: { total: 5000 } }, sale, rules, at('2026-11-21T16:00:00Z'), NY)).toEqual([]);
    expect(adjustmentApprovalReasons({ kind: 'void', refund: null }, sale, rules, at('2026-11-21T16:00:00Z'), NY)).toEqual(['a void always needs a manager']);
    expect(adjustmentApprovalReasons({ kind: 'tip_adjustment', refund: null }, sale, rules, at('2026-11-23T15:00:00Z'), NY)).toEqual([]);
    expect(adjustmentApprovalReasons({ kind: 'tip_adjustment', refund: null }, sale, rules, at('2026-11-23T15:00:01Z'), NY)).toEqual(['the tip changed more than 48 hours after the sale']);
  });
});
