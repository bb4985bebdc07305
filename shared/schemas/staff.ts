import { instantField, percentField, refField, scopeFields, textField } from './fields';

export const STAFF_ROLES = ['front_desk', 'provider', 'manager', 'owner'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffDoc {
  id: string;
  tenantId: string;
  locationIds: string[];
  name: string;
  role: StaffRole;
  providesServices: boolean;
  commissionRate: string;
  tipCommissionRate: string;
  active: boolean;
  /** The register sign-in PIN, hashed (see shared/auth/pin.ts); null or absent: no PIN set. */
  pin?: StaffPin | null;
  updatedAt: string;
}

export interface StaffPin {
  algorithm: 'PBKDF2-SHA256';
  /** base64 */
  salt: string;
  iterations: number;
  /** base64 of the 32-byte derived key */
  hash: string;
}

/** A person at the business: stylists and coaches who earn, and the people at the desk. */
export const staffSchema = {
  title: 'staff',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...scopeFields,
    locationIds: { type: 'array', items: refField, maxItems: 100 },
    name: textField(120),
    role: { type: 'string', enum: [...STAFF_ROLES] },
    providesServices: { type: 'boolean' },
    commissionRate: percentField,
    tipCommissionRate: percentField,
    active: { type: 'boolean' },
    pin: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        algorithm: { type: 'string', enum: ['PBKDF2-SHA256'] },
        salt: { type: 'string', minLength: 16, maxLength: 64 },
        iterations: { type: 'integer', minimum: 100000, maximum: 10000000 },
        hash: { type: 'string', minLength: 40, maxLength: 64 },
      },
      required: ['algorithm', 'salt', 'iterations', 'hash'],
    },
    updatedAt: instantField,
  },
  required: ['id', 'tenantId', 'locationIds', 'name', 'role', 'providesServices', 'commissionRate', 'tipCommissionRate', 'active', 'updatedAt'],
} as const;
