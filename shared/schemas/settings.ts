import { currencyField, instantField, percentField, refField, scopeFields, textField } from './fields';

export interface TaxRate {
  id: string;
  name: string;
  rate: string;
}

/** One location's settings; the document id is the location id. */
export interface SettingsDoc {
  id: string;
  tenantId: string;
  locationId: string;
  businessName: string;
  locationName: string;
  address: string;
  timeZone: string;
  currency: string;
  locale: string;
  taxInclusive: boolean;
  taxes: TaxRate[];
  tipPresets: string[];
  receiptFooter: string;
  updatedAt: string;
}

export const settingsSchema = {
  title: 'settings',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...scopeFields,
    locationId: refField,
    businessName: textField(200),
    locationName: textField(200),
    address: textField(500),
    timeZone: textField(64),
    currency: currencyField,
    locale: textField(35),
    taxInclusive: { type: 'boolean' },
    taxes: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { id: refField, name: textField(60), rate: percentField },
        required: ['id', 'name', 'rate'],
      },
    },
    tipPresets: { type: 'array', items: percentField, maxItems: 6 },
    receiptFooter: textField(500),
    updatedAt: instantField,
  },
  required: [
    'id', 'tenantId', 'locationId', 'businessName', 'locationName', 'address', 'timeZone', 'currency', 'locale',
    'taxInclusive', 'taxes', 'tipPresets', 'receiptFooter', 'updatedAt',
  ],
} as const;
