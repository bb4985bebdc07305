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

/** A PIN hash; `algorithm` says how to check it (see shared/auth/pin.ts). */
export type StaffPin = ScryptPin | Pbkdf2Pin;

export interface ScryptPin {
  algorithm: 'scrypt';
  /** base64 */
  salt: string;
  N: number;
  r: number;
  p: number;
  /** base64 of the 32-byte derived key */
  hash: string;
}

/** How PINs were hashed before scrypt; such hashes still verify until the PIN is set again. */
export interface Pbkdf2Pin {
  algorithm: 'PBKDF2-SHA256';
  /** base64 */
  salt: string;
  iterations: number;
  /** base64 of the 32-byte derived key */
  hash: string;
}

const pinSalt = { type: 'string', minLength: 16, maxLength: 64 } as const;
const pinHash = { type: 'string', minLength: 40, maxLength: 64 } as const;

/** A person at the business: stylists and coaches who earn, and the people at the desk. */
export const staffSchema = {
  title: 'staff',
  // 1: PIN hashes may be scrypt (version 0 documents are valid as they are).
  version: 1,
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
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            algorithm: { type: 'string', enum: ['scrypt'] },
            salt: pinSalt,
            // Bounds keep a synced document from asking a register for too little work or too much memory.
            N: { type: 'integer', enum: [16384, 32768, 65536, 131072] },
            r: { type: 'integer', enum: [8] },
            p: { type: 'integer', minimum: 1, maximum: 2 },
            hash: pinHash,
          },
          required: ['algorithm', 'salt', 'N', 'r', 'p', 'hash'],
        },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            algorithm: { type: 'string', enum: ['PBKDF2-SHA256'] },
            salt: pinSalt,
            iterations: { type: 'integer', minimum: 100000, maximum: 10000000 },
            hash: pinHash,
          },
          required: ['algorithm', 'salt', 'iterations', 'hash'],
        },
      ],
    },
    updatedAt: instantField,
  },
  required: ['id', 'tenantId', 'locationIds', 'name', 'role', 'providesServices', 'commissionRate', 'tipCommissionRate', 'active', 'updatedAt'],
} as const;
