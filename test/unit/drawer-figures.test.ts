import { describe, expect, it } from 'vitest';
import { checkClose, countsFrom, currentShift, differenceThreshold, nextZNumber, shiftFigures, shiftsOf } from '../../shared/reports/index';
import { validateDocument } from '../../shared/schemas/index';
import { drawerDoc, payment, refund } from './reports-fixtures';

describe('drawer shift figures', () => {
  const open = drawerDoc('shift_open', 20000, '2026-11-20T14:00:00.000Z');
  const at = (time: string) => ({ createdAt: `2026-11-20T${time}:00.000Z` });

  it('expected cash = float + cash in − cash refunded + pay-ins − pay-outs; other tenders only in the sales figures', () => {
    const before = payment('2026-11-20', 'CASH', 5000, 0, at('13:59'));
    const cash1 = payment('2026-11-20', 'CASH', 4450, 550, { ...at('14:10'), tendered: 6000, change: 1000 });
    const cash2 = payment('2026-11-20', 'CASH', 3000, 0, at('14:20'));
    const card = payment('2026-11-20', 'CARD_EXTERNAL', 8000, 1200, at('14:30'));
    const otherRegister = payment('2026-11-20', 'CASH', 1111, 0, { ...at('14:40'), deviceId: 'dev2' });
    const voidedCash = payment('2026-11-20', 'CASH', 2222, 0, at('14:45'));
    const voidDoc = refund('2026-11-20', [], { ...at('14:46'), kind: 'void', refund: null, voidedPaymentIds: [voidedCash.id] });
    const cashRefund = refund('2026-11-20', [{ paymentId: cash2.id, tender: 'CASH', amount: 1500, tip: 0 }], at('15:00'));
    const cardRefund = refund('2026-11-20', [{ paymentId: card.id, tender: 'CARD_EXTERNAL', amount: 2000, tip: 200 }], at('15:05'));
    const payIn = drawerDoc('pay_in', 1000, '2026-11-20T15:10:00.000Z', { shiftId: open.id, reason: 'change from bank' });
    const payOut = drawerDoc('pay_out', 2599, '2026-11-20T15:20:00.000Z', { shiftId: open.id, reason: 'milk' });
    const f = shiftFigures({ open, movements: [payIn, payOut] }, [before, cash1, cash2, card, otherRegister, voidedCash], [voidDoc, cashRefund, cardRefund], '2026-11-20T16:00:00.000Z');
    expect(f).toEqual({
      openedAt: open.createdAt, closedAt: '2026-11-20T16:00:00.000Z', float: 20000,
      cashSales: 5000 + 3000, cashSalesCount: 2, cashRefunds: 1500, cashRefundsCount: 1,
      payIns: 1000, payInsCount: 1, payOuts: 2599, payOutsCount: 1,
      expected: 20000 + 8000 - 1500 + 1000 - 2599,
      sales: 4450 + 3000 + 8000, tips: 550 + 1200, refunds: 3500, net: 15450 - 3500, orders: 3,
      tenders: [
        { tender: 'CARD_EXTERNAL', amount: 8000, tip: 1200, refunds: 2200, count: 1 },
        { tender: 'CASH', amount: 7450, tip: 550, refunds: 1500, count: 2 },
      ],
    });
    expect(f.expected).toBe(24901);
    // An X report before the pay-out does not count it.
    expect(shiftFigures({ open, movements: [payIn, payOut] }, [cash1], [], '2026-11-20T15:15:00.000Z').payOuts).toBe(0);
  });

  it('cash taken while no shift was open counts into the next shift, never into none', () => {
    const first = drawerDoc('shift_open', 10000, '2026-11-20T09:00:00.000Z');
    const firstClose = drawerDoc('shift_close', 10000, '2026-11-20T12:00:00.000Z', { shiftId: first.id });
    const second = drawerDoc('shift_open', 10000, '2026-11-20T14:00:00.000Z');
    const early = payment('2026-11-20', 'CASH', 700, 0, at('08:00'));
    const between = payment('2026-11-20', 'CASH', 1200, 0, at('13:00'));
    const shifts = shiftsOf([first, firstClose, second], 'dev1');
    expect(shifts.map((s) => countsFrom(shifts, s))).toEqual(['', firstClose.createdAt]);
    const firstFigures = shiftFigures(shifts[0]!, [early, between], [], firstClose.createdAt, countsFrom(shifts, shifts[0]!));
    const secondFigures = shiftFigures(shifts[1]!, [early, between], [], '2026-11-20T16:00:00.000Z', countsFrom(shifts, shifts[1]!));
    // The 08:00 sale before the first shift counts into it; the 13:00 sale between shifts into the second: each exactly once.
    expect([firstFigures.cashSales, secondFigures.cashSales]).toEqual([700, 1200]);
    expect([firstFigures.expected, secondFigures.expected]).toEqual([10700, 11200]);
  });

  it('a cash refund pays out its cash rounding too', () => {
    const r = refund('2026-11-20', [{ paymentId: 'p', tender: 'CASH', amount: 1002, tip: 0, cashRounding: -2 }], at('15:00'));
    expect(shiftFigures({ open, movements: [] }, [], [r], null).cashRefunds).toBe(1000);
  });

  it('a refund given as store credit takes no cash out of the drawer', () => {
    const r = refund('2026-11-20', [{ paymentId: 'p', tender: 'CASH', amount: 1000 }], at('15:00'));
    const credit = { ...r, refund: { ...r.refund!, method: 'store_credit' as const } };
    const f = shiftFigures({ open, movements: [] }, [], [credit], null);
    expect([f.cashRefunds, f.cashRefundsCount, f.refunds, f.expected]).toEqual([0, 0, 1000, 20000]);
  });

  it('over/short and the manager threshold', () => {
    const usd = { currency: 'USD' };
    expect(checkClose(24901, 24401, usd)).toEqual({ expected: 24901, counted: 24401, difference: -500, needsApproval: false });
    expect(checkClose(24901, 24400, usd).needsApproval).toBe(true);
    expect(checkClose(24901, 25402, usd)).toMatchObject({ difference: 501, needsApproval: true });
    expect([differenceThreshold(usd), differenceThreshold({ currency: 'JPY' }), differenceThreshold({ currency: 'KWD' })]).toEqual([500, 500, 5000]);
    // A location's own limit, down to zero (every difference needs a manager).
    expect(checkClose(24901, 24401, { currency: 'USD', drawerDifferenceApprovalAbove: 1000 }).needsApproval).toBe(false);
    expect(checkClose(24901, 24900, { currency: 'USD', drawerDifferenceApprovalAbove: 0 }).needsApproval).toBe(true);
    expect(checkClose(24901, 24901, { currency: 'USD', drawerDifferenceApprovalAbove: 0 }).needsApproval).toBe(false);
  });

  it('finds the open shift and numbers Z reports per register', () => {
    const o1 = drawerDoc('shift_open', 100, '2026-11-19T14:00:00.000Z');
    const c1 = drawerDoc('shift_close', 100, '2026-11-19T22:00:00.000Z', { shiftId: o1.id, number: 1 });
    const o2 = drawerDoc('shift_open', 100, '2026-11-20T14:00:00.000Z');
    const elsewhere = drawerDoc('shift_close', 100, '2026-11-20T22:00:00.000Z', { deviceId: 'dev2', number: 7 });
    const docs = [c1, o2, o1, elsewhere];
    expect(shiftsOf(docs, 'dev1').map((s) => [s.open.id, s.close?.id ?? null])).toEqual([[o1.id, c1.id], [o2.id, null]]);
    expect(currentShift(docs, 'dev1')?.open.id).toBe(o2.id);
    expect(currentShift([o1, c1], 'dev1')).toBeNull();
    expect(nextZNumber(docs, 'dev1')).toBe(2);
    expect(nextZNumber(docs, 'dev2')).toBe(8);
    expect(nextZNumber([], 'dev1')).toBe(1);
  });

  it('drawer documents pass the shared schema; bad ones do not', () => {
    const open1 = drawerDoc('shift_open', 20000, '2026-11-20T14:00:00.000Z');
    expect(validateDocument('drawer', open1)).toEqual([]);
    const f = shiftFigures({ open: open1, movements: [] }, [], [], '2026-11-20T16:00:00.000Z');
    const close = drawerDoc('shift_close', 19500, '2026-11-20T16:00:00.000Z', {
      shiftId: open1.id, count: [{ value: 10000, quantity: 1 }, { value: 2000, quantity: 4 }], looseAmount: 1500, expected: 20000, difference: -500, number: 1, figures: f,
    });
    expect(validateDocument('drawer', close)).toEqual([]);
    expect(validateDocument('drawer', { ...open1, amount: 12.5 }).length).toBeGreaterThan(0);
    expect(validateDocument('drawer', { ...open1, kind: 'edit' }).length).toBeGreaterThan(0);
    expect(validateDocument('drawer', { ...close, figures: { ...f, expected: '20000' } }).length).toBeGreaterThan(0);
  });
});
