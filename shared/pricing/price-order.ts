import {
  allocateMinor, assertMinorUnits, currencyExponent, MILLIONTHS, MoneyError, mulDivRounded, parsePercent,
  type CurrencyCode, type RoundingMode,
} from '../money';
import type { OrderLineKind } from '../schemas/orders';
import type { TaxRate } from '../schemas/settings';

/** A percentage off ("10", "12.5") or a fixed amount off in minor units. */
export type Discount = { readonly percent: string } | { readonly amount: number };

export interface PriceLineInput {
  readonly id: string;
  readonly kind: OrderLineKind;
  readonly quantity: number;
  /** Minor units; includes tax when the tenant's prices are tax-inclusive. */
  readonly unitPrice: number;
  readonly staffId?: string | null;
  readonly discount?: Discount;
  /** The taxes that apply; by default every tax of the location, and none on a gift card sale. */
  readonly taxIds?: readonly string[];
}

export interface PriceOrderInput {
  readonly currency: CurrencyCode;
  readonly lines: readonly PriceLineInput[];
  readonly taxes: readonly TaxRate[];
  readonly taxInclusive: boolean;
  readonly orderDiscount?: Discount;
  readonly rounding?: RoundingMode;
}

export interface TaxAmount {
  readonly taxId: string;
  readonly amount: number;
}

/** One line's figures in minor units: total = net + tax, and base - discount = total (inclusive) or net (exclusive). */
export interface PricedLine {
  readonly id: string;
  readonly kind: OrderLineKind;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly staffId: string | null;
  /** quantity × unit price, as the prices are entered. */
  readonly base: number;
  /** The line's own discount plus its share of the order discount. */
  readonly discount: number;
  /** After discounts, without tax. */
  readonly net: number;
  readonly tax: number;
  readonly taxes: readonly TaxAmount[];
  readonly total: number;
}

export interface OrderTaxLine extends TaxAmount {
  readonly name: string;
  readonly rate: string;
}

export interface PricedOrder {
  readonly currency: CurrencyCode;
  readonly taxInclusive: boolean;
  readonly lines: readonly PricedLine[];
  readonly subtotal: number;
  readonly discount: number;
  readonly tax: number;
  readonly total: number;
  readonly taxes: readonly OrderTaxLine[];
  /** What the services cost the client after discounts, before any tax added on top: the tip base. */
  readonly serviceSubtotal: number;
}

function nonNegative(value: number, what: string): number {
  assertMinorUnits(value, what);
  if (value < 0) throw new MoneyError('NEGATIVE_AMOUNT', `${what} must not be negative, got ${value}.`);
  return value;
}

function discountOf(discount: Discount | undefined, amount: number, rounding: RoundingMode, what: string): number {
  if (discount === undefined) return 0;
  if ('percent' in discount) return mulDivRounded(amount, parsePercent(discount.percent), MILLIONTHS, rounding);
  if (nonNegative(discount.amount, `${what} discount`) > amount) {
    throw new MoneyError('BAD_DISCOUNT', `${what} discount of ${discount.amount} is more than the ${amount} it applies to.`);
  }
  return discount.amount;
}

function sumOf(values: readonly number[], what: string): number {
  let total = 0;
  for (const value of values) total += value;
  return assertMinorUnits(total, what);
}

/**
 * Price an order: line discounts first, then the order discount shared across lines in
 * proportion to what each line costs after its own discount, then each line's taxes. Every
 * figure is rounded per line, so the order's totals are exactly the sums of its lines.
 */
export function priceOrder(input: PriceOrderInput): PricedOrder {
  const rounding = input.rounding ?? 'half-up';
  currencyExponent(input.currency);
  const rates = new Map(input.taxes.map((tax) => [tax.id, parsePercent(tax.rate)]));
  const bases = input.lines.map((line) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      throw new MoneyError('BAD_QUANTITY', `Line ${line.id}: quantity must be a whole number of at least 1, got ${String(line.quantity)}.`);
    }
    return assertMinorUnits(nonNegative(line.unitPrice, `Line ${line.id} unit price`) * line.quantity, `Line ${line.id} amount`);
  });
  const lineDiscounts = input.lines.map((line, i) => discountOf(line.discount, bases[i]!, rounding, `Line ${line.id}`));
  const afterLineDiscounts = bases.map((base, i) => base - lineDiscounts[i]!);
  const orderDiscount = discountOf(input.orderDiscount, sumOf(afterLineDiscounts, 'Order amount'), rounding, 'Order');
  const orderDiscountShares = allocateMinor(orderDiscount, afterLineDiscounts);

  const lines = input.lines.map((line, i): PricedLine => {
    const base = bases[i]!;
    const discount = lineDiscounts[i]! + orderDiscountShares[i]!;
    const charged = base - discount;
    const taxIds = line.taxIds ?? (line.kind === 'gift_card' ? [] : input.taxes.map((tax) => tax.id));
    const lineRates = taxIds.map((taxId) => {
      const rate = rates.get(taxId);
      if (rate === undefined) throw new MoneyError('UNKNOWN_REFERENCE', `Line ${line.id} names tax "${taxId}", which the location does not have.`);
      return rate;
    });
    let taxAmounts: number[];
    if (input.taxInclusive) {
      const combined = sumOf(lineRates, 'Combined tax rate');
      taxAmounts = allocateMinor(mulDivRounded(charged, combined, MILLIONTHS + combined, rounding), lineRates);
    } else {
      taxAmounts = lineRates.map((rate) => mulDivRounded(charged, rate, MILLIONTHS, rounding));
    }
    const tax = sumOf(taxAmounts, `Line ${line.id} tax`);
    const net = input.taxInclusive ? charged - tax : charged;
    return {
      id: line.id, kind: line.kind, quantity: line.quantity, unitPrice: line.unitPrice, staffId: line.staffId ?? null,
      base, discount, net, tax, total: assertMinorUnits(net + tax, `Line ${line.id} total`),
      taxes: taxIds.map((taxId, t) => ({ taxId, amount: taxAmounts[t]! })),
    };
  });

  const taxTotals = new Map(input.taxes.map((tax) => [tax.id, 0]));
  for (const line of lines) for (const tax of line.taxes) taxTotals.set(tax.taxId, taxTotals.get(tax.taxId)! + tax.amount);
  return {
    currency: input.currency,
    taxInclusive: input.taxInclusive,
    lines,
    subtotal: sumOf(bases, 'Subtotal'),
    discount: sumOf(lines.map((line) => line.discount), 'Discount'),
    tax: sumOf(lines.map((line) => line.tax), 'Tax'),
    total: sumOf(lines.map((line) => line.total), 'Total'),
    taxes: input.taxes.map((tax) => ({ taxId: tax.id, name: tax.name, rate: tax.rate, amount: assertMinorUnits(taxTotals.get(tax.id)!, `${tax.name} total`) })),
    serviceSubtotal: sumOf(lines.filter((line) => line.kind === 'service').map((line) => line.base - line.discount), 'Service subtotal'),
  };
}
