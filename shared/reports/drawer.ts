import { effectivePayments } from '../lifecycle/index';
import { currencyExponent } from '../money/index';
import type { AdjustmentDoc, DrawerDoc, DrawerTenderLine, PaymentDoc, SettingsDoc, ShiftFigures, Tender } from '../schemas/index';

/**
 * A shift of one register's drawer: its opening document, the pay-ins and pay-outs so far, and
 * its close (which is its Z report) once counted.
 */
export interface Shift {
  open: DrawerDoc;
  movements: DrawerDoc[];
  close: DrawerDoc | null;
}

/** The shifts of one register (device), oldest first, from its drawer documents. */
export function shiftsOf(docs: readonly DrawerDoc[], deviceId: string): Shift[] {
  const mine = docs.filter((d) => d.deviceId === deviceId).sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
  const shifts = new Map<string, Shift>();
  for (const doc of mine) if (doc.kind === 'shift_open') shifts.set(doc.id, { open: doc, movements: [], close: null });
  for (const doc of mine) {
    const shift = shifts.get(doc.shiftId);
    if (!shift || doc.kind === 'shift_open') continue;
    if (doc.kind === 'shift_close') shift.close ??= doc;
    else shift.movements.push(doc);
  }
  return [...shifts.values()];
}

/**
 * Where a shift's figures start: just after the register's previous close ("" for its first
 * shift), so sales made between two shifts count into the later one.
 */
export function countsFrom(shifts: readonly Shift[], shift: Shift): string {
  const before = shifts.filter((s) => s.close && s.close.createdAt <= shift.open.createdAt);
  return before.length ? before[before.length - 1]!.close!.createdAt : '';
}

/** The shift open on this register now: the latest one not closed. */
export function currentShift(docs: readonly DrawerDoc[], deviceId: string): Shift | null {
  const open = shiftsOf(docs, deviceId).filter((s) => !s.close);
  return open[open.length - 1] ?? null;
}

/** The next Z report number of a register: one more than the highest it has issued. */
export function nextZNumber(docs: readonly DrawerDoc[], deviceId: string): number {
  return docs.filter((d) => d.deviceId === deviceId && d.kind === 'shift_close').reduce((max, d) => Math.max(max, d.number ?? 0), 0) + 1;
}

/** Cash a payment put in the drawer: what was handed over less the change (amount + tip when not recorded). */
export function cashIn(p: Pick<PaymentDoc, 'amount' | 'tip' | 'tendered' | 'change'>): number {
  return p.tendered !== null && p.change !== null ? p.tendered - p.change : p.amount + p.tip;
}

/**
 * The X/Z figures of a shift: everything this register did between the shift's opening and
 * `until` (its close, or now for an X report). Expected cash = float + cash sales − cash
 * refunds + pay-ins − pay-outs, where a cash sale counts what was handed over less the change
 * and a cash refund what the drawer paid out (amount + tip + cash rounding). Voided payments
 * count nowhere. Pass the payments and adjustments of the shift's business dates; this keeps
 * only this register's, inside the shift. `since` (`countsFrom`) moves the start back to the
 * previous shift's close, so cash taken while no shift was open counts into the next one and
 * is never lost from the drawer's figures.
 */
export function shiftFigures(
  shift: Pick<Shift, 'open' | 'movements'>,
  payments: readonly PaymentDoc[],
  adjustments: readonly AdjustmentDoc[],
  until: string | null,
  since: string = shift.open.createdAt,
): ShiftFigures {
  const { open } = shift;
  const inShift = (d: { deviceId: string; createdAt: string }) =>
    d.deviceId === open.deviceId && (since === open.createdAt ? d.createdAt >= since : d.createdAt > since) && (until === null || d.createdAt <= until);
  const ownAdjustments = adjustments.filter(inShift);
  const voided = new Set(ownAdjustments.flatMap((a) => a.voidedPaymentIds));
  const tenders = new Map<Tender, DrawerTenderLine>();
  const line = (tender: Tender) => {
    let found = tenders.get(tender);
    if (!found) tenders.set(tender, (found = { tender, amount: 0, tip: 0, refunds: 0, count: 0 }));
    return found;
  };
  const f: ShiftFigures = {
    openedAt: open.createdAt, closedAt: until, float: open.amount,
    cashSales: 0, cashSalesCount: 0, cashRefunds: 0, cashRefundsCount: 0, payIns: 0, payInsCount: 0, payOuts: 0, payOutsCount: 0,
    expected: 0, sales: 0, tips: 0, refunds: 0, net: 0, orders: 0, tenders: [],
  };
  const orders = new Set<string>();
  // A card-terminal payment (pending document + outcome) counts once, under the id voids name.
  for (const p of effectivePayments(payments)) {
    if (!inShift(p) || p.status !== 'succeeded' || voided.has(p.id)) continue;
    f.sales += p.amount;
    f.tips += p.tip;
    orders.add(p.orderId);
    const l = line(p.tender);
    l.amount += p.amount;
    l.tip += p.tip;
    l.count += 1;
    if (p.tender === 'CASH') {
      f.cashSales += cashIn(p);
      f.cashSalesCount += 1;
    }
  }
  for (const a of ownAdjustments) {
    if (!a.refund) continue;
    let cash = false;
    for (const t of a.refund.tenders) {
      f.refunds += t.amount;
      line(t.tender).refunds += t.amount + t.tip;
      // Store credit given instead of the original tender takes no cash out of the drawer.
      if (t.tender === 'CASH' && a.refund.method === 'original') {
        f.cashRefunds += t.amount + t.tip + t.cashRounding;
        cash = true;
      }
    }
    if (cash) f.cashRefundsCount += 1;
  }
  for (const m of shift.movements) {
    if (until !== null && m.createdAt > until) continue;
    if (m.kind === 'pay_in') {
      f.payIns += m.amount;
      f.payInsCount += 1;
    } else if (m.kind === 'pay_out') {
      f.payOuts += m.amount;
      f.payOutsCount += 1;
    }
  }
  f.orders = orders.size;
  f.net = f.sales - f.refunds;
  f.expected = f.float + f.cashSales - f.cashRefunds + f.payIns - f.payOuts;
  f.tenders = [...tenders.values()].sort((a, b) => (a.tender < b.tender ? -1 : 1));
  return f;
}

/** What decides when closing the drawer needs a manager. */
export type DrawerPolicy = Pick<SettingsDoc, 'currency' | 'drawerDifferenceApprovalAbove'>;

/**
 * The largest over/short a cashier may close with on their own: the location's
 * `drawerDifferenceApprovalAbove`, or else 5 units of the currency (500 for currencies without
 * decimals, such as JPY). Above it a manager approves with a PIN.
 */
export function differenceThreshold(settings: DrawerPolicy): number {
  if (settings.drawerDifferenceApprovalAbove !== undefined) return settings.drawerDifferenceApprovalAbove;
  const exponent = currencyExponent(settings.currency);
  return exponent === 0 ? 500 : 5 * 10 ** exponent;
}

export interface CloseCheck {
  expected: number;
  counted: number;
  /** counted − expected: negative is short, positive over. */
  difference: number;
  needsApproval: boolean;
}

export function checkClose(expected: number, counted: number, settings: DrawerPolicy): CloseCheck {
  const difference = counted - expected;
  return { expected, counted, difference, needsApproval: Math.abs(difference) > differenceThreshold(settings) };
}
