import type { SettingsDoc } from '../../shared/schemas/index';

export const REGISTER = {
  tenantId: '0190a000-0000-7000-8000-000000000001',
  locationId: '0190a000-0000-7000-8000-000000000002',
  deviceId: '0190a000-0000-7000-8000-00000000c3a1',
};

export function settings(overrides: Partial<SettingsDoc> = {}): SettingsDoc {
  return {
    id: REGISTER.locationId,
    tenantId: REGISTER.tenantId,
    locationId: REGISTER.locationId,
    businessName: 'Test Salon',
    locationName: 'Main',
    address: '1 Test Street',
    timeZone: 'America/New_York',
    currency: 'USD',
    locale: 'en-US',
    taxInclusive: false,
    taxes: [{ id: '0190a000-0000-7000-8000-0000000000aa', name: 'Sales tax', rate: '8.875' }],
    tipPresets: ['15', '18', '20', '25'],
    receiptFooter: '',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}
