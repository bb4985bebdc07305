import { currencyField, instantField, minorField, scopeFields, textField } from './fields';

export const CATALOG_KINDS = ['service', 'product', 'membership', 'package', 'gift_card'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

export interface CatalogItemDoc {
  id: string;
  tenantId: string;
  kind: CatalogKind;
  name: string;
  category: string;
  price: number;
  currency: string;
  barcode: string | null;
  durationMinutes: number | null;
  active: boolean;
  updatedAt: string;
}

/** Something the front desk sells, owned by the back office and replicated down. */
export const catalogSchema = {
  title: 'catalog',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...scopeFields,
    kind: { type: 'string', enum: [...CATALOG_KINDS] },
    name: textField(200),
    category: textField(100),
    price: minorField,
    currency: currencyField,
    barcode: { type: ['string', 'null'], maxLength: 64 },
    durationMinutes: { type: ['integer', 'null'], minimum: 0, maximum: 1440 },
    active: { type: 'boolean' },
    updatedAt: instantField,
  },
  required: ['id', 'tenantId', 'kind', 'name', 'category', 'price', 'currency', 'barcode', 'durationMinutes', 'active', 'updatedAt'],
} as const;
