import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../shared/schemas/index';
import { applyTender } from '../../shared/tenders/index';
import { buildSale, type CartLine, type SaleInput, type TakenTender } from '../../renderer/src/sales/build-sale';
import { REGISTER, settings } from '../support/demo-settings';

const SAM = '0190a000-0000-7000-8000-00000000005a';
const ALEX = '0190a000-0000-7000-8000-0000000000a1';
const haircut: CartLine = { id: 'l1', itemId: 'i1', kind: 'service', name: "Women's haircut", unitPrice: 6500, quantity: 1, staffId: SAM };
const blowout: CartLine = { id: 'l2', itemId: 'i2', kind: 'service', name: 'Blowout', unitPrice: 3500, quantity: 1, staffId: ALEX };
const shampoo: CartLine = { id: 'l3', itemId: 'i3', kind: 'product', name: 'Argan shampoo', unitPrice: 1800, quantity: 1, staffId: null };

function taken(balance: number, tender: Parameters<typeof applyTender>[2], id: string): TakenTender {
  return { ...applyTender(balance, 'USD', tender), paymentId: `0190a000-0000-7000-8000-0000000000${id}` };
}

function sale(overrides: Partial<SaleInput> = {}) {
  return buildSale({
    orderId: '0190a000-0000-7000-8000-0000000000o1',
    number: 'C3A1-0007',
    lines: [haircut, blowout, shampoo],
    tip: { kind: 'percent', percent: '20' },
    tenders: [taken(14848, { tender: 'CARD_EXTERNAL', amount: 10000, cardBrand: 'Visa', cardLast4: '4242' }, 'p1'), taken(4848, { tender: 'CASH', amount: 5000 }, 'p2')],
    settings: settings(),
    register: REGISTER,
    cashierId: '0190a000-0000-7000-8000-0000000000f1',
    clientId: '0190a000-0000-7000-8000-0000000000c1',
    now: new Date('2026-11-21T15:00:00Z'),
    ...overrides,
  });
}

describe('buildSale: tips, discounts, split tender', () => {
  it('takes a 20% tip on the services only, split between the two stylists, and pays it across a card and cash', () => {
    const { order, payments } = sale();
    // services 65 + 35 = 100 → tip 20.00; shampoo carries no tip. Tax 5.77 + 3.11 + 1.60 = 10.48.
    expect(order).toMatchObject({ subtotal: 11800, taxTotal: 1048, total: 12848, tipTotal: 2000, number: 'C3A1-0007' });
    expect(order.tipShares).toEqual([{ staffId: SAM, amount: 1300 }, { staffId: ALEX, amount: 700 }]);
    expect(payments.map((p) => [p.tender, p.amount, p.tip, p.tendered, p.change, p.cardLast4])).toEqual([
      ['CARD_EXTERNAL', 8653, 1347, null, null, '4242'],
      ['CASH', 4195, 653, 5000, 152, null],
    ]);
    expect(payments.reduce((s, p) => s + p.amount, 0)).toBe(order.total);
    expect(payments.reduce((s, p) => s + p.tip, 0)).toBe(order.tipTotal);
    expect(order.clientId).toBe('0190a000-0000-7000-8000-0000000000c1');
    expect(payments.every((p) => p.orderId === order.id && p.cashierId === order.cashierId)).toBe(true);
    expect(validateDocument('orders', order)).toEqual([]);
    for (const p of payments) expect(validateDocument('payments', p)).toEqual([]);
  });

  it('is the same documents every time for the same cart (paying twice writes nothing new)', () => {
    expect(sale()).toEqual(sale());
  });

  it('applies line and order discounts before tax and before the tip', () => {
    const { order, payments } = sale({
      lines: [{ ...haircut, discount: { percent: '10' } }, blowout],
      orderDiscount: { amount: 1000 },
      tip: { kind: 'none' },
      tenders: [taken(9091, { tender: 'ZELLE', amount: 9091 }, 'p1')],
    });
    // haircut 65 − 6.50 = 58.50, blowout 35; order −10 shared 58.50:35 → 6.26 / 3.74; tax 4.64 + 2.77
    expect(order.lines.map((l) => [l.discount, l.net, l.tax])).toEqual([[1276, 5224, 464], [374, 3126, 277]]);
    expect(order).toMatchObject({ subtotal: 10000, discountTotal: 1650, taxTotal: 741, total: 9091 });
    expect(payments).toEqual([expect.objectContaining({ tender: 'ZELLE', amount: 9091, tip: 0 })]);
  });

  it('takes a manual tip split when one is given, and refuses one that does not add up', () => {
    const manual = sale({ tipShares: [{ staffId: SAM, amount: 1000 }, { staffId: ALEX, amount: 1000 }] });
    expect(manual.order.tipShares).toEqual([{ staffId: SAM, amount: 1000 }, { staffId: ALEX, amount: 1000 }]);
    expect(() => sale({ tipShares: [{ staffId: SAM, amount: 1500 }] })).toThrow(/add up to 1500 but the tip is 2000/);
  });

  it('refuses a tip nobody can receive, tenders that do not cover the balance, and an empty sale', () => {
    expect(() => sale({ lines: [{ ...haircut, staffId: null }], tenders: [taken(9077, { tender: 'CASH', amount: 9077 }, 'p1')] })).toThrow(/who performed the service/);
    expect(() => sale({ tenders: [taken(14848, { tender: 'CARD_EXTERNAL', amount: 10000 }, 'p1')] })).toThrow(/4848 \(minor units\) is still due/);
    expect(() => sale({ lines: [] })).toThrow(/no items/);
  });

  it('takes a custom tip amount and a custom-priced line', () => {
    const { order, payments } = sale({
      lines: [haircut, { id: 'c1', itemId: null, kind: 'custom', name: 'Fringe trim', unitPrice: 1000, quantity: 1, staffId: SAM }],
      tip: { kind: 'amount', amount: 1234 },
      tenders: [taken(9400, { tender: 'CHECK', amount: 9400 }, 'p1')],
    });
    // 65 + 10 = 75; tax 5.77 + 0.89 (0.8875 half-up) = 6.66 → 81.66; tip 12.34 → 94.00 paid by check
    expect(order).toMatchObject({ total: 8166, tipTotal: 1234 });
    expect(order.tipShares).toEqual([{ staffId: SAM, amount: 1234 }]);
    expect(payments[0]).toMatchObject({ tender: 'CHECK', amount: 8166, tip: 1234 });
  });
});
