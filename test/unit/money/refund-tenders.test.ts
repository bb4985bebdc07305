import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chosenTenderSplit, defaultTenderSplit, type TenderRoom } from '../../../shared/refunds';
import { TENDERS } from '../../../shared/schemas/payments';
import { RUNS } from './arbitraries';

const card: TenderRoom = { paymentId: 'card', tender: 'CARD_TERMINAL', amount: 6000, tip: 1600 };
const cash: TenderRoom = { paymentId: 'cash', tender: 'CASH', amount: 4888, tip: 0 };
const machine: TenderRoom = { paymentId: 'machine', tender: 'CARD_EXTERNAL', amount: 1000, tip: 0 };

describe('refund tenders, worked examples', () => {
  it('go to one tender by default: the card when it can be refunded, cash first when the terminal is out of reach', () => {
    expect(defaultTenderSplit([cash, card], 1633, 600)).toEqual([{ paymentId: 'cash', amount: 0, tip: 0 }, { paymentId: 'card', amount: 1633, tip: 600 }]);
    // Offline the terminal cannot refund: the amount goes to cash; the tip only sits on the card.
    expect(defaultTenderSplit([card, cash], 1633, 0, false)).toEqual([{ paymentId: 'card', amount: 0, tip: 0 }, { paymentId: 'cash', amount: 1633, tip: 0 }]);
    // The card machine is always refundable, before cash, whatever the connection.
    expect(defaultTenderSplit([cash, machine], 500, 0, false)).toEqual([{ paymentId: 'cash', amount: 0, tip: 0 }, { paymentId: 'machine', amount: 500, tip: 0 }]);
  });

  it('spill to the next tender only what the first no longer holds', () => {
    expect(defaultTenderSplit([card, cash], 7000, 1600)).toEqual([{ paymentId: 'card', amount: 6000, tip: 1600 }, { paymentId: 'cash', amount: 1000, tip: 0 }]);
  });

  it('follow the person: each tender’s figure is kept, the tip sits where a tip was paid', () => {
    expect(chosenTenderSplit([card, cash], 1633, 600, [{ paymentId: 'card', total: 1000 }, { paymentId: 'cash', total: 1233 }]))
      .toEqual([{ paymentId: 'card', amount: 400, tip: 600 }, { paymentId: 'cash', amount: 1233, tip: 0 }]);
  });

  it('refuse a split that does not add up, exceeds a payment or cannot carry the tip, saying why', () => {
    const fmt = (minor: number) => `$${(minor / 100).toFixed(2)}`;
    expect(() => chosenTenderSplit([card, cash], 1633, 600, [{ paymentId: 'card', total: 1000 }], fmt))
      .toThrow('The tenders give back $10.00 but the refund is $22.33: make them add up.');
    expect(() => chosenTenderSplit([card, cash], 5000, 600, [{ paymentId: 'cash', total: 5600 }], fmt))
      .toThrow('$56.00 is more than the $48.88 this payment still holds.');
    expect(() => chosenTenderSplit([card, cash], 1633, 600, [{ paymentId: 'cash', total: 2233 }])).toThrow(expect.objectContaining({ code: 'BAD_SPLIT' }));
    expect(() => chosenTenderSplit([card, cash], 1, 0, [{ paymentId: 'gift', total: 1 }])).toThrow(expect.objectContaining({ code: 'UNKNOWN_REFERENCE' }));
    expect(() => chosenTenderSplit([card, cash], 1, 0, [{ paymentId: 'card', total: 0.5 }])).toThrow(expect.objectContaining({ code: 'NEGATIVE_AMOUNT' }));
  });
});

const roomsArb = fc.array(
  fc.record({ tender: fc.constantFrom(...TENDERS), amount: fc.nat({ max: 50_000 }), tip: fc.nat({ max: 5_000 }) }),
  { minLength: 1, maxLength: 4 },
).map((rooms) => rooms.map((r, i): TenderRoom => ({ ...r, paymentId: `pay-${i}` })));

/** A refund the payments can hold, and one split of it that fits them (fractions of each payment). */
const caseArb = roomsArb.chain((rooms) =>
  fc.tuple(fc.constant(rooms), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: rooms.length, maxLength: rooms.length }), fc.boolean()),
).map(([rooms, fractions, reachable]) => {
  const parts = rooms.map((room, i) => ({ paymentId: room.paymentId, amount: Math.floor(room.amount * fractions[i]![0]), tip: Math.floor(room.tip * fractions[i]![1]) }));
  return { rooms, parts, reachable, amount: parts.reduce((s, p) => s + p.amount, 0), tip: parts.reduce((s, p) => s + p.tip, 0) };
});

function assertFits(rooms: readonly TenderRoom[], parts: readonly { amount: number; tip: number }[], amount: number, tip: number): void {
  assert.equal(parts.reduce((s, p) => s + p.amount, 0), amount);
  assert.equal(parts.reduce((s, p) => s + p.tip, 0), tip);
  parts.forEach((p, i) => {
    assert.ok(Number.isSafeInteger(p.amount) && Number.isSafeInteger(p.tip) && p.amount >= 0 && p.tip >= 0);
    assert.ok(p.amount <= rooms[i]!.amount && p.tip <= rooms[i]!.tip);
  });
}

describe('refund tenders, properties', () => {
  it('the default always adds up within what each payment holds, and uses one tender when any payment could hold it all', () => {
    fc.assert(fc.property(caseArb, ({ rooms, amount, tip, reachable }) => {
      const parts = defaultTenderSplit(rooms, amount, tip, reachable);
      assertFits(rooms, parts, amount, tip);
      const used = parts.filter((p) => p.amount + p.tip > 0);
      if (rooms.every((r) => r.amount >= amount && r.tip >= tip)) assert.ok(used.length <= 1);
    }), RUNS);
  });

  it('a chosen split that fits the payments is always taken, keeping each tender’s figure, and adds up', () => {
    fc.assert(fc.property(caseArb, ({ rooms, parts, amount, tip }) => {
      const chosen = parts.map((p) => ({ paymentId: p.paymentId, total: p.amount + p.tip }));
      const split = chosenTenderSplit(rooms, amount, tip, chosen);
      assertFits(rooms, split, amount, tip);
      split.forEach((p, i) => assert.equal(p.amount + p.tip, chosen[i]!.total));
    }), RUNS);
  });
});
