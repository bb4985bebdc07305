import { MILLIONTHS, MoneyError, mulDivRounded, parsePercent, type RoundingMode } from '../money';
import type { PricedOrder } from '../pricing';
import type { TipShare } from '../tips';

/** A staff member's share, as decimal percentage strings (the staff document's fields). */
export interface StaffRates {
  readonly id: string;
  readonly commissionRate: string;
  readonly tipCommissionRate: string;
}

/** A salon/stylist split in minor units; salon + stylist = the amount split. */
export interface CommissionSplit {
  readonly salonAmount: number;
  readonly stylistAmount: number;
  readonly salonTipAmount: number;
  readonly stylistTipAmount: number;
}

export interface StaffEarnings extends CommissionSplit {
  readonly staffId: string;
  /** The staff member's services on the order, after discounts and without tax. */
  readonly serviceAmount: number;
  readonly tipAmount: number;
}

/** Split a service amount and a tip between the salon and the stylist by the stylist's rates. */
export function splitCommission(serviceAmount: number, tipAmount: number, rates: StaffRates, rounding: RoundingMode = 'half-up'): CommissionSplit {
  const stylistAmount = mulDivRounded(serviceAmount, parsePercent(rates.commissionRate), MILLIONTHS, rounding);
  const stylistTipAmount = mulDivRounded(tipAmount, parsePercent(rates.tipCommissionRate), MILLIONTHS, rounding);
  return { salonAmount: serviceAmount - stylistAmount, stylistAmount, salonTipAmount: tipAmount - stylistTipAmount, stylistTipAmount };
}

/**
 * Every staff member's earnings on an order: their service lines' net amounts and their tip
 * share, each split with the salon. Products, tax and unassigned lines stay with the salon.
 */
export function orderEarnings(order: PricedOrder, tips: readonly TipShare[], staff: readonly StaffRates[], rounding: RoundingMode = 'half-up'): StaffEarnings[] {
  const amounts = new Map<string, { service: number; tip: number }>();
  const entry = (staffId: string) => {
    let found = amounts.get(staffId);
    if (!found) amounts.set(staffId, (found = { service: 0, tip: 0 }));
    return found;
  };
  for (const line of order.lines) if (line.kind === 'service' && line.staffId !== null) entry(line.staffId).service += line.net;
  for (const tip of tips) entry(tip.staffId).tip += tip.amount;
  const rates = new Map(staff.map((s) => [s.id, s]));
  return [...amounts].map(([staffId, { service, tip }]) => {
    const staffRates = rates.get(staffId);
    if (!staffRates) throw new MoneyError('UNKNOWN_REFERENCE', `No commission rates for staff member ${staffId}: add them to the staff list.`);
    return { staffId, serviceAmount: service, tipAmount: tip, ...splitCommission(service, tip, staffRates, rounding) };
  });
}
