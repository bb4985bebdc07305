import { splitCommission, type StaffRates } from '../../shared/commissions/index';
import { allocateMinor, mulDivRounded } from '../../shared/money/index';
import type { Refund } from '../../shared/refunds/index';
import type { OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import { earningsOf } from '../projections/ledger';

export interface StaffShare {
  staffId: string;
  serviceAmount: number;
  tipAmount: number;
  stylistAmount: number;
  stylistTipAmount: number;
  refundAmount: number;
  refundTipAmount: number;
}

/** One payment's money, split as a salon back office reads it (seed 003's payment fields). */
export interface PaymentBreakdown {
  amount: number;
  tip: number;
  total: number;
  fee: number;
  /** amount + tip - fee: what the business keeps of this payment before it pays staff. */
  net: number;
  serviceAmount: number;
  salonAmount: number;
  salonTipAmount: number;
  stylistAmount: number;
  stylistTipAmount: number;
  refundAmount: number;
  refundTipAmount: number;
  refundFee: number;
  refundAmountSalon: number;
  refundAmountStylist: number;
  refundTipAmountSalon: number;
  refundTipAmountStylist: number;
  staff: StaffShare[];
}

/**
 * Split a payment between the salon and its staff with the money core: the order's staff
 * earnings (orderEarnings) scaled by this payment's share of the order total, the payment's
 * tip split by the order's tip shares, each split by the staff member's rates. Refunds carry
 * their own staff split (planRefund), scaled to this payment's part of each refund.
 */
export function paymentBreakdown(payment: PaymentDoc, order: OrderDoc | null, rates: Map<string, StaffRates>, refunds: readonly Refund[]): PaymentBreakdown {
  const staff = new Map<string, StaffShare>();
  const share = (staffId: string) => {
    let found = staff.get(staffId);
    if (!found) {
      found = { staffId, serviceAmount: 0, tipAmount: 0, stylistAmount: 0, stylistTipAmount: 0, refundAmount: 0, refundTipAmount: 0 };
      staff.set(staffId, found);
    }
    return found;
  };
  if (order && order.total > 0) {
    for (const earning of earningsOf(order, rates)) {
      const s = share(earning.staffId);
      s.serviceAmount = mulDivRounded(earning.serviceAmount, Math.min(payment.amount, order.total), order.total, 'half-up');
    }
  }
  if (order && payment.tip > 0) {
    const weights = order.tipShares.map((t) => t.amount);
    if (weights.some((w) => w > 0)) {
      allocateMinor(payment.tip, weights).forEach((tip, i) => (share(order.tipShares[i]!.staffId).tipAmount += tip));
    }
  }
  for (const s of staff.values()) {
    const split = splitCommission(s.serviceAmount, s.tipAmount, rates.get(s.staffId) ?? { id: s.staffId, commissionRate: '0', tipCommissionRate: '0' });
    s.stylistAmount = split.stylistAmount;
    s.stylistTipAmount = split.stylistTipAmount;
  }

  let refundAmount = 0;
  let refundTipAmount = 0;
  let refundFee = 0;
  let refundAmountStylist = 0;
  let refundTipAmountStylist = 0;
  for (const refund of refunds) {
    const tender = refund.tenders.find((t) => t.paymentId === payment.id);
    if (!tender) continue;
    refundAmount += tender.amount;
    refundTipAmount += tender.tip;
    refundFee += tender.fee;
    const part = tender.amount + tender.tip;
    for (const s of refund.staff) {
      const scale = (value: number) => (refund.total === 0 ? 0 : mulDivRounded(value, part, refund.total, 'half-up'));
      const target = share(s.staffId);
      target.refundAmount += scale(s.amount);
      target.refundTipAmount += scale(s.tip);
      refundAmountStylist += scale(s.stylistAmount);
      refundTipAmountStylist += scale(s.stylistTipAmount);
    }
  }
  const shares = [...staff.values()];
  const sum = (pick: (s: StaffShare) => number) => shares.reduce((total, s) => total + pick(s), 0);
  const stylistAmount = sum((s) => s.stylistAmount);
  const stylistTipAmount = sum((s) => s.stylistTipAmount);
  return {
    amount: payment.amount,
    tip: payment.tip,
    total: payment.amount + payment.tip,
    fee: payment.fee,
    net: payment.amount + payment.tip - payment.fee,
    serviceAmount: sum((s) => s.serviceAmount),
    salonAmount: payment.amount - stylistAmount,
    salonTipAmount: payment.tip - stylistTipAmount,
    stylistAmount,
    stylistTipAmount,
    refundAmount,
    refundTipAmount,
    refundFee,
    refundAmountSalon: refundAmount - refundAmountStylist,
    refundAmountStylist,
    refundTipAmountSalon: refundTipAmount - refundTipAmountStylist,
    refundTipAmountStylist,
    staff: shares,
  };
}
