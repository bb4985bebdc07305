import type { AdjustmentDoc, DrawerDoc, OrderDoc, PaymentDoc, Tender } from '../../shared/schemas/index';
import { DateTime } from 'luxon';
import { businessDate } from '../../shared/time';

let seq = 0;
const id = (prefix: string) => `${prefix}-${String(++seq).padStart(6, '0')}`;
export const SCOPE = { tenantId: 't1', locationId: 'loc1', deviceId: 'dev1' };
/** The fixtures' location; sales are made at 10:00 there and refunds at 11:00, on their business date. */
export const TIME_ZONE = 'America/New_York';
/** The instant of a wall time on a business date in the fixtures' zone (not UTC: 15:00Z is 11:00 in summer). */
const localTime = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: TIME_ZONE }).toUTC().toISO()!;

export function order(businessDate: string, lines: { kind?: 'service' | 'product'; itemId?: string; net: number; staffId?: string | null; quantity?: number }[], tipShares: { staffId: string; amount: number }[] = [], extra: Partial<OrderDoc> = {}): OrderDoc {
  const net = lines.reduce((s, l) => s + l.net, 0);
  return {
    id: id('order'), ...SCOPE, number: 'X-1', cashierId: null, clientId: null,
    lines: lines.map((l) => ({
      id: id('line'), itemId: l.itemId ?? null, kind: l.kind ?? 'service', name: 'x', quantity: l.quantity ?? 1, unitPrice: l.net, staffId: l.staffId ?? null,
      discount: 0, net: l.net, tax: 0, taxes: [], total: l.net,
    })),
    taxInclusive: false, taxes: [], tipShares, currency: 'USD', subtotal: net, discountTotal: 0, taxTotal: 0, tipTotal: tipShares.reduce((s, t) => s + t.amount, 0), total: net,
    createdAt: localTime(businessDate, '10:00'), businessDate, ...extra,
  };
}

export function payment(businessDate: string, tender: Tender, amount: number, tip = 0, extra: Partial<PaymentDoc> = {}): PaymentDoc {
  return {
    id: id('pay'), ...SCOPE, orderId: id('order'), tender, mode: 'OFFLINE', status: 'succeeded', currency: 'USD', amount, tip, fee: 0,
    tendered: tender === 'CASH' ? amount + tip : null, change: tender === 'CASH' ? 0 : null, label: null, cardBrand: null, cardLast4: null,
    cashierId: null, createdAt: localTime(businessDate, '10:00'), businessDate, ...extra,
  };
}

export function refund(businessDate: string, tenders: { paymentId: string; tender: Tender; amount: number; tip?: number; cashRounding?: number }[], extra: Partial<AdjustmentDoc> = {}): AdjustmentDoc {
  const amount = tenders.reduce((s, t) => s + t.amount, 0);
  const tip = tenders.reduce((s, t) => s + (t.tip ?? 0), 0);
  return {
    id: id('adj'), ...SCOPE, orderId: 'o', kind: 'refund', currency: 'USD', staffId: null, approvedBy: null, reason: 'r',
    refund: {
      amount, tip, total: amount + tip, lines: [], taxes: [], staff: [], method: 'original', restock: false,
      tenders: tenders.map((t) => ({ paymentId: t.paymentId, tender: t.tender, amount: t.amount, tip: t.tip ?? 0, fee: 0, cashRounding: t.cashRounding ?? 0 })),
    },
    voidedPaymentIds: [], tipAdjustment: null, createdAt: localTime(businessDate, '11:00'), businessDate, ...extra,
  };
}

export function drawerDoc(kind: DrawerDoc['kind'], amount: number, createdAt: string, extra: Partial<DrawerDoc> = {}): DrawerDoc {
  const docId = id('drawer');
  return {
    id: docId, ...SCOPE, kind, shiftId: docId, currency: 'USD', staffId: 's1', approvedBy: null, amount, reason: null, count: null, looseAmount: null,
    expected: null, difference: null, number: null, figures: null, createdAt, businessDate: businessDate(createdAt, TIME_ZONE), ...extra,
  };
}
