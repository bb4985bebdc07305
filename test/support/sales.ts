import { orderEarnings, type StaffEarnings, type StaffRates } from '../../shared/commissions/index';
import { processingFee } from '../../shared/fees/index';
import { newId } from '../../shared/ids';
import { money } from '../../shared/money/index';
import { priceOrder, type PricedOrder } from '../../shared/pricing/index';
import { planRefund, type RefundRequest } from '../../shared/refunds/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc, TaxRate, Tender } from '../../shared/schemas/index';
import type { PairResponseBody } from '../../shared/protocol';
import { businessDate } from '../../shared/time';
import { splitTipByService } from '../../shared/tips/index';
import { cashPayment } from './documents';

export interface SaleLine {
  kind: 'service' | 'product';
  unitPrice: number;
  quantity?: number;
  staffId?: string | null;
}

export interface SaleTenderInput {
  tender: Tender;
  mode: 'ONLINE' | 'OFFLINE';
  /** The processor's fee rule for this tender; none for cash. */
  fee?: { fixed: number; percent: string };
}

export interface Sale {
  order: OrderDoc;
  payments: PaymentDoc[];
  priced: PricedOrder;
  earnings: StaffEarnings[];
}

/**
 * A sale as a register would record it, every figure from the money core: priced lines and
 * taxes (priceOrder), the tip split by service (splitTipByService), staff earnings
 * (orderEarnings), tenders splitting the total and the tip, fees (processingFee).
 */
export function makeSale(
  device: PairResponseBody,
  input: { createdAt: string; timeZone: string; lines: SaleLine[]; tip: number; tenders: SaleTenderInput[]; taxes: TaxRate[]; rates: StaffRates[]; number: string },
): Sale {
  const priced = priceOrder({
    currency: 'USD',
    taxInclusive: false,
    taxes: input.taxes,
    lines: input.lines.map((l) => ({ id: newId(), kind: l.kind, quantity: l.quantity ?? 1, unitPrice: l.unitPrice, staffId: l.staffId ?? null })),
  });
  const tipShares = input.tip > 0 ? splitTipByService(priced, money(input.tip, 'USD')) : [];
  const earnings = orderEarnings(priced, tipShares, input.rates);
  const day = businessDate(input.createdAt, input.timeZone);
  const order: OrderDoc = {
    id: newId(),
    tenantId: device.tenantId,
    locationId: device.locationId,
    deviceId: device.deviceId,
    number: input.number,
    cashierId: null,
    clientId: null,
    lines: priced.lines.map((l, i) => ({
      id: l.id, itemId: null, kind: l.kind, name: `Line ${i + 1}`, quantity: l.quantity, unitPrice: l.unitPrice, staffId: l.staffId,
      discount: l.discount, net: l.net, tax: l.tax, taxes: l.taxes.map((t) => ({ taxId: t.taxId, amount: t.amount })), total: l.total,
    })),
    taxInclusive: false,
    taxes: priced.taxes.map((t) => ({ taxId: t.taxId, name: t.name, rate: t.rate, amount: t.amount })),
    tipShares: tipShares.map((t) => ({ staffId: t.staffId, amount: t.amount })),
    currency: 'USD',
    subtotal: priced.subtotal,
    discountTotal: priced.discount,
    taxTotal: priced.tax,
    tipTotal: input.tip,
    total: priced.total,
    createdAt: input.createdAt,
    businessDate: day,
  };
  // The first tender pays half (rounded down) of the total and of the tip, the last the rest.
  const n = input.tenders.length;
  let amountLeft = priced.total;
  let tipLeft = input.tip;
  const payments = input.tenders.map((t, i) => {
    const amount = i === n - 1 ? amountLeft : Math.floor(priced.total / n);
    const tip = i === n - 1 ? tipLeft : Math.floor(input.tip / n);
    amountLeft -= amount;
    tipLeft -= tip;
    const fee = t.fee ? processingFee(money(amount + tip, 'USD'), t.fee).amount : 0;
    return cashPayment(device, amount, {
      orderId: order.id, tender: t.tender, mode: t.mode, tip, fee, tendered: t.tender === 'CASH' ? amount + tip : null, change: t.tender === 'CASH' ? 0 : null,
      cardBrand: t.tender.startsWith('CARD') ? 'visa' : null, cardLast4: t.tender.startsWith('CARD') ? '4242' : null,
      createdAt: input.createdAt, businessDate: day,
    });
  });
  return { order, payments, priced, earnings };
}

/** A refund adjustment as a register records it: the money core's plan (planRefund) kept whole. */
export function makeRefund(device: PairResponseBody, sale: Sale, request: RefundRequest, createdAt: string, timeZone: string): AdjustmentDoc {
  const refund = planRefund(
    { currency: 'USD', lines: sale.priced.lines, earnings: sale.earnings, tenders: sale.payments.map((p) => ({ paymentId: p.id, tender: p.tender, amount: p.amount, tip: p.tip, fee: p.fee })) },
    [],
    request,
  );
  return {
    id: newId(), tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId, orderId: sale.order.id, kind: 'refund',
    currency: 'USD', staffId: null, approvedBy: null, reason: 'Client unhappy', voidedPaymentIds: [], tipAdjustment: null, createdAt,
    businessDate: businessDate(createdAt, timeZone),
    refund: {
      amount: refund.amount, tip: refund.tip, total: refund.total, method: 'original', restock: false,
      lines: refund.lines.map((l) => ({ ...l, taxes: l.taxes.map((t) => ({ taxId: t.taxId, amount: t.amount })) })),
      taxes: refund.taxes.map((t) => ({ taxId: t.taxId, amount: t.amount })),
      tenders: refund.tenders.map((t) => ({ ...t })),
      staff: refund.staff.map((x) => ({ staffId: x.staffId, amount: x.amount, tip: x.tip, salonAmount: x.salonAmount, stylistAmount: x.stylistAmount, salonTipAmount: x.salonTipAmount, stylistTipAmount: x.stylistTipAmount })),
    },
  };
}
