import { instantField, registerBornFields } from './fields';

export const AUDIT_EVENT_KINDS = [
  'sign_in', 'sign_out', 'sale', 'refund', 'void', 'tip_adjustment', 'discount_override', 'price_override',
  'drawer_open', 'pin_override',
] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

export const GENESIS_HASH = '0'.repeat(64);

/**
 * One entry of a register's tamper-evident journal. Events of one register form a chain:
 * `seq` counts from 1, `prevHash` is the previous event's `hash` (GENESIS_HASH for the first),
 * and `hash` is SHA-256 over `prevHash` and the event's canonical JSON without `hash`.
 */
export interface AuditEventDoc {
  id: string;
  tenantId: string;
  locationId: string;
  deviceId: string;
  seq: number;
  kind: AuditEventKind;
  staffId: string | null;
  subjectId: string | null;
  details: Record<string, string | number | boolean | null>;
  createdAt: string;
  prevHash: string;
  hash: string;
}

const hashField = { type: 'string', pattern: '^[0-9a-f]{64}$', minLength: 64, maxLength: 64 } as const;

export const auditEventSchema = {
  title: 'audit_events',
  description: "A register's hash-chained journal of sign-ins, sales, refunds, voids, overrides and drawer openings.",
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...registerBornFields,
    seq: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 },
    kind: { type: 'string', enum: [...AUDIT_EVENT_KINDS] },
    staffId: { type: ['string', 'null'], maxLength: 36 },
    subjectId: { type: ['string', 'null'], maxLength: 36 },
    details: {
      type: 'object',
      maxProperties: 20,
      additionalProperties: { anyOf: [{ type: 'string', maxLength: 500 }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }] },
    },
    createdAt: instantField,
    prevHash: hashField,
    hash: hashField,
  },
  required: ['id', 'tenantId', 'locationId', 'deviceId', 'seq', 'kind', 'staffId', 'subjectId', 'details', 'createdAt', 'prevHash', 'hash'],
  indexes: ['seq'],
} as const;
