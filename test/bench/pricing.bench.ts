/**
 * Pricing a 50-line order with 5 staff, a tip and 3 tax rates: the whole checkout's money work
 * (prices, discounts, taxes, tip, tip split, commissions). Reported as the median of many runs
 * beside the median of summing 50 integers, the raw operation, in the same process.
 */
import { orderEarnings } from '../../shared/commissions';
import { priceOrder, type PriceOrderInput } from '../../shared/pricing';
import { splitTipByService, tipAmount } from '../../shared/tips';

const STAFF = ['ana', 'ben', 'cleo', 'dev', 'eli'].map((id, i) => ({ id, commissionRate: `${40 + i}.5`, tipCommissionRate: '100' }));
const INPUT: PriceOrderInput = {
  currency: 'USD',
  taxInclusive: false,
  taxes: [{ id: 'state', name: 'State', rate: '4' }, { id: 'city', name: 'City', rate: '4.5' }, { id: 'mctd', name: 'MCTD', rate: '0.375' }],
  orderDiscount: { percent: '5' },
  lines: Array.from({ length: 50 }, (_, i) => ({
    id: `line-${i}`,
    kind: i % 3 === 2 ? ('product' as const) : ('service' as const),
    quantity: 1 + (i % 3),
    unitPrice: 1999 + i * 137,
    staffId: STAFF[i % 5]!.id,
    discount: i % 4 === 0 ? { percent: '10' } : undefined,
  })),
};

function checkout(): number {
  const order = priceOrder(INPUT);
  const tip = tipAmount(order, { kind: 'percent', percent: '20' });
  const earnings = orderEarnings(order, splitTipByService(order, tip), STAFF);
  return order.total + tip.amount + earnings.length;
}

const NUMBERS = Array.from({ length: 50 }, (_, i) => 1999 + i * 137);
function raw(): number {
  let total = 0;
  for (const n of NUMBERS) total += n;
  return total;
}

/** Median time of one call in microseconds, timing batches so the clock's resolution does not matter. */
function median(fn: () => number, batch: number, samples = 101): number {
  let sink = 0;
  for (let i = 0; i < batch * 10; i++) sink += fn();
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) sink += fn();
    times.push(((performance.now() - start) * 1000) / batch);
  }
  if (sink === -1) console.log(sink);
  return times.sort((a, b) => a - b)[samples >> 1]!;
}

export default function bench(): void {
  const priced = median(checkout, 50);
  const summed = median(raw, 100_000);
  console.log(`price a 50-line order (5 staff, tip, 3 taxes): median ${priced.toFixed(1)} µs (budget: well under 1000 µs)`);
  console.log(`raw: sum 50 integers: median ${(summed * 1000).toFixed(1)} ns`);
  console.log(`ratio: ${Math.round(priced / summed)}x the raw sum`);
}
