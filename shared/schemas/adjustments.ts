import { TENDERS, type Tender } from './payments';
import type { TipShare } from './orders';
import { businessDateField, currencyField, instantField, minorField, signedMinorField, refField, registerBornFields, textField } from './fields';

export const ADJUSTMENT_KINDS = ['refund', 'void', 'tip_adjustment'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

export interface TaxAmountRecord {
  taxId: string;
  amount: number;
}

/** A refund's figures as the money core planned them (shared/refunds), kept whole. */
export interface RefundRecord {
  amount: number;
  tip: number;
  total: number;
  lines: { lineId: string; quantity: number; net: number; discount: number; tax: number; taxes: TaxAmountRecord[]; total: number }[];
  taxes: TaxAmountRecord[];
  tenders: { paymentId: string; tender: Tender; amount: number; tip: number; fee: number; cashRounding: number }[];
  staff: {
    staffId: string;
    amount: number;
    tip: number;
    salonAmount: number;
    stylistAmount: number;
    salonTipAmount: number;
    stylistTipAmount: number;
  }[];
  /** Where the money went back: to the original tenders, or as store credit. */
  method: 'original' | 'store_credit';
  restock: boolean;
}

/** What a tip change moves for one staff member: their tip share and their part of it after the tip commission (signed). */
export interface StaffTipChange {
  staffId: string;
  tip: number;
  stylistTip: number;
}

export interface TipAdjustmentRecord {
  paymentId: string;
  previousTip: number;
  tip: number;
  /** Who gets the new tip. */
  tipShares: TipShare[];
  /** How the staff's tips change, worked out by the register when the tip was changed (shared/adjustments/tip-shares). */
  staff: StaffTipChange[];
}

/**
 * A change to a completed sale, recorded as a new document: a refund, a void of the whole
 * sale, or a tip set after the sale. Nothing here ever edits the order or its payments.
 */
export interface AdjustmentDoc {
  id: string;
  tenantId: string;
  locationId: string;
  deviceId: string;
  orderId: string;
  kind: AdjustmentKind;
  currency: string;
  staffId: string | null;
  /** The manager whose PIN allowed it, when one was needed. */
  approvedBy: string | null;
  reason: string;
  refund: RefundRecord | null;
  voidedPaymentIds: string[];
  tipAdjustment: TipAdjustmentRecord | null;
  createdAt: string;
  businessDate: string;
}

const taxAmounts = {
  type: 'array',
  maxItems: 20,
  items: { type: 'object', additionalProperties: false, properties: { taxId: refField, amount: minorField }, required: ['taxId', 'amount'] },
} as const;

const object = <P extends Record<string, unknown>>(properties: P) =>
  ({ type: 'object', additionalProperties: false, properties, required: Object.keys(properties) }) as const;

const refundRecord = object({
  amount: minorField,
  tip: minorField,
  total: minorField,
  lines: {
    type: 'array',
    maxItems: 500,
    items: object({
      lineId: refField,
      quantity: { type: 'integer', minimum: 0, maximum: 100000 },
      net: minorField,
      discount: minorField,
      tax: minorField,
      taxes: taxAmounts,
      total: minorField,
    }),
  },
  taxes: taxAmounts,
  tenders: {
    type: 'array',
    maxItems: 20,
    items: object({
      paymentId: refField,
      tender: { type: 'string', enum: [...TENDERS] },
      amount: minorField,
      tip: minorField,
      fee: minorField,
      cashRounding: { type: 'integer', minimum: -1000000, maximum: 1000000 },
    }),
  },
  staff: {
    type: 'array',
    maxItems: 50,
    items: object({
      staffId: refField,
      amount: minorField,
      tip: minorField,
      salonAmount: minorField,
      stylistAmount: minorField,
      salonTipAmount: minorField,
      stylistTipAmount: minorField,
    }),
  },
  method: { type: 'string', enum: ['original', 'store_credit'] },
  restock: { type: 'boolean' },
});

const tipAdjustmentRecord = object({
  paymentId: refField,
  previousTip: minorField,
  tip: minorField,
  tipShares: { type: 'array', maxItems: 50, items: object({ staffId: refField, amount: minorField }) },
  staff: { type: 'array', maxItems: 50, items: object({ staffId: refField, tip: signedMinorField, stylistTip: signedMinorField }) },
});

export const adjustmentSchema = {
  title: 'adjustments',
  description: 'Refunds, voids and tip adjustments of completed sales; amounts are integers in the minor unit of `currency`.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...registerBornFields,
    orderId: refField,
    kind: { type: 'string', enum: [...ADJUSTMENT_KINDS] },
    currency: currencyField,
    staffId: { type: ['string', 'null'], maxLength: 36 },
    approvedBy: { type: ['string', 'null'], maxLength: 36 },
    reason: textField(500),
    refund: { oneOf: [{ type: 'null' }, refundRecord] },
    voidedPaymentIds: { type: 'array', maxItems: 20, items: refField },
    tipAdjustment: { oneOf: [{ type: 'null' }, tipAdjustmentRecord] },
    createdAt: instantField,
    businessDate: businessDateField,
  },
  required: [
    'id', 'tenantId', 'locationId', 'deviceId', 'orderId', 'kind', 'currency', 'staffId', 'approvedBy', 'reason',
    'refund', 'voidedPaymentIds', 'tipAdjustment', 'createdAt', 'businessDate',
  ],
  indexes: ['orderId', 'businessDate'],
} as const;
