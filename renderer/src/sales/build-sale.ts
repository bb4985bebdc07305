import { newId } from '../../../shared/ids';
import { MoneyError } from '../../../shared/money/index';
import { priceOrder, type PricedOrder } from '../../../shared/pricing/index';
import type { OrderDoc, OrderLine, PaymentDoc, SettingsDoc } from '../../../shared/schemas/index';
import { businessDate } from '../../../shared/time';

export interface CartLine {
  id: string;
  itemId: string | null;
  kind: OrderLine['kind'];
  name: string;
  unitPrice: number;
  quantity: number;
  staffId: string | null;
}

export interface RegisterIdentity {
  tenantId: string;
  locationId: string;
  deviceId: string;
}

export function priceCart(lines: readonly CartLine[], settings: SettingsDoc): PricedOrder {
  return priceOrder({
    currency: settings.currency,
    lines: lines.map((line) => ({ id: line.id, kind: line.kind, quantity: line.quantity, unitPrice: line.unitPrice, staffId: line.staffId })),
    taxes: settings.taxes,
    taxInclusive: settings.taxInclusive,
  });
}

export interface CashSaleInput {
  /** Ids chosen when the sale started, so pressing Pay twice writes the same documents. */
  orderId: string;
  paymentId: string;
  number: string;
  lines: readonly CartLine[];
  settings: SettingsDoc;
  register: RegisterIdentity;
  cashierId: string | null;
  tendered: number;
  now: Date;
}

export interface Sale {
  order: OrderDoc;
  payments: PaymentDoc[];
}

/** The order and its cash payment, exactly as they will be stored and replicated. */
export function buildCashSale(input: CashSaleInput): Sale {
  const { settings, register, now } = input;
  if (input.lines.length === 0) throw new MoneyError('BAD_QUANTITY', 'The sale has no items: add a service or product first.');
  const priced = priceCart(input.lines, settings);
  if (input.tendered < priced.total) {
    throw new MoneyError('BAD_AMOUNT_STRING', 'The cash received is less than the total due.');
  }
  const createdAt = now.toISOString();
  const day = businessDate(now, settings.timeZone);
  const pricedById = new Map(priced.lines.map((line) => [line.id, line]));
  const order: OrderDoc = {
    id: input.orderId,
    ...register,
    number: input.number,
    cashierId: input.cashierId,
    clientId: null,
    lines: input.lines.map((line) => {
      const priced = pricedById.get(line.id)!;
      return {
        id: line.id,
        itemId: line.itemId,
        kind: line.kind,
        name: line.name,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        staffId: line.staffId,
        discount: priced.discount,
        net: priced.net,
        tax: priced.tax,
        taxes: priced.taxes.map((tax) => ({ ...tax })),
        total: priced.total,
      };
    }),
    taxInclusive: priced.taxInclusive,
    taxes: priced.taxes.map((tax) => ({ ...tax })),
    tipShares: [],
    currency: settings.currency,
    subtotal: priced.subtotal,
    discountTotal: priced.discount,
    taxTotal: priced.tax,
    tipTotal: 0,
    total: priced.total,
    createdAt,
    businessDate: day,
  };
  const payment: PaymentDoc = {
    id: input.paymentId,
    ...register,
    orderId: order.id,
    tender: 'CASH',
    mode: 'OFFLINE',
    status: 'succeeded',
    currency: settings.currency,
    amount: priced.total,
    tip: 0,
    fee: 0,
    tendered: input.tendered,
    change: input.tendered - priced.total,
    label: null,
    cardBrand: null,
    cardLast4: null,
    cashierId: input.cashierId,
    createdAt,
    businessDate: day,
  };
  return { order, payments: [payment] };
}

export function newSaleIds(): { orderId: string; paymentId: string } {
  return { orderId: newId(), paymentId: newId() };
}
