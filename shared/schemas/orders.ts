import { businessDateField, currencyField, idField, instantField, minorField, refField, scopeFields, textField } from './fields';

export const ORDER_LINE_KINDS = ['service', 'product', 'membership', 'package', 'gift_card', 'custom'] as const;
export type OrderLineKind = (typeof ORDER_LINE_KINDS)[number];

export interface OrderLine {
  id: string;
  itemId: string | null;
  kind: OrderLineKind;
  name: string;
  quantity: number;
  unitPrice: number;
  staffId: string | null;
  total: number;
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
  description: 'A sale; amounts are integers in the minor unit of `currency`. total = subtotal - discountTotal + taxTotal (tax-exclusive) and excludes tip.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...scopeFields,
    locationId: refField,
    deviceId: refField,
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
          total: minorField,
        },
        required: ['id', 'itemId', 'kind', 'name', 'quantity', 'unitPrice', 'staffId', 'total'],
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
    'id', 'tenantId', 'locationId', 'deviceId', 'number', 'cashierId', 'clientId', 'lines', 'currency',
    'subtotal', 'discountTotal', 'taxTotal', 'tipTotal', 'total', 'createdAt', 'businessDate',
  ],
  indexes: ['businessDate', 'createdAt'],
} as const;
