import fc from 'fast-check';
import { priceOrder, type Discount, type PriceLineInput, type PriceOrderInput } from '../../../shared/pricing';

export const RUNS = { numRuns: 10_000 };

const percent = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 9999 }))
  .map(([whole, decimals]) => (whole === 100 ? '100' : `${whole}.${String(decimals).padStart(4, '0')}`));

const discount: fc.Arbitrary<Discount | undefined> = fc.oneof(
  fc.constant(undefined),
  percent.map((p) => ({ percent: p })),
  fc.integer({ min: 0, max: 2_000 }).map((amount) => ({ amount })),
);

export const STAFF = ['ana', 'ben', 'cleo', 'dev', 'eli'];
const TAXES = [
  { id: 'state', name: 'State tax', rate: '4' },
  { id: 'city', name: 'City tax', rate: '4.5' },
  { id: 'mctd', name: 'MCTD', rate: '0.375' },
];

const line = (id: number): fc.Arbitrary<PriceLineInput> =>
  fc.record({
    kind: fc.constantFrom('service', 'service', 'product', 'membership', 'package', 'gift_card'),
    quantity: fc.integer({ min: 1, max: 5 }),
    unitPrice: fc.integer({ min: 0, max: 200_000 }),
    staffId: fc.constantFrom(...STAFF, null),
    discount,
    taxIds: fc.option(fc.subarray(TAXES.map((t) => t.id)), { nil: undefined }),
  }).map((l) => {
    const fixed = l.discount && 'amount' in l.discount ? { amount: Math.min(l.discount.amount, l.quantity * l.unitPrice) } : l.discount;
    return { ...l, id: `line-${id}`, discount: fixed };
  });

/** Orders of 1 to 8 lines in a 0-, 2- or 3-decimal currency, taxes inclusive or not, discounts of every kind. */
export const orderInput: fc.Arbitrary<PriceOrderInput> = fc
  .record({
    currency: fc.constantFrom('USD', 'JPY', 'KWD'),
    count: fc.integer({ min: 1, max: 8 }),
    taxInclusive: fc.boolean(),
    orderDiscount: fc.oneof(fc.constant(undefined), percent.map((p) => ({ percent: p })), fc.nat(1_000).map((amount) => ({ amount }))),
    rounding: fc.constantFrom('half-up' as const, 'half-even' as const),
  })
  .chain(({ count, ...rest }) =>
    fc.tuple(...Array.from({ length: count }, (_, i) => line(i))).map((lines) => ({ ...rest, lines, taxes: TAXES })),
  )
  .map((input) => {
    if (!input.orderDiscount || !('amount' in input.orderDiscount)) return input;
    // A fixed order discount is never more than what the lines come to after their own discounts.
    const before = priceOrder({ ...input, orderDiscount: undefined });
    return { ...input, orderDiscount: { amount: Math.min(input.orderDiscount.amount, before.subtotal - before.discount) } };
  });
