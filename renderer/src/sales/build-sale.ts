import { newId } from '../../../shared/ids';
import { money, MoneyError } from '../../../shared/money/index';
import { priceOrder, type Discount, type PricedOrder } from '../../../shared/pricing/index';
import type { OrderDoc, OrderLine, PaymentDoc, SettingsDoc } from '../../../shared/schemas/index';
import { applyTender, paymentAmounts, type SettledTender } from '../../../shared/tenders/index';
import { businessDate } from '../../../shared/time';
import { splitTipByService, splitTipManually, tipAmount, type TipShare } from '../../../shared/tips/index';

export interface CartLine {
  id: string;
  itemId: string | null;
  kind: OrderLine['kind'];
  name: string;
  unitPrice: number;
  quantity: number;
  staffId: string | null;
  /** A service done by no stylist on purpose ("House"): its commission and tip go to no one. */
  house?: boolean;
  discount?: Discount | null;
}

/** The services nobody has been chosen for yet: each needs its stylist, or "House" on purpose, before Charge. */
export function linesWithoutStylist(lines: readonly CartLine[]): CartLine[] {
  return lines.filter((line) => line.kind === 'service' && !line.staffId && !line.house);
}

/** The tip as chosen on the tip screen; amounts in minor units (the cart is stored as JSON). */
export type TipSelection = { kind: 'none' } | { kind: 'percent'; percent: string } | { kind: 'amount'; amount: number };

export interface RegisterIdentity {
  tenantId: string;
  locationId: string;
  deviceId: string;
}

/** A tender taken for the sale, with the payment id it was given when it was taken. */
export type TakenTender = SettledTender & { paymentId: string };

export interface SaleInput {
  /** Ids chosen when the sale started (and when each tender was taken), so a repeated Pay writes the same documents. */
  orderId: string;
  number: string;
  lines: readonly CartLine[];
  orderDiscount?: Discount | null;
  clientId?: string | null;
  tip?: TipSelection;
  /** A manual tip split; by default the tip is shared by service value. */
  tipShares?: readonly TipShare[] | null;
  tenders: readonly TakenTender[];
  settings: SettingsDoc;
  register: RegisterIdentity;
  cashierId: string | null;
  now: Date;
}

export interface Sale {
  order: OrderDoc;
  payments: PaymentDoc[];
}

export function priceCart(lines: readonly CartLine[], settings: SettingsDoc, orderDiscount?: Discount | null): PricedOrder {
  return priceOrder({
    currency: settings.currency,
    lines: lines.map((line) => ({
      id: line.id, kind: line.kind, quantity: line.quantity, unitPrice: line.unitPrice, staffId: line.staffId, discount: line.discount ?? undefined,
    })),
    taxes: settings.taxes,
    taxInclusive: settings.taxInclusive,
    orderDiscount: orderDiscount ?? undefined,
  });
}

/** The tip in minor units: percentages of the services only (shared/tips). */
export function tipFor(priced: PricedOrder, tip: TipSelection | undefined): number {
  if (!tip || tip.kind === 'none') return 0;
  if (tip.kind === 'percent') return tipAmount(priced, { kind: 'percent', percent: tip.percent }).amount;
  return tipAmount(priced, { kind: 'amount', amount: money(tip.amount, priced.currency) }).amount;
}

/** Who gets the tip: the manual split when one was entered, else by service value. */
export function tipSharesFor(priced: PricedOrder, tip: number, manual?: readonly TipShare[] | null): TipShare[] {
  if (tip === 0) return [];
  const amount = money(tip, priced.currency);
  if (manual && manual.length) return splitTipManually(priced, amount, manual).filter((share) => share.amount > 0);
  if (!priced.lines.some((line) => line.kind === 'service' && line.staffId)) {
    throw new MoneyError('BAD_SPLIT', 'Choose who performed the service, so the tip reaches them.');
  }
  return splitTipByService(priced, amount);
}

/** The order and its payments (one per tender), exactly as they will be stored and replicated. */
export function buildSale(input: SaleInput): Sale {
  const { settings, register, now } = input;
  if (input.lines.length === 0) throw new MoneyError('BAD_QUANTITY', 'The sale has no items: add a service or product first.');
  const priced = priceCart(input.lines, settings, input.orderDiscount);
  const tip = tipFor(priced, input.tip);
  const tipShares = tipSharesFor(priced, tip, input.tipShares);
  const splits = paymentAmounts(priced.total, tip, input.tenders);
  const createdAt = now.toISOString();
  const day = businessDate(now, settings.timeZone);
  const pricedById = new Map(priced.lines.map((line) => [line.id, line]));
  const order: OrderDoc = {
    id: input.orderId,
    ...register,
    number: input.number,
    cashierId: input.cashierId,
    clientId: input.clientId ?? null,
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
    tipShares: tipShares.map((share) => ({ ...share })),
    currency: settings.currency,
    subtotal: priced.subtotal,
    discountTotal: priced.discount,
    taxTotal: priced.tax,
    tipTotal: tip,
    total: priced.total,
    createdAt,
    businessDate: day,
  };
  const payments = input.tenders.map(
    (tender, i): PaymentDoc => ({
      id: tender.paymentId,
      ...register,
      orderId: order.id,
      tender: tender.tender,
      mode: 'OFFLINE',
      status: 'succeeded',
      currency: settings.currency,
      amount: splits[i]!.amount,
      tip: splits[i]!.tip,
      fee: 0,
      tendered: tender.tendered,
      change: tender.change,
      label: tender.label,
      cardBrand: tender.cardBrand,
      cardLast4: tender.cardLast4,
      cashierId: input.cashierId,
      createdAt,
      businessDate: day,
    }),
  );
  return { order, payments };
}

export interface CashSaleInput extends Omit<SaleInput, 'tenders'> {
  paymentId: string;
  /** The cash handed over. */
  tendered: number;
}

/** A sale paid in one go with cash. */
export function buildCashSale(input: CashSaleInput): Sale {
  if (input.lines.length === 0) throw new MoneyError('BAD_QUANTITY', 'The sale has no items: add a service or product first.');
  const priced = priceCart(input.lines, input.settings, input.orderDiscount);
  const balance = priced.total + tipFor(priced, input.tip);
  const cash = applyTender(balance, input.settings.currency, { tender: 'CASH', amount: input.tendered });
  if (cash.applied < balance) throw new MoneyError('BAD_AMOUNT_STRING', 'The cash received is less than the total due.');
  return buildSale({ ...input, tenders: [{ ...cash, paymentId: input.paymentId }] });
}

export function newSaleIds(): { orderId: string; paymentId: string } {
  return { orderId: newId(), paymentId: newId() };
}
