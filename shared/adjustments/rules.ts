import type { SettingsDoc } from '../schemas/index';
import { businessDate } from '../time';

/** The location's limits on refunds and tip changes; defaults where the settings predate them. */
export interface AdjustmentRules {
  /** A refund whose total (tip included, minor units) is above this needs a manager's PIN. */
  refundApprovalAbove: number;
  /** A refund of a sale more than this many business days old needs a manager's PIN. */
  refundApprovalAfterDays: number;
  /** A tip can be added or changed up to this many hours after the sale. */
  tipAdjustmentWindowHours: number;
}

export const DEFAULT_RULES: AdjustmentRules = { refundApprovalAbove: 5000, refundApprovalAfterDays: 30, tipAdjustmentWindowHours: 48 };

export function adjustmentRules(settings: Pick<SettingsDoc, 'refundApprovalAbove' | 'refundApprovalAfterDays' | 'tipAdjustmentWindowHours'>): AdjustmentRules {
  return {
    refundApprovalAbove: settings.refundApprovalAbove ?? DEFAULT_RULES.refundApprovalAbove,
    refundApprovalAfterDays: settings.refundApprovalAfterDays ?? DEFAULT_RULES.refundApprovalAfterDays,
    tipAdjustmentWindowHours: settings.tipAdjustmentWindowHours ?? DEFAULT_RULES.tipAdjustmentWindowHours,
  };
}

/** Whole calendar days from one business date ("YYYY-MM-DD") to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Why a refund needs a manager's PIN, in words for the cashier; empty when it does not. */
export function refundApprovalReasons(
  refund: { total: number },
  sale: { businessDate: string },
  rules: AdjustmentRules,
  now: Date,
  timeZone: string,
  formatAmount: (minor: number) => string = String,
): string[] {
  const reasons: string[] = [];
  if (refund.total > rules.refundApprovalAbove) reasons.push(`refunds above ${formatAmount(rules.refundApprovalAbove)} need a manager`);
  const age = daysBetween(sale.businessDate, businessDate(now, timeZone));
  if (age > rules.refundApprovalAfterDays) reasons.push(`the sale is ${age} days old (over ${rules.refundApprovalAfterDays})`);
  return reasons;
}

const hoursSince = (sale: { createdAt: string }, now: Date) => (now.getTime() - Date.parse(sale.createdAt)) / 3_600_000;

/**
 * Why an adjustment needs a manager by the location's rules, judged at `now` (the server judges
 * at the time it received it); empty when it does not: a refund above the amount or of an old
 * sale, any void, a tip changed after the window.
 */
export function adjustmentApprovalReasons(
  doc: { kind: string; refund: { total: number } | null },
  sale: { businessDate: string; createdAt: string },
  rules: AdjustmentRules,
  now: Date,
  timeZone: string,
): string[] {
  if (doc.kind === 'void') return ['a void always needs a manager'];
  if (doc.refund) return refundApprovalReasons(doc.refund, sale, rules, now, timeZone);
  return doc.kind === 'tip_adjustment' && hoursSince(sale, now) > rules.tipAdjustmentWindowHours
    ? [`the tip changed more than ${rules.tipAdjustmentWindowHours} hours after the sale`]
    : [];
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/** A void reverses the whole sale: only on the business day it was made, and before any refund or earlier void. */
export function canVoid(
  sale: { businessDate: string },
  state: { voided: boolean; refunded: number; paid: number },
  now: Date,
  timeZone: string,
): Verdict {
  if (state.voided) return { ok: false, reason: 'This sale is already voided.' };
  if (state.refunded > 0) return { ok: false, reason: 'This sale has refunds: refund the rest instead of voiding it.' };
  if (state.paid === 0) return { ok: false, reason: 'Nothing was paid on this sale, so there is nothing to void.' };
  if (sale.businessDate !== businessDate(now, timeZone)) {
    return { ok: false, reason: `Voids are only possible on the day of the sale (${sale.businessDate}); refund it instead.` };
  }
  return { ok: true };
}

/** A tip can be added or changed within the window after the sale, on a sale that is neither voided nor refunded. */
export function canAdjustTip(
  sale: { createdAt: string },
  state: { voided: boolean; refunded: number },
  rules: AdjustmentRules,
  now: Date,
): Verdict {
  if (state.voided) return { ok: false, reason: 'This sale is voided.' };
  if (state.refunded > 0) return { ok: false, reason: 'This sale has refunds: its tip can no longer change.' };
  if (hoursSince(sale, now) > rules.tipAdjustmentWindowHours) {
    return { ok: false, reason: `Tips can be changed for ${rules.tipAdjustmentWindowHours} hours after the sale; this one is older.` };
  }
  return { ok: true };
}
