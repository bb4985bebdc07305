import { businessDateField, currencyField, instantField, minorField, refField, registerBornFields } from './fields';

export const TENDERS = [
  'CASH', 'CARD_TERMINAL', 'CARD_EXTERNAL', 'ZELLE', 'VENMO', 'CHECK', 'GIFT_CARD', 'STORE_CREDIT', 'OTHER',
] as const;
export type Tender = (typeof TENDERS)[number];

export const PAYMENT_MODES = ['ONLINE', 'OFFLINE'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

export const PAYMENT_STATUSES = ['pending', 'authorized', 'succeeded', 'failed', 'canceled', 'voided'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * Money taken for an order by one tender. `amount` is applied to the order, `tip` comes on
 * top: the customer paid amount + tip. For cash, `tendered` is what was handed over and
 * `change` what was given back.
 */
export interface PaymentDoc {
  id: string;
  tenantId: string;
  locationId: string;
  deviceId: string;
  orderId: string;
  tender: Tender;
  mode: PaymentMode;
  status: PaymentStatus;
  currency: string;
  amount: number;
  tip: number;
  /** What the processor charged for taking this payment (0 for cash). */
  fee: number;
  tendered: number | null;
  change: number | null;
  label: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  cashierId: string | null;
  createdAt: string;
  businessDate: string;
  /**
   * Card-terminal outcomes (append-only history): the id of the `pending` payment this document
   * records the outcome of. A payment's effective status is derived from the pending document and
   * its outcome documents (shared/lifecycle `settleAttempts`). Absent or null on every other payment.
   */
  attemptOf?: string | null;
  /** The processor's reference for this payment: the Stripe PaymentIntent id (`pi_...`). */
  processorRef?: string | null;
  /** Why a card payment failed or was canceled, in words for the cashier. */
  failureReason?: string | null;
}

export const paymentSchema = {
  title: 'payments',
  description: 'Money taken by one tender; amounts are integers in the minor unit of `currency`.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...registerBornFields,
    orderId: refField,
    tender: { type: 'string', enum: [...TENDERS], maxLength: 16 },
    mode: { type: 'string', enum: [...PAYMENT_MODES] },
    status: { type: 'string', enum: [...PAYMENT_STATUSES] },
    currency: currencyField,
    amount: minorField,
    tip: minorField,
    fee: minorField,
    tendered: { type: ['integer', 'null'], minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    change: { type: ['integer', 'null'], minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    label: { type: ['string', 'null'], maxLength: 60 },
    cardBrand: { type: ['string', 'null'], maxLength: 20 },
    cardLast4: { type: ['string', 'null'], pattern: '^\\d{4}$' },
    cashierId: { type: ['string', 'null'], maxLength: 36 },
    createdAt: instantField,
    businessDate: businessDateField,
    attemptOf: { type: ['string', 'null'], maxLength: 36 },
    processorRef: { type: ['string', 'null'], maxLength: 255 },
    failureReason: { type: ['string', 'null'], maxLength: 200 },
  },
  required: [
    'id', 'tenantId', 'locationId', 'deviceId', 'orderId', 'tender', 'mode', 'status', 'currency', 'amount',
    'tip', 'fee', 'tendered', 'change', 'label', 'cardBrand', 'cardLast4', 'cashierId', 'createdAt', 'businessDate',
  ],
  indexes: ['orderId', 'businessDate'],
} as const;
