import { businessDateField, currencyField, idField, instantField, minorField, percentField, refField, registerBornFields, textField } from './fields';

const lineTaxField = {
  type: 'object',
  additionalProperties: false,
  properties: { taxId: refField, amount: minorField },
  required: ['taxId', 'amount'],
} as const;

export const ORDER_LINE_KINDS = ['service', 'product', 'membership', 'package', 'gift_card', 'custom'] as const;
export type OrderLineKind = (typeof ORDER_LINE_KINDS)[number];

export interface LineTax {
  taxId: string;
  amount: number;
}

/** A line as sold, with the money core's breakdown kept so refunds can be rebuilt exactly. */
export interface OrderLine {
  id: string;
  itemId: string | null;
  kind: OrderLineKind;
  name: string;
  quantity: number;
  unitPrice: number;
  staffId: string | null;
  discount: number;
  net: number;
  tax: number;
  taxes: LineTax[];
  total: number;
}

export interface OrderTax {
  taxId: string;
  name: string;
  rate: string;
  amount: number;
}

export interface TipShare {
  staffId: string;
  amount: number;
}

/**
 * A sale as rung up. Written once when the sale completes and never edited: its status is
 * derived from the payments, refunds and voids that point at it.
 */
export interface OrderDoc {
  id: string;
  tenantId: string;
  locationId: string;
  deviceId: string;
  number: string;
  cashierId: string | null;
  clientId: string | null;
  lines: OrderLine[];
  taxInclusive: boolean;
  taxes: OrderTax[];
  tipShares: TipShare[];
  currency: string;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  tipTotal: number;
  total: number;
  createdAt: string;
  businessDate: string;
}

export const orderSchema = {
  title: 'orders',
  description: 'A sale; amounts are integers in the minor unit of `currency`. total = subtotal - discountTotal (+ taxTotal when prices are tax-exclusive); the tip comes on top, split in tipShares.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...registerBornFields,
    number: textField(32),
    cashierId: { type: ['string', 'null'], maxLength: 36 },
    clientId: { type: ['string', 'null'], maxLength: 36 },
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: idField,
          itemId: { type: ['string', 'null'], maxLength: 36 },
          kind: { type: 'string', enum: [...ORDER_LINE_KINDS] },
          name: textField(200),
          quantity: { type: 'integer', minimum: 1, maximum: 100000 },
          unitPrice: minorField,
          staffId: { type: ['string', 'null'], maxLength: 36 },
          discount: minorField,
          net: minorField,
          tax: minorField,
          taxes: { type: 'array', maxItems: 20, items: lineTaxField },
          total: minorField,
        },
        required: ['id', 'itemId', 'kind', 'name', 'quantity', 'unitPrice', 'staffId', 'discount', 'net', 'tax', 'taxes', 'total'],
      },
    },
    taxInclusive: { type: 'boolean' },
    taxes: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { taxId: refField, name: textField(60), rate: percentField, amount: minorField },
        required: ['taxId', 'name', 'rate', 'amount'],
      },
    },
    tipShares: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { staffId: refField, amount: minorField },
        required: ['staffId', 'amount'],
      },
    },
    currency: currencyField,
    subtotal: minorField,
    discountTotal: minorField,
    taxTotal: minorField,
    tipTotal: minorField,
    total: minorField,
    createdAt: instantField,
    businessDate: businessDateField,
  },
  required: [
    'id', 'tenantId', 'locationId', 'deviceId', 'number', 'cashierId', 'clientId', 'lines', 'taxInclusive', 'taxes', 'tipShares', 'currency',
    'subtotal', 'discountTotal', 'taxTotal', 'tipTotal', 'total', 'createdAt', 'businessDate',
  ],
  indexes: ['businessDate', 'createdAt'],
} as const;
