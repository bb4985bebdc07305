import type { AdjustmentDoc, DrawerDoc, OrderDoc, PaymentDoc, Tender } from '../../shared/schemas/index';
import { businessDate } from '../../shared/time';

let seq = 0;
const id = (prefix: string) => `${prefix}-${String(++seq).padStart(6, '0')}`;
export const SCOPE = { tenantId: 't1', locationId: 'loc1', deviceId: 'dev1' };
/** The fixtures' location; sales and refunds are made at 15:00 and 16:00 UTC, 10:00 and 11:00 there. */
export const TIME_ZONE = 'America/New_York';

export function order(businessDate: string, lines: { kind?: 'service' | 'product'; itemId?: string; net: number; staffId?: string | null; quantity?: number }[], tipShares: { staffId: string; amount: number }[] = [], extra: Partial<OrderDoc> = {}): OrderDoc {
  const net = lines.reduce((s, l) => s + l.net, 0);
  return {
    id: id('order'), ...SCOPE, number: 'X-1', cashierId: null, clientId: null,
    lines: lines.map((l) => ({
      id: id('line'), itemId: l.itemId ?? null, kind: l.kind ?? 'service', name: 'x', quantity: l.quantity ?? 1, unitPrice: l.net, staffId: l.staffId ?? null,
      discount: 0, net: l.net, tax: 0, taxes: [], total: l.net,
    })),
    taxInclusive: false, taxes: [], tipShares, currency: 'USD', subtotal: net, discountTotal: 0, taxTotal: 0, tipTotal: tipShares.reduce((s, t) => s + t.amount, 0), total: net,
    createdAt: `${businessDate}T15:00:00.000Z`, businessDate, ...extra,
  };
}

export function payment(businessDate: string, tender: Tender, amount: number, tip = 0, extra: Partial<PaymentDoc> = {}): PaymentDoc {
  return {
    id: id('pay'), ...SCOPE, orderId: id('order'), tender, mode: 'OFFLINE', status: 'succeeded', currency: 'USD', amount, tip, fee: 0,
    tendered: tender === 'CASH' ? amount + tip : null, change: tender === 'CASH' ? 0 : null, label: null, cardBrand: null, cardLast4: null,
    cashierId: null, createdAt: `${businessDate}T15:00:00.000Z`, businessDate, ...extra,
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
    voidedPaymentIds: [], tipAdjustment: null, createdAt: `${businessDate}T16:00:00.000Z`, businessDate, ...extra,
  };
}

export function drawerDoc(kind: DrawerDoc['kind'], amount: number, createdAt: string, extra: Partial<DrawerDoc> = {}): DrawerDoc {
  const docId = id('drawer');
  return {
    id: docId, ...SCOPE, kind, shiftId: docId, currency: 'USD', staffId: 's1', approvedBy: null, amount, reason: null, count: null, looseAmount: null,
    expected: null, difference: null, number: null, figures: null, createdAt, businessDate: businessDate(createdAt, TIME_ZONE), ...extra,
  };
}
