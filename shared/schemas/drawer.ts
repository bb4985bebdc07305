import { TENDERS, type Tender } from './payments';
import { businessDateField, currencyField, instantField, minorField, refField, registerBornFields, signedMinorField } from './fields';

/**
 * What happened to a register's cash drawer, as append-only documents (DESIGN rule 4):
 * - `shift_open`: a shift starts with `amount` as the float; its id is the shift's id.
 * - `pay_in` / `pay_out`: cash put in or taken out during the shift, `amount` with a `reason`.
 * - `shift_close`: the count at the end, which is also the shift's numbered Z report: `count`
 *   per denomination (+ `looseAmount`), `amount` = counted, `expected`, `difference` =
 *   counted - expected (negative: short), `approvedBy` the manager who accepted a difference
 *   above the threshold, `number` the Z number (per register, from 1), `figures` the report
 *   as printed. Nothing edits it afterwards: the server refuses edits of this collection.
 */
export const DRAWER_KINDS = ['shift_open', 'pay_in', 'pay_out', 'shift_close'] as const;
export type DrawerKind = (typeof DRAWER_KINDS)[number];

export interface DrawerTenderLine {
  tender: Tender;
  amount: number;
  tip: number;
  refunds: number;
  count: number;
}

/** The figures of an X or Z report: integers in minor units of the shift's currency. */
export interface ShiftFigures {
  openedAt: string;
  closedAt: string | null;
  float: number;
  cashSales: number;
  cashSalesCount: number;
  cashRefunds: number;
  cashRefundsCount: number;
  payIns: number;
  payInsCount: number;
  payOuts: number;
  payOutsCount: number;
  expected: number;
  /** Sales of every tender in the shift, excluding tips. */
  sales: number;
  tips: number;
  refunds: number;
  /** sales - refunds. */
  net: number;
  orders: number;
  tenders: DrawerTenderLine[];
}

export interface DenominationCountRecord {
  value: number;
  quantity: number;
}

export interface DrawerDoc {
  id: string;
  tenantId: string;
  locationId: string;
  deviceId: string;
  kind: DrawerKind;
  /** The shift this belongs to: the `shift_open` document's id (its own id for `shift_open`). */
  shiftId: string;
  currency: string;
  staffId: string | null;
  approvedBy: string | null;
  /** Float (open), amount (pay in/out), counted total (close). */
  amount: number;
  reason: string | null;
  count: DenominationCountRecord[] | null;
  looseAmount: number | null;
  expected: number | null;
  difference: number | null;
  number: number | null;
  figures: ShiftFigures | null;
  createdAt: string;
  businessDate: string;
}

const count = { type: 'integer', minimum: 0, maximum: 1_000_000_000 } as const;

const figuresSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    openedAt: instantField,
    closedAt: { type: ['string', 'null'], format: 'date-time', maxLength: 40 },
    float: minorField,
    cashSales: minorField,
    cashSalesCount: count,
    cashRefunds: minorField,
    cashRefundsCount: count,
    payIns: minorField,
    payInsCount: count,
    payOuts: minorField,
    payOutsCount: count,
    expected: signedMinorField,
    sales: minorField,
    tips: minorField,
    refunds: minorField,
    net: signedMinorField,
    orders: count,
    tenders: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { tender: { type: 'string', enum: [...TENDERS] }, amount: minorField, tip: minorField, refunds: minorField, count },
        required: ['tender', 'amount', 'tip', 'refunds', 'count'],
      },
    },
  },
  required: [
    'openedAt', 'closedAt', 'float', 'cashSales', 'cashSalesCount', 'cashRefunds', 'cashRefundsCount', 'payIns', 'payInsCount',
    'payOuts', 'payOutsCount', 'expected', 'sales', 'tips', 'refunds', 'net', 'orders', 'tenders',
  ],
} as const;

export const drawerSchema = {
  title: 'drawer',
  description: "A register's cash drawer: shift openings with the float, pay-ins and pay-outs, and the closing count with its Z report. Append-only.",
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...registerBornFields,
    kind: { type: 'string', enum: [...DRAWER_KINDS], maxLength: 16 },
    shiftId: refField,
    currency: currencyField,
    staffId: { type: ['string', 'null'], maxLength: 36 },
    approvedBy: { type: ['string', 'null'], maxLength: 36 },
    amount: minorField,
    reason: { type: ['string', 'null'], maxLength: 200 },
    count: {
      type: ['array', 'null'],
      maxItems: 30,
      items: { type: 'object', additionalProperties: false, properties: { value: minorField, quantity: count }, required: ['value', 'quantity'] },
    },
    looseAmount: { type: ['integer', 'null'], minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    expected: { type: ['integer', 'null'], minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
    difference: { type: ['integer', 'null'], minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
    number: { type: ['integer', 'null'], minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
    figures: figuresSchema,
    createdAt: instantField,
    businessDate: businessDateField,
  },
  required: [
    'id', 'tenantId', 'locationId', 'deviceId', 'kind', 'shiftId', 'currency', 'staffId', 'approvedBy', 'amount', 'reason', 'count',
    'looseAmount', 'expected', 'difference', 'number', 'figures', 'createdAt', 'businessDate',
  ],
  indexes: ['shiftId', 'businessDate'],
} as const;
