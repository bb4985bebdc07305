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
  updatedAt: string;
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
    updatedAt: instantField,
  },
  required: ['id', 'tenantId', 'locationIds', 'name', 'role', 'providesServices', 'commissionRate', 'tipCommissionRate', 'active', 'updatedAt'],
} as const;
