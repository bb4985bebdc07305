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
  /**
   * Refunds above this total (minor units, tip included) need a manager's PIN. Absent on
   * locations saved before refunds existed: `adjustmentRules` (renderer) supplies the default.
   */
  refundApprovalAbove?: number;
  /** Refunds of sales more than this many business days old need a manager's PIN. */
  refundApprovalAfterDays?: number;
  /** How long after the sale a tip can still be added or changed, in hours. */
  tipAdjustmentWindowHours?: number;
  /** The largest over/short (minor units) a cashier closes the drawer with alone; absent: 5 units of the currency. */
  drawerDifferenceApprovalAbove?: number;
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
    refundApprovalAbove: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    refundApprovalAfterDays: { type: 'integer', minimum: 0, maximum: 3650 },
    tipAdjustmentWindowHours: { type: 'integer', minimum: 0, maximum: 8760 },
    drawerDifferenceApprovalAbove: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    updatedAt: instantField,
  },
  required: [
    'id', 'tenantId', 'locationId', 'businessName', 'locationName', 'address', 'timeZone', 'currency', 'locale',
    'taxInclusive', 'taxes', 'tipPresets', 'receiptFooter', 'updatedAt',
  ],
} as const;
