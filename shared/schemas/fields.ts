/** JSON-schema building blocks shared by every collection's schema. */

export const MAX_MINOR = Number.MAX_SAFE_INTEGER;

export const idField = { type: 'string', maxLength: 36, minLength: 1 } as const;
export const refField = { type: 'string', maxLength: 36, minLength: 1 } as const;
export const currencyField = { type: 'string', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 } as const;
export const minorField = { type: 'integer', minimum: 0, maximum: MAX_MINOR } as const;
export const signedMinorField = { type: 'integer', minimum: -MAX_MINOR, maximum: MAX_MINOR } as const;
export const instantField = { type: 'string', format: 'date-time', maxLength: 40 } as const;
export const businessDateField = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', minLength: 10, maxLength: 10 } as const;
export const percentField = { type: 'string', pattern: '^\\d{1,3}(\\.\\d{1,4})?$', maxLength: 8 } as const;
export const textField = (maxLength: number) => ({ type: 'string', maxLength }) as const;

/** Fields every document carries: its id and the tenant it belongs to. */
export const scopeFields = {
  id: idField,
  tenantId: refField,
} as const;

/** Fields of every document a register makes: its tenant, location and the register itself. */
export const registerBornFields = {
  ...scopeFields,
  locationId: refField,
  deviceId: refField,
} as const;
