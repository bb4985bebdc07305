import { instantField, scopeFields } from './fields';

/**
 * A client of the business (tenant-wide, not per location). The front desk may add one
 * offline at checkout; the back office may edit it later, so it is not append-only.
 */
export interface ClientDoc {
  id: string;
  tenantId: string;
  name: string;
  phone: string | null;
  email: string | null;
  createdAt: string;
  updatedAt: string;
}

export const clientSchema = {
  title: 'clients',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...scopeFields,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    phone: { type: ['string', 'null'], maxLength: 40 },
    email: { type: ['string', 'null'], maxLength: 254 },
    createdAt: instantField,
    updatedAt: instantField,
  },
  required: ['id', 'tenantId', 'name', 'phone', 'email', 'createdAt', 'updatedAt'],
} as const;

