import { describe, expect, it } from 'vitest';
import { MoneyError } from '../../shared/money/index';
import { validateDocument } from '../../shared/schemas/index';
import { buildCashSale, type CartLine, type CashSaleInput } from '../../renderer/src/sales/build-sale';
import { REGISTER, settings } from '../support/demo-settings';

const haircut: CartLine = { id: 'l1', itemId: 'i1', kind: 'service', name: 'Haircut', unitPrice: 6500, quantity: 1, staffId: null };
const shampoo: CartLine = { id: 'l2', itemId: 'i2', kind: 'product', name: 'Shampoo', unitPrice: 1800, quantity: 2, staffId: null };

function sale(overrides: Partial<CashSaleInput> = {}) {
  return buildCashSale({
    orderId: '0190a000-0000-7000-8000-0000000000o1',
    paymentId: '0190a000-0000-7000-8000-0000000000p1',
    number: 'C3A1-0001',
    lines: [haircut, shampoo],
    settings: settings(),
    register: REGISTER,
    cashierId: null,
    tendered: 20000,
    now: new Date('2026-11-21T15:00:00Z'),
    ...overrides,
  });
}

describe('buildCashSale', () => {
  it('prices the order with the money core and gives exact change', () => {
    const { order, payments } = sale();
    // 65.00 + 36.00 = 101.00; tax per line: 5.77 + 3.20 (3.195 half-up) = 8.97
    expect(order).toMatchObject({ subtotal: 10100, taxTotal: 897, discountTotal: 0, total: 10997 });
    expect(order.lines.map((l) => [l.net, l.tax, l.total])).toEqual([[6500, 577, 7077], [3600, 320, 3920]]);
    expect(order.taxes).toEqual([expect.objectContaining({ name: 'Sales tax', amount: 897 })]);
    expect(payments).toEqual([expect.objectContaining({ tender: 'CASH', amount: 10997, tendered: 20000, change: 9003, orderId: order.id })]);
  });

  it('writes documents that pass the schemas both sides validate with', () => {
    const { order, payments } = sale();
    expect(validateDocument('orders', order)).toEqual([]);
    expect(validateDocument('payments', payments[0])).toEqual([]);
  });

  it("dates the sale on the location's business day, not UTC's", () => {
    const { order } = sale({ now: new Date('2026-11-21T03:30:00Z') });
    expect(order.businessDate).toBe('2026-11-20');
    expect(sale({ now: new Date('2026-11-21T03:30:00Z'), settings: settings({ timeZone: 'Asia/Tokyo' }) }).order.businessDate).toBe('2026-11-21');
  });

  it('refuses less cash than the total, and an empty sale', () => {
    expect(() => sale({ tendered: 10996 })).toThrow(MoneyError);
    expect(() => sale({ lines: [] })).toThrow(/no items/);
  });

  it('handles a currency without minor units', () => {
    const { order, payments } = sale({
      settings: settings({ currency: 'JPY', taxes: [{ id: 't', name: 'Consumption tax', rate: '10' }] }),
      lines: [{ ...haircut, unitPrice: 5500 }],
      tendered: 10000,
    });
    expect(order.total).toBe(6050);
    expect(payments[0]!.change).toBe(3950);
  });
});
